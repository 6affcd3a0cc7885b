using System.Collections.Frozen;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Wireshark's own encapsulation numbering (WTAP_ENCAP_*), which capinfos prints ("Ethernet (1 - ether)") and uses to
/// order the "Encapsulation in use by packets" list. It differs from LINKTYPE_ values (Raw IP is LINKTYPE 101 but
/// encapsulation 7), so it is kept here rather than in Mako.Files.
/// </summary>
internal static partial class WtapEncap
{
    public const int PerPacket = -1;
    public const int Unknown = 0;
    /// <summary>What capinfos reports for a zero-length file (Wireshark's ERF reader accepts empty input).</summary>
    public const int Erf = 98;

    private static readonly FrozenDictionary<int, int> ByLinkType = BuildByLinkType();
    private static readonly FrozenDictionary<int, (string Description, string Name)> ByWtap = BuildByWtap();

    /// <summary>The encapsulation number for a LINKTYPE_ value; 0 (unknown) when Wireshark 4.0 has none.</summary>
    public static int FromLinkType(int linkType) => ByLinkType.TryGetValue(linkType, out int w) ? w : Unknown;

    /// <summary>"Ethernet", "Per packet", "Unknown"...</summary>
    public static string Description(int wtap) => wtap switch
    {
        PerPacket => "Per packet",
        Unknown => "Unknown",
        _ => ByWtap.TryGetValue(wtap, out var v) ? v.Description : "Illegal",
    };

    /// <summary>"ether", "per-packet", "unknown"...</summary>
    public static string Name(int wtap) => wtap switch
    {
        PerPacket => "per-packet",
        Unknown => "unknown",
        _ => ByWtap.TryGetValue(wtap, out var v) ? v.Name : "illegal",
    };

    private static FrozenDictionary<int, int> BuildByLinkType()
    {
        var d = new Dictionary<int, int>();
        foreach (var e in CreateTable())
            d[e.LinkType] = e.Wtap;
        return d.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, (string, string)> BuildByWtap()
    {
        var d = new Dictionary<int, (string, string)>
        {
            [Erf] = ("Extensible Record Format", "erf"),
        };
        foreach (var e in CreateTable())
            d.TryAdd(e.Wtap, (e.Description, e.Name));
        return d.ToFrozenDictionary();
    }
}
