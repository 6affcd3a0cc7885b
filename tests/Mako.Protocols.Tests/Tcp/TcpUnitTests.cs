using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Protocols.Tcp;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tests.Tcp;

/// <summary>Transport dissectors on hex literals, checked against what tshark 4.0 shows for the same bytes.</summary>
public class TcpUnitTests
{
    static TcpUnitTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static Packet Dissect(CaptureSession s, string hex, long number = 1, long tsNs = 0)
    {
        var data = Convert.FromHexString(hex);
        var pkt = new Packet(s);
        s.Dissect(new PacketRecord { Number = number, TimestampNs = tsNs, Data = data, CapturedLength = data.Length, OriginalLength = (uint)data.Length, LinkType = 1 }, pkt);
        return pkt;
    }

    // Ethernet/IPv4/TCP SYN 59221 → 4000 with MSS 1460, NOP, WS 3, NOP, NOP, TS (tshark: "59221 → 4000 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 WS=1 TSval=685146 TSecr=0"; its checksum 0xa5f1 is wrong, tshark computes 0xa608).
    private const string Syn = "001956bb8d70000bab0ee8ec08004500003c0001400040062116ac11608fac1160f3e7550fa00000000000000000a0022000a5f10000020405b4010303000101080a000a745a00000000";

    [Fact]
    public void Syn_info_line_lists_options_in_order()
    {
        var pkt = Dissect(new CaptureSession(), Syn);
        Assert.Equal("TCP", pkt.Protocol);
        Assert.Equal("59221 → 4000 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 WS=1 TSval=685146 TSecr=0", pkt.Info.ToString());
        Assert.Null(pkt.DissectorBug);
    }

    [Fact]
    public void Every_prefix_of_the_syn_dissects_without_a_bug()
    {
        var data = Convert.FromHexString(Syn);
        for (int cut = 0; cut <= data.Length; cut++)
        {
            var s = new CaptureSession();
            var pkt = new Packet(s);
            s.Dissect(new PacketRecord { Number = 1, Data = data.AsMemory(0, cut), CapturedLength = cut, OriginalLength = (uint)data.Length, LinkType = 1 }, pkt);
            Assert.Null(pkt.DissectorBug);
            if (cut > 34 && cut < data.Length) Assert.EndsWith("[Packet size limited during capture]", pkt.Info.ToString());
        }
    }

    [Fact]
    public void Flag_texts_are_tsharks()
    {
        var st = new TcpState();
        Assert.Equal("SYN, ACK", st.FlagNames(0x012, false));
        Assert.Equal("<None>", st.FlagNames(0, false));
        Assert.Equal("FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved", st.FlagNames(0xfff, false));
        Assert.Equal("ACK, ACE=5", st.FlagNames(0x150, true));
        Assert.Equal("·······A··S·", st.FlagLetters(0x012, false));
        Assert.Equal("RRR-5-·A····", st.FlagLetters(0x150 | 0xe00, true));
        Assert.Same(st.FlagNames(0x012, false), st.FlagNames(0x012, false));
    }

    [Fact]
    public void Completeness_names_match_the_tree()
    {
        Assert.Equal("Incomplete (0)", TcpDissector.CompletenessText(0));
        Assert.Equal("Incomplete, ESTABLISHED (7)", TcpDissector.CompletenessText(7));
        Assert.Equal("Complete, WITH_DATA (31)", TcpDissector.CompletenessText(31));
        Assert.Equal("Complete, NO_DATA (55)", TcpDissector.CompletenessText(55));
    }

    [Fact]
    public void Internet_checksum_finds_the_value_tshark_computes()
    {
        var data = Convert.FromHexString(Syn);
        var seg = data.AsSpan(34);
        Address src = Address.IPv4(0xac11608f), dst = Address.IPv4(0xac1160f3);
        Assert.True(TransportChecksum.TryCompute(src, dst, 6, seg, seg.Length, out ushort sum));
        Assert.NotEqual(0, sum);
        Assert.Equal(0xa608, TransportChecksum.ShouldBe(0xa5f1, sum)); // tshark's tcp.checksum_calculated
        seg[16] = 0xa6;
        seg[17] = 0x08;
        Assert.True(TransportChecksum.TryCompute(src, dst, 6, seg, seg.Length, out sum));
        Assert.Equal(0, sum);
        Assert.False(TransportChecksum.TryCompute(default, default, 6, seg, seg.Length, out _));
    }

    [Fact]
    public void Tcp_stream_indices_follow_first_appearance_and_port_reuse()
    {
        var s = new CaptureSession();
        var a = Dissect(s, Syn, 1, 0);
        // Same four-tuple, new initial sequence number: a new stream and the reuse flag.
        var reused = Syn.Replace("0fa000000000", "0fa000001000");
        var b = Dissect(s, reused, 2, 1_000_000);
        Assert.StartsWith("[TCP Port numbers reused] ", b.Info.ToString());
        var table = s.State<Engine.Conversations.ConversationTable>();
        Assert.Equal(2, table.StreamCount(PortType.Tcp));
    }
    // ICMP source quench quoting an IPv4 header whose total length (28) leaves 8 bytes of TCP: tshark shows ports and
    // the raw sequence number 585921, keeps ICMP's Info and flags nothing.
    private const string QuenchShortTcp = "0200000000020200000000010800450000380001000040016ab1050607080102030404000b36000000004500001c0001000040066ac80102030405060708000000000008f0c1";

    [Fact]
    public void Tcp_quoted_in_an_icmp_error_with_a_short_ip_length_is_not_malformed()
    {
        var pkt = Dissect(new CaptureSession(), QuenchShortTcp);
        Assert.Null(pkt.DissectorBug);
        Assert.Equal("eth:ethertype:ip:icmp:ip:tcp", string.Join(':', pkt.Layers));
        Assert.Equal("Source quench (flow control)", pkt.Info.ToString());
        var reg = ProtocolSet.Default.Fields;
        Assert.True(pkt.Tree.Find(reg.Find("tcp.seq")!.Id) >= 0);
        Assert.True(pkt.Tree.Find(reg.Find("_ws.malformed")!.Id) < 0);
    }
}
