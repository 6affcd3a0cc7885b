using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tcp;

/// <summary>
/// Transmission Control Protocol (RFC 9293 §3.1).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Source Port          |       Destination Port        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        Sequence Number                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Acknowledgment Number                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Data |   |A|C|E|U|A|P|R|S|F|                               |
/// | Offset|Rsv|E|W|C|R|C|S|S|Y|I|            Window             |
/// |       |   | |R|E|G|K|H|T|N|N|                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Checksum            |         Urgent Pointer        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options (Data Offset - 5 words)            |
/// </code>
/// Per-stream state (tcp.stream, initial sequence numbers, window scaling, sequence analysis) lives in a
/// <see cref="TcpStream"/> on the capture's conversation table. Reads happen in Wireshark's order so a truncated
/// header stops at the same field tshark stops at.
/// </summary>
public sealed partial class TcpDissector() : Dissector(TcpFields.Proto)
{
    private const int MinHeader = 20;
    private const ushort Fin = TcpHeader.Fin, Syn = TcpHeader.Syn, Rst = TcpHeader.Rst, Ack = TcpHeader.AckFlag, Urg = TcpHeader.Urg;
    private UIntTable _ports = null!;
    private HeuristicList _heuristics = null!;

    public override IEnumerable<ProtocolDef> ExtraProtocols => TcpOptionProtocols.All;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 6, this);
        _ports = tables.UInt("tcp.port");
        _heuristics = tables.Heuristic("tcp");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(TcpFields.Proto);
        var h = new TcpHeader { SrcPort = tvb.U16(0), DstPort = tvb.U16(2) };
        if (pkt.WantColumns)
        {
            pkt.Protocol = "TCP";
            pkt.Info.Clear();
            pkt.Info.Append((ulong)h.SrcPort);
            pkt.Info.Append(" → ");
            pkt.Info.Append((ulong)h.DstPort);
        }
        int tcp = pkt.AddProtocol(TcpFields.Proto, parent, tvb, 0, -1);
        string? label = pkt.WantTree ? $"Transmission Control Protocol, Src Port: {h.SrcPort}, Dst Port: {h.DstPort}" : null;
        if (label is not null) pkt.Label(tcp, label);
        pkt.Add(TcpFields.Srcport, tcp, tvb, 0, 2, h.SrcPort);
        pkt.Add(TcpFields.Dstport, tcp, tvb, 2, 2, h.DstPort);
        pkt.AddHidden(TcpFields.Port, tcp, tvb, 0, 2, h.SrcPort);
        pkt.AddHidden(TcpFields.Port, tcp, tvb, 2, 2, h.DstPort);

        // Inside an ICMP error, IPv4 quotes only 8 bytes of TCP: show the sequence number now, it may be all there is.
        var layers = pkt.Layers;
        bool icmpIp = layers.Count >= 3 && layers[^2] == "ip" && layers[^3] == "icmp";
        if (icmpIp) pkt.Add(TcpFields.Seq, tcp, tvb, 4, 4, tvb.U32(4));
        // A quote whose IP total length leaves less than a TCP header: tshark shows what fits and flags nothing.
        if (pkt.InErrorPacket && tvb.ReportedLength < MinHeader) return tvb.Length;

        pkt.PortType = PortType.Tcp;
        pkt.SrcPort = h.SrcPort;
        pkt.DstPort = h.DstPort;

        h.RawSeq = h.Seq = tvb.U32(4);
        h.RawAck = h.Ack = tvb.U32(8);
        byte offX2 = tvb.U8(12);
        h.Flags = (ushort)(tvb.U16(12) & 0x0fff);
        ushort realWindow = tvb.U16(14);
        h.Window = realWindow;
        h.HdrLen = (offX2 >> 4) * 4;

        var s = pkt.Session;
        var st = s.State<TcpState>();
        st.Configure(s);
        var table = st.Conversations;
        var streams = st.Streams;
        long ts = pkt.TimestampNs;
        streams.RetireIdle(pkt.Number, ts, table);

        // Exact four-tuple lookup (not find-or-create) so that a reused port pair can start a new conversation.
        var key = ConversationTable.KeyOf(pkt);
        var conv = table.Find(key);
        bool conversationIsNew = conv is null;
        if (conv is null)
        {
            conv = table.Create(key, pkt);
            // A finished stream retired earlier is the same conversation to tshark, which never forgets one.
            if (streams.Revive(key) is { } revived)
            {
                conv.Set(TcpFields.Proto, revived);
                conversationIsNew = false;
            }
        }
        var tcpd = StreamOf(conv, table, ts, pkt);
        int direction = ConversationKey.Direction(pkt.Src, pkt.Dst, h.SrcPort, h.DstPort);
        var fwd = tcpd.Forward(direction);
        var rev = tcpd.Reverse(direction);
        var ta = default(TcpAcked);

        if ((h.Flags & (Syn | Ack)) == Syn)
        {
            if (fwd.BaseSeqSet)
            {
                if (h.Seq != fwd.BaseSeq)
                {
                    // A new SYN with another initial sequence number: the port pair is being reused.
                    conv = table.Create(key, pkt);
                    tcpd = StreamOf(conv, table, ts, pkt);
                    fwd = tcpd.Forward(direction);
                    rev = tcpd.Reverse(direction);
                    ta.Set(TcpAnalysisFlags.ReusedPorts);
                    tcpd.Completeness = 1;
                }
                else
                {
                    // Same SYN again: an RST may have used seq = received ACK (Wireshark issue 17616); rewind.
                    if (st.AnalyzeSeq) fwd.NextSeq = fwd.MaxSeqToBeAcked;
                    ta.Present = true;
                }
            }
            tcpd.HadAccEcnSetupSyn = (h.Flags & (TcpHeader.Ae | TcpHeader.Cwr | TcpHeader.Ece)) == (TcpHeader.Ae | TcpHeader.Cwr | TcpHeader.Ece);
            NoteAccEcn(pkt, tcpd);
        }
        if ((h.Flags & (Syn | Ack)) == (Syn | Ack))
        {
            if (fwd.BaseSeqSet && h.Seq != fwd.BaseSeq)
            {
                fwd.BaseSeq = h.Seq;
                ta.Set(TcpAnalysisFlags.ReusedPorts);
            }
            int ecn = h.Flags & (TcpHeader.Ae | TcpHeader.Cwr | TcpHeader.Ece);
            tcpd.HadAccEcnSetupSynAck = (ecn & (TcpHeader.Ae | TcpHeader.Cwr)) == TcpHeader.Cwr || (ecn & (TcpHeader.Ae | TcpHeader.Ece)) == TcpHeader.Ae;
            NoteAccEcn(pkt, tcpd);
        }

        Generated.At(pkt, TcpFields.Stream, tcp, tvb, 0, 0, (ulong)tcpd.Index);
        byte completeness = pkt.Session.Recall(TcpFields.Completeness, tcpd.Index, out long final) ? (byte)final : tcpd.Completeness;
        int comp = pkt.AddGenerated(TcpFields.Completeness, tcp, completeness);
        if (pkt.WantTree) pkt.Label(comp, $"Conversation completeness: {CompletenessText(completeness)}");
        if (st.AnalyzeSeq) fwd.SackRanges = 0;

        // Kept even without tcp.calculate_timestamps: retiring finished streams measures quiet time from it.
        long tsDelta = ts - tcpd.PreviousTs;
        tcpd.PreviousTs = ts;

        uint nxtseq = 0;
        int reportedLen = tvb.ReportedLength;
        if (!pkt.Fragmented && !pkt.InErrorPacket)
        {
            if (reportedLen < h.HdrLen)
            {
                const string Short = "Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)";
                pkt.Expert(TcpFields.EiTcpShortSegment, pkt.AddText(tcp, tvb, 0, 0, Short), Short);
            }
            else
            {
                h.SegLen = (uint)(reportedLen - h.HdrLen);
                h.HaveSeglen = true;
                Generated.At(pkt, TcpFields.Len, tcp, tvb, 0, 0, h.SegLen);
                InitBaseSeq(ref h, fwd, rev);
                if (st.AnalyzeSeq)
                {
                    TcpAnalysis.Analyze(ref ta, tcpd, fwd, rev, pkt.Number, ts, h.Seq, h.Ack, h.SegLen, h.Flags, realWindow, st.FastRetransmissionFirst);
                    if (st.RelativeSeq)
                    {
                        h.Seq -= fwd.BaseSeq;
                        if ((h.Flags & Ack) != 0) h.Ack -= rev.BaseSeq;
                    }
                }
                // SYNs are never scaled; otherwise apply the shift this side announced (or the preference).
                if ((h.Flags & Syn) == 0)
                {
                    if (fwd.WinScale >= 0) h.Window <<= fwd.WinScale;
                    else if (fwd.WinScale == -1 && st.DefaultWindowScaling >= 0) h.Window <<= st.DefaultWindowScaling;
                }
                nxtseq = h.Seq + h.SegLen;
            }
        }

        h.UseAce = (h.Flags & Syn) == 0 && ((tcpd.HadAccEcnSetupSyn && tcpd.HadAccEcnSetupSynAck) || tcpd.HadAccEcnOption);
        string flagNames = st.FlagNames(h.Flags, h.UseAce);
        if (pkt.WantColumns)
        {
            pkt.Info.Append(" [");
            pkt.Info.Append(flagNames);
            pkt.Info.Append(']');
            AppendInfo(pkt, " Seq=", h.Seq);
            if ((h.Flags & Ack) != 0) AppendInfo(pkt, " Ack=", h.Ack);
            AppendInfo(pkt, " Win=", h.Window);
        }
        if (label is not null) pkt.Label(tcp, label += $", Seq: {h.Seq}");

        bool relative = st.RelativeSeq && st.AnalyzeSeq;
        if (!icmpIp)
        {
            int seqItem = pkt.Add(TcpFields.Seq, tcp, tvb, 4, 4, h.Seq);
            if (relative)
            {
                if (pkt.WantTree) pkt.Label(seqItem, $"Sequence Number: {h.Seq}    (relative sequence number)");
                pkt.Add(TcpFields.SeqRaw, tcp, tvb, 4, 4, h.RawSeq);
            }
            else pkt.AddHidden(TcpFields.SeqRaw, tcp, tvb, 4, 4, h.RawSeq);
        }

        if (h.HdrLen < MinHeader)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append(", bogus TCP header length (");
                pkt.Info.Append((ulong)h.HdrLen);
                pkt.Info.Append(", must be at least 20)");
            }
            int hl = pkt.Add(TcpFields.HdrLen, tcp, tvb, 12, 1, (ulong)h.HdrLen);
            if (pkt.WantTree) pkt.Label(hl, $"{Nibble(offX2)} .... = Header Length: {h.HdrLen} bytes ({h.HdrLen >> 2})");
            pkt.Expert(TcpFields.EiTcpBogusHeaderLength, hl, $"Bogus TCP header length ({h.HdrLen}, must be at least 20)");
            return 12;
        }

        UpdateCompleteness(tcpd, conv, pkt, ref h, conversationIsNew);

        if (label is not null)
        {
            if ((h.Flags & Ack) != 0) label += $", Ack: {h.Ack}";
            if (h.HaveSeglen) label += $", Len: {h.SegLen}";
            pkt.Label(tcp, label);
        }
        pkt.Tree[tcp].Length = Math.Min(h.HdrLen, Math.Max(0, tvb.Length));

        if (h.HaveSeglen)
        {
            uint shown = (h.Flags & (Syn | Fin)) != 0 ? nxtseq + 1 : nxtseq;
            int nx = Generated.At(pkt, TcpFields.Nxtseq, tcp, tvb, 0, 0, shown);
            if (pkt.WantTree && relative) pkt.Label(nx, $"Next Sequence Number: {shown}    (relative sequence number)");
        }

        AddAck(tvb, pkt, tcp, ref h, tcpd, relative);
        int flagsNode = AddFlags(tvb, pkt, tcp, ref h, st, flagNames, offX2, out int synItem, out int finItem, out int rstItem, out int strItem);
        AddWindow(tvb, pkt, tcp, ref h, realWindow, fwd, st);
        ConnectionExperts(pkt, ref h, tcpd, fwd, rev, ts, synItem, finItem, rstItem, strItem);
        _ = flagsNode;

        if (st.AnalyzeSeq && (h.Flags & (Syn | Ack)) == Ack)
        {
            // The first pure ACK after a SYN completes the handshake: its delay is the initial RTT.
            if (tcpd.MruSynTs != 0 && tcpd.FirstRttNs == 0)
            {
                tcpd.FirstRttNs = ts - tcpd.MruSynTs;
                pkt.Session.Note(TcpFields.AnalysisInitialRtt, tcpd.Index, tcpd.FirstRttNs);   // -2: earlier frames show it
            }
            if (fwd.IsFirstAck) fwd.IsFirstAck = false;
        }

        bool canDesegment = AddChecksum(tvb, pkt, tcp, st, reportedLen) && st.Desegment && !pkt.InErrorPacket;

        ushort urp = tvb.U16(18);
        int urpItem = pkt.Add(TcpFields.UrgentPointer, tcp, tvb, 18, 2, urp);
        if ((h.Flags & Urg) != 0) AppendInfo(pkt, " Urg=", urp);
        else if (urp != 0) pkt.Expert(TcpFields.EiTcpUrgentPointerNonZero, urpItem);
        if (h.HaveSeglen) AppendInfo(pkt, " Len=", h.SegLen);

        int optlen = h.HdrLen - MinHeader;
        int opts = -1;
        if (optlen != 0)
        {
            int bc = Math.Max(0, tvb.Length - MinHeader);
            opts = pkt.AddBytes(TcpFields.Options, tcp, tvb, MinHeader, Math.Min(bc, optlen));
            if (pkt.WantTree) pkt.Label(opts, $"Options: ({optlen} bytes)");
        }
        h.SackLeft = st.SackLeftScratch;
        h.SackRight = st.SackRightScratch;
        Array.Clear(h.SackLeft);
        Array.Clear(h.SackRight);
        h.SackCount = 0;

        if (st.CalculateTimestamps)
        {
            int times = pkt.AddText(tcp, tvb, 0, 0, "Timestamps");
            if (times != tcp) pkt.Tree[times].Flags |= Engine.Tree.NodeFlags.Generated;
            Generated.At(pkt, TcpFields.TimeRelative, times, tvb, 0, 0, (ulong)(ts - tcpd.FirstTs));
            Generated.At(pkt, TcpFields.TimeDelta, times, tvb, 0, 0, (ulong)tsDelta);
        }

        if (optlen != 0) TcpOptions.Dissect(tvb, MinHeader, optlen, pkt, opts < 0 ? tcp : opts, ref h, tcpd, fwd, rev, st);

        if (st.AnalyzeSeq) TcpAnalysis.Print(pkt, tcp, tvb, tcpd, ref ta);
        streams.Update(conv, tcpd, pkt.Number);
        if (h.Mptcp && tcpd.HasMptcpAnalysis) tcpd.MpOperations |= h.MptcpOps;

        if ((h.Flags & Syn) != 0) VerifyWindowScaling((h.Flags & Ack) != 0, fwd, rev);

        if (h.HaveSeglen)
        {
            // The follow taps ("Follow TCP stream") see every segment of known length, data or not.
            var follow = st.Follow;
            if (follow.Active)
                follow.PublishTcp(pkt, new Engine.Follow.TcpSegmentTap(tcpd.Index, h.Seq, h.SegLen, h.Ack, (h.Flags & Syn) != 0),
                    tvb.Length > h.HdrLen ? tvb.Data[h.HdrLen..] : default);
        }

        // A FIN ends a reassembly that runs until the end of the stream: the PDU is dissected now.
        if (h.HaveSeglen && (h.Flags & Fin) != 0 && canDesegment && FinishAtFin(tvb, pkt, ref h, conv, tcpd, fwd, ref ta, st, tcp))
            return tvb.Length;

        int captured = tvb.Length - h.HdrLen;
        if (captured > 0)
        {
            if ((h.Flags & Rst) != 0)
            {
                // RFC 1122 §4.2.2.12: an RST may carry text explaining why.
                pkt.AddBytes(TcpFields.ResetCause, tcp, tvb, h.HdrLen, captured);
            }
            else
            {
                Payload(tvb, pkt, tcp, ref h, conv, tcpd, fwd, ref ta, canDesegment, st);
            }
        }
        return tvb.Length;
    }

    private static TcpStream StreamOf(Conversation conv, ConversationTable table, long ts, Packet pkt)
    {
        var tcpd = conv.Get<TcpStream>(TcpFields.Proto);
        if (tcpd is null)
        {
            tcpd = new TcpStream(table.NextStreamIndex(PortType.Tcp), ts);
            conv.Set(TcpFields.Proto, tcpd);
            // -2: tshark's second pass starts from the stream state the first pass ended with, so frames before the
            // handshake or the AccECN option already show the ACE counter.
            if (pkt.Session.Recall(AccEcnState, tcpd.Index, out long bits))
            {
                tcpd.HadAccEcnSetupSyn = (bits & 1) != 0;
                tcpd.HadAccEcnSetupSynAck = (bits & 2) != 0;
                tcpd.HadAccEcnOption = (bits & 4) != 0;
            }
        }
        return tcpd;
    }

    /// <summary>Scope of the -2 notes of each stream's final AccECN negotiation state.</summary>
    private static readonly object AccEcnState = new();

    internal static void NoteAccEcn(Packet pkt, TcpStream tcpd) => pkt.Session.Note(AccEcnState, tcpd.Index,
        (tcpd.HadAccEcnSetupSyn ? 1 : 0) | (tcpd.HadAccEcnSetupSynAck ? 2 : 0) | (tcpd.HadAccEcnOption ? 4 : 0));

    /// <summary>
    /// The first segment seen in a direction fixes its initial sequence number: the SYN's, or seq - 1 when the
    /// handshake was missed (so the first data byte shows as 1). The peer's comes from the first ACK: ack - 1.
    /// </summary>
    private static void InitBaseSeq(ref TcpHeader h, TcpFlow fwd, TcpFlow rev)
    {
        if (!fwd.BaseSeqSet)
        {
            if ((h.Flags & Syn) != 0)
            {
                fwd.BaseSeq = h.Seq;
                if ((h.Flags & Ack) != 0) fwd.SawSynAck = true;
                else fwd.SawSyn = true;
            }
            else fwd.BaseSeq = h.Seq - 1;
            fwd.BaseSeqSet = true;
        }
        if (!rev.BaseSeqSet && (h.Flags & Ack) != 0)
        {
            rev.BaseSeq = h.Ack - 1;
            rev.BaseSeqSet = true;
        }
    }

    private static void UpdateCompleteness(TcpStream tcpd, Conversation conv, Packet pkt, ref TcpHeader h, bool isNew)
    {
        byte c = 0;
        if (isNew)
        {
            // Only a conversation that starts with a pure SYN can become complete.
            if ((h.Flags & (Syn | Ack)) == Syn)
            {
                c |= 1;
                if (h.SegLen > 0) c |= 8; // TCP Fast Open
            }
        }
        else
        {
            if (pkt.Number > conv.LastFrame) conv.LastFrame = pkt.Number;
            c = tcpd.Completeness;
            if ((h.Flags & (Syn | Ack)) == (Syn | Ack)) c |= 2;
            if ((h.Flags & (Syn | Ack)) == Ack) c |= h.SegLen > 0 ? (byte)8 : (byte)4;
            if ((h.Flags & (Fin | Ack)) == (Fin | Ack)) c |= 16;
            if ((h.Flags & Rst) != 0) c |= 32;
        }
        tcpd.Completeness = c;
        pkt.Session.Note(TcpFields.Completeness, tcpd.Index, c);   // -2: every frame shows the final value
    }

    /// <summary>tcp.completeness as the tree names it.</summary>
    public static string CompletenessText(byte v) => v switch
    {
        1 => $"Incomplete, SYN_SENT ({v})",
        3 => $"Incomplete, CLIENT_ESTABLISHED ({v})",
        7 => $"Incomplete, ESTABLISHED ({v})",
        15 => $"Incomplete, DATA ({v})",
        31 or 47 or 63 => $"Complete, WITH_DATA ({v})",
        23 or 39 or 55 => $"Complete, NO_DATA ({v})",
        _ => $"Incomplete ({v})",
    };

    private static void AppendInfo(Packet pkt, string prefix, uint v)
    {
        if (!pkt.WantColumns) return;
        pkt.Info.Append(prefix);
        pkt.Info.Append((ulong)v);
    }

    private static string Nibble(byte b) => $"{(b >> 7) & 1}{(b >> 6) & 1}{(b >> 5) & 1}{(b >> 4) & 1}";
}
