using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Tcp;

/// <summary>
/// Reassembly of PDUs that span segments, as tshark 4.0's desegment_tcp does it on its single pass with the default
/// preferences (tcp.desegment_tcp_streams on, tcp.reassemble_out_of_order off): the payload goes to its dissector;
/// if that asks for more (<see cref="Packet.NeedMore"/> and friends), the rest of the segment starts a
/// multi-segment PDU; later segments in its sequence range are collected, and the one that completes it hands the
/// whole PDU, as a new "Reassembled TCP" data source, to the dissector again. Segments that only carry part of a
/// PDU show "[TCP segment of a reassembled PDU]". Sequence numbers here are the relative ones tshark uses.
/// </summary>
public sealed partial class TcpDissector
{
    public static readonly ExpertDef EiReassemblyLimit = TcpFields.Proto.Expert("tcp.reassembly.limit", ExpertGroup.Reassemble, ExpertSeverity.Warn,
        "Reassembly limit reached: PDU dropped");

    private static bool LtSeq(uint a, uint b) => (int)(a - b) < 0;
    private static bool LeSeq(uint a, uint b) => (int)(a - b) <= 0;
    private static bool GtSeq(uint a, uint b) => (int)(a - b) > 0;

    /// <summary>desegment_tcp: hands the payload at <paramref name="offset"/> on, reassembling as asked.</summary>
    private void Desegment(Tvb tvb, Packet pkt, int offset, uint seq, uint nxtseq, ref TcpHeader h, Conversation conv, TcpStream tcpd, TcpFlow fwd, ref TcpAcked ta, TcpState st, int tcp)
    {
        // Created only when a dissector first asks for more: most flows never need it.
        var flow = fwd.Reassembly;
        var limits = st.Limits;
        // -2: the first pass saw this frame's bytes reassembled in a later frame, or never. tshark's second pass treats
        // them as a middle segment and never calls the payload dissector on them; Mako's second pass rebuilds its
        // state by calling it as the first pass did, and undoes what it showed (SecondPassUndo).
        bool doneLater = pkt.Session.Recall(TcpFields.ReassembledIn, pkt.Number, out long laterFrame)
            ? laterFrame > pkt.Number
            : pkt.Session.Recall(MspPieces, pkt.Number, out _);   // a PDU the capture never completes
        bool firstPdu = true;
        bool restoreWritable = false;
        try
        {
            while (true)
            {
                SegmentHead? head = null;
                int lastFragmentLen = 0;
                bool mustDesegment = false, calledDissector = false;
                int anotherPduFollows = 0;
                Msp? msp;
                pkt.DesegmentOffset = 0;
                pkt.DesegmentLen = 0;
                int desegOffset = offset;

                // A segment starting exactly where a known PDU starts, and inside it, is a retransmission (or this
                // frame's own PDU seen again): it is not handed on twice.
                msp = flow?.Exact(seq);
                if (msp is not null && LeSeq(nxtseq, msp.NxtPdu) && (msp.Flags & MspFlags.MissingFirstSegment) == 0 && msp.LastFrame != pkt.Number)
                {
                    bool retransmission = !(msp.FirstFrame == pkt.Number || msp.FirstFrameWithSeq == pkt.Number);
                    if (!retransmission)
                    {
                        if (firstPdu) AppendSegmentOfPdu(pkt);
                        if (msp.Head.ReassembledIn != 0) AddReassembledIn(pkt, tcp, msp.Head.ReassembledIn);
                    }
                    SegmentData(pkt, tcp, tvb, offset, tvb.ReportedLength - offset, retransmission ? "Retransmitted TCP segment data" : "TCP segment data");
                    return;
                }
                if (ta.Present)
                {
                    if ((ta.Flags & TcpAnalysisFlags.SpuriousRetransmission) != 0) return;
                    if ((ta.Flags & TcpAnalysisFlags.Retransmission) != 0)
                    {
                        SegmentData(pkt, tcp, tvb, offset, tvb.ReportedLength - offset, "Retransmitted TCP segment data");
                        return;
                    }
                }
                msp ??= flow?.AtOrBefore(seq - 1);

                if (msp is not null && LeSeq(msp.Seq, seq) && GtSeq(msp.NxtPdu, seq))
                {
                    // This segment continues a PDU that started earlier.
                    msp.LastFrame = pkt.Number;
                    int len = (msp.Flags & MspFlags.ReassembleEntireSegment) != 0
                        ? tvb.Length - offset
                        : (int)Math.Min(nxtseq - seq, msp.NxtPdu - seq);
                    lastFragmentLen = len;
                    if (AddPiece(pkt, flow!, limits, msp, tvb, offset, seq - msp.Seq, (uint)len, LtSeq(nxtseq, msp.NxtPdu), tcp))
                    {
                        head = msp.Head;
                        if ((msp.Flags & MspFlags.ReassembleEntireSegment) != 0)
                        {
                            msp.Flags &= ~MspFlags.ReassembleEntireSegment;
                            // The whole segment went into this PDU: the next one cannot start inside it.
                            if (LtSeq(msp.NxtPdu, nxtseq)) msp.NxtPdu = nxtseq;
                        }
                    }
                    if (LtSeq(msp.NxtPdu, nxtseq) && LeSeq(seq, msp.NxtPdu) && len > 0)
                        anotherPduFollows = (int)(msp.NxtPdu - seq);
                }
                else
                {
                    // Not part of a known PDU: the dissector sees the segment's bytes directly.
                    var mark = doneLater ? pkt.Mark() : default;
                    ProcessPayload(tvb.Slice(offset), pkt, seq, nxtseq, false, ref h, conv, tcpd, ref ta, st, tcp);
                    calledDissector = true;
                    SecondPassUndo(pkt, doneLater, mark);
                    if (pkt.DesegmentLen != 0)
                    {
                        mustDesegment = true;
                        desegOffset = offset + pkt.DesegmentOffset;
                    }
                }

                if (head is not null && head.ReassembledIn == pkt.Number && msp is not null)
                {
                    NoteReassembled(pkt, head);
                    // This segment completed the PDU: the dissector gets all of it, once.
                    var data = head.Data!;
                    int source = pkt.Tree.AddSource(data, "Reassembled TCP");
                    var rtvb = new Tvb(data, 0, data.Length, source);
                    int insertAt = pkt.Tree.Count;
                    var mark = doneLater ? pkt.Mark() : default;
                    ProcessPayload(rtvb, pkt, msp.Seq, 0, true, ref h, conv, tcpd, ref ta, st, tcp);
                    calledDissector = true;
                    SecondPassUndo(pkt, doneLater, mark);
                    if (pkt.DesegmentLen != 0)
                    {
                        // The dissector needs still more: either nothing of the PDU was used (keep collecting) or a
                        // first part was (split it: the rest starts a new PDU).
                        if (pkt.DesegmentOffset == 0)
                        {
                            if (!SourceUsed(pkt, source, insertAt)) pkt.Tree.RemoveLastSource();
                            head.Partial = true;
                        }
                        else if (LeSeq(msp.Seq + (uint)pkt.DesegmentOffset, seq))
                        {
                            head.Partial = true;
                        }
                        else
                        {
                            var old = msp;
                            msp = SplitMsp(pkt, flow!, limits, msp, (uint)pkt.DesegmentOffset);
                            ShowSegments(pkt, old.Head, rtvb, insertAt);
                            Release(flow!, limits, old.Head);
                        }

                        if (pkt.DesegmentLen == Packet.DesegmentOneMoreSegment)
                        {
                            uint reach = seq + (uint)(tvb.ReportedLength - offset);
                            msp.NxtPdu = (GtSeq(reach, msp.NxtPdu) ? reach : msp.NxtPdu) + 1;
                            msp.Flags |= MspFlags.ReassembleEntireSegment;
                        }
                        else if (pkt.DesegmentLen == Packet.DesegmentUntilFin)
                        {
                            flow!.UntilFin = true;
                            msp.NxtPdu = msp.Seq + 0x40000000;
                        }
                        else if (LeSeq(msp.NxtPdu, seq + (uint)lastFragmentLen))
                        {
                            msp.NxtPdu = seq + (uint)lastFragmentLen + (uint)pkt.DesegmentLen;
                        }
                        else
                        {
                            msp.NxtPdu += (uint)pkt.DesegmentLen;
                        }

                        anotherPduFollows = 0;
                        offset += lastFragmentLen;
                        seq += (uint)lastFragmentLen;
                        if (tvb.Length - offset > 0) continue;
                    }
                    else
                    {
                        int nb = anotherPduFollows > 0 ? anotherPduFollows : tvb.ReportedLength - offset;
                        SegmentData(pkt, tcp, tvb, offset, nb, "TCP segment data");
                        ShowSegments(pkt, head, rtvb, insertAt);
                        Release(flow!, limits, head);
                    }
                }

                if (mustDesegment)
                {
                    uint desegSeq = seq + (uint)(desegOffset - offset);
                    flow ??= fwd.Reassembly = new TcpReassemblyFlow();
                    if (pkt.DesegmentLen == Packet.DesegmentUntilFin) flow.UntilFin = true;
                    // Wireshark's own guard: a PDU's first segment may not carry more than 1 MiB.
                    if (nxtseq - desegSeq <= 1024 * 1024)
                    {
                        uint nxtPdu = pkt.DesegmentLen switch
                        {
                            Packet.DesegmentOneMoreSegment => nxtseq + 1,
                            Packet.DesegmentUntilFin => nxtseq + 0x40000000,
                            _ => nxtseq + (uint)pkt.DesegmentLen,
                        };
                        msp = StoreMsp(flow, limits, desegSeq, nxtPdu, pkt.Number);
                        if (pkt.DesegmentLen == Packet.DesegmentOneMoreSegment) msp.Flags |= MspFlags.ReassembleEntireSegment;
                        AddPiece(pkt, flow, limits, msp, tvb, desegOffset, 0, nxtseq - desegSeq, LtSeq(nxtseq, msp.NxtPdu), tcp);
                    }
                }

                if (!calledDissector || pkt.DesegmentLen != 0)
                {
                    if (pkt.DesegmentOffset == 0)
                    {
                        if (pkt.WantColumns) pkt.Protocol = "TCP";
                        if (firstPdu) AppendSegmentOfPdu(pkt);
                    }
                    if (pkt.Session.Recall(TcpFields.ReassembledIn, pkt.Number, out long doneIn) && doneIn != pkt.Number)
                        AddReassembledIn(pkt, tcp, doneIn);   // -2: the frame the first pass completed this PDU in
                    int nb = anotherPduFollows != 0 ? anotherPduFollows : tvb.ReportedLength - desegOffset;
                    SegmentData(pkt, tcp, tvb, desegOffset, nb, "TCP segment data");
                }
                pkt.CanDesegment = false;
                pkt.DesegmentOffset = 0;
                pkt.DesegmentLen = 0;

                if (anotherPduFollows == 0) return;
                // Another PDU starts inside this segment after the one just completed: what follows may be
                // incomplete, so it may not change the Protocol column or what the Info column already says.
                pkt.CanDesegment = true;
                if (pkt.WantColumns) pkt.Info.Fence();
                if (pkt.ProtocolWritable) restoreWritable = true;
                pkt.ProtocolWritable = false;
                firstPdu = false;
                offset += anotherPduFollows;
                seq += (uint)anotherPduFollows;
            }
        }
        catch (ReassemblyErrorException ex)
        {
            ReassemblyError(pkt, ex.Message);
        }
        finally
        {
            if (restoreWritable) pkt.ProtocolWritable = true;
            pkt.CanDesegment = false;
        }
    }

