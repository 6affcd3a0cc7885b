using System.Runtime.CompilerServices;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Files;

namespace Mako.Engine.Dissection;

/// <summary>
/// Everything about the packet being dissected (Wireshark's packet_info plus its tree and columns). One instance is
/// reused for every packet of a capture; nothing in it survives to the next packet except its buffers.
/// </summary>
public sealed partial class Packet
{
    public Packet(CaptureSession session)
    {
        Session = session;
    }

    public CaptureSession Session { get; }
    public PacketTree Tree { get; } = new();
    public PacketRecord Record { get; private set; } = null!;

    /// <summary>1-based frame number.</summary>
    public long Number => Record.Number;
    public long TimestampNs => Record.TimestampNs;
    /// <summary>Timestamp of the previous captured frame (frame.time_delta's reference).</summary>
    public long PreviousCapturedTs { get; internal set; }
    public int CapturedLength => Record.CapturedLength;
    public int WireLength => (int)Record.OriginalLength;
    /// <summary>Per-frame data other protocols can read later (first pass only writes).</summary>
    public bool FirstPass { get; internal set; } = true;

    // ---- Columns --------------------------------------------------------------------------------------------
    /// <summary>False when no consumer needs the Protocol/Info columns: dissectors then skip building them.</summary>
    public bool WantColumns { get; set; } = true;
    public string Protocol
    {
        get => _protocol;
        // Wireshark's col_set_writable(COL_PROTOCOL, FALSE): while a transport shows the rest of a segment as a
        // continuation, later PDUs in it may not rename the column.
        set
        {
            if (ProtocolWritable) _protocol = value;
        }
    }
    private string _protocol = "";
    public ColumnText Info { get; } = new();
    public Address Src { get; set; }
    public Address Dst { get; set; }
    public Address DlSrc { get; set; }
    public Address DlDst { get; set; }
    public Address NetSrc { get; set; }
    public Address NetDst { get; set; }
    public PortType PortType { get; set; }
    public uint SrcPort { get; set; }
    public uint DstPort { get; set; }
    /// <summary>The key through which the current dissector was found in a uint table (Wireshark's pinfo->match_uint):
    /// text protocols compare it with <see cref="DstPort"/> to tell requests from responses.</summary>
    public uint MatchUInt { get; set; }

    /// <summary>Inside the packet quoted by an ICMP/ICMPv6 error (pinfo->flags.in_error_pkt): lengths may be cut short.</summary>
    public bool InErrorPacket { get; set; }
    /// <summary>The payload is one fragment of a larger datagram (pinfo->fragmented): transports skip length checks.</summary>
    public bool Fragmented { get; set; }

    /// <summary>The protocol whose dissector is running (named in "[Malformed Packet: X]").</summary>
    public ProtocolDef? CurrentProtocol { get; set; }

    /// <summary>Protocol filter names in the order they were entered (frame.protocols).</summary>
    public List<string> Layers { get; } = new(16);

    // ---- Interest -------------------------------------------------------------------------------------------
    private bool[]? _interest;

    /// <summary>True when a consumer wants the full tree (-V, -T json/pdml): dissectors add every field and label.</summary>
    public bool WantTree { get; set; } = true;

    /// <summary>Restricts the fields dissectors add to those marked true (null = all fields).</summary>
    public void SetInterest(bool[]? interest) => _interest = interest;

    /// <summary>Does any consumer want <paramref name="f"/>? Always true when the whole tree is wanted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Wants(FieldDef f) => _interest is null || (uint)f.Id < (uint)_interest.Length && _interest[f.Id];

    internal void Reset(PacketRecord rec)
    {
        Record = rec;
        Tree.Reset(rec.Data);
        _protocol = "";
        ProtocolWritable = true;
        ResetDesegment();
        Info.Reset();
        Src = Dst = DlSrc = DlDst = NetSrc = NetDst = default;
        PortType = PortType.None;
        SrcPort = DstPort = MatchUInt = 0;
        InErrorPacket = Fragmented = false;
        CurrentProtocol = null;
        Layers.Clear();
        ExpertCount = 0;
        ProtocolsNode = -1;
        Malformed = false;
        DissectorBug = null;
    }

    /// <summary>The frame.protocols node, filled when dissection ends.</summary>
    public int ProtocolsNode { get; internal set; } = -1;

