using Mako.Engine.Dissection;

namespace Mako.Protocols.Ethernet;

/// <summary>MAC address display (name resolution hooks in here: "Cisco_bb:8d:70 (00:19:56:bb:8d:70)").</summary>
public static class MacNames
{
    /// <summary>The resolved name, or the colon form when resolution is off or unknown.</summary>
    public static string Resolve(Packet pkt, ReadOnlySpan<byte> mac) =>
        pkt.Session.Names.ResolveMac(mac) ?? Engine.Dissection.Formatting.Hex(mac, ':');

    public static string Describe(Packet pkt, ReadOnlySpan<byte> mac)
    {
        string plain = Engine.Dissection.Formatting.Hex(mac, ':');
        return $"{pkt.Session.Names.ResolveMac(mac) ?? plain} ({plain})";
    }

    public static string? Vendor(Packet pkt, uint oui) => pkt.Session.Names.Vendor(oui);
}
