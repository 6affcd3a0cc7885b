namespace Mako.Engine.Dissection;

/// <summary>
/// Wireshark's internal encapsulation numbers (WTAP_ENCAP_*) for the pcap LINKTYPE values: frame.encap_type shows
/// these, and the Frame tree names them.
/// </summary>
public static class WtapEncap
{
    private static readonly Dictionary<int, (int Wtap, string Name)> Map = new()
    {
        [0] = (15, "NULL/Loopback"),
        [1] = (1, "Ethernet"),
        [6] = (2, "Token Ring"),
        [9] = (4, "PPP"),
        [10] = (6, "FDDI"),
        [12] = (7, "Raw IP"),
        [14] = (7, "Raw IP"),
        [101] = (7, "Raw IP"),
        [104] = (28, "Cisco HDLC"),
        [105] = (20, "IEEE 802.11 Wireless LAN"),
        [108] = (174, "OpenBSD loopback"),
        [113] = (25, "Linux cooked-mode capture v1"),
        [119] = (22, "IEEE 802.11 plus Prism II monitor mode radio header"),
        [127] = (23, "IEEE 802.11 plus radiotap radio header"),
        [163] = (24, "IEEE 802.11 plus AVS radio header"),
        [228] = (129, "Raw IPv4"),
        [229] = (130, "Raw IPv6"),
        [253] = (158, "Linux Netlink"),
        [276] = (210, "Linux cooked-mode capture v2"),
    };

    /// <summary>WTAP_ENCAP number → description, for frame.encap_type's label ("Encapsulation type: Ethernet (1)").</summary>
    public static readonly Fields.ValueNames Descriptions = BuildDescriptions();

    private static Fields.ValueNames BuildDescriptions()
    {
        var d = new Dictionary<ulong, string>();
        foreach (var (_, (wtap, name)) in Map.OrderBy(kv => kv.Key)) d.TryAdd((ulong)(long)wtap, name);
        return new Fields.ValueNames(d);
    }

    public static int ToWtap(int linkType) => Map.TryGetValue(linkType, out var v) ? v.Wtap : -1;
    public static string Name(int linkType) => Map.TryGetValue(linkType, out var v) ? v.Name : $"Unknown ({linkType})";
}
