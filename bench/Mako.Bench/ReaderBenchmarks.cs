using BenchmarkDotNet.Attributes;
using Mako.Files;

namespace Mako.Bench;

/// <summary>
/// The plain frame reader: iterate every packet of a capture and sum the captured lengths (what walk.c does).
/// Files come from /work/shared/bench/make-bench-captures.sh; set MAKO_BENCH_DIR to where it wrote them.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    [Params("bench-small.pcap", "bench-mixed.pcap", "bench-mixed.pcapng")]
    public string File { get; set; } = "";

    private static string Dir => Environment.GetEnvironmentVariable("MAKO_BENCH_DIR") ?? "/work/benchdata";

    [Benchmark]
    public long ReadAllPackets() => WalkFile(Path.Combine(Dir, File)).Bytes;

    public static (long Packets, long Bytes) WalkFile(string path)
    {
        using var r = CaptureReader.Open(path);
        long packets = 0, bytes = 0;
        while (r.ReadPacket())
        {
            packets++;
            bytes += r.Packet.CapturedLength;
        }
        return (packets, bytes);
    }
}
