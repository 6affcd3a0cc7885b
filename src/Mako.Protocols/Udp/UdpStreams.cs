using System.Runtime.InteropServices;
using Mako.Engine.Conversations;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Udp;

/// <summary>
/// Keeps UDP's per-conversation state bounded. Wireshark keeps every conversation for the whole capture, and a
/// capture of DNS lookups from random source ports has one per query: millions of conversations, each a few hundred
/// bytes of objects. Here a UDP conversation idle for <see cref="IdleSweeper.IdleFrames"/> frames is retired into a
/// record of 25 bytes per hash slot (its packed IPv4 address/port pair, udp.stream, the first and previous times: all UDP
/// remembers; 37 when the times are not whole microseconds) and brought back from it,
/// identically, when its address/port pair shows up again, so udp.stream and udp.time_* are what tshark prints.
/// Conversations carrying another protocol's data or a pinned dissector are never retired.
/// </summary>
public sealed class UdpStreams : IRetainedState
{
    /// <summary>Frames without a packet after which a conversation is retired (memory vs. re-creation work).</summary>
    public const long DefaultIdleFrames = 16384;

    private readonly RetiredConversations<Retired> _retired = new(PortType.Udp);
    private readonly RetiredConversations<Compact> _compact = new(PortType.Udp);
    /// <summary>Start of the first UDP conversation: the origin of <see cref="Compact"/>'s times.</summary>
    private long _base;
    private bool _haveBase;

    public IdleSweeper Sweeper { get; } = new(DefaultIdleFrames);

    /// <summary>Conversations retired and not brought back.</summary>
    public long RetiredCount => _retired.Count + _compact.Count;

    /// <summary>Retired conversations brought back because their address/port pair was seen again.</summary>
    public long Revived { get; private set; }

    /// <summary>The packet's conversation and its UDP data, created, found, or brought back from retirement.</summary>
    public UdpConversation Of(Packet pkt, ConversationTable table, out Conversation conv)
    {
        if (!_haveBase)
        {
            _base = pkt.TimestampNs;
            _haveBase = true;
        }
        RetireIdle(pkt.Number, table);
        var key = ConversationTable.KeyOf(pkt);
        conv = table.Find(key)!;
        UdpConversation? udpd;
        if (conv is null)
        {
            conv = table.Create(key, pkt);
            Sweeper.Track(conv, pkt.Number);
            if (_compact.Count > 0 && _compact.TryTake(key, out var cr))
            {
                long first = _base + cr.FirstUs * 1000L;
                udpd = new UdpConversation(cr.Stream, first) { PreviousTs = first + cr.SpanUs * 1000L };
                Revived++;
            }
            else if (_retired.Count > 0 && _retired.TryTake(key, out var r))
            {
                udpd = new UdpConversation(r.Stream, r.FirstTs) { PreviousTs = r.PreviousTs };
                Revived++;
            }
            else udpd = new UdpConversation(table.NextStreamIndex(PortType.Udp), pkt.TimestampNs);
            conv.Set(UdpFields.Proto, udpd);
            return udpd;
        }
        if (pkt.Number > conv.LastFrame) conv.LastFrame = pkt.Number;
        udpd = conv.Get<UdpConversation>(UdpFields.Proto);
        if (udpd is null)
        {
            // Created by someone else first (nothing does today): UDP's data starts here.
            udpd = new UdpConversation(table.NextStreamIndex(PortType.Udp), pkt.TimestampNs);
            conv.Set(UdpFields.Proto, udpd);
        }
        return udpd;
    }

    private void RetireIdle(long now, ConversationTable table)
    {
        if (!Sweeper.TryTakeIdle(now, out var c)) return;
        // Replaced, or shared with another protocol: forget it here (a shared one stays in the table).
        if (!c.OnlyHolds(UdpFields.Proto) || c.Get<UdpConversation>(UdpFields.Proto) is not { } u || !table.Remove(c)) return;
        // Microsecond timestamps (pcap's, and most pcapng's) fit 12 bytes: offsets from the first conversation's
        // start. Anything else keeps the full 64-bit times.
        long first = u.FirstTs - _base, span = u.PreviousTs - u.FirstTs;
        if (first >= 0 && span >= 0 && first % 1000 == 0 && span % 1000 == 0 && first / 1000 <= uint.MaxValue && span / 1000 <= uint.MaxValue)
            _compact.Add(c.Key, new Compact(u.Stream, (uint)(first / 1000), (uint)(span / 1000)));
        else _retired.Add(c.Key, new Retired(u.Stream, u.FirstTs, u.PreviousTs));
    }

    public IEnumerable<(string Name, long Count)> Retained()
    {
        yield return ("udp.live", Sweeper.Count);
        yield return ("udp.retired", RetiredCount);
        yield return ("udp.revived", Revived);
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Retired(int Stream, long FirstTs, long PreviousTs);

    /// <summary>A retired conversation with microsecond times: first packet (µs after the base) and last (µs after the first).</summary>
    private readonly record struct Compact(int Stream, uint FirstUs, uint SpanUs);
}
