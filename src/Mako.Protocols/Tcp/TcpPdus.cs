using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>Returns the length of the PDU starting at <paramref name="offset"/> (header included), read from its
/// fixed-length header; 0 when the length cannot be told yet (more bytes are needed).</summary>
public delegate int PduLength(in Tvb tvb, int offset, Packet pkt);

/// <summary>Dissects one whole PDU.</summary>
public delegate void PduDissect(Tvb pdu, Packet pkt, int parent);

/// <summary>
/// Wireshark's tcp_dissect_pdus for length-prefixed protocols: splits the bytes TCP hands over into PDUs, asks TCP
/// for more when a PDU (or its fixed-length header) is not all there, adds tcp.pdu.size for each PDU, and dissects
/// each one with its errors contained (a damaged PDU does not stop the next one). See docs/reassembly.md.
/// </summary>
public static class TcpPdus
{
    /// <param name="desegment">The protocol's own "reassemble PDUs spanning segments" preference.</param>
    /// <param name="fixedLength">Bytes needed before <paramref name="length"/> can read the PDU's length.</param>
    /// <returns>Bytes consumed (the whole tvb).</returns>
    public static int Dissect(Tvb tvb, Packet pkt, int parent, bool desegment, int fixedLength, PduLength length, PduDissect dissect)
    {
        int offset = 0;
        bool canAsk = desegment && pkt.CanDesegment;
        while (tvb.ReportedLength - offset > 0)
        {
            int captured = tvb.Length - offset;
            if (captured <= 0) throw new DissectorException(DissectorErrorKind.Short);
            if (canAsk && captured < fixedLength)
            {
                pkt.NeedOneMoreSegment(offset);
                return tvb.Length;
            }
            int plen = length(tvb, offset, pkt);
            if (plen == 0)
            {
                // Wireshark throws FragmentBoundsError when it cannot ask for more; showing nothing more is the
                // nearest without that exception kind.
                if (canAsk) pkt.NeedOneMoreSegment(offset);
                return tvb.Length;
            }
            if (plen < fixedLength)
            {
                // The length field lies (too small, or overflowed when the header was added).
                CaptureSession.MarkException(pkt, DissectorErrorKind.Malformed, -1, tvb);
                return tvb.Length;
            }
            if (canAsk && captured < plen)
            {
                pkt.NeedMore(offset, plen - captured);
                return tvb.Length;
            }

            int tcp = TcpInfo.Of(pkt).TreeNode;
            if (tcp >= 0) pkt.AddGenerated(TcpFields.PduSize, tcp, tvb, offset, plen, (ulong)plen);
            int have = Math.Min(captured, plen);
            var pdu = new Tvb(tvb.Data.Slice(offset, have), tvb.Base + offset, plen, tvb.Source);
            try
            {
                dissect(pdu, pkt, parent);
            }
            catch (DissectorException ex)
            {
                CaptureSession.MarkException(pkt, ex.Kind, -1, pdu);
            }
            int before = offset;
            offset += plen;
            if (offset <= before) break;
        }
        return tvb.Length;
    }
}