    /// <summary>
    /// The end of an until-FIN reassembly: the FIN (with or without data) closes the PDU, which is then dissected
    /// here instead of as a normal payload. Returns true when it took the segment.
    /// </summary>
    private bool FinishAtFin(Tvb tvb, Packet pkt, ref TcpHeader h, Conversation conv, TcpStream tcpd, TcpFlow fwd, ref TcpAcked ta, TcpState st, int tcp)
    {
        var flow = fwd.Reassembly;
        if (flow is null || !flow.UntilFin) return false;
        if (flow.FinFrame != 0 && flow.FinFrame != pkt.Number)
        {
            // A retransmission of the FIN that ended the stream (or the same FIN by another path).
            pkt.AddGenerated(TcpFields.FinRetransmission, tcp, (ulong)flow.FinFrame);
            return false;
        }
        flow.FinFrame = pkt.Number;
        var msp = flow.AtOrBefore(h.Seq - 1);
        if (msp is null) return false;
        var limits = st.Limits;
        try
        {
            if (!AddPiece(pkt, flow, limits, msp, tvb, h.HdrLen, h.Seq - msp.Seq, h.SegLen, false, tcp)) return false;
        }
        catch (ReassemblyErrorException ex)
        {
            ReassemblyError(pkt, ex.Message);
            return true;
        }
        var head = msp.Head;
        if (head.ReassembledIn != pkt.Number) return false;
        NoteReassembled(pkt, head);
        var data = head.Data!;
        int source = pkt.Tree.AddSource(data, "Reassembled TCP");
        var rtvb = new Tvb(data, 0, data.Length, source);
        int insertAt = pkt.Tree.Count;
        ShowSegments(pkt, head, rtvb, insertAt);
        Release(flow, limits, head);
        pkt.CanDesegment = false;
        ProcessPayload(rtvb, pkt, h.Seq, h.Seq + h.SegLen, true, ref h, conv, tcpd, ref ta, st, tcp);
        return true;
    }

