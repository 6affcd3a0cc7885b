using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Engine.Format;

/// <summary>
/// Turns a tree node's value into text the way tshark's `-T fields` prints it (fvalue "display" representation):
/// integers masked and shifted, hex padded to the type's width, booleans as 1/0, FT_NONE as 1, bytes as plain hex,
/// absolute times as "Nov 24, 2009 00:51:49.119790000 UTC", relative times with 9 decimals.
/// </summary>
public static class FieldFormatter
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The integer value of a node after its field's bitmask and shift.</summary>
    public static ulong IntValue(FieldDef f, in FieldNode n)
    {
        ulong v = n.Value;
        if (f.Bitmask != 0) v = (v & f.Bitmask) >> f.Shift;
        return v;
    }

    /// <summary>Signed value of a node (sign-extended from the type width).</summary>
    public static long SignedValue(FieldDef f, in FieldNode n)
    {
        ulong v = IntValue(f, n);
        int bits = f.Bitmask != 0 ? System.Numerics.BitOperations.PopCount(f.Bitmask) : FieldTypes.Bits(f.Type);
        if (bits < 64 && (v & (1UL << (bits - 1))) != 0) v |= ulong.MaxValue << bits;
        return (long)v;
    }

    public static void Append(StringBuilder sb, PacketTree tree, int node, FieldRegistry reg)
    {
        ref var n = ref tree[node];
        var f = reg[n.FieldId];
        if (n.FieldId == CoreProtocols.ExpertMessage.Id && n.Parent >= 0 && tree.GetObject(n.Parent) is ExpertItem msg)
        {
            sb.Append(msg.Message);
            return;
        }
        switch (f.Type)
        {
            case FieldType.None:
                sb.Append('1');
                return;
            case FieldType.Protocol:
                if (n.FieldId == CoreProtocols.Expert.Id && tree.GetObject(node) is ExpertItem ei)
                {
                    sb.Append("Expert Info (").Append(ExpertDef.SeverityName(ei.Def.Severity)).Append('/').Append(ExpertDef.GroupName(ei.Def.Group)).Append("): ").Append(ei.Message);
                    return;
                }
                sb.Append(tree.GetLabel(node) ?? tree.GetObject(node) as string ?? f.Name);
                return;
            case FieldType.Boolean:
                sb.Append(IntValue(f, n) != 0 ? '1' : '0');
                return;
            case FieldType.AbsoluteTime:
                AppendAbsoluteTime(sb, (long)n.Value, f.Base == FieldBase.AbsUtc);
                return;
            case FieldType.RelativeTime:
                AppendRelativeTime(sb, (long)n.Value);
                return;
            case FieldType.IPv4:
                {
                    Span<char> b = stackalloc char[16];
                    sb.Append(b[..Formatting.FormatIPv4((uint)n.Value, b)]);
                    return;
                }
            case FieldType.Float:
            case FieldType.Double:
                sb.Append(FormatDouble(BitConverter.Int64BitsToDouble((long)n.Value), f.Type == FieldType.Float));
                return;
        }
        if (FieldTypes.IsString(f.Type) || f.Type == FieldType.Oid)
        {
            if ((n.Flags & NodeFlags.ObjectValue) != 0) sb.Append(tree.GetObject(node) as string);
            else AppendAsciiString(sb, tree.Bytes(node));
            return;
        }
        if (FieldTypes.IsBytesLike(f.Type))
        {
            // A placeholder text instead of bytes (tshark's "<MISSING>" for an empty item at the end of the data).
            if ((n.Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(node) is string placeholder)
            {
                sb.Append(placeholder);
                return;
            }
            ReadOnlySpan<byte> bytes = (n.Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(node) is byte[] arr ? arr : tree.Bytes(node);
            // tshark prints an empty FT_BYTES item (e.g. a zero-length PadN) as "<none>".
            if (bytes.IsEmpty && f.Type == FieldType.Bytes && n.Length == 0)
            {
                sb.Append("<none>");
                return;
            }
            if (f.ByteSeparator != '\0' && f.Type == FieldType.Bytes) AppendHex(sb, bytes, f.ByteSeparator);
            else AppendBytes(sb, f.Type, bytes);
            return;
        }
        if (FieldTypes.IsSigned(f.Type))
        {
            sb.Append(SignedValue(f, n));
            return;
        }
        AppendUnsigned(sb, f, IntValue(f, n));
    }

    public static void AppendUnsigned(StringBuilder sb, FieldDef f, ulong v)
    {
        switch (f.Base)
        {
            case FieldBase.Hex:
            case FieldBase.HexDec:
                {
                    int digits = (FieldTypes.Bits(f.Type) + 3) / 4;
                    Span<char> b = stackalloc char[16];
                    v.TryFormat(b, out int w, HexFormats[digits], CultureInfo.InvariantCulture);
                    sb.Append("0x").Append(b[..w]);
                    return;
                }
            case FieldBase.Oct:
                sb.Append('0').Append(Convert.ToString((long)v, 8));
                return;
            default:
                sb.Append(v);
                return;
        }
    }

    private static readonly string[] HexFormats = ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"];

    public static void AppendBytes(StringBuilder sb, FieldType t, ReadOnlySpan<byte> bytes)
    {
        switch (t)
        {
            case FieldType.Ether:
            case FieldType.Eui64:
            case FieldType.Fcwwn:
                AppendHex(sb, bytes, ':');
                return;
            case FieldType.IPv6:
                if (bytes.Length == 16)
                {
                    Span<char> b = stackalloc char[48];
                    sb.Append(b[..Formatting.FormatIPv6(bytes, b)]);
                    return;
                }
                AppendHex(sb, bytes, '\0');
                return;
            case FieldType.Guid:
                if (bytes.Length == 16)
                {
                    sb.Append(new Guid(bytes, bigEndian: true).ToString());
                    return;
                }
                AppendHex(sb, bytes, '\0');
                return;
            default:
                AppendHex(sb, bytes, '\0');
                return;
        }
    }

    public static void AppendHex(StringBuilder sb, ReadOnlySpan<byte> bytes, char sep)
    {
        const string hex = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            if (sep != '\0' && i > 0) sb.Append(sep);
            sb.Append(hex[bytes[i] >> 4]).Append(hex[bytes[i] & 0xF]);
        }
    }

    /// <summary>Strings taken from packet bytes: valid UTF-8 as is, invalid sequences as U+FFFD.</summary>
    public static void AppendAsciiString(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        sb.Append(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>"Nov 24, 2009 00:51:49.119790000 UTC" in local time (tshark's default), or UTC.</summary>
    public static void AppendAbsoluteTime(StringBuilder sb, long ns, bool utc = false)
    {
        long secs = Math.DivRem(ns, 1_000_000_000L, out long frac);
        if (frac < 0) { frac += 1_000_000_000L; secs--; }
        var dto = DateTimeOffset.FromUnixTimeSeconds(secs);
        var local = utc ? dto : TimeZoneInfo.ConvertTime(dto, TimeZoneInfo.Local);
        sb.Append(Months[local.Month - 1]).Append(' ');
        if (local.Day < 10) sb.Append(' ');
        sb.Append(local.Day).Append(", ").Append(local.Year.ToString("D4", CultureInfo.InvariantCulture)).Append(' ');
        sb.Append(local.Hour.ToString("D2", CultureInfo.InvariantCulture)).Append(':')
          .Append(local.Minute.ToString("D2", CultureInfo.InvariantCulture)).Append(':')
          .Append(local.Second.ToString("D2", CultureInfo.InvariantCulture)).Append('.')
          .Append(frac.ToString("D9", CultureInfo.InvariantCulture)).Append(' ');
        sb.Append(utc ? "UTC" : TimeZoneAbbreviation(local));
    }

    private static string TimeZoneAbbreviation(DateTimeOffset t)
    {
        var tz = TimeZoneInfo.Local;
        if (tz.BaseUtcOffset == TimeSpan.Zero && !tz.SupportsDaylightSavingTime) return "UTC";
        string name = tz.IsDaylightSavingTime(t) ? tz.DaylightName : tz.StandardName;
        return name.Length <= 5 ? name : (t.Offset == TimeSpan.Zero ? "UTC" : t.ToString("zzz", CultureInfo.InvariantCulture));
    }

    /// <summary>"0.000005000" (seconds, 9 decimals).</summary>
    public static void AppendRelativeTime(StringBuilder sb, long ns)
    {
        if (ns < 0)
        {
            sb.Append('-');
            ns = -ns;
        }
        long secs = Math.DivRem(ns, 1_000_000_000L, out long frac);
        Span<char> b = stackalloc char[12];
        frac.TryFormat(b, out int w, "D9", CultureInfo.InvariantCulture);
        sb.Append(secs).Append('.').Append(b[..w]);
    }

    /// <summary>Wireshark prints doubles with %g and 15 (float: 6) significant digits.</summary>
    public static string FormatDouble(double d, bool isFloat)
    {
        int prec = isFloat ? 6 : 15;
        if (d == 0) return "0";
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        int exp = (int)Math.Floor(Math.Log10(Math.Abs(d)));
        if (exp < -4 || exp >= prec)
        {
            string s = d.ToString("E" + (prec - 1), CultureInfo.InvariantCulture);
            int e = s.IndexOf('E');
            string mant = s[..e].Contains('.') ? s[..e].TrimEnd('0').TrimEnd('.') : s[..e];
            int ev = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            return mant + "e" + (ev < 0 ? "-" : "+") + Math.Abs(ev).ToString("D2", CultureInfo.InvariantCulture);
        }
        string f = d.ToString("F" + Math.Max(0, prec - 1 - exp), CultureInfo.InvariantCulture);
        return f.Contains('.') ? f.TrimEnd('0').TrimEnd('.') : f;
    }

    public static string ToText(PacketTree tree, int node, FieldRegistry reg)
    {
        var sb = new StringBuilder();
        Append(sb, tree, node, reg);
        return sb.ToString();
    }

    internal static uint ReadIPv4(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32BigEndian(b);
}
