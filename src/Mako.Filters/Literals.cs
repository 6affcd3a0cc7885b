using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>Parses a literal for the type of the field it is compared with, with Wireshark 4.0's error wording.</summary>
internal static class Literals
{
    public static string TypeName(FieldType t) => t switch
    {
        FieldType.None => "Label",
        FieldType.Protocol => "Protocol",
        FieldType.Boolean => "Boolean",
        FieldType.Char => "Character (1 byte)",
        FieldType.UInt8 => "Unsigned integer (1 byte)",
        FieldType.UInt16 => "Unsigned integer (2 bytes)",
        FieldType.UInt24 => "Unsigned integer (3 bytes)",
        FieldType.UInt32 => "Unsigned integer (4 bytes)",
        FieldType.UInt40 => "Unsigned integer (5 bytes)",
        FieldType.UInt48 => "Unsigned integer (6 bytes)",
        FieldType.UInt56 => "Unsigned integer (7 bytes)",
        FieldType.UInt64 => "Unsigned integer (8 bytes)",
        FieldType.Int8 => "Signed integer (1 byte)",
        FieldType.Int16 => "Signed integer (2 bytes)",
        FieldType.Int24 => "Signed integer (3 bytes)",
        FieldType.Int32 => "Signed integer (4 bytes)",
        FieldType.Int40 => "Signed integer (5 bytes)",
        FieldType.Int48 => "Signed integer (6 bytes)",
        FieldType.Int56 => "Signed integer (7 bytes)",
        FieldType.Int64 => "Signed integer (8 bytes)",
        FieldType.Float => "Floating point (single-precision)",
        FieldType.Double => "Floating point (double-precision)",
        FieldType.AbsoluteTime => "Date and time",
        FieldType.RelativeTime => "Time offset",
        FieldType.String => "Character string",
        FieldType.StringZ => "Character string",
        FieldType.UIntString => "Character string",
        FieldType.StringZPad => "Character string",
        FieldType.StringZTrunc => "Character string",
        FieldType.Ether => "Ethernet or other MAC address",
        FieldType.Bytes => "Byte sequence",
        FieldType.UIntBytes => "Byte sequence",
        FieldType.IPv4 => "IPv4 address",
        FieldType.IPv6 => "IPv6 address",
        FieldType.FrameNum => "Frame number",
        FieldType.Guid => "Globally Unique Identifier",
        FieldType.Oid => "ASN.1 object identifier",
        FieldType.Eui64 => "EUI64 address",
        _ => FieldTypes.Name(t),
    };

