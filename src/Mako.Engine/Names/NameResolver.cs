using System.Buffers.Binary;
using System.Globalization;

namespace Mako.Engine.Names;

/// <summary>What tshark resolves: `-N m` MAC (on by default), `-N n` network, `-N t` transport; `-n` turns all off.</summary>
[Flags]
public enum ResolveFlags
{
    None = 0,
    Mac = 1,
    Network = 2,
    Transport = 4,
    Vlan = 8,
    Default = Mac,
}

/// <summary>
/// MAC vendor and well-known address names, read from Wireshark's data files (manuf, wka) when present on the
/// machine (Debian's libwireshark-data installs them under /usr/share/wireshark). Without them, MACs stay numeric.
/// Loaded once per process on first use. Names follow Wireshark 4.0's rules (addr_resolv.c), quirks included:
/// <list type="bullet">
/// <item>exact 48-bit entries win; then address ranges ("/28", "/36", "/40"...) from both files, tried from the
/// longest prefix (47 bits) down to 24, then the vendor OUI (retried with the group bit cleared), then ranges
/// shorter than 24 bits;</item>
/// <item>ranges are stored by their masked address alone, so a lookup at one prefix length also finds a range
/// declared with another length that masks to the same bytes (33:33:00:00:00:fb is "IPv6mcast_fb", not
/// "IPv6mcast_00:00:00:fb");</item>
/// <item>the name keeps the bytes the prefix leaves free, the first of them masked ("Nanoleaf_0a:bc:de" for
/// 00:55:da:5a:bc:de in the /28 block 00:55:da:50);</item>
/// <item>a later entry for the same key replaces an earlier one (wka is read after manuf).</item>
/// </list>
/// </summary>
public sealed class MacDatabase
{
    private static readonly Lazy<MacDatabase> Shared = new(() => Load(DataDirectories()));

    // OUI (24-bit) -> (short name, long name).
    private readonly Dictionary<ulong, (string Short, string? Long)> _oui = new();
    // Masked 48-bit address of a range entry -> name (the prefix length is deliberately not part of the key).
    private readonly Dictionary<ulong, string> _ranges = new();
    private readonly Dictionary<ulong, string> _exact = new();

    public static MacDatabase Default => Shared.Value;

    private MacDatabase(IEnumerable<string> dirs)
    {
        foreach (var dir in dirs)
        {
            if (!File.Exists(Path.Combine(dir, "manuf"))) continue;
            Parse(Path.Combine(dir, "manuf"));
            Parse(Path.Combine(dir, "wka"));
            break;   // Wireshark reads one data directory
        }
    }

    public static MacDatabase Load(IEnumerable<string> dirs) => new(dirs);

    private static IEnumerable<string> DataDirectories()
    {
        var env = Environment.GetEnvironmentVariable("MAKO_DATA_DIR");
        if (!string.IsNullOrEmpty(env)) yield return env;
        yield return "/usr/share/wireshark";
        yield return "/usr/local/share/wireshark";
        yield return "/opt/homebrew/share/wireshark";
    }

    private void Parse(string path)
    {
        if (!File.Exists(path)) return;
        foreach (var raw in File.ReadLines(path))
            ParseLine(raw);
    }

    /// <summary>One manuf/wka line: "ADDRESS[/BITS] NAME [LONG NAME]", '#' starts a comment.</summary>
    internal void ParseLine(string raw)
    {
        var line = raw.AsSpan();
        int hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        line = line.Trim();
        if (line.IsEmpty) return;
        int sp = line.IndexOfAny(' ', '\t');
        if (sp < 0) return;
        var addr = line[..sp];
        var rest = line[sp..].TrimStart(" \t");
        if (rest.IsEmpty) return;
        int nameEnd = rest.IndexOfAny(' ', '\t');
        string name = (nameEnd < 0 ? rest : rest[..nameEnd]).ToString();
        string? longName = null;
        if (nameEnd >= 0)
        {
            // The long name runs to the next tab (it may contain spaces).
            var tail = rest[(nameEnd + 1)..].TrimStart('\t');
            int tab = tail.IndexOf('\t');
            if (tab >= 0) tail = tail[..tab];
            if (!tail.IsEmpty) longName = tail.ToString();
        }
        if (!TryParseAddress(addr, out ulong value, out int bits)) return;
        switch (bits)
        {
            case 0: _oui[value >> 24] = (name, longName); break;
            case 48: _exact[value] = name; break;
            default: _ranges[value & Mask(bits)] = name; break;
        }
    }

