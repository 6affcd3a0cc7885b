using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Names;
using Mako.Engine.Tree;

namespace Mako.Engine.Tests;

/// <summary>
/// Generic labels against lines tshark 4.0 prints with -V (each expected string below was copied from tshark output
/// for a field of the same type, base, mask and value names).
/// </summary>
public class LabelFormatterTests
{
    private static readonly ProtocolDef P = new("Label Test", "LT", "labeltest");
    private static readonly FieldDef Lg = P.Bool("labeltest.lg", "LG bit", 24, 0x20000,
        new TrueFalse("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)"));
    private static readonly FieldDef Crc = P.Bool("labeltest.crc", "CRC error", 32, 0x1000000, TrueFalse.SetNotSet);
    private static readonly FieldDef Marked = P.Bool("labeltest.marked", "Frame is marked", 0);
    private static readonly FieldDef Direction = P.Field("labeltest.dir", "Direction", FieldType.UInt32, FieldBase.Hex, 0x3,
        values: ValueNames.Of((0, "Information not available"), (1, "Inbound"), (2, "Outbound")));
    private static readonly FieldDef Reception = P.Field("labeltest.rx", "Reception type", FieldType.UInt32, FieldBase.Dec, 0x1c,
        values: ValueNames.Of((0, "Not specified"), (1, "Unicast")));
    private static readonly FieldDef Reserved = P.Field("labeltest.res", "Reserved", FieldType.UInt32, FieldBase.Dec, 0xfe00);
    private static readonly FieldDef Flags = P.Field("labeltest.flags", "Packet flags", FieldType.UInt32, FieldBase.Hex);
    private static readonly FieldDef Type = P.Field("labeltest.type", "Type", FieldType.UInt16, FieldBase.Hex,
        values: ValueNames.Of((0x0800, "IPv4")));
    private static readonly FieldDef Encap = P.Field("labeltest.encap", "Encapsulation type", FieldType.Int16, FieldBase.Dec,
        values: ValueNames.Of((1, "Ethernet")));
    private static readonly FieldDef Severity = P.Field("labeltest.sev", "Severity level", FieldType.UInt32, FieldBase.BaseNone,
        values: ValueNames.Of((0x00100000, "Comment")));
    private static readonly FieldDef Ident = P.Field("labeltest.id", "Identification", FieldType.UInt16, FieldBase.HexDec);
    private static readonly FieldDef DecHex = P.Field("labeltest.dh", "Checksum", FieldType.UInt16, FieldBase.DecHex);
    private static readonly FieldDef Dscp = P.Field("labeltest.dscp", "Differentiated Services Codepoint", FieldType.UInt8, FieldBase.Dec, 0xfc,
        values: ValueNames.Of((0, "Default")));
    private static readonly FieldDef Number = P.Field("labeltest.num", "Frame Number", FieldType.UInt32, FieldBase.Dec);
    private static readonly FieldDef Oui = P.Field("labeltest.oui", "Source OUI", FieldType.UInt24, FieldBase.OuiBase);
    private static readonly FieldDef Abs = P.Field("labeltest.time", "Arrival Time", FieldType.AbsoluteTime, FieldBase.AbsUtc);
    private static readonly FieldDef Rel = P.Field("labeltest.delta", "Time delta from previous captured frame", FieldType.RelativeTime);
    private static readonly FieldDef Bytes = P.Field("labeltest.data", "Data", FieldType.Bytes);
    private static readonly FieldDef Mac = P.Field("labeltest.mac", "Destination", FieldType.Ether);
    private static readonly FieldDef V4 = P.Field("labeltest.v4", "Source Address", FieldType.IPv4);
    private static readonly FieldDef Text = P.Field("labeltest.desc", "Interface description", FieldType.String);
    private static readonly FieldDef None = P.Field("labeltest.none", "Reassembly error", FieldType.None);
    private static readonly FieldRegistry Reg = new([P]);

