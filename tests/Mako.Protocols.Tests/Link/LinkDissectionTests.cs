using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Protocols.Tests.Robustness;
using static Mako.Protocols.Tests.Link.LinkTestHelpers;

namespace Mako.Protocols.Tests.Link;

/// <summary>Frames written out in hex; expected values are what tshark 4.0 prints for the same bytes.</summary>
public class LinkDissectionTests
{
    // Ethernet broadcast ARP request from 00:1b:21:3a:4c:5e, 10.0.0.2 asking for 10.0.0.1 (42 bytes, no padding).
    private const string ArpRequest = "ffffffffffff001b213a4c5e0806 0001 0800 06 04 0001 001b213a4c5e 0a000002 000000000000 0a000001";

    [Fact]
    public void Arp_request_columns_and_fields()
    {
        var pkt = Dissect(ArpRequest);
        Assert.Equal("eth:ethertype:arp", LayerList(pkt));
        Assert.Equal("ARP", pkt.Protocol);
        Assert.Equal("Who has 10.0.0.1? Tell 10.0.0.2", pkt.Info.ToString());
        Assert.Equal("1", Field(pkt, "arp.opcode"));
        Assert.Equal("00:1b:21:3a:4c:5e", Field(pkt, "arp.src.hw_mac"));
        Assert.Equal("10.0.0.1", Field(pkt, "arp.dst.proto_ipv4"));
        Assert.Equal("0x0806", Field(pkt, "eth.type"));
        Assert.Equal("", Field(pkt, "eth.padding"));
    }

    [Fact]
    public void Zero_padding_to_60_bytes_is_padding_not_trailer()
    {
        var pkt = Dissect(ArpRequest + new string('0', 36));
        Assert.Equal(new string('0', 36), Field(pkt, "eth.padding"));
        Assert.Equal("", Field(pkt, "eth.trailer"));
    }

    [Fact]
    public void Non_zero_bytes_after_the_payload_are_a_trailer_with_a_note()
    {
        var pkt = Dissect(ArpRequest + "0000000000000000000000000000" + "1f0b60ce");
        Assert.Equal("", Field(pkt, "eth.padding"));
        Assert.Equal("00000000000000000000000000001f0b60ce", Field(pkt, "eth.trailer"));
        Assert.Equal("1", Field(pkt, "eth.padding_bad"));
    }

    [Fact]
    public void Frames_of_64_bytes_end_in_an_fcs_when_the_file_does_not_say()
    {
        var pkt = Dissect(ArpRequest + new string('0', 36) + "deadbeef");
        Assert.Equal(new string('0', 36), Field(pkt, "eth.padding"));
        Assert.Equal("0xdeadbeef", Field(pkt, "eth.fcs"));
        Assert.Equal("2", Field(pkt, "eth.fcs.status"));
    }

    [Fact]
    public void Invalid_length_type()
    {
        var pkt = Dissect("f8eda5c0a4f1001b213a4c5e05dd616263" + new string('0', 86));
        Assert.Equal("eth:data", LayerList(pkt));
        Assert.Equal("Ethernet", pkt.Protocol);
        Assert.Equal("Ethernet Unknown: Invalid length/type: 0x05dd (1501)", pkt.Info.ToString());
        Assert.Equal("0x05dd", Field(pkt, "eth.invalid_lentype"));
    }

    [Fact]
    public void Unknown_ethertype_names_the_type()
    {
        var named = Dissect("f8eda5c0a4f1001b213a4c5e88b568656c6c6f" + new string('0', 82));
        Assert.Equal("0x88b5", named.Protocol);
        Assert.Equal("Local Experimental Ethertype 1", named.Info.ToString());
        var unnamed = Dissect("f8eda5c0a4f1001b213a4c5e123468656c6c6f" + new string('0', 82));
        Assert.Equal("0x1234", unnamed.Protocol);
        Assert.Equal("Ethernet II", unnamed.Info.ToString());
        var empty = Dissect("f8eda5c0a4f1001b213a4c5e88b5");
        Assert.Equal("eth", LayerList(empty));
    }

