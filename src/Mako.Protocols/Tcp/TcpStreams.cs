using System.Runtime.InteropServices;
using Mako.Engine.Conversations;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>
/// Keeps TCP's per-stream state bounded by the streams that are open, not by all the streams a capture ever had.
/// Wireshark keeps every stream until the end. Here a finished stream (a FIN sent in both directions and everything
/// acknowledged, or an RST) that has then been quiet for a grace period (<see cref="GraceFrames"/> frames and <see cref="GraceNs"/> of capture
/// time, so late retransmissions and the last ACKs still meet the whole state) is retired into a
/// <see cref="Snapshot"/> of about 100 bytes instead of the ~1 KB its objects take: its tcp.stream number,
/// completeness, times, and each direction's sequence numbers and window, which is what a later segment on the same
/// four-tuple needs to be numbered and analysed as tshark does (a new SYN with another initial sequence number is
/// recognised as port reuse, a late retransmission as a retransmission). What is not kept: the list of unacknowledged
/// segments (empty on a finished stream), reassembly (none pending is a condition), round-trip times of segments.
/// Streams carrying another protocol's conversation data, a pinned dissector or MPTCP are not retired.
/// </summary>
public sealed class TcpStreams : IRetainedState
{
    private readonly RetiredConversations<Snapshot> _retired = new(PortType.Tcp);

    /// <summary>Frames a finished stream must stay quiet before it is retired.</summary>
    public long GraceFrames { get => Sweeper.IdleFrames; set => Sweeper.IdleFrames = value; }
    /// <summary>Capture time (ns) a finished stream must stay quiet before it is retired.</summary>
    public long GraceNs { get; set; } = 30_000_000_000;

    public IdleSweeper Sweeper { get; } = new(16384);

    /// <summary>Streams retired and not brought back.</summary>
    public long RetiredCount => _retired.Count;
    /// <summary>Retired streams brought back because their four-tuple was seen again.</summary>
    public long Revived { get; private set; }

    /// <summary>Retires at most one quiet finished stream; called once per TCP segment, before the lookup.</summary>
    public void RetireIdle(long frame, long ts, ConversationTable table)
    {
        if (!Sweeper.TryTakeIdle(frame, out var c)) return;
        var t = c.Get<TcpStream>(TcpFields.Proto);
        if (t is null) return;
        if (!Finished(t))
        {
            // Reopened (a late segment left something unacknowledged): Update queues it again once finished.
            c.Finished = false;
            return;
        }
        if (ts - t.PreviousTs < GraceNs)
        {
            Sweeper.Track(c, frame);
            return;
        }
        if (Holds(t.Flow1) || Holds(t.Flow2))
        {
            c.Finished = false; // reassembly still holds bytes: queued again after its next segment
            return;
        }
        // Never retirable: it stays in the table (and, still marked finished, out of the queue).
        if (!c.OnlyHolds(TcpFields.Proto) || t.HasMptcpAnalysis) return;
        if (table.Remove(c)) _retired.Add(c.Key, Snapshot.Of(t));
    }

    /// <summary>A new conversation for a four-tuple: brings back its retired stream if there is one.</summary>
    public TcpStream? Revive(in ConversationKey key)
    {
        if (!_retired.TryTake(key, out var snap)) return null;
        Revived++;
        return snap.Restore();
    }

    /// <summary>
    /// After each segment: a stream that has just finished starts waiting for its grace period to pass. Only
    /// finished streams are queued, so open ones cost the sweep nothing.
    /// </summary>
    public void Update(Conversation c, TcpStream t, long frame)
    {
        if (c.Finished || !Finished(t)) return;
        c.Finished = true;
        Sweeper.Track(c, frame);
    }

    /// <summary>Both FINs sent and everything acknowledged (so no later ACK can find a segment it acks), or reset.</summary>
    private static bool Finished(TcpStream t) =>
        (t.Flow1.FinSeen && t.Flow2.FinSeen && t.Flow1.Unacked.Count == 0 && t.Flow2.Unacked.Count == 0) || (t.Completeness & 32) != 0;

    private static bool Holds(TcpFlow f) => f.Reassembly is { } r && (r.Held != 0 || r.UntilFin);

    public IEnumerable<(string Name, long Count)> Retained()
    {
        yield return ("tcp.finished", Sweeper.Count);
        yield return ("tcp.retired", _retired.Count);
        yield return ("tcp.revived", Revived);
    }

