namespace Mako.Engine.Dissection;

/// <summary>
/// Wireshark's internal encapsulation numbers (WTAP_ENCAP_*) for the pcap LINKTYPE values: frame.encap_type shows
/// these, and the Frame tree names them. Several link types share one number (LINKTYPE_PPP 9 and LINKTYPE_PPP_HDLC 50
/// are both PPP, 4); the table (WtapEncap.Table.cs) is generated from capinfos 4.0's own answers.
/// </summary>
public static partial class WtapEncap
{
    private static readonly Dictionary<int, (int Wtap, string Name)> Map = BuildMap();

    /// <summary>WTAP_ENCAP number → description, for frame.encap_type's label ("Encapsulation type: Ethernet (1)").</summary>
    public static readonly Fields.ValueNames Descriptions = BuildDescriptions();

    private static Dictionary<int, (int, string)> BuildMap()
    {
        var d = new Dictionary<int, (int, string)>();
        foreach (var (linkType, wtap, description) in CreateTable()) d[linkType] = (wtap, description);
        return d;
    }

    private static Fields.ValueNames BuildDescriptions()
    {
        var d = new Dictionary<ulong, string>();
        foreach (var (_, wtap, description) in CreateTable()) d.TryAdd((ulong)(long)wtap, description);
        return new Fields.ValueNames(d);
    }

    public static int ToWtap(int linkType) => Map.TryGetValue(linkType, out var v) ? v.Wtap : -1;
    public static string Name(int linkType) => Map.TryGetValue(linkType, out var v) ? v.Name : $"Unknown ({linkType})";
}