    /// <summary>
    /// Parses "00:1B:C5:00:00/36", "00-00-0C", "01-80-C2-00-00-00": 3 bytes without a mask is an OUI (bits 0), 6 bytes
    /// an exact address (bits 48); with "/N" the prefix length (1..47). Separators must all be the same.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<char> s, out ulong value, out int bits)
    {
        value = 0;
        bits = -1;
        int slash = s.IndexOf('/');
        var bytesPart = slash >= 0 ? s[..slash] : s;
        if (slash >= 0)
        {
            if (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits is <= 0 or >= 48)
                return false;
        }
        char sep = '\0';
        int count = 0;
        int i = 0;
        while (i < bytesPart.Length && count < 6)
        {
            int start = i;
            while (i < bytesPart.Length && char.IsAsciiHexDigit(bytesPart[i])) i++;
            if (i == start || i - start > 2) return false;
            value |= (ulong)byte.Parse(bytesPart[start..i], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << (40 - 8 * count);
            count++;
            if (i == bytesPart.Length) break;
            char c = bytesPart[i];
            if (c is not (':' or '-' or '.') || (sep != '\0' && c != sep)) return false;
            sep = c;
            i++;
        }
        if (i != bytesPart.Length) return false;
        if (bits < 0)
        {
            if (count == 3) bits = 0;
            else if (count == 6) bits = 48;
            else return false;
        }
        return true;
    }

    private static ulong Mask(int bits) => bits == 0 ? 0 : ulong.MaxValue << (48 - bits) & 0xFFFF_FFFF_FFFFUL;

    /// <summary>"Cisco_bb:8d:70", "Broadcast", "LLDP_Multicast", or null when unknown.</summary>
    public string? Resolve(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6) return null;
        ulong v = (ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32 | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);
        if (_exact.TryGetValue(v, out var name)) return name;
        if (_ranges.Count > 0)
        {
            for (int bits = 47; bits >= 24; bits--)
            {
                if (_ranges.TryGetValue(v & Mask(bits), out var n)) return RangeName(n, mac, bits);
            }
        }
        if (_oui.TryGetValue(v >> 24, out var o)) return Suffix(o.Short, mac, 3, 0xFF);
        // Group addresses fall back to the vendor of the same OUI with the group bit cleared.
        if ((mac[0] & 1) != 0 && _oui.TryGetValue((v >> 24) & 0xFEFFFF, out o)) return Suffix(o.Short, mac, 3, 0xFF);
        if (_ranges.Count > 0)
        {
            for (int bits = 23; bits >= 0; bits--)
            {
                if (_ranges.TryGetValue(v & Mask(bits), out var n)) return RangeName(n, mac, bits);
            }
        }
        return null;
    }

    private static string RangeName(string name, ReadOnlySpan<byte> mac, int bits) =>
        Suffix(name, mac, bits / 8, (byte)(0xFF >> (bits % 8)));

    /// <summary>name + "_" + the address bytes from <paramref name="first"/> on, the first one masked.</summary>
    private static string Suffix(string name, ReadOnlySpan<byte> mac, int first, byte firstMask)
    {
        Span<char> buf = stackalloc char[name.Length + 1 + 18];
        name.AsSpan().CopyTo(buf);
        int p = name.Length;
        buf[p++] = '_';
        for (int i = first; i < 6; i++)
        {
            if (i > first) buf[p++] = ':';
            byte b = i == first ? (byte)(mac[i] & firstMask) : mac[i];
            b.TryFormat(buf[p..], out int w, "x2", CultureInfo.InvariantCulture);
            p += w;
        }
        return new string(buf[..p]);
    }

    /// <summary>The vendor's long name for an OUI (eth.src.oui_resolved).</summary>
    public string? Vendor(uint oui) => _oui.TryGetValue(oui, out var o) ? o.Long ?? o.Short : null;
}

/// <summary>Per-capture name resolution settings and lookups, with a cache so a busy address costs one lookup.</summary>
public sealed class NameResolver(ResolveFlags flags)
{
    private const int MaxCached = 1 << 16;
    private readonly Dictionary<ulong, string?> _macCache = new();

    public ResolveFlags Flags { get; } = flags;

    /// <summary>Resolved MAC name for display, or null (resolution off or unknown address).</summary>
    public string? ResolveMac(ReadOnlySpan<byte> mac) => (Flags & ResolveFlags.Mac) != 0 ? ResolveMacAlways(mac) : null;

    /// <summary>eth.*_resolved always resolves (tshark fills those fields even with -n).</summary>
    public string? ResolveMacAlways(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6) return null;
        ulong key = (ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32 | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);
        if (_macCache.TryGetValue(key, out var name)) return name;
        name = MacDatabase.Default.Resolve(mac);
        if (_macCache.Count >= MaxCached) _macCache.Clear();
        _macCache[key] = name;
        return name;
    }

    public string? Vendor(uint oui) => MacDatabase.Default.Vendor(oui);
}
