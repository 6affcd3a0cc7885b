using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Names;
using Mako.Engine.Tree;

namespace Mako.Engine.Format;

/// <summary>
/// The text a tree node shows in tshark's `-V` output and in PDML's showname: the dissector's own label when it set
/// one, otherwise the generic "Name: value" form Wireshark builds from the field's type, base, value names, bitmask
/// and true/false strings ("Type: IPv4 (0x0800)", ".... ..0. .... .... .... .... = LG bit: Globally unique address
/// (factory default)", "Data: 0e0f"). Labels longer than Wireshark's 240-byte label buffer are cut and marked
/// " [truncated]" where Wireshark marks them. Generated nodes are wrapped in "[...]" by the printers, not here.
/// </summary>
public sealed class LabelFormatter(FieldRegistry registry, NameResolver? names = null)
{
    /// <summary>Wireshark's ITEM_LABEL_LENGTH: labels are built in a buffer of this many bytes.</summary>
    public const int LabelBufferBytes = 240;
    /// <summary>Byte data shown in a label is cut after this many bytes and followed by "…".</summary>
    public const int MaxLabelBytes = 36;
    /// <summary>Wireshark formats a number (with its OUI vendor) in a buffer of 32 bytes: at most 31 characters.</summary>
    private const int NumberBufferChars = 31;

    private readonly StringBuilder _scratch = new(128);

    public FieldRegistry Registry => registry;

    /// <summary>The node's label (allocates a string).</summary>
    public string Label(PacketTree tree, int node)
    {
        var sb = new StringBuilder(64);
        AppendLabel(sb, tree, node);
        return sb.ToString();
    }

    /// <summary>Appends the node's label: its custom label, or the generic one.</summary>
    public void AppendLabel(StringBuilder sb, PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        var f = registry[n.FieldId];
        int start = sb.Length;
        int namePos;
        if (tree.GetLabel(node) is { } custom)
        {
            // Printers add the brackets of generated items; a dissector's label that brings its own is unwrapped.
            if ((n.Flags & NodeFlags.Generated) != 0 && custom.Length >= 2 && custom[0] == '[' && custom[^1] == ']')
                custom = custom[1..^1];
            sb.Append(custom);
            // A label of the "Name: value" shape is marked after the name, as Wireshark does for *_format_value().
            namePos = custom.StartsWith(f.Name, StringComparison.Ordinal) && custom.AsSpan(f.Name.Length).StartsWith(": ") ? f.Name.Length : 0;
        }
        else
        {
            namePos = AppendGeneric(sb, tree, node, f);
        }
        TruncateLabel(sb, start, namePos);
    }

