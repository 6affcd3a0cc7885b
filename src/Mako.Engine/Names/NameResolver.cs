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
/// Loaded once per process on first use.
/// </summary>
public sealed class MacDatabase
{
    private static readonly Lazy<MacDatabase> Shared = new(() => Load(DataDirectories()));

    // Keyed by (prefix bits, masked 48-bit value).
    private readonly Dictionary<ulong, (string Short, string? Long)> _oui = new();
    private readonly Dictionary<(int Bits, ulong Value), string> _masked = new();
    private readonly Dictionary<ulong, string> _exact = new();
    private readonly int[] _maskLengths;

    public static MacDatabase Default => Shared.Value;

    private MacDatabase(IEnumerable<string> dirs)
    {
        var lengths = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var dir in dirs)
        {
            Parse(Path.Combine(dir, "manuf"), lengths);
            Parse(Path.Combine(dir, "wka"), lengths);
        }
        _maskLengths = lengths.ToArray();
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

    private void Parse(string path, SortedSet<int> lengths)
    {
        if (!File.Exists(path)) return;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var cols = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (cols.Length < 2) continue;
            string addr = cols[0];
            int bits = -1;
            int slash = addr.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(addr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits)) continue;
                addr = addr[..slash];
            }
            var parts = addr.Split(':', '-', '.');
            if (parts.Length is < 3 or > 6) continue;
            ulong v = 0;
            bool ok = true;
            for (int i = 0; i < 6; i++)
            {
                byte b = 0;
                if (i < parts.Length && !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out b)) { ok = false; break; }
                v = v << 8 | b;
            }
            if (!ok) continue;
            if (bits < 0) bits = parts.Length * 8;
            if (bits == 24)
            {
                _oui.TryAdd(v >> 24, (cols[1], cols.Length > 2 ? cols[2] : null));
            }
            else if (bits == 48)
            {
                _exact.TryAdd(v, cols[1]);
            }
            else
            {
                ulong mask = bits == 0 ? 0 : ulong.MaxValue << (48 - bits) & 0xFFFF_FFFF_FFFFUL;
                _masked.TryAdd((bits, v & mask), cols[1]);
                lengths.Add(bits);
            }
        }
    }

    /// <summary>"Cisco_bb:8d:70", "Broadcast", "Spanning-tree-(for-bridges)_00", or null when unknown.</summary>
    public string? Resolve(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6) return null;
        ulong v = (ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32 | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);
        if (_exact.TryGetValue(v, out var name)) return name;
        foreach (int bits in _maskLengths)
        {
            if (bits <= 24) continue;
            ulong mask = ulong.MaxValue << (48 - bits) & 0xFFFF_FFFF_FFFFUL;
            if (_masked.TryGetValue((bits, v & mask), out var n))
            {
                // Names of longer prefixes keep only the bytes the prefix leaves free.
                return bits switch
                {
                    >= 40 => $"{n}_{mac[5]:x2}",
                    >= 32 => $"{n}_{mac[4]:x2}:{mac[5]:x2}",
                    _ => $"{n}_{mac[3]:x2}:{mac[4]:x2}:{mac[5]:x2}",
                };
            }
        }
        if (_oui.TryGetValue(v >> 24, out var o)) return $"{o.Short}_{mac[3]:x2}:{mac[4]:x2}:{mac[5]:x2}";
        return null;
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