    /// <summary>Expert items added to this packet.</summary>
    public int ExpertCount { get; private set; }
    public bool Malformed { get; internal set; }

    /// <summary>An exception other than a bounds error escaped a dissector: a bug in Mako (shown as tshark shows
    /// "Dissector bug" items). Tests fail on it.</summary>
    public Exception? DissectorBug { get; internal set; }

    // ---- Tree building --------------------------------------------------------------------------------------

    /// <summary>Adds a protocol node (always kept: protocols are cheap and every consumer can test for them).</summary>
    public int AddProtocol(ProtocolDef p, int parent, in Tvb tvb, int offset, int length)
    {
        if (length < 0) length = Math.Max(0, tvb.Length - offset);
        return Tree.Add(p.Id, parent, tvb.Source, tvb.Base + offset, length, 0);
    }

    /// <summary>Adds an integer-valued field (also booleans, IPv4 as uint, frame numbers, times in ns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(FieldDef f, int parent, in Tvb tvb, int offset, int length, ulong value)
    {
        if (!Wants(f)) return parent;
        return Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, length, value);
    }

    /// <summary>Adds a field whose value is the bytes it covers (FT_BYTES, FT_ETHER, FT_IPv6, ASCII strings).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddBytes(FieldDef f, int parent, in Tvb tvb, int offset, int length)
    {
        if (!Wants(f)) return parent;
        int cap = Math.Max(0, Math.Min(length, tvb.Length - offset));
        return Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, cap, 0);
    }

    /// <summary>Adds a computed field, shown as "[...]" (FT_FRAMENUM links, stream indices, statuses).</summary>
    public int AddGenerated(FieldDef f, int parent, ulong value)
    {
        if (!Wants(f)) return parent;
        return Tree.Add(f.Id, parent, 0, 0, 0, value, NodeFlags.Generated);
    }

    /// <summary>
    /// A generated field placed where Wireshark places it (PDML's pos, JSON's raw offset), e.g. a checksum status
    /// added at the checksum's offset with length 0.
    /// </summary>
    public int AddGenerated(FieldDef f, int parent, in Tvb tvb, int offset, int length, ulong value)
    {
        if (!Wants(f)) return parent;
        return Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, length, value, NodeFlags.Generated);
    }

    /// <summary>Adds a field whose value is an object (a string that is not the raw bytes, a computed byte array).</summary>
    public int AddObject(FieldDef f, int parent, in Tvb tvb, int offset, int length, object value, NodeFlags flags = NodeFlags.None)
    {
        if (!Wants(f)) return parent;
        int n = Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, length, 0, flags);
        Tree.SetObject(n, value);
        return n;
    }

    public int AddHidden(FieldDef f, int parent, in Tvb tvb, int offset, int length, ulong value)
    {
        if (!Wants(f)) return parent;
        return Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, length, value, NodeFlags.Hidden);
    }

    public int AddHiddenBytes(FieldDef f, int parent, in Tvb tvb, int offset, int length)
    {
        if (!Wants(f)) return parent;
        return Tree.Add(f.Id, parent, tvb.Source, tvb.Base + offset, length, 0, NodeFlags.Hidden);
    }

    /// <summary>
    /// Adds a label-only line to the tree (Wireshark's proto_tree_add_text/format_text items, e.g. "Timestamps" or
    /// an HTTP header line). Only with a tree: returns <paramref name="parent"/> otherwise.
    /// </summary>
    public int AddText(int parent, in Tvb tvb, int offset, int length, string label, bool generated = false)
    {
        if (!WantTree) return parent;
        int n = Tree.Add(CoreProtocols.Text.Id, parent, tvb.Source, tvb.Base + offset, length, 0, generated ? NodeFlags.Generated : NodeFlags.None);
        Tree.SetLabel(n, label);
        return n;
    }

    /// <summary>Sets a node's display label (only call when <see cref="WantTree"/>; labels are strings).</summary>
    public void Label(int node, string text)
    {
        if (node >= 0 && WantTree) Tree.SetLabel(node, text);
    }

    /// <summary>Adds an expert info item under <paramref name="node"/> with the default or a custom message.</summary>
    public void Expert(ExpertDef e, int node, string? message = null)
    {
        ExpertCount++;
        Session.ExpertTap?.Invoke(this, e, message ?? e.Message);
        int parent = node;
        // Shaped as Wireshark's expert.c builds it: a generated "Expert Info" item whose children are the expert
        // field (showing the message), the hidden message string, and the severity and group.
        int exp = Tree.Add(CoreProtocols.Expert.Id, parent, 0, 0, 0, 0, NodeFlags.Generated);
        Tree.SetObject(exp, new ExpertItem(e, message ?? e.Message));
        Tree.Add(e.Id, exp, 0, 0, 0, 0, NodeFlags.Generated);
        Tree.Add(CoreProtocols.ExpertMessage.Id, exp, 0, 0, 0, 0, NodeFlags.Hidden);
        Tree.Add(CoreProtocols.ExpertSeverity.Id, exp, 0, 0, 0, (ulong)e.Severity, NodeFlags.Generated);
        Tree.Add(CoreProtocols.ExpertGroup.Id, exp, 0, 0, 0, (ulong)e.Group, NodeFlags.Generated);
        if (e.Group == ExpertGroup.Malformed)
        {
            // Like Wireshark, every malformed-group item also makes `_ws.malformed` match (a hidden item that
            // `-T fields` prints by its name).
            int m = Tree.Add(CoreProtocols.MalformedProto.Id, parent, 0, 0, 0, 0, NodeFlags.Hidden);
            Tree.SetObject(m, CoreProtocols.MalformedProto.Abbrev);
        }
    }

    /// <summary>
    /// A flags word and its bits (proto_tree_add_bitmask): the word labelled "Name: 0x…" followed by the names of the
    /// boolean bits that are set, then each bit as a child. Returns the word's node.
    /// </summary>
    public int AddBitmask(FieldDef word, int parent, in Tvb tvb, int offset, int length, ulong value, params ReadOnlySpan<FieldDef> bits)
    {
        int node = Add(word, parent, tvb, offset, length, value);
        if (WantTree && node != parent)
        {
            var text = new System.Text.StringBuilder(word.Name).Append(": 0x")
                .Append(value.ToString("x" + (length * 2), System.Globalization.CultureInfo.InvariantCulture));
            foreach (var b in bits)
                if (b.Type == FieldType.Boolean && (value & b.Bitmask) != 0) text.Append(", ").Append(b.Name);
            Label(node, text.ToString());
        }
        foreach (var b in bits)
            Add(b, node, tvb, offset, length, value);
        return node;
    }

    /// <summary>What a dissector call can change in the packet, to undo it (<see cref="Undo"/>).</summary>
    public readonly record struct Checkpoint(int TreeCount, int Sources, int Layers, (string Text, int Fence) Info,
        string Protocol, bool ProtocolWritable, int Experts, bool Malformed, ProtocolDef? Current);

    /// <summary>
    /// Remembers the tree, columns and layers so a dissector call can be undone: tshark's second pass does not call
    /// a payload dissector for a segment whose PDU a later frame completes, where the first pass did.
    /// </summary>
    public Checkpoint Mark() => new(Tree.Count, Tree.SourceCount, Layers.Count, Info.Snapshot(), _protocol, ProtocolWritable,
        ExpertCount, Malformed, CurrentProtocol);

    public void Undo(in Checkpoint c)
    {
        Tree.Truncate(c.TreeCount);
        while (Tree.SourceCount > c.Sources) Tree.RemoveLastSource();
        if (Layers.Count > c.Layers) Layers.RemoveRange(c.Layers, Layers.Count - c.Layers);
        Info.Restore(c.Info);
        _protocol = c.Protocol;
        ProtocolWritable = c.ProtocolWritable;
        ExpertCount = c.Experts;
        Malformed = c.Malformed;
        CurrentProtocol = c.Current;
    }

    /// <summary>Records that a protocol was entered (frame.protocols) and makes it current.</summary>
    public void EnterLayer(ProtocolDef p)
    {
        Layers.Add(p.Abbrev);
        CurrentProtocol = p;
    }

    /// <summary>Offset of the tvb in the frame, for protocols that need absolute positions.</summary>
    public static int Abs(in Tvb tvb, int offset) => tvb.Base + offset;
}

public enum PortType : byte { None, Tcp, Udp, Sctp, Dccp }

/// <summary>The object attached to an _ws.expert node.</summary>
public sealed record ExpertItem(ExpertDef Def, string Message);