    /// <summary>process_tcp_payload: fills <see cref="TcpInfo"/> and picks the payload's dissector.</summary>
    private void ProcessPayload(Tvb next, Packet pkt, uint seq, uint nxtseq, bool reassembled, ref TcpHeader h, Conversation conv, TcpStream tcpd, ref TcpAcked ta, TcpState st, int tcp)
    {
        var info = st.Info;
        info.Seq = seq;
        info.NxtSeq = nxtseq;
        info.LastAckSeq = h.Ack;
        info.Flags = h.Flags;
        info.IsReassembled = reassembled;
        info.TreeNode = tcp;
        int layers = pkt.Layers.Count, nodes = pkt.Tree.Count;
        DecodePorts(next, pkt, h.SrcPort, h.DstPort, conv, tcpd, ref ta, st);
        // As call_dissector_work: a dissector that added nothing to the tree (it only asked for more data) does not
        // stay in frame.protocols.
        if (pkt.Tree.Count == nodes && pkt.Layers.Count > layers)
            pkt.Layers.RemoveRange(layers, pkt.Layers.Count - layers);
    }

    private static Msp StoreMsp(TcpReassemblyFlow flow, TcpReassemblyLimits limits, uint seq, uint nxtPdu, long frame)
    {
        var msp = new Msp(seq, nxtPdu, frame);
        if (flow.Msps.TryGetValue(seq, out var old)) Release(flow, limits, old.Head);
        flow.Msps[seq] = msp;
        if (flow.Msps.Count > limits.MaxPdusPerFlow) Prune(flow, limits);
        return msp;
    }

