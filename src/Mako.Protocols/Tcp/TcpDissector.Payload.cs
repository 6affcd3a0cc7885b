using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>Handing the segment's payload to the protocol above TCP.</summary>
public sealed partial class TcpDissector
{
    /// <summary>
    /// Wireshark's dissect_tcp_payload: the payload item, then reassembly (<see cref="Desegment"/>) when the segment
    /// allows it, otherwise straight to <see cref="DecodePorts"/>.
    /// </summary>
    private void Payload(Tvb tvb, Packet pkt, int tcp, ref TcpHeader h, Engine.Conversations.Conversation conv, TcpStream tcpd, TcpFlow fwd, ref TcpAcked ta, bool canDesegment, TcpState st)
    {
        int offset = h.HdrLen;
        int nbytes = tvb.ReportedLength - offset;
        int p = pkt.AddBytes(TcpFields.Payload, tcp, tvb, offset, tvb.Length - offset);
        if (pkt.WantTree) pkt.Label(p, nbytes == 1 ? "TCP payload (1 byte)" : $"TCP payload ({nbytes} bytes)");

        uint seq = h.Seq, nxtseq = h.Seq + h.SegLen;
        if ((h.Flags & Syn) != 0)
        {
            // The SYN occupies a sequence number before its data (Wireshark bug 9882).
            seq++;
            nxtseq++;
        }
        if (canDesegment)
        {
            pkt.CanDesegment = true;
            Desegment(tvb, pkt, offset, seq, nxtseq, ref h, conv, tcpd, fwd, ref ta, st, tcp);
            return;
        }
        // Not reassemblable (cut by the snap length, a fragment, or inside an ICMP error): dissect what is there,
        // marked as a fragment like Wireshark does so damage is not blamed on the payload protocol's framing.
        bool saved = pkt.Fragmented;
        pkt.Fragmented = true;
        pkt.CanDesegment = false;
        ProcessPayload(tvb.Slice(offset), pkt, seq, nxtseq, false, ref h, conv, tcpd, ref ta, st, tcp);
        pkt.Fragmented = saved;
    }

    /// <summary>
    /// Picks the payload's dissector in tshark's order: the conversation's, Decode As entries (server port, low port,
    /// high port), heuristics when tried first, the "tcp.port" table (server, low, high), the "tcp" heuristics, data.
    /// </summary>
    private bool DecodePorts(Tvb next, Packet pkt, ushort sport, ushort dport, Engine.Conversations.Conversation? conv, TcpStream? tcpd, ref TcpAcked ta, TcpState st)
    {
        var s = pkt.Session;
        // Keep-alives carry a garbage byte at most: show it as data.
        if (ta.Present && (ta.Flags & TcpAnalysisFlags.KeepAlive) != 0)
        {
            s.CallData(next, pkt, -1);
            return true;
        }
        if (st.NoSubdissectorOnError && ta.Present && (ta.Flags & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.OutOfOrder)) != 0)
            return false;

        if (conv?.Dissector is { } pinned && s.IsEnabled(pinned) && s.Call(pinned, next, pkt, -1) != 0) return true;

        uint server = tcpd?.ServerPort ?? 0u;
        uint low = Math.Min(sport, dport), high = Math.Max(sport, dport);
        if (server != 0 && s.IsOverridden(_ports, server) && s.TryDispatch(_ports, server, next, pkt, -1) != 0) return true;
        if (low != 0 && s.IsOverridden(_ports, low) && s.TryDispatch(_ports, low, next, pkt, -1) != 0) return true;
        if (high != 0 && s.IsOverridden(_ports, high) && s.TryDispatch(_ports, high, next, pkt, -1) != 0) return true;
        if (st.TryHeuristicFirst && s.TryHeuristics(_heuristics, next, pkt, -1)) return true;
        if (server != 0 && !s.IsOverridden(_ports, server) && s.TryDispatch(_ports, server, next, pkt, -1) != 0) return true;
        if (low != 0 && !s.IsOverridden(_ports, low) && s.TryDispatch(_ports, low, next, pkt, -1) != 0) return true;
        if (high != 0 && !s.IsOverridden(_ports, high) && s.TryDispatch(_ports, high, next, pkt, -1) != 0) return true;
        if (!st.TryHeuristicFirst && s.TryHeuristics(_heuristics, next, pkt, -1)) return true;
        s.CallData(next, pkt, -1);
        return false;
    }
}
