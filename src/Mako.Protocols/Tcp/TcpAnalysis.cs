using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>What sequence analysis concluded about a segment (Wireshark's TCP_A_* flags).</summary>
[Flags]
public enum TcpAnalysisFlags : ushort
{
    None = 0,
    Retransmission = 0x0001,
    LostPacket = 0x0002,
    AckLostPacket = 0x0004,
    KeepAlive = 0x0008,
    DuplicateAck = 0x0010,
    ZeroWindow = 0x0020,
    ZeroWindowProbe = 0x0040,
    ZeroWindowProbeAck = 0x0080,
    KeepAliveAck = 0x0100,
    OutOfOrder = 0x0200,
    FastRetransmission = 0x0400,
    WindowUpdate = 0x0800,
    WindowFull = 0x1000,
    ReusedPorts = 0x2000,
    SpuriousRetransmission = 0x4000,
    /// <summary>Reassembly: the segment repeats bytes already passed on (not shown as an analysis flag).</summary>
    OldData = 0x8000,
}

/// <summary>
/// The per-segment result of sequence analysis (Wireshark's tcp_acked). <see cref="Present"/> mirrors whether
/// Wireshark created the structure at all: only then does the tree get a "SEQ/ACK analysis" node.
/// </summary>
public struct TcpAcked
{
    public bool Present;
    public TcpAnalysisFlags Flags;
    public long FrameAcked;
    public long RttNs;
    public long RtoNs;
    public long RtoFrame;
    public int DupAckNum;
    public long DupAckFrame;
    public uint BytesInFlight;
    public uint PushBytesSent;
    public uint NewDataSeq;

    public void Set(TcpAnalysisFlags f)
    {
        Present = true;
        Flags |= f;
    }
}

/// <summary>
/// TCP sequence analysis, as tshark 4.0 does it by default (RFC 793 sequence space; heuristics from Wireshark's
/// User's Guide, "TCP Analysis"): retransmissions, out-of-order and lost segments, duplicate ACKs, window and
/// keep-alive conditions, ACK round trips and bytes in flight. State lives in the stream's two <see cref="TcpFlow"/>s;
/// each segment is analysed once, in capture order.
/// </summary>
public static partial class TcpAnalysis
{
    public const int MaxSackRanges = 4;
    private const ushort Fin = 0x01, Syn = 0x02, Rst = 0x04, Push = 0x08, AckFlag = 0x10;

    private static bool Gt(uint x, uint y) => (int)(y - x) < 0;
    private static bool Lt(uint x, uint y) => (int)(x - y) < 0;
    private static bool Le(uint x, uint y) => (int)(x - y) <= 0;

    /// <summary>Analyses one segment (absolute seq/ack, unscaled window) and updates both flows.</summary>
    public static void Analyze(ref TcpAcked ta, TcpStream tcpd, TcpFlow fwd, TcpFlow rev, long frame, long ts,
        uint seq, uint ack, uint seglen, ushort flags, uint window, bool fastRetransmissionFirst = true)
    {
        if ((flags & AckFlag) != 0) rev.ValidBytesInFlight = true;
        bool done = false;

        // Zero window probe: one byte at the next expected sequence number while the peer's window is closed.
        if (seglen == 1 && seq == fwd.NextSeq && rev.Window == 0)
        {
            ta.Set(TcpAnalysisFlags.ZeroWindowProbe);
            done = true;
        }

        if (!done)
        {
            // Zero window: a closed window on anything but SYN/FIN/RST.
            if (window == 0 && (flags & (Rst | Fin | Syn)) == 0) ta.Set(TcpAnalysisFlags.ZeroWindow);

            // Lost segment: this one starts past what we expected (not for RSTs).
            if (fwd.NextSeq != 0 && Gt(seq, fwd.NextSeq) && (flags & Rst) == 0)
            {
                ta.Set(TcpAnalysisFlags.LostPacket);
                fwd.ValidBytesInFlight = false;
            }

            // Keep-alive: 0 or 1 byte starting one before the next expected sequence number.
            if ((seglen == 0 || seglen == 1) && seq == fwd.NextSeq - 1 && (flags & (Syn | Fin | Rst)) == 0)
                ta.Set(TcpAnalysisFlags.KeepAlive);

            // Window update: an empty segment repeating seq/ack with a new, non-zero window.
            if (seglen == 0 && window != 0 && window != fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck
                && (flags & (Syn | Fin | Rst)) == 0)
                ta.Set(TcpAnalysisFlags.WindowUpdate);

            // Window full: data reaching exactly the right edge of the peer's advertised window.
            if (seglen > 0 && rev.WinScale != -1 && (flags & (Syn | Fin | Rst)) == 0)
            {
                int shift = rev.IsFirstAck ? 0 : rev.WinScale == -2 ? 0 : rev.WinScale;
                if (seq + seglen == rev.LastAck + (rev.Window << shift)) ta.Set(TcpAnalysisFlags.WindowFull);
            }

            bool repeat = seglen == 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck
                && (flags & (Syn | Fin | Rst)) == 0;
            if (repeat && window != 0 && (rev.LastSegmentFlags & TcpAnalysisFlags.KeepAlive) != 0)
            {
                ta.Set(TcpAnalysisFlags.KeepAliveAck);
                done = true;
            }
            else if (repeat && window == 0 && (rev.LastSegmentFlags & TcpAnalysisFlags.ZeroWindowProbe) != 0)
            {
                ta.Set(TcpAnalysisFlags.ZeroWindowProbeAck);
                done = true;
            }
            else if (repeat && window != 0 && !(tcpd.HasMptcpAnalysis && tcpd.MpOperations != fwd.MpOperations))
            {
                // Duplicate ACK; -1 means an "ACKed unseen segment" was just reported for this flow.
                fwd.DupAckNum = fwd.DupAckNum == -1 ? 1 : fwd.DupAckNum + 1;
                ta.Set(TcpAnalysisFlags.DuplicateAck);
                ta.DupAckNum = fwd.DupAckNum;
                ta.DupAckFrame = fwd.LastNonDupAck;
            }
        }

        // A new ACK value resets the duplicate ACK counting.
        if (ack != fwd.LastAck)
        {
            fwd.LastNonDupAck = frame;
            fwd.DupAckNum = 0;
        }

        // ACKed unseen segment: this acknowledges past anything the other side was seen to send.
        if (rev.MaxSeqToBeAcked != 0 && Gt(ack, rev.MaxSeqToBeAcked) && (flags & AckFlag) != 0)
        {
            ta.Present = true;
            if (Lt(rev.MaxSeqToBeAcked, rev.NextSeq))
            {
                rev.MaxSeqToBeAcked = rev.NextSeq;
                ta.Flags |= TcpAnalysisFlags.AckLostPacket;
            }
            else
            {
                // Report a stalled direction's missing segment once, not on every ACK.
                if (rev.DupAckNum == 0) ta.Flags |= TcpAnalysisFlags.AckLostPacket;
                rev.DupAckNum = -1;
            }
        }

        if (seglen > 0 || (flags & (Syn | Fin)) != 0)
            ClassifyRetransmission(ref ta, tcpd, fwd, rev, ts, seq, seglen, flags, fastRetransmissionFirst);

        uint nextseq = seq + seglen;
        if ((seglen != 0 || (flags & (Syn | Fin)) != 0) && fwd.Unacked.Count < UnackedList.Capacity)
        {
            if ((flags & (Syn | Fin)) != 0) nextseq++;
            fwd.Unacked.Add(new UnackedSegment { Frame = frame, Seq = seq, NextSeq = nextseq, Ts = ts });
        }

        // Highest sequence number seen (a zero window probe does not advance it).
        bool probe = ta.Present && (ta.Flags & TcpAnalysisFlags.ZeroWindowProbe) != 0;
        if ((Gt(nextseq, fwd.NextSeq) || fwd.NextSeq == 0) && !probe)
        {
            fwd.NextSeq = nextseq;
            fwd.NextSeqFrame = frame;
            fwd.NextSeqTime = ts;
        }
        // Highest contiguous sequence number, for "ACKed unseen segment".
        if ((seq == fwd.MaxSeqToBeAcked || fwd.MaxSeqToBeAcked == 0) && !probe)
            fwd.MaxSeqToBeAcked = fwd.NextSeq;

        fwd.Window = window;
        fwd.LastAck = ack;
        fwd.LastAckTime = ts;
        if (tcpd.HasMptcpAnalysis) fwd.MpOperations = tcpd.MpOperations;
        fwd.LastSegmentFlags = ta.Present ? ta.Flags : TcpAnalysisFlags.None;

        RemoveAcked(ref ta, rev, frame, ts, ack);
        BytesInFlight(ref ta, fwd, rev, seglen, flags);
    }

    private static void ClassifyRetransmission(ref TcpAcked ta, TcpStream tcpd, TcpFlow fwd, TcpFlow rev, long ts,
        uint seq, uint seglen, ushort flags, bool fastFirst)
    {
        bool notAdvanced = fwd.NextSeq != 0 && Lt(seq, fwd.NextSeq);
        if (ta.Present && (ta.Flags & TcpAnalysisFlags.KeepAlive) != 0) return;

        // More than one new byte right after a possible zero window probe is new data, not a retransmission.
        if (seglen > 1 && fwd.NextSeq - 1 == seq) notAdvanced = false;

        // Spurious: everything in it was already acknowledged.
        if (seglen > 0 && rev.LastAck != 0 && Le(seq + seglen, rev.LastAck))
        {
            ta.Set(TcpAnalysisFlags.SpuriousRetransmission);
            return;
        }

        for (int pass = 0; pass < 2; pass++)
        {
            bool fast = (pass == 0) == fastFirst;
            if (fast)
            {
                // Fast retransmission: resends what >= 2 duplicate ACKs asked for, within 20 ms of the last one.
                // Time differences are unsigned in Wireshark: a clock going backwards never counts as "soon".
                ulong t = (ulong)(ts - rev.LastAckTime);
                if (notAdvanced && rev.DupAckNum >= 2 && rev.LastAck == seq && t < 20_000_000)
                {
                    ta.Set(TcpAnalysisFlags.FastRetransmission);
                    return;
                }
            }
            else
            {
                // Out of order: arrives soon (< handshake RTT, else 3 ms) after the highest segment.
                ulong t = (ulong)(ts - fwd.NextSeqTime);
                ulong threshold = tcpd.FirstRttNs == 0 ? 3_000_000 : (ulong)tcpd.FirstRttNs;
                uint end = seq + seglen + ((flags & (Syn | Fin)) != 0 ? 1u : 0u);
                if (notAdvanced && t < threshold && fwd.NextSeq != end)
                {
                    ta.Set(TcpAnalysisFlags.OutOfOrder);
                    return;
                }
            }
        }

        if (notAdvanced)
        {
            ta.Set(TcpAnalysisFlags.Retransmission);
            // RTO: measured from the most recent segment, or better from the oldest unacknowledged one.
            ta.RtoNs = ts - fwd.NextSeqTime;
            ta.RtoFrame = fwd.NextSeqFrame;
            if (fwd.Unacked.Count > 0)
            {
                var oldest = fwd.Unacked[0];
                ta.RtoNs = ts - oldest.Ts;
                ta.RtoFrame = oldest.Frame;
            }
        }
    }

    /// <summary>
    /// Drops the other side's segments this ACK covers, noting the one it acknowledges exactly. Wireshark walks its
    /// list newest to oldest and the last exact match wins, i.e. the oldest; one compacting pass from the oldest
    /// gives the same result without shifting the list for every removal.
    /// </summary>
    private static void RemoveAcked(ref TcpAcked ta, TcpFlow rev, long frame, long ts, uint ack)
    {
        ref var list = ref rev.Unacked;
        int kept = 0;
        bool matched = false;
        for (int i = 0; i < list.Count; i++)
        {
            var u = list[i];
            bool keep;
            if (ack == u.NextSeq)
            {
                if (!matched)
                {
                    matched = true;
                    ta.Present = true;
                    ta.FrameAcked = u.Frame;
                    ta.RttNs = ts - u.Ts;
                }
                keep = false;
            }
            else if (Gt(ack, u.Seq) && Le(ack, u.NextSeq))
            {
                // Partly acknowledged: keep the unacknowledged tail.
                u.Seq = ack;
                keep = true;
            }
            else keep = Gt(u.NextSeq, ack);
            if (keep) list[kept++] = u;
        }
        if (kept < list.Count) list.Truncate(kept);
    }

    private static void BytesInFlight(ref TcpAcked ta, TcpFlow fwd, TcpFlow rev, uint seglen, ushort flags)
    {
        ref var list = ref fwd.Unacked;
        if (seglen == 0 || list.Count == 0 || !fwd.ValidBytesInFlight) return;
        var head = list[list.Count - 1];
        uint first = head.Seq - fwd.BaseSeq, last = head.NextSeq - fwd.BaseSeq;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var u = list[i];
            if (u.NextSeq - fwd.BaseSeq > last) last = u.NextSeq - fwd.BaseSeq;
            if (u.Seq - fwd.BaseSeq < first) first = u.Seq - fwd.BaseSeq;
        }
        uint inFlight = last - first;
        // SACKed bytes have arrived. Wireshark keeps blocks 1..3 of the peer's last SACK option.
        for (int i = 1; i <= rev.SackRanges; i++) inFlight -= rev.SackRight[i] - rev.SackLeft[i];
        if (inFlight > 0 && inFlight < 2_000_000_000)
        {
            ta.Present = true;
            ta.BytesInFlight = inFlight;
            // SYN and FIN occupy a sequence number but carry no byte.
            if ((flags & (Syn | Fin)) != 0) ta.BytesInFlight--;
        }

        bool pushed = (flags & Push) != 0;
        if (pushed && !fwd.PushSetLast) { fwd.PushBytesSent += seglen; fwd.PushSetLast = true; }
        else if (pushed) { fwd.PushBytesSent = seglen; }
        else if (fwd.PushSetLast) { fwd.PushBytesSent = seglen; fwd.PushSetLast = false; }
        else fwd.PushBytesSent += seglen;
        ta.Present = true;
        ta.PushBytesSent = fwd.PushBytesSent;
    }
}