    [Fact]
    public void Llc_ui_frame_over_802_3()
    {
        // 802.3 length 10: DSAP/SSAP 0x9c, UI, "payload", then zero padding.
        var pkt = Dissect("f8eda5c0a4f1001b213a4c5e000a 9c9c03 7061796c6f6164" + new string('0', 72));
        Assert.Equal("eth:llc:data", LayerList(pkt));
        Assert.Equal("LLC", pkt.Protocol);
        Assert.Equal("U, func=UI; DSAP 0x9c Individual, SSAP 0x9c Command", pkt.Info.ToString());
        Assert.Equal("10", Field(pkt, "eth.len"));
        Assert.Equal("78", Field(pkt, "llc.dsap.sap"));
        Assert.Equal("0x03", Field(pkt, "llc.control.ftype"));
        Assert.Equal(new string('0', 72), Field(pkt, "eth.padding"));
    }

    [Fact]
    public void Snap_with_oui_zero_dispatches_by_ethertype()
    {
        string arp = "0001 0800 06 04 0001 001b213a4c5e 0a000002 000000000000 0a000001";
        var pkt = Dissect("ffffffffffff001b213a4c5e0024 aaaa03 000000 0806" + arp + "00000000000000000000");
        Assert.Equal("eth:llc:arp", LayerList(pkt));
        Assert.Equal("0x0806", Field(pkt, "llc.type"));
        Assert.Equal("0", Field(pkt, "llc.oui"));
        Assert.Equal("Who has 10.0.0.1? Tell 10.0.0.2", pkt.Info.ToString());
    }

    [Fact]
    public void Length_past_the_end_is_flagged()
    {
        var pkt = Dissect("f8eda5c0a4f1001b213a4c5e0064 9c9c03 616263");
        Assert.Equal("100", Field(pkt, "eth.len"));
        Assert.Equal("1", Field(pkt, "eth.len.past_end"));
    }

    [Fact]
    public void Vlan_tag_and_qinq()
    {
        string arp = "0806 0001 0800 06 04 0001 001b213a4c5e 0a000002 000000000000 0a000001";
        var vlan = Dissect("ffffffffffff001b213a4c5e 8100 b000 " + arp);   // PCP 5, DEI 1, VID 0
        Assert.Equal("eth:ethertype:vlan:ethertype:arp", LayerList(vlan));
        Assert.Equal("5", Field(vlan, "vlan.priority"));
        Assert.Equal("1", Field(vlan, "vlan.dei"));
        Assert.Equal("0", Field(vlan, "vlan.id"));
        var qinq = Dissect("ffffffffffff001b213a4c5e 88a8 000a 8100 0014 " + arp + "00000000000000000000");
        Assert.Equal("eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:arp", LayerList(qinq));
        Assert.Equal("10", Field(qinq, "ieee8021ad.id"));
        Assert.Equal("20", Field(qinq, "vlan.id"));
        Assert.Equal("00000000000000000000", Field(qinq, "eth.padding"));
        var cut = Dissect("ffffffffffff001b213a4c5e 8100 0064", wireLength: 60);
        Assert.Equal("PRI: 0  DEI: 0  ID: 100[Packet size limited during capture]", cut.Info.ToString());
    }

    [Fact]
    public void Sll_and_sll2_headers()
    {
        string arp = "0001 0800 06 04 0002 f8eda5c0a4f1 0a000001 001b213a4c5e 0a000002";
        var v1 = Dissect("0000 0001 0006 f8eda5c0a4f1 0000 0806 " + arp, linkType: 113);
        Assert.Equal("sll:ethertype:arp", LayerList(v1));
        Assert.Equal("f8:ed:a5:c0:a4:f1", Field(v1, "sll.src.eth"));
        Assert.Equal("0000", Field(v1, "sll.unused"));
        var v2 = Dissect("0806 0000 00000003 0001 04 06 001b213a4c5e 0000 " + arp, linkType: 276);
        Assert.Equal("3", Field(v2, "sll.ifindex"));
        Assert.Equal("4", Field(v2, "sll.pkttype"));
        var ltype = Dissect("0000 0001 0006 f8eda5c0a4f1 0000 0010 64617461", linkType: 113);
        Assert.Equal("sll:data", LayerList(ltype));
        Assert.Equal("SLL", ltype.Protocol);
        Assert.Equal("Unicast to us", ltype.Info.ToString());
    }

