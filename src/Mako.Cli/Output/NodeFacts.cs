using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// Facts about tree nodes that the machine-readable formats (JSON, EK, PDML) print besides the label: position,
/// raw bytes, masked values, Wireshark's numeric field type.
/// </summary>
internal static class NodeFacts
{
    private const string Hex = "0123456789abcdef";

    /// <summary>
    /// Where the node starts. Generated nodes a dissector adds without a position are placed where Wireshark places
    /// them: at the start of the protocol they belong to (they were added at offset 0 of that protocol's buffer).
    /// </summary>
    public static int Start(PacketTree tree, int node, FieldRegistry reg)
    {
        ref var n = ref tree[node];
        if ((n.Flags & NodeFlags.Generated) == 0 || n.Offset != 0 || n.Length != 0) return n.Offset;
        if (HasNoSource(tree, node, reg)) return 0;
        for (int p = n.Parent; p >= 0; p = tree[p].Parent)
            if (reg[tree[p].FieldId].Type == FieldType.Protocol && tree[p].FieldId != CoreProtocols.Expert.Id) return tree[p].Offset;
        return 0;
    }

    /// <summary>PDML's pos: a child that starts before its parent (another data source) is shown relative to it.</summary>
    public static int PdmlPos(PacketTree tree, int node, FieldRegistry reg)
    {
        int start = Start(tree, node, reg);
        int parent = tree[node].Parent;
        if (parent < 0) return start;
        int ps = Start(tree, parent, reg);
        return start < ps ? ps + start : start;
    }

    /// <summary>
    /// Nodes Wireshark adds without any data source (expert items and the hidden _ws.malformed marker): JSON's raw
    /// arrays then have no hex string.
    /// </summary>
    public static bool HasNoSource(PacketTree tree, int node, FieldRegistry reg)
    {
        int id = tree[node].FieldId;
        if (id == CoreProtocols.Expert.Id) return true;
        int parent = tree[node].Parent;
        if (parent < 0) return false;
        int pid = tree[parent].FieldId;
        return pid == CoreProtocols.Expert.Id || (id == CoreProtocols.MalformedProto.Id && pid == id);
    }

    /// <summary>Appends the bytes the node covers as plain hex; false (nothing appended) when they were not all captured.</summary>
    public static bool AppendBytesHex(StringBuilder sb, PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        var src = tree.Source(n.Source).Span;
        if (n.Offset < 0 || (long)n.Offset + n.Length > src.Length) return false;
        foreach (byte b in src.Slice(n.Offset, n.Length)) sb.Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        return true;
    }

    /// <summary>The value of a bit field as Wireshark's "%X" prints it (after mask and shift).</summary>
    public static void AppendMaskedHex(StringBuilder sb, FieldDef f, in FieldNode n)
    {
        if (FieldTypes.IsSigned(f.Type))
        {
            long v = FieldFormatter.SignedValue(f, n);
            ulong u = FieldTypes.Bits(f.Type) <= 32 ? (ulong)(uint)v : (ulong)v;
            sb.Append(u.ToString("X", CultureInfo.InvariantCulture));
            return;
        }
        sb.Append(FieldFormatter.IntValue(f, n).ToString("X", CultureInfo.InvariantCulture));
    }

    /// <summary>Wireshark 4.0's ftenum numbering (jsonraw and `-x` JSON print it).</summary>
    public static int WiresharkType(FieldType t) => t switch
    {
        FieldType.None => 0,
        FieldType.Protocol => 1,
        FieldType.Boolean => 2,
        FieldType.Char => 3,
        >= FieldType.UInt8 and <= FieldType.Int64 => 4 + (t - FieldType.UInt8),
        FieldType.Float => 22,
        FieldType.Double => 23,
        FieldType.AbsoluteTime => 24,
        FieldType.RelativeTime => 25,
        FieldType.String => 26,
        FieldType.StringZ => 27,
        FieldType.UIntString => 28,
        FieldType.Ether => 29,
        FieldType.Bytes => 30,
        FieldType.UIntBytes => 31,
        FieldType.IPv4 => 32,
        FieldType.IPv6 => 33,
        FieldType.IpxNet => 34,
        FieldType.FrameNum => 35,
        FieldType.Guid => 36,
        FieldType.Oid => 37,
        FieldType.Eui64 => 38,
        FieldType.Ax25 => 39,
        FieldType.Vines => 40,
        FieldType.RelOid => 41,
        FieldType.SystemId => 42,
        FieldType.StringZPad => 43,
        FieldType.Fcwwn => 44,
        FieldType.StringZTrunc => 45,
        _ => 0,
    };

    /// <summary>"packets-2009-11-24": the index name JSON and EK give each packet (the capture date, local time).</summary>
    public static string IndexName(long timestampNs)
    {
        long secs = Math.DivRem(timestampNs, 1_000_000_000L, out long frac);
        if (frac < 0) secs--;
        try
        {
            var t = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(secs), TimeZoneInfo.Local);
            return "packets-" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        catch (ArgumentOutOfRangeException)
        {
            return "packets-XXXX-XX-XX";
        }
    }

    /// <summary>The "Text item" pseudo-field (hf_text_only), when a dissector adds label-only items.</summary>
    public static bool IsTextItem(FieldDef f) => ReferenceEquals(f, CoreProtocols.Text);
}