    /// <summary>Forgets the oldest half of a flow's PDUs (they only matter for retransmissions long past).</summary>
    private static void Prune(TcpReassemblyFlow flow, TcpReassemblyLimits limits)
    {
        int drop = flow.Msps.Count / 2;
        for (int i = 0; i < drop; i++)
        {
            Release(flow, limits, flow.Msps.Values[0].Head);
            flow.Msps.RemoveAt(0);
        }
    }

    /// <summary>Adds a piece within the memory limits; a PDU that would pass them is dropped with an expert item.</summary>
    private static bool AddPiece(Packet pkt, TcpReassemblyFlow flow, TcpReassemblyLimits limits, Msp msp, in Tvb tvb, int tvbOffset, uint pduOffset, uint length, bool more, int tcp)
    {
        var head = msp.Head;
        if (flow.Held + length > limits.MaxFlowBytes || limits.Held + length > limits.MaxTotalBytes)
        {
            Release(flow, limits, head);
            flow.Msps.Remove(msp.Seq);
            flow.UntilFin = false;
            limits.Dropped++;
            pkt.Expert(EiReassemblyLimit, tcp, $"Reassembly limit reached ({(flow.Held + length > limits.MaxFlowBytes ? limits.MaxFlowBytes + " bytes per direction" : limits.MaxTotalBytes + " bytes in total")}): PDU starting in frame {msp.FirstFrame} dropped");
            return false;
        }
        pkt.Session.Note(MspPieces, pkt.Number, 1);   // -2: this frame's bytes went into a multi-segment PDU
        long before = head.Held;
        bool done = SegmentTable.Add(head, tvb, tvbOffset, pkt.Number, pduOffset, length, more);
        long delta = head.Held - before;
        flow.Held += delta;
        limits.Held += delta;
        return done;
    }

