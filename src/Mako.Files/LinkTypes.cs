using System.Collections.Frozen;

namespace Mako.Files;

/// <summary>
/// LINKTYPE_ values (pcap header "network", pcapng IDB "LinkType") and the encapsulation names Wireshark prints:
/// the description (capinfos "File encapsulation: Ethernet") and the short name (capinfos -T, editcap -T "ether").
/// </summary>
public static partial class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int Ppp = 9;
    public const int Raw = 101;
    public const int Ieee80211 = 105;
    public const int LinuxSll = 113;
    public const int Ieee80211Radiotap = 127;
    public const int UsbLinuxMmapped = 220;
    public const int RawIPv4 = 228;
    public const int RawIPv6 = 229;
    public const int DBus = 231;
    public const int UsbPcap = 249;
    public const int Netlink = 253;
    public const int LinuxSll2 = 276;
    public const int Ebhscr = 279;

    /// <summary>Wireshark's default largest packet (WTAP_MAX_PACKET_SIZE_STANDARD).</summary>
    public const uint DefaultMaxSnapLength = 262144;

    // Names shared by several LINKTYPE_ values map back to the one Wireshark writes (checked with editcap -F pcap -T).
    private static readonly FrozenDictionary<string, int> Preferred = new Dictionary<string, int>
    {
        ["rawip"] = Raw,
        ["atm-rfc1483"] = 100,
        ["ppp"] = Ppp,
        ["chdlc"] = 104,
        ["linux-atm-clip"] = 106,
        ["enc"] = 109,
    }.ToFrozenDictionary();

    private static readonly (int Value, string ShortName, string Description)[] Table = CreateTable();
    private static readonly FrozenDictionary<int, (string Short, string Description)> ByValue = BuildByValue();
    private static readonly FrozenDictionary<string, int> ByShortName = BuildByShortName();

    /// <summary>True when Wireshark 4.0 can read files with this link type (others make it refuse the file).</summary>
    public static bool IsKnown(int linkType) => ByValue.ContainsKey(linkType);

    /// <summary>"Ethernet", "Linux cooked-mode capture v1"...; null when unknown.</summary>
    public static string? Description(int linkType) => ByValue.TryGetValue(linkType, out var v) ? v.Description : null;

    /// <summary>"ether", "linux-sll"...; null when unknown.</summary>
    public static string? ShortName(int linkType) => ByValue.TryGetValue(linkType, out var v) ? v.Short : null;

    /// <summary>The LINKTYPE_ value for a short name ("ether" → 1), or -1.</summary>
    public static int FromShortName(string name)
        => ByShortName.TryGetValue(name, out int v) ? v : -1;

    /// <summary>
    /// The file-level encapsulation capinfos prints ("File encapsulation:"): the interfaces' common link type,
    /// "per-packet"/"Per packet" when they differ, "unknown"/"Unknown" when there is no interface (or an unknown type).
    /// </summary>
    public static (string ShortName, string Description) FileEncapsulation(IEnumerable<InterfaceInfo> interfaces)
    {
        int common = -1;
        foreach (var i in interfaces)
        {
            if (common >= 0 && i.LinkType != common)
                return ("per-packet", "Per packet");
            common = i.LinkType;
        }
        return common >= 0 && ByValue.TryGetValue(common, out var v) ? (v.Short, v.Description) : ("unknown", "Unknown");
    }

    /// <summary>All known values in ascending order with their names (for editcap -T style listings).</summary>
    public static IEnumerable<(int Value, string ShortName, string Description)> All => Table;

    /// <summary>
    /// The largest captured length Wireshark accepts for a link type: 262144 for most, 8 MiB for EBHSCR,
    /// 128 MiB for D-Bus and USB (USBPcap, Linux mmapped USB). Larger records are treated as corruption.
    /// </summary>
    public static uint MaxSnapLength(int linkType) => linkType switch
    {
        DBus or UsbPcap or UsbLinuxMmapped => 128u * 1024 * 1024,
        Ebhscr => 8u * 1024 * 1024,
        _ => DefaultMaxSnapLength,
    };

    private static FrozenDictionary<int, (string, string)> BuildByValue()
    {
        var d = new Dictionary<int, (string, string)>();
        foreach (var (v, s, l) in Table)
            d[v] = (s, l);
        return d.ToFrozenDictionary();
    }

    private static FrozenDictionary<string, int> BuildByShortName()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (v, s, _) in Table)
            d.TryAdd(s, Preferred.TryGetValue(s, out int p) ? p : v);
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
