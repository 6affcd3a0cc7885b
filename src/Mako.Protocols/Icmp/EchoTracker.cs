using Mako.Engine.Dissection;
using Mako.Engine.Fields;

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

/// <summary>What tshark's second pass (-2) adds to an echo request from the reply the first pass found.</summary>
public static class EchoLookAhead
{
    /// <summary>First pass: the request at <paramref name="requestFrame"/> was answered by this packet.</summary>
    public static void Answered(Packet pkt, FieldDef respIn, long requestFrame) => pkt.Session.Note(respIn, requestFrame, pkt.Number);

    /// <summary>
    /// Second pass: "Response frame" and " (reply in N)" when the first pass saw the reply; otherwise "No response
    /// seen" with its expert item and " (no response found!)", or only " (multicast)"/" (broadcast)" for a request
    /// to a group (<paramref name="groupWord"/>).
    /// Nothing in a single pass (tshark cannot know yet either).
    /// </summary>
    public static void Request(Packet pkt, int node, FieldDef respIn, FieldDef noResp, ExpertDef notFound, string message, string? groupWord = null)
    {
        if (pkt.Session.Recalled is null) return;
        if (pkt.Session.Recall(respIn, pkt.Number, out long reply))
        {
            pkt.AddGenerated(respIn, node, (ulong)reply);
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" (reply in ");
                pkt.Info.Append(reply);
                pkt.Info.Append(')');
            }
            return;
        }
        if (groupWord is not null)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" (");
                pkt.Info.Append(groupWord);
                pkt.Info.Append(')');
            }
            return;
        }
        int n = pkt.AddGenerated(noResp, node, 0);
        pkt.Expert(notFound, n, message);
        if (pkt.WantColumns) pkt.Info.Append(" (no response found!)");
    }
}

/// <summary>ICMP's per-capture echo tracker.</summary>
public sealed class IcmpEchoTracker : EchoTracker;
