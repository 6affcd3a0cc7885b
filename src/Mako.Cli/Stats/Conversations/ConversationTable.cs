using Mako.Engine.Dissection;

namespace Mako.Cli.Stats.Conversations;

/// <summary>One row of a conversation table. "Tx" is the direction of the conversation's first packet (A → B).</summary>
internal struct ConversationItem
{
    public Address SrcAddress, DstAddress;
    public uint SrcPort, DstPort;
    public long ConvId;
    public ulong TxFrames, RxFrames, TxBytes, RxBytes;
    /// <summary>Times relative to the capture's first packet, and the absolute start, in nanoseconds.</summary>
    public long StartNs, StopNs, StartAbsNs;

    public readonly ulong Frames => TxFrames + RxFrames;
}

/// <summary>
/// Wireshark's conversation table (add_conversation_table_data_with_conv_id): a packet belongs to the conversation
/// whose A/B addresses and ports equal its source/destination in either order (and the same stream index for TCP);
/// the first packet of a conversation fixes A and B. Rows keep their order of creation.
/// </summary>
internal sealed class ConversationTable
{
    private readonly Dictionary<Key, int> _index = new();
    private ConversationItem[] _items = new ConversationItem[64];

    private readonly record struct Key(Address A, Address B, uint PortA, uint PortB, long ConvId);

    public int Count { get; private set; }

    public ReadOnlySpan<ConversationItem> Items => _items.AsSpan(0, Count);

    public void Add(in LayerRecord r, long convId, ulong bytes, long relNs, long absNs)
    {
        bool forward = true;
        if (!_index.TryGetValue(new Key(r.Src, r.Dst, r.SrcPort, r.DstPort, convId), out int idx))
        {
            forward = false;
            if (!_index.TryGetValue(new Key(r.Dst, r.Src, r.DstPort, r.SrcPort, convId), out idx))
            {
                forward = true;
                idx = Create(r, convId, relNs, absNs);
            }
        }
        ref var c = ref _items[idx];
        if (forward)
        {
            c.TxFrames++;
            c.TxBytes += bytes;
        }
        else
        {
            c.RxFrames++;
            c.RxBytes += bytes;
        }
        if (relNs > c.StopNs)
        {
            c.StopNs = relNs;
        }
        else if (relNs < c.StartNs)
        {
            c.StartNs = relNs;
            c.StartAbsNs = absNs;
        }
    }

    private int Create(in LayerRecord r, long convId, long relNs, long absNs)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        int idx = Count++;
        _items[idx] = new ConversationItem
        {
            SrcAddress = r.Src,
            DstAddress = r.Dst,
            SrcPort = r.SrcPort,
            DstPort = r.DstPort,
            ConvId = convId,
            StartNs = relNs,
            StopNs = relNs,
            StartAbsNs = absNs,
        };
        _index[new Key(r.Src, r.Dst, r.SrcPort, r.DstPort, convId)] = idx;
        return idx;
    }
}

/// <summary>One row of an endpoint table.</summary>
internal struct EndpointItem
{
    public Address Address;
    public uint Port;
    public ulong TxFrames, RxFrames, TxBytes, RxBytes;

    public readonly ulong Frames => TxFrames + RxFrames;
}

/// <summary>Wireshark's endpoint table (add_endpoint_table_data): one row per address (and port), in order of
/// first appearance; each packet counts as sent by its source and received by its destination.</summary>
internal sealed class EndpointTable
{
    private readonly Dictionary<(Address, uint), int> _index = new();
    private EndpointItem[] _items = new EndpointItem[64];

    public int Count { get; private set; }

    public ReadOnlySpan<EndpointItem> Items => _items.AsSpan(0, Count);

    public void Add(Address address, uint port, bool sender, ulong bytes)
    {
        if (!_index.TryGetValue((address, port), out int idx))
        {
            if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
            idx = Count++;
            _items[idx] = new EndpointItem { Address = address, Port = port };
            _index[(address, port)] = idx;
        }
        ref var e = ref _items[idx];
        if (sender)
        {
            e.TxFrames++;
            e.TxBytes += bytes;
        }
        else
        {
            e.RxFrames++;
            e.RxBytes += bytes;
        }
    }
}
