using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>Showing the analysis: the "SEQ/ACK analysis" items, expert items and the Info column's "[TCP …]" prefixes.</summary>
public static partial class TcpAnalysis
{
    /// <summary>
    /// Adds tcp.analysis and its children under <paramref name="tcp"/> when the analysis produced anything, and
    /// prefixes the Info column in Wireshark's order (each prefix goes in front of the previous ones and is fenced,
    /// so the payload's protocol keeps it).
    /// </summary>
    public static void Print(Packet pkt, int tcp, in Tvb tvb, TcpStream tcpd, ref TcpAcked ta)
    {
        if (!ta.Present) return;
        int tree = Udp.Generated.At(pkt, TcpFields.Analysis, tcp, tvb, 0, 0, 0);
        if (ta.FrameAcked != 0)
        {
            Udp.Generated.At(pkt, TcpFields.AnalysisAcksFrame, tree, tvb, 0, 0, (ulong)ta.FrameAcked);
            if (ta.RttNs != 0) Udp.Generated.At(pkt, TcpFields.AnalysisAckRtt, tree, tvb, 0, 0, (ulong)ta.RttNs);
        }
        long irtt = tcpd.FirstRttNs;
        if (irtt == 0 && pkt.Session.Recall(TcpFields.AnalysisInitialRtt, tcpd.Index, out long later)) irtt = later;   // -2
        if (irtt != 0) Udp.Generated.At(pkt, TcpFields.AnalysisInitialRtt, tree, tvb, 0, 0, (ulong)irtt);
        if (ta.BytesInFlight != 0)
        {
            Udp.Generated.At(pkt, TcpFields.AnalysisBytesInFlight, tree, tvb, 0, 0, ta.BytesInFlight);
            Udp.Generated.At(pkt, TcpFields.AnalysisPushBytesSent, tree, tvb, 0, 0, ta.PushBytesSent);
        }
        var f = ta.Flags & ~TcpAnalysisFlags.OldData;
        if (f == 0) return;

        int flags = Udp.Generated.At(pkt, TcpFields.AnalysisFlags, tree, tvb, 0, 0, 0);
        if ((f & TcpAnalysisFlags.ReusedPorts) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisReusedPorts, flags);
            Prefix(pkt, "[TCP Port numbers reused] ");
        }
        if ((f & TcpAnalysisFlags.Retransmission) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisRetransmission, flags);
            Prefix(pkt, "[TCP Retransmission] ");
            if (ta.RtoNs != 0)
            {
                Udp.Generated.At(pkt, TcpFields.AnalysisRto, flags, tvb, 0, 0, (ulong)ta.RtoNs);
                Udp.Generated.At(pkt, TcpFields.AnalysisRtoFrame, flags, tvb, 0, 0, (ulong)ta.RtoFrame);
            }
        }
        if ((f & TcpAnalysisFlags.FastRetransmission) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisFastRetransmission, flags);
            pkt.Expert(TcpFields.EiTcpAnalysisRetransmission, flags);
            Prefix(pkt, "[TCP Fast Retransmission] ");
        }
        if ((f & TcpAnalysisFlags.SpuriousRetransmission) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisSpuriousRetransmission, flags);
            pkt.Expert(TcpFields.EiTcpAnalysisRetransmission, flags);
            Prefix(pkt, "[TCP Spurious Retransmission] ");
        }
        if ((f & TcpAnalysisFlags.OutOfOrder) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisOutOfOrder, flags);
            Prefix(pkt, "[TCP Out-Of-Order] ");
        }
        if ((f & TcpAnalysisFlags.LostPacket) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisLostPacket, flags);
            Prefix(pkt, "[TCP Previous segment not captured] ");
        }
        if ((f & TcpAnalysisFlags.AckLostPacket) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisAckLostPacket, flags);
            Prefix(pkt, "[TCP ACKed unseen segment] ");
        }
        if ((f & TcpAnalysisFlags.WindowUpdate) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisWindowUpdate, flags);
            Prefix(pkt, "[TCP Window Update] ");
        }
        if ((f & TcpAnalysisFlags.WindowFull) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisWindowFull, flags);
            Prefix(pkt, "[TCP Window Full] ");
        }
        if ((f & TcpAnalysisFlags.KeepAlive) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisKeepAlive, flags);
            Prefix(pkt, "[TCP Keep-Alive] ");
        }
        if ((f & TcpAnalysisFlags.KeepAliveAck) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisKeepAliveAck, flags);
            Prefix(pkt, "[TCP Keep-Alive ACK] ");
        }
        if (ta.DupAckNum != 0)
        {
            if ((f & TcpAnalysisFlags.DuplicateAck) != 0)
            {
                int d = Udp.Generated.At(pkt, TcpFields.AnalysisDuplicateAck, flags, tvb, 0, 0, 0);
                if (pkt.WantTree) pkt.Label(d, "This is a TCP duplicate ack");
                if (pkt.WantColumns)
                {
                    Span<char> b = stackalloc char[64];
                    int n = 0;
                    "[TCP Dup ACK ".AsSpan().CopyTo(b);
                    n += 13;
                    ta.DupAckFrame.TryFormat(b[n..], out int w);
                    n += w;
                    b[n++] = '#';
                    ta.DupAckNum.TryFormat(b[n..], out w);
                    n += w;
                    b[n++] = ']';
                    b[n++] = ' ';
                    pkt.Info.PrependFence(b[..n]);
                }
            }
            Udp.Generated.At(pkt, TcpFields.AnalysisDuplicateAckNum, tree, tvb, 0, 0, (ulong)ta.DupAckNum);
            int fr = Udp.Generated.At(pkt, TcpFields.AnalysisDuplicateAckFrame, tree, tvb, 0, 0, (ulong)ta.DupAckFrame);
            pkt.Expert(TcpFields.EiTcpAnalysisDuplicateAck, fr, Udp.ExpertText.Wanted(pkt) ? $"Duplicate ACK (#{ta.DupAckNum})" : null);
        }
        if ((f & TcpAnalysisFlags.ZeroWindowProbe) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisZeroWindowProbe, flags);
            Prefix(pkt, "[TCP ZeroWindowProbe] ");
        }
        if ((f & TcpAnalysisFlags.ZeroWindow) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisZeroWindow, flags);
            Prefix(pkt, "[TCP ZeroWindow] ");
        }
        if ((f & TcpAnalysisFlags.ZeroWindowProbeAck) != 0)
        {
            pkt.Expert(TcpFields.EiTcpAnalysisZeroWindowProbeAck, flags);
            Prefix(pkt, "[TCP ZeroWindowProbeAck] ");
        }
    }

    private static void Prefix(Packet pkt, string text)
    {
        if (pkt.WantColumns) pkt.Info.PrependFence(text);
    }
}