    /// <summary>Stops counting a completed or dropped PDU's bytes (the tree may still show them for this frame).</summary>
    private static void Release(TcpReassemblyFlow flow, TcpReassemblyLimits limits, SegmentHead head)
    {
        flow.Held -= head.Held;
        limits.Held -= head.Held;
        head.Held = 0;
        head.Data = null;
        foreach (var p in head.Pieces) p.Bytes = default;
    }

    /// <summary>split_msp: the dissector used the first <paramref name="split"/> bytes; the rest becomes a new PDU.</summary>
    private static Msp SplitMsp(Packet pkt, TcpReassemblyFlow flow, TcpReassemblyLimits limits, Msp msp, uint split)
    {
        var head = msp.Head;
        long firstFrame = 0;
        int firstIndex = -1;
        int i = 0;
        for (; i < head.Pieces.Count && head.Pieces[i].Offset < split; i++)
        {
            var p = head.Pieces[i];
            if (p.Offset + p.Length >= split && (firstIndex < 0 || p.Frame < firstFrame))
            {
                if (firstIndex < 0) firstIndex = i;
                firstFrame = p.Frame;
            }
        }
        for (; i < head.Pieces.Count; i++)
        {
            var p = head.Pieces[i];
            if (split <= p.Offset + p.Length && p.Frame < firstFrame) firstFrame = p.Frame;
        }
        uint newSeq = msp.Seq + split;
        var newMsp = StoreMsp(flow, limits, newSeq, newSeq + 1, pkt.Number);
        newMsp.FirstFrame = firstFrame;
        newMsp.NxtPdu = msp.NxtPdu;
        var data = head.Data!;
        if (firstIndex >= 0)
        {
            for (int k = firstIndex; k < head.Pieces.Count; k++)
            {
                var p = head.Pieces[k];
                uint off = p.Offset, len = p.Length;
                if (split >= off + len) continue;
                if (off < split)
                {
                    len -= split - off;
                    off = split;
                }
                if (off >= data.Length) continue;
                len = Math.Min(len, (uint)data.Length - off);
                var piece = new Tvb(data, 0, data.Length);
                long before = newMsp.Head.Held;
                SegmentTable.Add(newMsp.Head, piece, (int)off, p.Frame, off - split, len, true);
                flow.Held += newMsp.Head.Held - before;
                limits.Held += newMsp.Head.Held - before;
            }
        }
        long held = head.Held;
        SegmentTable.Truncate(head, split);
        flow.Held += head.Held - held;
        limits.Held += head.Held - held;
        msp.NxtPdu = msp.Seq + split;
        return newMsp;
    }