    /// <summary>Parses literal <paramref name="lit"/> (a word, quoted string or character constant) for field <paramref name="f"/>.</summary>
    public static Value Parse(FieldDef f, Ast lit)
    {
        int pos = lit.Pos, len = lit.Len;
        bool quoted = lit is StringNode;
        string text = lit switch { WordNode w => w.Text, StringNode sn => sn.Text, CharNode cn => cn.Text, _ => "" };
        var kind = FieldValues.KindOf(f.Type);
        if (lit is CharNode ch)
        {
            if (kind is VKind.Integer or VKind.Bool) return new Value { Kind = kind, I = kind == VKind.Bool ? (ch.Value != 0 ? 1 : 0) : ch.Value, Unsigned = true };
            throw new FilterException($"{TypeName(f.Type)} cannot be converted from a character constant ({text}).", pos, len);
        }
        switch (kind)
        {
            case VKind.Bool:
                {
                    if (!quoted)
                    {
                        if (text is "True" or "TRUE") return Bool(true);
                        if (text is "False" or "FALSE") return Bool(false);
                        if (TryInteger(text, out long bv, out _, out _)) return Bool(bv != 0);
                    }
                    var tf = f.TrueFalse ?? TrueFalse.TrueFalseDefault;
                    if (text.Equals(tf.True, StringComparison.OrdinalIgnoreCase)) return Bool(true);
                    if (text.Equals(tf.False, StringComparison.OrdinalIgnoreCase)) return Bool(false);
                    throw new FilterException($"\"{text}\" cannot be found among the possible values for {f.Abbrev}.", pos, len);
                }
            case VKind.Integer:
                {
                    if (!quoted)
                    {
                        if (TryInteger(text, out long v, out bool neg, out bool overflow))
                        {
                            if (FieldTypes.IsUnsigned(f.Type) && FieldTypes.Bits(f.Type) < 64 && !neg && (ulong)v > (1UL << FieldTypes.Bits(f.Type)) - 1)
                                throw new FilterException($"\"{text}\" too big for this field, maximum {(1UL << FieldTypes.Bits(f.Type)) - 1}.", pos, len);
                            return new Value { Kind = kind, I = v, Unsigned = !neg };
                        }
                        if (overflow) throw new FilterException($"\"{text}\" causes an integer overflow.", pos, len);
                    }
                    if (f.Values is { } vn)
                    {
                        if (vn.TryFindValue(text, out ulong named)) return Value.Int((long)named, true);
                        throw new FilterException($"\"{text}\" cannot be found among the possible values for {f.Abbrev}.", pos, len);
                    }
                    if (quoted) throw Unconvertible(f, text, pos, len);
                    throw new FilterException($"\"{text}\" is not a valid number.", pos, len);
                }
            case VKind.Double:
                if (quoted) throw Unconvertible(f, text, pos, len);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return new Value { Kind = VKind.Double, D = d };
                throw new FilterException($"\"{text}\" is not a valid number.", pos, len);
            case VKind.RelTime:
                if (quoted) throw Unconvertible(f, text, pos, len);
                if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1]))
                    && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal secs))
                    return new Value { Kind = VKind.RelTime, I = (long)(secs * 1_000_000_000m) };
                throw new FilterException($"\"{text}\" is not a valid time.", pos, len);
            case VKind.AbsTime:
                return AbsTime(text, pos, len);
            case VKind.IPv4:
                {
                    if (quoted) throw Unconvertible(f, text, pos, len);
                    string addr = text;
                    int prefix = 32;
                    int slash = text.IndexOf('/');
                    if (slash >= 0)
                    {
                        addr = text[..slash];
                        if (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0)
                            throw new FilterException($"\"{text[(slash + 1)..]}\" isn't a valid subnet mask.", pos, len);
                        if (prefix > 32)
                            throw new FilterException($"Netmask bits in a CIDR IPv4 address should be <= 32, not {prefix}", pos, len);
                    }
                    if (!TryIPv4(addr, out uint a))
                        throw new FilterException($"\"{addr}\" is not a valid hostname or IPv4 address.", pos, len);
                    return new Value { Kind = VKind.IPv4, I = a, Prefix = prefix, Cidr = slash >= 0 };
                }
            case VKind.IPv6:
                {
                    if (quoted) throw Unconvertible(f, text, pos, len);
                    string addr = text;
                    int prefix = 128;
                    int slash = text.IndexOf('/');
                    if (slash >= 0)
                    {
                        addr = text[..slash];
                        if (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0)
                            throw new FilterException($"\"{text[(slash + 1)..]}\" isn't a valid subnet mask.", pos, len);
                        if (prefix > 128)
                            throw new FilterException($"Prefix in a IPv6 address should be <= 128, not {prefix}", pos, len);
                    }
                    if (!addr.Contains(':') || !IPAddress.TryParse(addr, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
                        throw new FilterException($"\"{addr}\" is not a valid hostname or IPv6 address.", pos, len);
                    return new Value { Kind = VKind.IPv6, B = ip.GetAddressBytes(), Prefix = prefix, Cidr = slash >= 0 };
                }
            case VKind.String:
                return lit is StringNode str ? Value.Bytes(str.Bytes, VKind.String) : Value.Str(text);
            case VKind.None:
                throw new FilterException($"{f.Abbrev} is a {TypeName(f.Type).ToLowerInvariant()} and cannot be compared.", pos, len);
            default:
                {
                    if (lit is StringNode q)
                    {
                        if (f.Type == FieldType.Ether) throw Unconvertible(f, text, pos, len);
                        return Value.Bytes(q.Bytes, kind);
                    }
                    if (!TryBytes(text, out var bytes))
                    {
                        if (f.Type == FieldType.Ether)
                            throw new FilterException($"\"{text}\" is not a valid Ethernet address.", pos, len);
                        throw new FilterException($"\"{text}\" is not a valid byte string.", pos, len);
                    }
                    if (f.Type == FieldType.Ether && bytes.Length != 6)
                    {
                        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                            throw new FilterException($"\"{text}\" is not a valid Ethernet address.", pos, len);
                        throw new FilterException($"\"{text}\" contains too {(bytes.Length < 6 ? "few" : "many")} bytes to be a valid Ethernet address.", pos, len);
                    }
                    return Value.Bytes(bytes, kind);
                }
        }
    }

    private static Value Bool(bool b) => new() { Kind = VKind.Bool, I = b ? 1 : 0, Unsigned = true };

    private static FilterException Unconvertible(FieldDef f, string text, int pos, int len) =>
        new($"{TypeName(f.Type)} cannot be converted from a string (\"{text}\").", pos, len);

    public static Value AbsTime(string text, int pos, int len)
    {
        if (TryAbsTime(text, out long ns, out bool badFraction)) return new Value { Kind = VKind.AbsTime, I = ns };
        if (badFraction) throw new FilterException("Subseconds value is invalid.", pos, len);
        throw new FilterException($"\"{text}\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", pos, len);
    }

    /// <summary>Decimal, 0x hex, 0 octal, 0b binary, optional leading minus (strtoull's forms as 4.0 uses them).</summary>
    public static bool TryInteger(string s, out long v, out bool negative) => TryInteger(s, out v, out negative, out _);

    public static bool TryInteger(string s, out long v, out bool negative, out bool overflow)
    {
        v = 0;
        overflow = false;
        negative = s.StartsWith('-');
        string t = negative ? s[1..] : s;
        if (t.Length == 0) return false;
        int radix = 10;
        if (t.Length > 2 && t[0] == '0' && t[1] is 'x' or 'X') { radix = 16; t = t[2..]; }
        else if (t.Length > 2 && t[0] == '0' && t[1] is 'b' or 'B') { radix = 2; t = t[2..]; }
        else if (t.Length > 1 && t[0] == '0') { radix = 8; t = t[1..]; }
        ulong u = 0;
        foreach (char c in t)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10 : 99;
            if (d >= radix) return false;
            if (u > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                overflow = true;
                return false;
            }
            u = u * (ulong)radix + (ulong)d;
        }
        v = negative ? -(long)u : (long)u;
        return true;
    }

    private static bool TryIPv4(string s, out uint a)
    {
        a = 0;
        var parts = s.Split('.');
        if (parts.Length != 4) return false;
        foreach (var p in parts)
        {
            if (!byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out byte b)) return false;
            a = a << 8 | b;
        }
        return true;
    }

    /// <summary>Byte strings: "00:0b:ab", "00-0b-ab", "000b.ab0e", "0x02", a single byte "02", or plain hex pairs.</summary>
    public static bool TryBytes(string s, out byte[] bytes)
    {
        bytes = [];
        if (s.StartsWith(':')) s = s[1..];
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2)
        {
            string h = s[2..];
            if (h.Length % 2 == 1) h = "0" + h;
            try { bytes = Convert.FromHexString(h); return true; } catch (FormatException) { return false; }
        }
        char sep = s.Contains(':') ? ':' : s.Contains('-') ? '-' : s.Contains('.') ? '.' : '\0';
        if (sep == '\0')
        {
            if (s.Length % 2 == 1 || s.Length == 0) return s.Length == 1 && Uri.IsHexDigit(s[0]) && (bytes = [Convert.ToByte(s, 16)]) is not null;
            try { bytes = Convert.FromHexString(s); return true; } catch (FormatException) { return false; }
        }
        var list = new List<byte>();
        foreach (var part in s.Split(sep))
        {
            if (part.Length is 0 or > 4 || !part.All(Uri.IsHexDigit)) return false;
            string p = part.Length % 2 == 1 ? "0" + part : part;
            list.AddRange(Convert.FromHexString(p));
        }
        bytes = list.ToArray();
        return true;
    }

    private static readonly string[] AbsFormats =
    [
        "MMM d, yyyy HH:mm:ss", "MMM d, yyyy HH:mm", "MMM  d, yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>"Nov 12, 1999 08:55:44.123" or ISO 8601 "2011-07-04 12:34:56[.frac][Z|±hh:mm| UTC]"; local time by default.</summary>
    public static bool TryAbsTime(string s, out long ns, out bool badFraction)
    {
        ns = 0;
        badFraction = false;
        string t = s.Trim();
        bool utc = false;
        TimeSpan? offset = null;
        if (t.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) { utc = true; t = t[..^4]; }
        else if (t.EndsWith('Z')) { utc = true; t = t[..^1]; }
        else
        {
            var m = System.Text.RegularExpressions.Regex.Match(t, @"([+-])(\d{2}):?(\d{2})$");
            if (m.Success && t.Length > 10 && t.Contains(':'))
            {
                offset = new TimeSpan(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), 0);
                if (m.Groups[1].Value == "-") offset = -offset;
                t = t[..m.Index];
            }
        }
        long fracNs = 0;
        int dot = t.LastIndexOf('.');
        if (dot > 0 && dot > t.LastIndexOf(':') && t.IndexOf(':') > 0)
        {
            string frac = t[(dot + 1)..];
            if (frac.Length == 0 || frac.Length > 9 || !frac.All(char.IsAsciiDigit))
            {
                badFraction = frac.Length > 9 && frac.All(char.IsAsciiDigit);
                return false;
            }
            fracNs = long.Parse(frac.PadRight(9, '0'), CultureInfo.InvariantCulture);
            t = t[..dot];
        }
        if (!DateTime.TryParseExact(t, AbsFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt)) return false;
        DateTimeOffset dto = utc ? new DateTimeOffset(dt, TimeSpan.Zero)
            : offset is { } o ? new DateTimeOffset(dt, o)
            : new DateTimeOffset(dt, TimeZoneInfo.Local.GetUtcOffset(dt));
        ns = dto.ToUnixTimeSeconds() * 1_000_000_000L + fracNs;
        return true;
    }
}
