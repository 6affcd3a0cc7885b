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
    public static void Print(Packet pkt, int tcp, TcpStream tcpd, ref TcpAcked ta)
    {
        if (!ta.Present) return;
        int tree = pkt.AddGenerated(TcpFields.Analysis, tcp, 0);
        if (ta.FrameAcked != 0)
        {
            pkt.AddGenerated(TcpFields.AnalysisAcksFrame, tree, (ulong)ta.FrameAcked);
            if (ta.RttNs != 0) pkt.AddGenerated(TcpFields.AnalysisAckRtt, tree, (ulong)ta.RttNs);
        }
        if (tcpd.FirstRttNs != 0) pkt.AddGenerated(TcpFields.AnalysisInitialRtt, tree, (ulong)tcpd.FirstRttNs);
        if (ta.BytesInFlight != 0)
        {
            pkt.AddGenerated(TcpFields.AnalysisBytesInFlight, tree, ta.BytesInFlight);
            pkt.AddGenerated(TcpFields.AnalysisPushBytesSent, tree, ta.PushBytesSent);
        }
        var f = ta.Flags & ~TcpAnalysisFlags.OldData;
        if (f == 0) return;

        int flags = pkt.AddGenerated(TcpFields.AnalysisFlags, tree, 0);
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
                pkt.AddGenerated(TcpFields.AnalysisRto, flags, (ulong)ta.RtoNs);
                pkt.AddGenerated(TcpFields.AnalysisRtoFrame, flags, (ulong)ta.RtoFrame);
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
                int d = pkt.AddGenerated(TcpFields.AnalysisDuplicateAck, flags, 0);
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
            pkt.AddGenerated(TcpFields.AnalysisDuplicateAckNum, tree, (ulong)ta.DupAckNum);
            int fr = pkt.AddGenerated(TcpFields.AnalysisDuplicateAckFrame, tree, (ulong)ta.DupAckFrame);
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
