using Mako.Files;

namespace Mako.Capture.Tests;

public class BpfFilterTests
{
    // Ethernet + IPv4 + UDP 1234 -> 53, 4 bytes of payload (hand-built; checksums are irrelevant to BPF).
    private static byte[] UdpFrame(ushort srcPort, ushort dstPort, int payload = 4)
    {
        var f = new byte[14 + 20 + 8 + payload];
        f[12] = 0x08; f[13] = 0x00;                      // ethertype IPv4
        f[14] = 0x45;                                   // version 4, IHL 5
        int ipLen = 20 + 8 + payload;
        f[16] = (byte)(ipLen >> 8); f[17] = (byte)ipLen;
        f[22] = 64; f[23] = 17;                         // TTL, protocol UDP
        f[26] = 10; f[27] = 0; f[28] = 0; f[29] = 1;    // 10.0.0.1
        f[30] = 10; f[31] = 0; f[32] = 0; f[33] = 2;    // 10.0.0.2
        f[34] = (byte)(srcPort >> 8); f[35] = (byte)srcPort;
        f[36] = (byte)(dstPort >> 8); f[37] = (byte)dstPort;
        f[38] = 0; f[39] = (byte)(8 + payload);
        return f;
    }

    [SkippableFact]
    public void Matches_udp_port_and_rejects_others()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        using var f = BpfFilter.Compile("udp port 53", LinkTypes.Ethernet);
        var dns = UdpFrame(1234, 53);
        var other = UdpFrame(1234, 80);
        Assert.True(f.Matches(dns, dns.Length));
        Assert.False(f.Matches(other, other.Length));
        Assert.False(f.Matches(dns.AsSpan(0, 20), dns.Length));   // truncated before the ports: no match, no crash
        Assert.False(f.Matches([], 0));
    }

    [SkippableFact]
    public void Uses_the_wire_length_for_length_tests()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        using var f = BpfFilter.Compile("greater 1000", LinkTypes.Ethernet);
        var p = UdpFrame(1, 2);
        Assert.False(f.Matches(p, p.Length));
        Assert.True(f.Matches(p, 1500));    // snapped packet whose original length was 1500
    }

    [SkippableFact]
    public void Empty_filter_accepts_everything()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        using var f = BpfFilter.Compile("", LinkTypes.Ethernet);
        Assert.True(f.Matches([1, 2, 3], 3));
        Assert.Equal(["(000) ret      #262144"], f.Disassemble());
    }

    [SkippableFact]
    public void Bad_filter_gives_libpcaps_message()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        var e = Assert.Throws<CaptureException>(() => BpfFilter.Compile("bogus filter", LinkTypes.Ethernet));
        Assert.Equal(CaptureFailure.BadFilter, e.Kind);
        Assert.Equal("can't parse filter expression: syntax error", e.Message);
        var e2 = Assert.Throws<CaptureException>(() => BpfFilter.Compile("ether host 1:2:3:4:5:6", LinkTypes.Raw));
        Assert.StartsWith("ethernet addresses supported only on", e2.Message, StringComparison.Ordinal);
    }

    // Recorded from `tcpdump -d -y EN10MB 'udp port 53'` (tcpdump 4.99.3, libpcap 1.10.3, snaplen 262144).
    private static readonly string[] UdpPort53 =
    [
        "(000) ldh      [12]",
        "(001) jeq      #0x86dd          jt 2\tjf 8",
        "(002) ldb      [20]",
        "(003) jeq      #0x11            jt 4\tjf 19",
        "(004) ldh      [54]",
        "(005) jeq      #0x35            jt 18\tjf 6",
        "(006) ldh      [56]",
        "(007) jeq      #0x35            jt 18\tjf 19",
        "(008) jeq      #0x800           jt 9\tjf 19",
        "(009) ldb      [23]",
        "(010) jeq      #0x11            jt 11\tjf 19",
        "(011) ldh      [20]",
        "(012) jset     #0x1fff          jt 19\tjf 13",
        "(013) ldxb     4*([14]&0xf)",
        "(014) ldh      [x + 14]",
        "(015) jeq      #0x35            jt 18\tjf 16",
        "(016) ldh      [x + 16]",
        "(017) jeq      #0x35            jt 18\tjf 19",
        "(018) ret      #262144",
        "(019) ret      #0",
    ];

    [SkippableFact]
    public void Dump_matches_tcpdump_d()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        using var f = BpfFilter.Compile("udp port 53", LinkTypes.Ethernet);
        Assert.Equal(UdpPort53, f.Disassemble());
        var sw = new StringWriter { NewLine = "\n" };
        f.Dump(sw);
        Assert.Equal(string.Join("\n", UdpPort53) + "\n", sw.ToString());
    }

    [SkippableTheory]
    [InlineData("tcp port 25", 1)]
    [InlineData("icmp or arp", 1)]
    [InlineData("host 127.0.0.1 and udp", 1)]
    [InlineData("ip6 and tcp port 80", 1)]
    [InlineData("udp", 101)]
    [InlineData("udp", 113)]
    public void Dump_equals_live_tcpdump(string expr, int linkType)
    {
        var tcpdump = TestEnv.Which("tcpdump");
        Skip.If(tcpdump is null || !TestEnv.LibpcapPresent, "tcpdump or libpcap missing");
        // -y needs an open device in tcpdump, so compare through a one-packet pcap of the wanted link type (-r).
        string dir = TestEnv.TempDir();
        string file = Path.Combine(dir, "lt.pcap");
        using (var w = CaptureWriter.Create(file, CaptureFormat.Pcap, linkType: linkType, snapLength: 262144))
            w.Commit();
        var (code, stdout, _) = TestEnv.Run(tcpdump!, ["-d", "-r", file, expr]);
        Skip.If(code != 0, "tcpdump could not compile it");
        using var f = BpfFilter.Compile(expr, linkType);
        Assert.Equal(stdout.TrimEnd('\n').Split('\n'), f.Disassemble());
    }

    [SkippableFact]
    public void Disposed_filter_refuses_use()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        var f = BpfFilter.Compile("udp", LinkTypes.Ethernet);
        f.Dispose();
        Assert.Throws<ObjectDisposedException>(() => f.Matches([0], 1));
    }
}