    [Fact]
    public void Null_and_loop_headers_in_both_byte_orders()
    {
        var le = Dissect("63000000 64617461", linkType: 0);
        Assert.Equal("null:data", LayerList(le));
        Assert.Equal("99", Field(le, "null.family"));
        Assert.Equal("N/A", le.Protocol);
        Assert.Equal("N/A", le.SrcColumnFallback);
        Assert.Equal("Null/Loopback", le.Info.ToString());
        var be = Dissect("00000063 64617461", linkType: 0);
        Assert.Equal("99", Field(be, "null.family"));
        var loop = Dissect("00000063 64617461", linkType: 108);
        Assert.Equal("99", Field(loop, "null.family"));
        var ether = Dissect("06080000 0001080006040001001b213a4c5e0a0000020000000000000a000001", linkType: 0);
        Assert.Equal("null:arp", LayerList(ether));
        Assert.Equal("0x0806", Field(ether, "null.type"));
    }

    [Fact]
    public void Raw_ip_link_types()
    {
        const string Ip4 = "4500001c000100004011f9c87f0000017f0000010035003500080000";
        foreach (int lt in new[] { 12, 14, 101 })
        {
            var pkt = Dissect(Ip4, linkType: lt);
            Assert.StartsWith("raw:ip", LayerList(pkt), StringComparison.Ordinal);
        }
        Assert.StartsWith("ip", LayerList(Dissect(Ip4, linkType: 228)), StringComparison.Ordinal);
        var v6 = Dissect("6000000000083a40" + "00000000000000000000000000000001" + "00000000000000000000000000000001" + "8000f7ff00000000", linkType: 229);
        Assert.StartsWith("ipv6", LayerList(v6), StringComparison.Ordinal);
        var other = Dissect("123456789abcdef0", linkType: 101);
        Assert.Equal("raw:data", LayerList(other));
        Assert.Equal("Raw packet data", other.Info.ToString());
        var tiny = Dissect("450000", linkType: 101);
        Assert.True(tiny.Malformed);
    }

    [Fact]
    public void Duplicate_address_is_detected_on_a_later_frame()
    {
        var session = new CaptureSession();
        string first = "001b213a4c5e f8eda5c0a4f1 0806 0001 0800 06 04 0002 f8eda5c0a4f1 0a000001 001b213a4c5e 0a000002";
        string second = "001b213a4c5e 020000000002 0806 0001 0800 06 04 0002 020000000002 0a000001 001b213a4c5e 0a000002";
        var pkt = new Packet(session);
        foreach (var (hex, n) in new[] { (first, 1L), (second, 2L) })
        {
            var data = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
            session.Dissect(new PacketRecord { Number = n, Data = data, CapturedLength = data.Length, OriginalLength = (uint)data.Length, LinkType = 1, TimestampNs = n * 1_000_000_000L }, pkt);
        }
        Assert.Equal("1", Field(pkt, "arp.duplicate-address-frame"));
        Assert.Equal("1", Field(pkt, "arp.seconds-since-duplicate-address-frame"));
        Assert.Equal("1", Field(pkt, "arp.duplicate-address-detected"));
        // The last check of the frame (the target address) found nothing, so Info has no suffix (as tshark).
        Assert.Equal("10.0.0.1 is at 02:00:00:00:00:02", pkt.Info.ToString());
    }

    public static IEnumerable<object[]> LinkCaptures() =>
        Directory.EnumerateFiles(Path.Combine(MutationTests.RepoRoot(), "tests", "captures", "link")).Order()
            .Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>Every prefix of every frame, cut by the snap length or really that short, dissects without a bug.</summary>
    [Theory]
    [MemberData(nameof(LinkCaptures))]
    public void Every_prefix_dissects_without_a_bug(string capture)
    {
        var records = new List<PacketRecord>();
        using (var r = CaptureReader.Open(Path.Combine(MutationTests.RepoRoot(), "tests", "captures", "link", capture)))
        {
            while (r.ReadPacket()) records.Add(r.Packet.Clone());
        }
        Assert.NotEmpty(records);
        var session = new CaptureSession();
        var pkt = new Packet(session);
        foreach (var rec in records)
        {
            var full = rec.Data.ToArray();
            for (int n = 0; n <= full.Length; n++)
            {
                foreach (bool snapped in new[] { true, false })
                {
                    var cut = rec.Clone();
                    cut.Data = full.AsMemory(0, n);
                    cut.CapturedLength = n;
                    cut.OriginalLength = snapped ? rec.OriginalLength : (uint)n;
                    session.Dissect(cut, pkt);
                    Assert.True(pkt.DissectorBug is null, $"{capture} frame {rec.Number} cut at {n}: {pkt.DissectorBug}");
                    if (n < full.Length && snapped && n > 0) Assert.False(pkt.Layers.Count == 0 && n >= 14 && rec.LinkType == 1);
                }
            }
        }
    }
}
