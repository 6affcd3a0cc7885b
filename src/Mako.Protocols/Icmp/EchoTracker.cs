using Mako.Engine.Dissection;

namespace Mako.Protocols.Icmp;

/// <summary>
/// Matches echo replies to requests within one capture, as Wireshark's ICMP/ICMPv6 transaction tracking does on its
/// first (and, for tshark without -2, only) pass: a request is remembered under its address pair and a key derived
/// from identifier, sequence number and checksum; the first reply with the same key finds it. A request cannot know
/// a reply that comes later in a single pass, so requests never show icmp.resp_in. Bounded: the oldest pending
/// requests are forgotten past <see cref="MaxPending"/>.
/// </summary>
public class EchoTracker : IRetainedState
{
    public const int MaxPending = 1 << 20;

    private readonly Dictionary<Key, Transaction> _pending = new();
    private readonly Queue<Key> _order = new();

    public IEnumerable<(string Name, long Count)> Retained() { yield return (GetType().Name, _pending.Count); }

    /// <summary>A request seen at <see cref="RequestFrame"/>; <see cref="ResponseFrame"/> is 0 until answered.</summary>
    public sealed class Transaction
    {
        public long RequestFrame;
        public long RequestTimeNs;
        public long ResponseFrame;
    }

    private readonly record struct Key(Address A, Address B, uint K0, uint K1);

    /// <summary>Both directions of a conversation use the same key (Wireshark's conversations ignore direction).</summary>
    private static Key MakeKey(Address src, Address dst, uint k0, uint k1)
    {
        bool swap = src.Hi > dst.Hi || (src.Hi == dst.Hi && src.Lo > dst.Lo) || (src.Hi == dst.Hi && src.Lo == dst.Lo && src.Type > dst.Type);
        return swap ? new Key(dst, src, k0, k1) : new Key(src, dst, k0, k1);
    }

    public void Request(Packet pkt, uint k0, uint k1)
    {
        var key = MakeKey(pkt.Src, pkt.Dst, k0, k1);
        if (!_pending.ContainsKey(key))
        {
            _order.Enqueue(key);
            while (_order.Count > MaxPending) _pending.Remove(_order.Dequeue());
        }
        _pending[key] = new Transaction { RequestFrame = pkt.Number, RequestTimeNs = pkt.TimestampNs };
    }

    /// <summary>The request a reply answers, or null (none, or already answered by an earlier reply).</summary>
    public Transaction? Reply(Packet pkt, uint k0, uint k1)
    {
        if (!_pending.TryGetValue(MakeKey(pkt.Src, pkt.Dst, k0, k1), out var t) || t.ResponseFrame != 0) return null;
        t.ResponseFrame = pkt.Number;
        return t;
    }
}

/// <summary>ICMP's per-capture echo tracker.</summary>
public sealed class IcmpEchoTracker : EchoTracker;
