namespace Mako.Engine.Tree;

[Flags]
public enum NodeFlags : byte
{
    None = 0,
    /// <summary>Computed by the dissector, not read from the bytes ("[...]" in the tree).</summary>
    Generated = 1,
    /// <summary>Hidden in the tree but filterable (e.g. ip.addr, tcp.port).</summary>
    Hidden = 2,
    /// <summary>The value lives in the packet's object side table (strings that are not raw ASCII, byte arrays not in a data source).</summary>
    ObjectValue = 4,
    /// <summary>The node has a custom label in the side table (<see cref="FieldNode.Label"/>).</summary>
    HasLabel = 8,
}

/// <summary>
/// One node of a packet's protocol tree, stored flat in <see cref="PacketTree"/>. Integers, addresses that fit in
/// 64 bits, times and floats live in <see cref="Value"/>; byte-like and string values are read from the data source at
/// (<see cref="Source"/>, <see cref="Offset"/>, <see cref="Length"/>) unless <see cref="NodeFlags.ObjectValue"/> says
/// they were computed.
/// </summary>
public struct FieldNode
{
    public int FieldId;
    /// <summary>Index of the parent node, -1 for top-level protocol nodes.</summary>
    public int Parent;
    public int Offset;
    public int Length;
    public ulong Value;
    /// <summary>Index into the packet's side table for object values (when <see cref="NodeFlags.ObjectValue"/>).</summary>
    public int Object;
    /// <summary>Index into the packet's label table (when <see cref="NodeFlags.HasLabel"/>), else -1.</summary>
    public int Label;
    /// <summary>Which data source (0 = the frame; others are reassembled or decoded buffers).</summary>
    public short Source;
    public NodeFlags Flags;
    /// <summary>Index of the last child, or -1; children are linked through <see cref="NextSibling"/>.</summary>
    public int FirstChild;
    public int LastChild;
    public int NextSibling;
}