    /// <summary>print_tcp_fragment_tree: the "[N Reassembled TCP Segments (X bytes): #a(n), ...]" subtree, placed
    /// right after the TCP tree (at <paramref name="insertAt"/>), before the payload's protocols.</summary>
    private static void ShowSegments(Packet pkt, SegmentHead head, in Tvb rtvb, int insertAt)
    {
        int from = pkt.Tree.Count;
        var pieces = head.Pieces;
        int ft = pkt.AddBytes(TcpFields.Segments, -1, rtvb, 0, rtvb.Length);
        if (ft >= 0) pkt.Tree[ft].Flags |= NodeFlags.Generated;
        if (pkt.WantTree && ft >= 0)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append(pieces.Count).Append(' ').Append(pieces.Count == 1 ? "TCP Segment" : "Reassembled TCP Segments")
              .Append(" (").Append(rtvb.Length).Append(rtvb.Length == 1 ? " byte): " : " bytes): ");
            for (int i = 0; i < pieces.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append('#').Append(pieces[i].Frame).Append('(').Append(pieces[i].Length).Append(')');
            }
            pkt.Label(ft, sb.ToString());
        }
        foreach (var p in pieces)
        {
            int off = (int)Math.Min(p.Offset, (uint)rtvb.Length);
            int len = (int)Math.Min(p.Length, (uint)(rtvb.Length - off));
            int n = pkt.Add(p.HasError ? TcpFields.SegmentError : TcpFields.Segment, ft, rtvb, off, len, (ulong)p.Frame);
            if (n == ft) continue;
            pkt.Tree[n].Flags |= NodeFlags.Generated;
            if (pkt.WantTree)
                pkt.Label(n, p.Length == 0
                    ? $"Frame: {p.Frame} (no data)"
                    : $"Frame: {p.Frame}, payload: {p.Offset}-{p.Offset + p.Length - 1} ({p.Length} byte{(p.Length == 1 ? "" : "s")})");
            if (p.Overlap) pkt.AddGenerated(TcpFields.SegmentOverlap, n, 1);
            if (p.OverlapConflict) pkt.AddGenerated(TcpFields.SegmentOverlapConflict, n, 1);
            if (p.MultipleTails) pkt.AddGenerated(TcpFields.SegmentMultipletails, n, 1);
            if (p.TooLong) pkt.AddGenerated(TcpFields.SegmentToolongfragment, n, 1);
        }
        pkt.AddGenerated(TcpFields.SegmentCount, ft, (ulong)pieces.Count);
        pkt.AddGenerated(TcpFields.ReassembledLength, ft, (ulong)rtvb.Length);
        int rd = pkt.AddBytes(TcpFields.ReassembledData, ft, rtvb, 0, rtvb.Length);
        if (rd != ft) pkt.Tree[rd].Flags |= NodeFlags.Generated;
        if ((head.OverlapConflict || head.MultipleTails || head.TooLong) && pkt.WantColumns) pkt.Info.Set("[Illegal Segments]");
        if (pkt.Tree.Count > from) pkt.MoveTreeTail(from, insertAt);
    }

    private static bool SourceUsed(Packet pkt, int source, int from)
    {
        var nodes = pkt.Tree.Nodes;
        for (int i = from; i < nodes.Length; i++)
            if (nodes[i].Source == source) return true;
        return false;
    }

    private static void AppendSegmentOfPdu(Packet pkt)
    {
        if (!pkt.WantColumns) return;
        if (pkt.Info.Length > 0) pkt.Info.Append(' ');
        pkt.Info.Append("[TCP segment of a reassembled PDU]");
    }

    /// <summary>First pass of -2: each segment of a completed PDU learns the frame it was reassembled in.</summary>
    /// <summary>Scope of the -2 notes on frames whose bytes went into a multi-segment PDU.</summary>
    private static readonly object MspPieces = new();

    /// <summary>
    /// Undoes a payload dissector call that only learnt its PDU goes on (asked for more, nothing used) on a frame
    /// whose bytes the first pass of -2 saw completed later: tshark's second pass shows such a frame as TCP alone.
    /// </summary>
    private static void SecondPassUndo(Packet pkt, bool doneLater, in Packet.Checkpoint mark)
    {
        if (doneLater && pkt.DesegmentLen != 0 && pkt.DesegmentOffset == 0)
            pkt.Undo(mark);
    }

    private static void NoteReassembled(Packet pkt, SegmentHead head)
    {
        if (pkt.Session.Notes is null) return;
        foreach (var piece in head.Pieces) pkt.Session.Note(TcpFields.ReassembledIn, piece.Frame, pkt.Number);
    }

    private static void AddReassembledIn(Packet pkt, int tcp, long frame) => pkt.AddGenerated(TcpFields.ReassembledIn, tcp, (ulong)frame);

    private static void SegmentData(Packet pkt, int tcp, in Tvb tvb, int offset, int nbytes, string what)
    {
        int n = pkt.AddBytes(TcpFields.SegmentData, tcp, tvb, offset, Math.Min(nbytes, Math.Max(0, tvb.Length - offset)));
        if (n != tcp && pkt.WantTree) pkt.Label(n, $"{what} ({nbytes} byte{(nbytes == 1 ? "" : "s")})");
    }

    /// <summary>show_exception for ReassemblyError: a marker, its expert item and the Info suffix.</summary>
    private static void ReassemblyError(Packet pkt, string message)
    {
        string text = $"[Reassembly error, protocol TCP: {message}]";
        var empty = new Tvb(default, 0, 0);
        int n = pkt.AddProtocol(CoreProtocols.MalformedProto, -1, empty, 0, 0);
        pkt.Tree.SetObject(n, text);
        pkt.Label(n, text);
        pkt.Expert(EiMalformedReassembly, n, message);
        if (pkt.WantColumns) pkt.Info.Append(text);
    }

    public static readonly ExpertDef EiMalformedReassembly = CoreProtocols.MalformedProto.Expert("_ws.malformed.reassembly", ExpertGroup.Malformed, ExpertSeverity.Error, "Reassembly error");
}
