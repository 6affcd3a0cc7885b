using Mako.Engine.Dissection;

namespace Mako.Protocols.Ethernet;

/// <summary>MAC address display with name resolution ("Cisco_bb:8d:70 (00:19:56:bb:8d:70)").</summary>
public static class MacNames
{
    /// <summary>Wireshark's get_ether_name: the resolved name, or the colon form when resolution is off or unknown.</summary>
    public static string Resolve(Packet pkt, ReadOnlySpan<byte> mac) =>
        pkt.Session.Names.ResolveMac(mac) ?? Formatting.Hex(mac, ':');

    /// <summary>"name (aa:bb:cc:dd:ee:ff)", or just the colon form twice when unresolved, as tshark labels addresses.</summary>
    public static string Describe(Packet pkt, ReadOnlySpan<byte> mac)
    {
        string plain = Formatting.Hex(mac, ':');
        return $"{pkt.Session.Names.ResolveMac(mac) ?? plain} ({plain})";
    }

    /// <summary>The vendor's full name for an OUI when the manuf file lists it (eth.src.oui_resolved, SNAP Info).</summary>
    public static string? Vendor(Packet pkt, uint oui) => pkt.Session.Names.Vendor(oui);
}