    private static string Label(FieldDef f, ulong value, byte[]? data = null, object? obj = null, NameResolver? names = null,
        string? custom = null, NodeFlags flags = NodeFlags.None)
    {
        var tree = new PacketTree();
        tree.Reset(data ?? Array.Empty<byte>());
        int n = tree.Add(f.Id, -1, 0, 0, data?.Length ?? 0, value, flags);
        if (obj is not null) tree.SetObject(n, obj);
        if (custom is not null) tree.SetLabel(n, custom);
        return new LabelFormatter(Reg, names).Label(tree, n);
    }

    [Fact]
    public void Booleans_show_the_container_bits_and_true_false_strings()
    {
        Assert.Equal(".... ..0. .... .... .... .... = LG bit: Globally unique address (factory default)", Label(Lg, 0x000102));
        Assert.Equal(".... ..1. .... .... .... .... = LG bit: Locally administered address (this is NOT the factory default)", Label(Lg, 0x060708));
        Assert.Equal(".... ...1 .... .... .... .... .... .... = CRC error: Set", Label(Crc, 0x01000002));
        Assert.Equal("Frame is marked: False", Label(Marked, 0));
    }

    [Fact]
    public void Bit_fields_with_and_without_value_names()
    {
        Assert.Equal(".... .... .... .... .... .... .... ..01 = Direction: Inbound (0x1)", Label(Direction, 5));
        Assert.Equal(".... .... .... .... .... .... ...0 01.. = Reception type: Unicast (1)", Label(Reception, 5));
        Assert.Equal(".... .... .... .... 0000 000. .... .... = Reserved: 0", Label(Reserved, 5));
        Assert.Equal("0000 00.. = Differentiated Services Codepoint: Default (0)", Label(Dscp, 0));
    }

    [Fact]
    public void Numbers_in_their_bases()
    {
        Assert.Equal("Packet flags: 0x00000005", Label(Flags, 5));
        Assert.Equal("Type: IPv4 (0x0800)", Label(Type, 0x0800));
        Assert.Equal("Type: Unknown (0x0c0d)", Label(Type, 0x0c0d));
        Assert.Equal("Encapsulation type: Ethernet (1)", Label(Encap, 1));
        Assert.Equal("Severity level: Comment", Label(Severity, 0x00100000));
        Assert.Equal("Identification: 0x2b1f (11039)", Label(Ident, 0x2b1f));
        Assert.Equal("Checksum: 11039 (0x2b1f)", Label(DecHex, 0x2b1f));
        Assert.Equal("Frame Number: 60", Label(Number, 60));
        Assert.Equal("Source OUI: 06:07:08", Label(Oui, 0x060708));
    }

    [Fact]
    public void Times_addresses_bytes_and_strings()
    {
        Assert.Equal("Arrival Time: Nov 24, 2009 00:51:49.119790000 UTC", Label(Abs, 1259023909_119790000UL));
        Assert.Equal("Time delta from previous captured frame: 0.000005000 seconds", Label(Rel, 5000));
        Assert.Equal("Source Address: 130.217.250.129", Label(V4, 0x82D9FA81));
        byte[] mac = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        Assert.Equal("Destination: ff:ff:ff:ff:ff:ff", Label(Mac, 0, mac, names: new NameResolver(ResolveFlags.None)));
        Assert.Equal("Data: 0e0f", Label(Bytes, 0, [0x0e, 0x0f]));
        var hundred = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.Equal("Data: 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223…", Label(Bytes, 0, hundred));
        Assert.Equal("Interface description: loop\\tback \"if\" <&>\\", Label(Text, 0, obj: "loop\tback \"if\" <&>\\"));
        Assert.Equal("Interface description: x\\001y\\177z", Label(Text, 0, obj: "x\u0001y\u007fz"));
        Assert.Equal("Reassembly error", Label(None, 0));
    }