    /// <summary>
    /// Appends the generic label and returns where the field name ends (after any bit pattern), which is where
    /// Wireshark inserts " [truncated]".
    /// </summary>
    private int AppendGeneric(StringBuilder sb, PacketTree tree, int node, FieldDef f)
    {
        ref var n = ref tree[node];
        int start = sb.Length;
        if (n.FieldId == CoreProtocols.Expert.Id && tree.GetObject(node) is ExpertItem ei)
        {
            sb.Append("Expert Info (").Append(ExpertDef.SeverityName(ei.Def.Severity)).Append('/')
              .Append(ExpertDef.GroupName(ei.Def.Group)).Append("): ");
            AppendExpertMessage(sb, ei.Message);
            return 0;
        }
        // The expert field itself (FT_NONE, first child of the expert item) shows the message. A protocol may also
        // declare the same name as a plain field, so the registry's entry need not be the ExpertDef.
        if (f.Type == FieldType.None && n.Parent >= 0 && tree[n.Parent].FieldId == CoreProtocols.Expert.Id
            && tree.GetObject(n.Parent) is ExpertItem item)
        {
            AppendExpertMessage(sb, item.Message);
            return 0;
        }
        switch (f.Type)
        {
            case FieldType.None:
            case FieldType.Protocol:
                sb.Append(f.Name);
                return 0;
            case FieldType.Boolean:
                {
                    if (f.Bitmask != 0)
                        AppendBitPattern(sb, n.Value & f.Bitmask, f.Bitmask, f.BoolBits > 0 ? f.BoolBits : FieldTypes.Bits(f.Type));
                    int pos = sb.Length - start + f.Name.Length;
                    var tf = f.TrueFalse ?? TrueFalse.TrueFalseDefault;
                    sb.Append(f.Name).Append(": ").Append(FieldFormatter.IntValue(f, n) != 0 ? tf.True : tf.False);
                    return pos;
                }
            case FieldType.AbsoluteTime:
                sb.Append(f.Name).Append(": ");
                FieldFormatter.AppendAbsoluteTime(sb, (long)n.Value, f.Base == FieldBase.AbsUtc);
                return f.Name.Length;
            case FieldType.RelativeTime:
                sb.Append(f.Name).Append(": ");
                FieldFormatter.AppendRelativeTime(sb, (long)n.Value);
                sb.Append(" seconds");
                return f.Name.Length;
            case FieldType.IPv4:
            case FieldType.IPv6:
            case FieldType.Guid:
            case FieldType.Eui64:
            case FieldType.Fcwwn:
                sb.Append(f.Name).Append(": ");
                FieldFormatter.Append(sb, tree, node, registry);
                return f.Name.Length;
            case FieldType.Ether:
                sb.Append(f.Name).Append(": ");
                AppendEther(sb, tree, node);
                return f.Name.Length;
            case FieldType.Float:
            case FieldType.Double:
                sb.Append(f.Name).Append(": ");
                FieldFormatter.Append(sb, tree, node, registry);
                AppendUnit(sb, f);
                return f.Name.Length;
        }
        if (FieldTypes.IsString(f.Type) || f.Type == FieldType.Oid)
        {
            sb.Append(f.Name).Append(": ");
            _scratch.Clear();
            FieldFormatter.Append(_scratch, tree, node, registry);
            AppendEscapedText(sb, _scratch);
            return f.Name.Length;
        }
        if (FieldTypes.IsBytesLike(f.Type))
        {
            sb.Append(f.Name).Append(": ");
            ReadOnlySpan<byte> bytes = (n.Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(node) is byte[] arr ? arr : tree.Bytes(node);
            AppendLabelBytes(sb, bytes);
            return f.Name.Length;
        }
        if (FieldTypes.IsUnsigned(f.Type) || FieldTypes.IsSigned(f.Type))
        {
            if (f.Bitmask != 0)
                AppendBitPattern(sb, n.Value & f.Bitmask, f.Bitmask, FieldTypes.Bits(f.Type));
            int pos = sb.Length - start + f.Name.Length;
            sb.Append(f.Name).Append(": ");
            AppendNumberText(sb, f, n);
            return pos;
        }
        sb.Append(f.Name).Append(": ");
        FieldFormatter.Append(sb, tree, node, registry);
        return f.Name.Length;
    }

    /// <summary>The value part of an integer label: value name and number, port, OUI or the number in its base.</summary>
    private void AppendNumberText(StringBuilder sb, FieldDef f, in FieldNode n)
    {
        ulong v = FieldFormatter.IntValue(f, n);
        if (f.Values is { } vn && f.Type != FieldType.FrameNum)
        {
            ulong key = FieldTypes.IsSigned(f.Type) ? (ulong)FieldFormatter.SignedValue(f, n) : v;
            sb.Append(vn.Lookup(key) ?? "Unknown");
            if (f.Base == FieldBase.BaseNone) return;
            sb.Append(" (");
            AppendNumber(sb, f, n, valueNames: true);
            sb.Append(')');
            return;
        }
        if (f.Base == FieldBase.OuiBase)
        {
            sb.Append(((v >> 16) & 0xff).ToString("x2", CultureInfo.InvariantCulture)).Append(':')
              .Append(((v >> 8) & 0xff).ToString("x2", CultureInfo.InvariantCulture)).Append(':')
              .Append((v & 0xff).ToString("x2", CultureInfo.InvariantCulture));
            var vendor = names?.Vendor((uint)v) ?? MacDatabase.Default.Vendor((uint)v);
            if (vendor is null) return;
            // Wireshark formats numbers in a 32-byte buffer: a long vendor name loses its tail (and the ')').
            int start = sb.Length - 8;
            sb.Append(" (").Append(vendor).Append(')');
            if (sb.Length - start > NumberBufferChars) sb.Length = start + NumberBufferChars;
            return;
        }
        AppendNumber(sb, f, n, valueNames: false);
        AppendUnit(sb, f);
    }

    /// <summary>
    /// A number in the field's base: BASE_DEC "6", BASE_HEX "0x0800" (padded to the field's width), BASE_DEC_HEX
    /// "6 (0x06)", BASE_HEX_DEC "0x06 (6)", BASE_OCT "010". Next to a value name, the mixed bases show one form only.
    /// </summary>
    public static void AppendNumber(StringBuilder sb, FieldDef f, in FieldNode n, bool valueNames = false)
    {
        bool signed = FieldTypes.IsSigned(f.Type);
        ulong v = FieldFormatter.IntValue(f, n);
        long sv = signed ? FieldFormatter.SignedValue(f, n) : 0;
        var b = f.Type == FieldType.FrameNum ? FieldBase.Dec : f.Base;
        if (valueNames)
        {
            if (b == FieldBase.DecHex) b = FieldBase.Dec;
            else if (b == FieldBase.HexDec) b = FieldBase.Hex;
        }
        int digits = HexDigits(f);
        switch (b)
        {
            case FieldBase.Hex:
                AppendHex(sb, v, digits, signed);
                return;
            case FieldBase.DecHex:
                AppendDec(sb, v, sv, signed).Append(" (");
                AppendHex(sb, v, digits, signed);
                sb.Append(')');
                return;
            case FieldBase.HexDec:
                AppendHex(sb, v, digits, signed);
                sb.Append(" (");
                AppendDec(sb, v, sv, signed).Append(')');
                return;
            case FieldBase.Oct:
                sb.Append('0');
                if (v != 0) sb.Append(Convert.ToString((long)v, 8));
                return;
            default:
                AppendDec(sb, v, sv, signed);
                return;
        }
    }

    private static StringBuilder AppendDec(StringBuilder sb, ulong v, long sv, bool signed) =>
        signed ? sb.Append(sv.ToString(CultureInfo.InvariantCulture)) : sb.Append(v.ToString(CultureInfo.InvariantCulture));

    private static void AppendHex(StringBuilder sb, ulong v, int digits, bool signed)
    {
        // Signed values show their two's complement in 32 bits (or 64 for the wide types), as Wireshark's %x does.
        if (signed && digits <= 8) v &= 0xffff_ffff;
        sb.Append("0x").Append(v.ToString("x" + digits, CultureInfo.InvariantCulture));
    }

    /// <summary>Hex digits Wireshark pads to: the mask's width for bit fields, else the type's width.</summary>
    public static int HexDigits(FieldDef f)
    {
        if (f.Bitmask != 0)
        {
            int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(f.Bitmask >> f.Shift);
            return (bits + 3) / 4;
        }
        return (FieldTypes.Bits(f.Type) + 3) / 4;
    }

    private static void AppendUnit(StringBuilder sb, FieldDef f)
    {
        if (f.Unit is { } u) sb.Append(' ').Append(u);
    }

    /// <summary>
    /// The bit picture Wireshark puts before a bit field's label: one character per bit of the container, '.' for
    /// bits outside the mask, a space every four bits, then " = ". <paramref name="value"/> is the unshifted value.
    /// </summary>
    public static void AppendBitPattern(StringBuilder sb, ulong value, ulong mask, int width)
    {
        if (width <= 0) width = 64 - System.Numerics.BitOperations.LeadingZeroCount(mask);
        if (width > 64) width = 64;
        for (int i = 0; i < width; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append(' ');
            ulong bit = 1UL << (width - 1 - i);
            sb.Append((mask & bit) == 0 ? '.' : (value & bit) != 0 ? '1' : '0');
        }
        sb.Append(" = ");
    }

    /// <summary>"0101 .... = " for <paramref name="f"/> holding <paramref name="rawContainer"/>: for dissectors' own labels.</summary>
    public static string BitPrefix(FieldDef f, ulong rawContainer)
    {
        var sb = new StringBuilder(48);
        int width = f.Type == FieldType.Boolean && f.BoolBits > 0 ? f.BoolBits : FieldTypes.Bits(f.Type);
        AppendBitPattern(sb, rawContainer & f.Bitmask, f.Bitmask, width);
        return sb.ToString();
    }

    private void AppendEther(StringBuilder sb, PacketTree tree, int node)
    {
        var bytes = tree.Bytes(node);
        int start = sb.Length;
        FieldFormatter.AppendBytes(sb, FieldType.Ether, bytes);
        if (names is null || (names.Flags & ResolveFlags.Mac) == 0) return;
        string plain = sb.ToString(start, sb.Length - start);
        string? name = names.ResolveMac(bytes);
        sb.Length = start;
        sb.Append(name ?? plain).Append(" (").Append(plain).Append(')');
    }

    /// <summary>Bytes as plain hex, the first 36 only, followed by "…" when there are more ("&lt;MISSING&gt;" when empty).</summary>
    public static void AppendLabelBytes(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            sb.Append("<MISSING>");
            return;
        }
        if (bytes.Length > MaxLabelBytes)
        {
            FieldFormatter.AppendHex(sb, bytes[..MaxLabelBytes], '\0');
            sb.Append('…');
            return;
        }
        FieldFormatter.AppendHex(sb, bytes, '\0');
    }

