using BenchmarkDotNet.Attributes;
using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Filters;

namespace Mako.Bench;

/// <summary>
/// Display filters: compiling a typical filter, and evaluating filters on one dissected packet (frame 2 of
/// tests/captures/filters/filters.pcap, an IPv4/TCP segment with 30 bytes of payload). Evaluation should not allocate.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class FilterBenchmarks
{
    private const string Typical = "tcp.port == 80 && tcp.len > 0";
    private Packet _pkt = null!;
    private DisplayFilter _typical = null!, _cidr = null!, _contains = null!, _set = null!, _slice = null!;

    [GlobalSetup]
    public void Setup()
    {
        ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Mako.sln"))) d = d.Parent;
        var reader = CaptureReader.Open(Path.Combine(d!.FullName, "tests", "captures", "filters", "filters.pcap"));
        var session = new CaptureSession(ProtocolSet.Default, new DissectionOptions());
        _pkt = new Packet(session);
        while (reader.ReadPacket())
        {
            session.Dissect(reader.Packet, _pkt);
            if (reader.Packet.Number == 2) break; // the reader stays open: the packet's bytes live in its buffer
        }
        var fields = ProtocolSet.Default.Fields;
        _typical = DisplayFilter.Compile(Typical, fields);
        _cidr = DisplayFilter.Compile("ip.src == 172.16.0.0/12 && !(ip.dst == 10.0.0.0/8)", fields);
        _contains = DisplayFilter.Compile("frame contains \"POST\"", fields);
        _set = DisplayFilter.Compile("tcp.dstport in {80, 443, 4000..4010}", fields);
        _slice = DisplayFilter.Compile("eth.src[0:3] == 00:0b:ab && tcp.flags & 0x08", fields);
    }

    [Benchmark]
    public DisplayFilter CompileTypical() => DisplayFilter.Compile(Typical, ProtocolSet.Default.Fields);

    [Benchmark]
    public bool EvalTypical() => _typical.Matches(_pkt);

    [Benchmark]
    public bool EvalCidr() => _cidr.Matches(_pkt);

    [Benchmark]
    public bool EvalContains() => _contains.Matches(_pkt);

    [Benchmark]
    public bool EvalSet() => _set.Matches(_pkt);

    [Benchmark]
    public bool EvalSliceAndBits() => _slice.Matches(_pkt);
}