    [Fact]
    public void Long_labels_are_cut_and_marked_where_wireshark_marks_them()
    {
        // tshark: "Interface description [truncated]: x\001y\177z0123..." 238 bytes in all.
        string desc = "x\u0001y\u007fz" + string.Concat(Enumerable.Repeat("0123456789", 30));
        string generic = Label(Text, 0, obj: desc);
        Assert.StartsWith("Interface description [truncated]: x\\001y\\177z0123", generic);
        Assert.Equal(238, generic.Length);
        // A custom label is marked at its start: " [truncated]ccc..." (238 bytes).
        string custom = Label(Text, 0, obj: "c", custom: new string('c', 300));
        Assert.Equal(" [truncated]" + new string('c', 226), custom);
        // Multi-byte characters are never split.
        string wide = Label(Text, 0, obj: "c", custom: new string('é', 200));
        Assert.True(Encoding.UTF8.GetByteCount(wide) <= 238);
        Assert.StartsWith(" [truncated]é", wide);
    }

    [Fact]
    public void Expert_items_show_severity_group_and_message()
    {
        // The layout Packet.Expert builds, on the engine's own registry (where _ws.expert lives).
        var reg = ProtocolSet.Default.Fields;
        var tree = new PacketTree();
        tree.Reset(Array.Empty<byte>());
        var def = CoreProtocols.MalformedExpert;
        int exp = tree.Add(CoreProtocols.Expert.Id, -1, 0, 0, 0, 0, NodeFlags.Generated);
        tree.SetObject(exp, new ExpertItem(def, "Didn't find padding of zeros"));
        int child = tree.Add(def.Id, exp, 0, 0, 0, 0, NodeFlags.Generated);
        int sev = tree.Add(CoreProtocols.ExpertSeverity.Id, exp, 0, 0, 0, (ulong)def.Severity, NodeFlags.Generated);
        int grp = tree.Add(CoreProtocols.ExpertGroup.Id, exp, 0, 0, 0, (ulong)def.Group, NodeFlags.Generated);
        var f = new LabelFormatter(reg);
        Assert.Equal("Expert Info (Error/Malformed): Didn't find padding of zeros", f.Label(tree, exp));
        Assert.Equal("Didn't find padding of zeros", f.Label(tree, child));
        Assert.Equal("Severity level: Error", f.Label(tree, sev));
        Assert.Equal("Group: Malformed", f.Label(tree, grp));
    }

    [Fact]
    public void Bit_prefix_for_dissectors_own_labels()
    {
        var version = P.Field("labeltest.ver", "Version", FieldType.UInt8, FieldBase.Dec, 0xf0);
        Assert.Equal("0100 .... = ", LabelFormatter.BitPrefix(version, 0x45));
        var sb = new StringBuilder();
        LabelFormatter.AppendBitPattern(sb, 0x0000, 0x1fff, 16);
        Assert.Equal("...0 0000 0000 0000 = ", sb.ToString());
    }

    [Fact]
    public void Appended_text_follows_a_truncated_label_as_far_as_the_buffer_allows()
    {
        // IMF's "To: <list>, 3 items" on a long list (tshark: proto_item_append_text after the label was cut).
        string label = "To: " + new string('a', 300);
        string text = LabelFormatter.AppendText(label, 2, ", 3 items");
        Assert.Equal(239, text.Length);
        Assert.StartsWith("To [truncated]: aaa", text, StringComparison.Ordinal);
        Assert.EndsWith("a,", text, StringComparison.Ordinal);
        // Short labels just get the text; a label that only overflows with it is cut without a marker.
        Assert.Equal("To: b, 1 item", LabelFormatter.AppendText("To: b", 2, ", 1 item"));
        string near = "To: " + new string('c', 230);
        Assert.Equal(near + ", 2 i", LabelFormatter.AppendText(near, 2, ", 2 items"));
    }
}