    /// <summary>
    /// Wireshark's format_text: control characters become C escapes (\t, \n, \r...) or three-digit octal (\001),
    /// everything else (including non-ASCII text) is kept.
    /// </summary>
    public static void AppendEscapedText(StringBuilder sb, StringBuilder text)
    {
        for (int i = 0; i < text.Length; i++) AppendEscapedChar(sb, text[i]);
    }

    public static void AppendEscapedText(StringBuilder sb, string text)
    {
        foreach (char c in text) AppendEscapedChar(sb, c);
    }

    /// <summary>One character as tshark's format_text shows it: printable as is, controls as C escapes or octal.</summary>
    public static void AppendEscapedChar(StringBuilder sb, char c)
    {
        if (c >= 0x20 && c != 0x7f)
        {
            sb.Append(c);
            return;
        }
        sb.Append('\\');
        switch (c)
        {
            case '\a': sb.Append('a'); break;
            case '\b': sb.Append('b'); break;
            case '\f': sb.Append('f'); break;
            case '\n': sb.Append('n'); break;
            case '\r': sb.Append('r'); break;
            case '\t': sb.Append('t'); break;
            case '\v': sb.Append('v'); break;
            default:
                sb.Append((char)('0' + ((c >> 6) & 3))).Append((char)('0' + ((c >> 3) & 7))).Append((char)('0' + (c & 7)));
                break;
        }
    }

