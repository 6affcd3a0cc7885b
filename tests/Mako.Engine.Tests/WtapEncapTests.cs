using Mako.Engine.Dissection;

namespace Mako.Engine.Tests;

/// <summary>frame.encap_type is Wireshark's encapsulation number, not the LINKTYPE_ value (values from tshark 4.0).</summary>
public class WtapEncapTests
{
    [Theory]
    [InlineData(1, 1)]     // Ethernet
    [InlineData(9, 4)]     // LINKTYPE_PPP
    [InlineData(50, 4)]    // LINKTYPE_PPP_HDLC: also PPP (linktype/ppp_ip_udp_dns.pcap: frame.encap_type 4)
    [InlineData(8, 3)]     // SLIP
    [InlineData(10, 6)]    // FDDI (bit-swapped)
    [InlineData(101, 7)]   // Raw IP
    [InlineData(107, 26)]  // Frame Relay
    [InlineData(129, 9)]   // Linux ARCNET
    [InlineData(192, 97)]  // PPI
    [InlineData(239, 141)] // NFLOG
    [InlineData(271, 185)] // Linux vsock
    [InlineData(284, -1)]  // DSA tag: not supported by Wireshark 4.0
    public void Link_type_maps_to_wiretap_encapsulation(int linkType, int wtap) =>
        Assert.Equal(wtap, WtapEncap.ToWtap(linkType));

    [Fact]
    public void Descriptions_are_tsharks() =>
        Assert.Equal("FDDI with bit-swapped MAC addresses", WtapEncap.Descriptions.Lookup(6));
}
