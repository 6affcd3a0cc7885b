using Mako.Capture.Output;
using Mako.Files;

namespace Mako.Capture.Tests;

/// <summary>Captures on loopback while sending a bounded number of UDP datagrams. Skipped without capture rights.</summary>
[Collection("live capture")]
public class LiveCaptureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public void Lists_loopback()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        var list = InterfaceLister.List();
        var lo = Assert.Single(list, i => i.Name == "lo");
        Assert.True(lo.IsLoopback);
        Assert.Equal("Loopback", lo.Description);
        Assert.Equal("Loopback: lo", lo.DisplayName);
        Assert.Contains("127.0.0.1", lo.Addresses);
        Assert.Equal(lo, InterfaceLister.Resolve(lo.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), list));
        var sw = new StringWriter { NewLine = "\n" };
        InterfaceLister.WriteList(sw, list);
        Assert.Contains($"{lo.Index}. lo (Loopback)\n", sw.ToString(), StringComparison.Ordinal);
        Assert.Throws<CaptureException>(() => InterfaceLister.Resolve((list.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), list));
    }

    [SkippableFact]
    public void Captures_exactly_the_filtered_packets_into_pcapng()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string dir = TestEnv.TempDir();
        string file = Path.Combine(dir, "lo.pcapng");
        string filter = $"udp port {port}";
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = filter }],
            new SessionLimits { PacketLimit = 10, Duration = Bound });
        var opts = new CaptureFileOptions { Path = file };
        opts.Comments.Add("test comment");
        using var sink = new CaptureFileSink(opts, session.Sources);
        var send = Task.Run(() =>
        {
            TestEnv.SendUdp(port + 1 == 65536 ? port - 1 : port + 1, 5);   // other port: must be filtered out
            TestEnv.SendUdp(port, 10, size: 20);
        });
        sink.Run(session);
        send.Wait(Bound);
        Assert.Equal(StopReason.PacketLimit, session.StopReason);
        Assert.Equal(10, session.PacketCount);

        using var r = CaptureReader.Open(file);
        int n = 0;
        while (r.ReadPacket())
        {
            n++;
            Assert.Equal(0, r.Packet.InterfaceId);
            Assert.Equal(14 + 20 + 8 + 20, r.Packet.CapturedLength);
            Assert.Equal((uint)r.Packet.CapturedLength, r.Packet.OriginalLength);
            var d = r.Packet.Data.Span;
            Assert.Equal(port, (d[36] << 8) | d[37]);   // UDP destination port
        }
        Assert.Equal(10, n);
        Assert.Equal(CaptureFormat.PcapNg, r.Format);
        var idb = Assert.Single(r.Interfaces);
        Assert.Equal("lo", idb.Name);
        Assert.Equal("Loopback", idb.Description);
        Assert.Equal(filter, idb.Filter);
        Assert.Equal(LinkTypes.Ethernet, idb.LinkType);
        Assert.Equal(262144u, idb.SnapLength);
        Assert.Equal(9, idb.TsResolution);
        Assert.StartsWith("Linux ", idb.Os, StringComparison.Ordinal);
        var isb = Assert.Single(idb.Statistics);
        Assert.Equal(10ul, isb.Received);
        Assert.Equal(0ul, isb.Dropped);
        Assert.Contains("Counters provided by dumpcap", isb.Comments);
        Assert.True(isb.EndTimeNs >= isb.StartTimeNs);
        var shb = r.Sections[0];
        Assert.Equal(SystemInfo.Application, shb.UserApplication);
        Assert.Contains("test comment", shb.Comments);
    }

    [SkippableFact]
    public void Duration_stops_an_idle_capture_and_leaves_a_valid_file()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        string file = Path.Combine(TestEnv.TempDir(), "idle.pcap");
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = "udp port 9 and udp port 10" }],
            new SessionLimits { Duration = TimeSpan.FromSeconds(1) });
        using var sink = new CaptureFileSink(new CaptureFileOptions { Path = file, Format = CaptureFormat.Pcap }, session.Sources);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        sink.Run(session);
        Assert.Equal(StopReason.Duration, session.StopReason);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 5);
        using var r = CaptureReader.Open(file);
        Assert.Equal(CaptureFormat.Pcap, r.Format);
        Assert.False(r.ReadPacket());
        Assert.Equal(LinkTypes.Ethernet, r.Interfaces[0].LinkType);
    }

    [SkippableFact]
    public void Ring_buffer_rotates_names_files_and_deletes_the_oldest()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string dir = TestEnv.TempDir();
        string path = Path.Combine(dir, "out.pcapng");
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = $"udp port {port}" }],
            new SessionLimits { PacketLimit = 7, Duration = Bound });
        var clock = new DateTime(2026, 11, 28, 12, 0, 0);
        var opts = new CaptureFileOptions { Path = path, SwitchPackets = 2, RingFiles = 2, LocalNow = () => clock = clock.AddSeconds(1) };
        using var sink = new CaptureFileSink(opts, session.Sources);
        var opened = new List<string>();
        sink.FileOpened += opened.Add;
        var send = Task.Run(() => TestEnv.SendUdp(port, 7));
        sink.Run(session);
        send.Wait(Bound);

        Assert.Equal(
        [
            Path.Combine(dir, "out_00001_20261128120001.pcapng"),
            Path.Combine(dir, "out_00002_20261128120002.pcapng"),
            Path.Combine(dir, "out_00003_20261128120003.pcapng"),
            Path.Combine(dir, "out_00004_20261128120004.pcapng"),
        ], opened);
        var left = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([opened[2], opened[3]], left);
        Assert.Equal([opened[0], opened[1]], sink.Deleted);
        Assert.Equal(2, CountPackets(left[0]));
        Assert.Equal(1, CountPackets(left[1]));
        using var r = CaptureReader.Open(left[0]);
        while (r.ReadPacket()) { }
        Assert.Empty(r.Interfaces[0].Statistics);   // dumpcap writes ISBs only for single-file captures
    }

    [SkippableFact]
    public void Stop_file_count_and_file_size()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string dir = TestEnv.TempDir();
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = $"udp port {port}" }],
            new SessionLimits { PacketLimit = 100, Duration = Bound });
        // 1 kB files: each 1000-byte datagram (1042 bytes + 32 of EPB) fills one; -a files:3 stops at the third.
        var opts = new CaptureFileOptions { Path = Path.Combine(dir, "s.pcapng"), SwitchFileSizeKB = 1, StopFiles = 3 };
        using var sink = new CaptureFileSink(opts, session.Sources);
        var send = Task.Run(() => TestEnv.SendUdp(port, 10, size: 1000));
        sink.Run(session);
        send.Wait(Bound);
        Assert.Equal(StopReason.Requested, session.StopReason);
        Assert.Equal(3, Directory.GetFiles(dir).Length);
        Assert.All(Directory.GetFiles(dir), f => Assert.Equal(1, CountPackets(f)));
    }

    [SkippableFact]
    public void Bad_filter_fails_before_anything_is_captured()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        var e = Assert.Throws<CaptureException>(() => CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = "udp port banana" }]));
        Assert.Equal(CaptureFailure.BadFilter, e.Kind);
        Assert.Equal("Invalid capture filter \"udp port banana\" for interface 'lo'.", e.Message);
        Assert.Contains("unknown port 'banana'", e.Secondary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Unknown_device_is_a_clear_error()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        var e = Assert.Throws<CaptureException>(() => CaptureSession.Open([new InterfaceOptions { Name = "nosuch0" }]));
        Assert.Equal(CaptureFailure.NoSuchDevice, e.Kind);
        Assert.Equal("There is no device named \"nosuch0\".", e.Message);
    }

    [SkippableFact]
    public async Task Async_stream_delivers_cloned_packets_and_stops_when_left()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = $"udp port {port}" }],
            new SessionLimits { Duration = Bound });
        var send = Task.Run(() => TestEnv.SendUdp(port, 5));
        var got = new List<PacketRecord>();
        using var cts = new CancellationTokenSource(Bound);
        await foreach (var p in session.ReadAllAsync(cancel: cts.Token))
        {
            got.Add(p);
            if (got.Count == 3)
                break;
        }
        await send.WaitAsync(Bound);
        Assert.Equal(3, got.Count);
        Assert.Equal([1L, 2L, 3L], got.Select(p => p.Number));
        Assert.All(got, p => Assert.Equal(port, (p.Data.Span[36] << 8) | p.Data.Span[37]));
    }

    [SkippableFact]
    public void Stop_from_another_thread_ends_promptly()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var session = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = "udp port 9 and udp port 10" }]);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new Timer(_ => session.Stop(), null, 300, Timeout.Infinite);
        session.Run(_ => { });
        Assert.Equal(StopReason.Requested, session.StopReason);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.2, 3);
    }

    private static int CountPackets(string file)
    {
        using var r = CaptureReader.Open(file);
        int n = 0;
        while (r.ReadPacket()) n++;
        return n;
    }
}
