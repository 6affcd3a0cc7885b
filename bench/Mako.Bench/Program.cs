using System.Diagnostics;
using BenchmarkDotNet.Running;
using Mako.Files;

namespace Mako.Bench;

/// <summary>
/// `walk FILE`: reads every packet and prints the count and byte total, for whole-process comparisons with walk.c.
/// `rewrite IN OUT pcap|nsecpcap|pcapng`: replays a file into a writer (manual checks with capinfos).
/// Anything else goes to BenchmarkDotNet (e.g. `--filter *Reader*`).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "walk")
            return Walk(args[1]);
        if (args.Length == 4 && args[0] == "rewrite")
            return Rewrite(args[1], args[2], args[3]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Walk(string path)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var (packets, bytes) = ReaderBenchmarks.WalkFile(path);
            Console.WriteLine($"{packets} packets, {bytes} bytes, {sw.Elapsed.TotalSeconds:F3} s, {GC.GetTotalAllocatedBytes() / 1024} KiB allocated");
            return 0;
        }
        catch (CaptureFileException e)
        {
            Console.Error.WriteLine($"walk: {e.Describe()}");
            return 2;
        }
    }

    private static int Rewrite(string input, string output, string format)
    {
        var f = format switch
        {
            "pcap" => CaptureFormat.Pcap,
            "nsecpcap" => CaptureFormat.PcapNanosecond,
            _ => CaptureFormat.PcapNg,
        };
        try
        {
            using var r = CaptureReader.Open(input);
            using var w = CaptureWriter.Create(output, f, r);
            RecordKind k;
            while ((k = r.Read()) != RecordKind.End)
            {
                if (k == RecordKind.Packet) w.WritePacket(r.Packet);
                else w.WriteBlock(r.Block!);
            }
            w.Commit();
            return 0;
        }
        catch (CaptureFileException e)
        {
            Console.Error.WriteLine($"rewrite: {e.Describe()}");
            return 2;
        }
    }
}