    /// <summary>What a retired stream keeps (see the class comment).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Snapshot
    {
        private long _firstTs, _previousTs, _firstRttNs, _mruSynTs;
        private int _index;
        private ushort _serverPort;
        private byte _completeness, _bits;
        private FlowSnapshot _flow1, _flow2;

        public static Snapshot Of(TcpStream t) => new()
        {
            _firstTs = t.FirstTs,
            _previousTs = t.PreviousTs,
            _firstRttNs = t.FirstRttNs,
            _mruSynTs = t.MruSynTs,
            _index = t.Index,
            _serverPort = t.ServerPort,
            _completeness = t.Completeness,
            _bits = (byte)((t.TfoSynData ? 1 : 0) | (t.HadAccEcnSetupSyn ? 2 : 0) | (t.HadAccEcnSetupSynAck ? 4 : 0) | (t.HadAccEcnOption ? 8 : 0)),
            _flow1 = FlowSnapshot.Of(t.Flow1),
            _flow2 = FlowSnapshot.Of(t.Flow2),
        };

        public readonly TcpStream Restore()
        {
            var t = new TcpStream(_index, _firstTs)
            {
                PreviousTs = _previousTs,
                FirstRttNs = _firstRttNs,
                MruSynTs = _mruSynTs,
                ServerPort = _serverPort,
                Completeness = _completeness,
                TfoSynData = (_bits & 1) != 0,
                HadAccEcnSetupSyn = (_bits & 2) != 0,
                HadAccEcnSetupSynAck = (_bits & 4) != 0,
                HadAccEcnOption = (_bits & 8) != 0,
            };
            _flow1.Restore(t.Flow1);
            _flow2.Restore(t.Flow2);
            return t;
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct FlowSnapshot
    {
        private long _lastNonDupAck;
        private uint _baseSeq, _nextSeq, _maxSeqToBeAcked, _lastAck, _window, _maxNextSeq, _pushBytesSent;
        private int _dupAckNum;
        private ushort _lastSegmentFlags;
        private sbyte _winScale;
        private byte _bits;

        public static FlowSnapshot Of(TcpFlow f) => new()
        {
            _lastNonDupAck = f.LastNonDupAck,
            _dupAckNum = f.DupAckNum,
            _baseSeq = f.BaseSeq,
            _nextSeq = f.NextSeq,
            _maxSeqToBeAcked = f.MaxSeqToBeAcked,
            _lastAck = f.LastAck,
            _window = f.Window,
            _maxNextSeq = f.MaxNextSeq,
            _pushBytesSent = f.PushBytesSent,
            _lastSegmentFlags = (ushort)f.LastSegmentFlags,
            _winScale = (sbyte)f.WinScale,
            _bits = (byte)((f.BaseSeqSet ? 1 : 0) | (f.SawSyn ? 2 : 0) | (f.SawSynAck ? 4 : 0) | (f.IsFirstAck ? 8 : 0)
                | (f.ClosingInitiator ? 16 : 0) | (f.FinSeen ? 32 : 0) | (f.ValidBytesInFlight ? 64 : 0) | (f.PushSetLast ? 128 : 0)),
        };

        public readonly void Restore(TcpFlow f)
        {
            f.LastNonDupAck = _lastNonDupAck;
            f.DupAckNum = _dupAckNum;
            f.BaseSeq = _baseSeq;
            f.NextSeq = _nextSeq;
            f.MaxSeqToBeAcked = _maxSeqToBeAcked;
            f.LastAck = _lastAck;
            f.Window = _window;
            f.MaxNextSeq = _maxNextSeq;
            f.PushBytesSent = _pushBytesSent;
            f.LastSegmentFlags = (TcpAnalysisFlags)_lastSegmentFlags;
            f.WinScale = _winScale;
            f.BaseSeqSet = (_bits & 1) != 0;
            f.SawSyn = (_bits & 2) != 0;
            f.SawSynAck = (_bits & 4) != 0;
            f.IsFirstAck = (_bits & 8) != 0;
            f.ClosingInitiator = (_bits & 16) != 0;
            f.FinSeen = (_bits & 32) != 0;
            f.ValidBytesInFlight = (_bits & 64) != 0;
            f.PushSetLast = (_bits & 128) != 0;
        }
    }
}