    /// <summary>Expert messages live in a 240-byte buffer in Wireshark: longer ones lose their tail silently.</summary>
    private static void AppendExpertMessage(StringBuilder sb, string message)
    {
        if (message.Length < LabelBufferBytes / 4 || Encoding.UTF8.GetByteCount(message) < LabelBufferBytes)
        {
            sb.Append(message);
            return;
        }
        sb.Append(CutUtf8(message, LabelBufferBytes - 1));
    }

    /// <summary>The expert message as tshark reports it (_ws.expert.message, the label of the expert field).</summary>
    public static string ExpertMessage(string message) =>
        Encoding.UTF8.GetByteCount(message) < LabelBufferBytes ? message : CutUtf8(message, LabelBufferBytes - 1);

    /// <summary>
    /// A label that does not fit Wireshark's buffer is cut to 238 bytes (at a character boundary) with " [truncated]"
    /// inserted after the field name (or at the start of a custom label).
    /// </summary>
    private static void TruncateLabel(StringBuilder sb, int start, int namePos)
    {
        int len = sb.Length - start;
        if (len < LabelBufferBytes / 4) return;
        string label = sb.ToString(start, len);
        if (Encoding.UTF8.GetByteCount(label) < LabelBufferBytes) return;
        // Wireshark first cuts the text to the buffer, then shifts the tail right to make room for the marker.
        const string mark = " [truncated]";
        string head = label[..Math.Min(namePos, label.Length)];
        string marked = head + mark + label[head.Length..];
        sb.Length = start;
        sb.Append(CutUtf8(marked, LabelBufferBytes - 2));
    }

    /// <summary>
    /// proto_item_append_text on a generic "Name: value" label: the label is first truncated as Wireshark truncates
    /// it (" [truncated]" after the name, 238 bytes), then <paramref name="suffix"/> is added as far as the 240-byte
    /// buffer allows (so a long label keeps a few characters of the suffix, without a second marker).
    /// </summary>
    public static string AppendText(string label, int namePos, string suffix)
    {
        var sb = new StringBuilder(label);
        TruncateLabel(sb, 0, namePos);
        sb.Append(suffix);
        string text = sb.ToString();
        return Encoding.UTF8.GetByteCount(text) < LabelBufferBytes ? text : CutUtf8(text, LabelBufferBytes - 1);
    }

    /// <summary>The longest prefix of <paramref name="s"/> whose UTF-8 form has at most <paramref name="maxBytes"/> bytes.</summary>
    private static string CutUtf8(string s, int maxBytes)
    {
        int bytes = 0;
        for (int i = 0; i < s.Length; i++)
        {
            int w = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 4 : Encoding.UTF8.GetByteCount(s.AsSpan(i, 1));
            if (bytes + w > maxBytes) return s[..i];
            bytes += w;
            if (w == 4) i++;
        }
        return s;
    }

    /// <summary>
    /// The value as JSON, PDML's "show" and EK print it (Wireshark's display representation): what `-T fields`
    /// prints, except bytes are colon-separated. Returns false for nodes without a value (FT_NONE, protocols).
    /// </summary>
    public bool AppendShow(StringBuilder sb, PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        var f = registry[n.FieldId];
        switch (f.Type)
        {
            case FieldType.None:
            case FieldType.Protocol:
                return false;
            case FieldType.Bytes:
            case FieldType.UIntBytes:
                {
                    ReadOnlySpan<byte> bytes = (n.Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(node) is byte[] arr ? arr : tree.Bytes(node);
                    FieldFormatter.AppendHex(sb, bytes, ':');
                    return true;
                }
        }
        if (n.FieldId == CoreProtocols.ExpertMessage.Id && n.Parent >= 0 && tree.GetObject(n.Parent) is ExpertItem ei)
        {
            sb.Append(ExpertMessage(ei.Message));
            return true;
        }
        FieldFormatter.Append(sb, tree, node, registry);
        return true;
    }
}
