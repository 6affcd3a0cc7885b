using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Follow;

namespace Mako.Cli.Stats;

/// <summary>
/// `-z follow,tcp|udp|http|tls,ascii|ebcdic|hex|raw|yaml,&lt;stream&gt;[,&lt;chunk range&gt;]`: prints a stream's data
/// as tshark 4.0's tap-follow does. The data comes from <see cref="StreamFollower"/> (the library API); this class
/// only parses the argument and prints. See docs/follow.md.
/// </summary>
internal sealed class FollowProvider : IStatProvider
{
    public IEnumerable<string> Names => ["follow,http", "follow,tcp", "follow,tls", "follow,udp"];

    public IStatistic? Create(string name, string arg, StatContext context, out string? error)
    {
        var protocol = name switch
        {
            "follow,udp" => FollowProtocol.Udp,
            "follow,http" => FollowProtocol.Http,
            "follow,tls" => FollowProtocol.Tls,
            _ => FollowProtocol.Tcp,
        };
        string rest = arg[name.Length..];
        error = null;

        // ",mode"
        FollowMode mode;
        if (TakeWord(ref rest, "hex")) mode = FollowMode.Hex;
        else if (TakeWord(ref rest, "ascii")) mode = FollowMode.Ascii;
        else if (TakeWord(ref rest, "ebcdic")) mode = FollowMode.Ebcdic;
        else if (TakeWord(ref rest, "raw")) mode = FollowMode.Raw;
        else if (TakeWord(ref rest, "yaml")) mode = FollowMode.Yaml;
        else
        {
            error = "follow - Invalid display mode.";
            return null;
        }

        // ",selector" is a stream index or two endpoints (which themselves contain one comma).
        if (!rest.StartsWith(','))
        {
            error = "follow - Invalid address.";
            return null;
        }
        rest = rest[1..];
        string selector;
        string[] parts = rest.Split(',');
        bool index = parts[0].Length > 0 && (parts[0].All(char.IsAsciiDigit) || parts[0][0] == '-');
        if (index)
        {
            selector = parts[0];
            rest = rest[selector.Length..];
        }
        else
        {
            // Two endpoints: the selector ends at the second comma outside IPv6 brackets.
            int end = CommaOutsideBrackets(rest, CommaOutsideBrackets(rest, 0) + 1);
            selector = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[end..];
        }
        var spec = FollowSpec.Parse(protocol, selector, out var specError);
        if (spec is null)
        {
            error = "follow - " + specError;
            return null;
        }

        // Optional ",min[-max]" chunk range (1-based).
        uint min = 1, max = uint.MaxValue;
        if (rest.Length > 0)
        {
            if (!TryRange(rest, out min, out max, out int used))
            {
                error = "follow - Invalid range.";
                return null;
            }
            if (min < 1 || min > max)
            {
                error = "follow - Invalid range value.";
                return null;
            }
            rest = rest[used..];
            if (rest.Length > 0)
            {
                error = "follow - Invalid parameter.";
                return null;
            }
        }

        var follower = new StreamFollower(spec);
        context.Session?.State<FollowTaps>().Add(follower);
        return new FollowStatistic(protocol, mode, follower, min, max);
    }

    private static int CommaOutsideBrackets(string s, int from)
    {
        if (from < 0) return -1;
        bool inBracket = false;
        for (int i = from; i < s.Length; i++)
        {
            if (s[i] == '[') inBracket = true;
            else if (s[i] == ']') inBracket = false;
            else if (s[i] == ',' && !inBracket) return i;
        }
        return -1;
    }

    private static bool TakeWord(ref string rest, string word)
    {
        if (!rest.StartsWith("," + word, StringComparison.Ordinal)) return false;
        rest = rest[(word.Length + 1)..];
        return true;
    }

    private static bool TryRange(string s, out uint min, out uint max, out int used)
    {
        min = max = 0;
        used = 0;
        if (!s.StartsWith(',')) return false;
        int i = 1;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start || !uint.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out min)) return false;
        max = min;
        if (i < s.Length && s[i] == '-')
        {
            int s2 = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i > s2 && uint.TryParse(s.AsSpan(s2, i - s2), NumberStyles.None, CultureInfo.InvariantCulture, out uint m)) max = m;
            else i = s2 - 1; // "%u-%u" failed: tshark falls back to a single number
        }
        used = i;
        return true;
    }
}

internal enum FollowMode { Hex, Ascii, Ebcdic, Raw, Yaml }

/// <summary>Prints one followed stream in tshark's layout.</summary>
internal sealed class FollowStatistic(FollowProtocol protocol, FollowMode mode, StreamFollower follower, uint chunkMin, uint chunkMax) : IStatistic
{
    private const string Separator = "===================================================================\n";

    public IReadOnlyCollection<int>? FieldIds => [];

    public void Packet(Packet pkt) { }

