using System.Runtime.CompilerServices;
using Mako.Engine.Fields;

namespace Mako.Engine.Tree;

/// <summary>
/// The protocol tree of one packet as a flat, reused array of <see cref="FieldNode"/> structs. Nothing here allocates
/// per packet once the arrays have grown to the largest packet's needs.
/// </summary>
public sealed class PacketTree
{
    private FieldNode[] _nodes = new FieldNode[256];
    private int _count;
    private readonly List<object> _objects = new();
    private readonly List<string> _labels = new();
    private readonly List<ReadOnlyMemory<byte>> _sources = new();
    private readonly List<string> _sourceNames = new();

    public int Count => _count;
    public ref FieldNode this[int index] => ref _nodes[index];
    public ReadOnlySpan<FieldNode> Nodes => _nodes.AsSpan(0, _count);

    /// <summary>Data sources: 0 is the frame; reassembled/decoded buffers are added by dissectors.</summary>
    public ReadOnlyMemory<byte> Source(int i) => _sources[i];
    public string SourceName(int i) => _sourceNames[i];
    public int SourceCount => _sources.Count;

    public void Reset(ReadOnlyMemory<byte> frame)
    {
        _count = 0;
        if (_objects.Count > 0) _objects.Clear();
        if (_labels.Count > 0) _labels.Clear();
        _sources.Clear();
        _sourceNames.Clear();
        _sources.Add(frame);
        _sourceNames.Add("Frame");
    }

    public int AddSource(ReadOnlyMemory<byte> data, string name)
    {
        _sources.Add(data);
        _sourceNames.Add(name);
        return _sources.Count - 1;
    }

    /// <summary>Removes the most recently added data source (a reassembly the dissector did not use after all).</summary>
    public void RemoveLastSource()
    {
        if (_sources.Count <= 1) return;
        _sources.RemoveAt(_sources.Count - 1);
        _sourceNames.RemoveAt(_sourceNames.Count - 1);
    }

    /// <summary>
    /// Drops every node added since the tree had <paramref name="count"/> nodes (a dissection undone). Nodes are only
    /// ever appended, so what was added under an older node is the tail of its child list: cut it there.
    /// O(count), for the rare undo of tshark's second-pass rules.
    /// </summary>
    public void Truncate(int count)
    {
        if (count >= _count) return;
        for (int i = 0; i < count; i++)
        {
            ref var n = ref _nodes[i];
            if (n.LastChild < count) continue;
            if (n.FirstChild >= count)
            {
                n.FirstChild = n.LastChild = -1;
                continue;
            }
            int c = n.FirstChild;
            while (_nodes[c].NextSibling >= 0 && _nodes[c].NextSibling < count) c = _nodes[c].NextSibling;
            _nodes[c].NextSibling = -1;
            n.LastChild = c;
        }
        _count = count;
    }

    /// <summary>
    /// Moves the nodes added since <paramref name="from"/> (a finished top-level subtree) so they sit at index
    /// <paramref name="to"/>, before the nodes added in between (Wireshark's proto_tree_move_item: TCP shows its
    /// reassembly summary right after the TCP tree, though it builds it after the payload's dissector ran).
    /// Indices of every node after <paramref name="to"/> change; O(nodes), done only on frames that complete a PDU.
    /// Returns the new index of the node that was at <paramref name="from"/>.
    /// </summary>
    public int MoveTail(int from, int to)
    {
        if (to >= from || (uint)from >= (uint)_count || to < 0) return from;
        int block = _count - from;
        var moved = _nodes.AsSpan(from, block).ToArray();
        Array.Copy(_nodes, to, _nodes, to + block, from - to);
        moved.CopyTo(_nodes, to);
        for (int i = 0; i < _count; i++)
        {
            ref var n = ref _nodes[i];
            n.Parent = Remap(n.Parent, from, to, block);
            n.FirstChild = Remap(n.FirstChild, from, to, block);
            n.LastChild = Remap(n.LastChild, from, to, block);
            n.NextSibling = Remap(n.NextSibling, from, to, block);
        }
        return to;
    }

    /// <summary>Where index <paramref name="i"/> went after <see cref="MoveTail"/>.</summary>
    public static int Remap(int i, int from, int to, int block)
    {
        if (i < to) return i;
        if (i >= from) return i - from + to;
        return i + block;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(int fieldId, int parent, int source, int offset, int length, ulong value, NodeFlags flags = NodeFlags.None)
    {
        if (_count == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        int i = _count++;
        ref var n = ref _nodes[i];
        n.FieldId = fieldId;
        n.Parent = parent;
        n.Source = (short)source;
        n.Offset = offset;
        n.Length = length;
        n.Value = value;
        n.Flags = flags;
        n.Object = -1;
        n.Label = -1;
        n.FirstChild = -1;
        n.LastChild = -1;
        n.NextSibling = -1;
        if (parent >= 0)
        {
            ref var p = ref _nodes[parent];
            if (p.LastChild < 0) p.FirstChild = i;
            else _nodes[p.LastChild].NextSibling = i;
            p.LastChild = i;
        }
        return i;
    }

    public void SetObject(int node, object value)
    {
        _objects.Add(value);
        ref var n = ref _nodes[node];
        n.Object = _objects.Count - 1;
        n.Flags |= NodeFlags.ObjectValue;
    }

    public object? GetObject(int node)
    {
        ref var n = ref _nodes[node];
        return n.Object >= 0 ? _objects[n.Object] : null;
    }

    public void SetLabel(int node, string label)
    {
        _labels.Add(label);
        ref var n = ref _nodes[node];
        n.Label = _labels.Count - 1;
        n.Flags |= NodeFlags.HasLabel;
    }

    public string? GetLabel(int node)
    {
        ref var n = ref _nodes[node];
        return n.Label >= 0 ? _labels[n.Label] : null;
    }

    /// <summary>The raw bytes the node covers in its data source (empty for generated nodes of length 0).</summary>
    public ReadOnlySpan<byte> Bytes(int node)
    {
        ref var n = ref _nodes[node];
        var src = _sources[n.Source].Span;
        if ((uint)n.Offset > (uint)src.Length) return default;
        return src.Slice(n.Offset, Math.Min(n.Length, src.Length - n.Offset));
    }

    /// <summary>First node of a field, or -1.</summary>
    public int Find(int fieldId)
    {
        var nodes = _nodes;
        for (int i = 0; i < _count; i++)
            if (nodes[i].FieldId == fieldId) return i;
        return -1;
    }

    public int FindNext(int fieldId, int after)
    {
        var nodes = _nodes;
        for (int i = after + 1; i < _count; i++)
            if (nodes[i].FieldId == fieldId) return i;
        return -1;
    }

    public bool Has(FieldDef f) => Find(f.Id) >= 0;
}