    public void Write(TextWriter output)
    {
        var r = follower.Result;
        var sb = new StringBuilder();
        if (mode == FollowMode.Yaml)
        {
            sb.Append("peers:\n");
            sb.Append("  - peer: 0\n    host: ").Append(Host(r.Address0)).Append("\n    port: ").Append(r.Port0).Append('\n');
            sb.Append("  - peer: 1\n    host: ").Append(Host(r.Address1)).Append("\n    port: ").Append(r.Port1).Append('\n');
            sb.Append("packets:\n");
        }
        else
        {
            sb.Append('\n').Append(Separator);
            sb.Append("Follow: ").Append(ProtocolName).Append(',').Append(ModeName).Append('\n');
            sb.Append("Filter: ").Append(r.Filter).Append('\n');
            sb.Append("Node 0: ").Append(Node(r.Address0, r.Port0)).Append('\n');
            sb.Append("Node 1: ").Append(Node(r.Address1, r.Port1)).Append('\n');
        }

        long[] position = new long[2];
        uint chunk = 0;
        foreach (var c in r.Chunks)
        {
            chunk++;
            if (chunk < chunkMin || chunk > chunkMax)
            {
                position[c.Peer] += c.Data.Length;
                continue;
            }
            string indent = c.Peer == 1 ? "\t" : "";
            switch (mode)
            {
                case FollowMode.Hex:
                    Hex(sb, indent, (uint)position[c.Peer], c.Data);
                    break;
                case FollowMode.Ascii:
                case FollowMode.Ebcdic:
                    sb.Append(indent).Append(c.Data.Length).Append('\n');
                    Text(sb, c.Data, mode == FollowMode.Ebcdic);
                    break;
                case FollowMode.Raw:
                    sb.Append(indent).Append(Convert.ToHexStringLower(c.Data)).Append('\n');
                    break;
                case FollowMode.Yaml:
                    Yaml(sb, c);
                    break;
            }
            position[c.Peer] += c.Data.Length;
        }
        if (mode != FollowMode.Yaml) sb.Append(Separator);
        output.Write(sb.ToString());
    }

    private string ProtocolName => protocol switch
    {
        FollowProtocol.Udp => "udp",
        FollowProtocol.Http => "http",
        FollowProtocol.Tls => "tls",
        _ => "tcp",
    };

    private string ModeName => mode switch
    {
        FollowMode.Hex => "hex",
        FollowMode.Ebcdic => "ebcdic",
        FollowMode.Raw => "raw",
        FollowMode.Yaml => "yaml",
        _ => "ascii",
    };

    private static string Host(Address a) => a.Type == AddressType.None ? "" : a.ToString();

    private static string Node(Address a, uint port) =>
        a.Type == AddressType.IPv6 ? $"[{a}]:{port}" : $"{Host(a)}:{port}";

    /// <summary>16 bytes a line: offset (per direction, uppercase hex), the bytes with an extra space after the
    /// eighth, then the printable characters from column 60.</summary>
    private static void Hex(StringBuilder sb, string indent, uint offset, byte[] data)
    {
        const int HexStart = 10, AsciiStart = 60;
        Span<char> line = stackalloc char[AsciiStart + 17];
        int jj = 0, kk = 0;
        for (int ii = 0; ii < data.Length;)
        {
            if (ii % 16 == 0)
            {
                offset.TryFormat(line, out _, "X8", CultureInfo.InvariantCulture);
                line[8..AsciiStart].Fill(' ');
                jj = HexStart;
                kk = AsciiStart;
            }
            byte v = data[ii];
            line[jj++] = "0123456789abcdef"[v >> 4];
            line[jj++] = "0123456789abcdef"[v & 0xf];
            jj++;
            line[kk++] = v >= ' ' && v < 0x7f ? (char)v : '.';
            if (++ii % 16 == 8)
            {
                jj++;
                line[kk++] = ' ';
            }
            if (ii % 16 == 0 || ii == data.Length)
            {
                if (line[kk - 1] == ' ') kk--;
                sb.Append(indent).Append(line[..kk]).Append('\n');
                offset += 16;
            }
        }
    }

    private static void Text(StringBuilder sb, byte[] data, bool ebcdic)
    {
        foreach (byte b in data)
        {
            byte c = b is (byte)'\r' or (byte)'\n' || (b >= 0x20 && b < 0x7f) ? b : (byte)'.';
            sb.Append(ebcdic ? Ebcdic.ToAscii(c) : (char)c);
        }
        sb.Append(ebcdic ? Ebcdic.ToAscii((byte)'\n') : '\n');
    }

    private static void Yaml(StringBuilder sb, FollowChunk c)
    {
        sb.Append("  - packet: ").Append(c.Frame).Append('\n');
        sb.Append("    peer: ").Append(c.Peer).Append('\n');
        // tshark prints the time as a double (seconds) with nine decimals, so its binary rounding shows.
        double seconds = (double)(c.TimestampNs / 1_000_000_000) + (double)(c.TimestampNs % 1_000_000_000) / 1e9;
        sb.Append("    timestamp: ").Append(seconds.ToString("F9", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("    data: !!binary |\n");
        for (int i = 0; i < c.Data.Length; i += 57)
            sb.Append("      ").Append(Convert.ToBase64String(c.Data, i, Math.Min(57, c.Data.Length - i))).Append('\n');
    }
}
