using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// IEEE 802.3 length framing (Wireshark's dissect_802_3), shared by Ethernet and 802.1Q: the length field bounds the
/// LLC (or raw IPX) payload; whatever follows it is padding, trailer or FCS.
/// </summary>
public static class Ieee8023
{
    /// <param name="length">The length field's value.</param>
    /// <param name="is8022">False when the payload starts with 0xFFFF (Novell raw 802.3, IPX without LLC).</param>
    /// <param name="offset">Where the payload starts in <paramref name="tvb"/> (just after the length field).</param>
    public static void Dissect(int length, bool is8022, in Tvb tvb, int offset, Packet pkt, int fhNode,
        FieldDef lengthField, FieldDef trailerField, ExpertDef pastEnd, int fcsLength, DissectorTables8023 next)
    {
        int lengthNode = pkt.Add(lengthField, fhNode, tvb, offset - 2, 2, (ulong)length);

        int reported = tvb.ReportedLength - offset;
        if (fcsLength > 0 && reported >= fcsLength) reported -= fcsLength;
        if (length > reported)
        {
            length = Math.Max(0, reported);
            pkt.Expert(pastEnd, lengthNode);
        }
        int captured = Math.Clamp(tvb.Length - offset, 0, length);
        var payload = new Tvb(tvb.Data.Slice(Math.Min(offset, tvb.Length), captured), tvb.Base + offset, length, tvb.Source);

        var saved = pkt.CurrentProtocol;
        try
        {
            if (is8022)
            {
                if (next.Llc is { } llc && pkt.Session.IsEnabled(llc)) pkt.Session.Call(llc, payload, pkt, -1);
                else pkt.Session.CallData(payload, pkt, -1);
            }
            else
            {
                // Three one-bits start an IPX header; anything else is CCSDS.
                var d = (payload.U8(0) >> 5) == 7 ? next.Ipx : next.Ccsds;
                if (d is null || !pkt.Session.IsEnabled(d) || pkt.Session.Call(d, payload, pkt, -1) == 0)
                    pkt.Session.CallData(payload, pkt, -1);
            }
        }
        catch (DissectorException ex) when (ex.Kind != DissectorErrorKind.Short)
        {
            // Malformed payloads are marked and the trailer still shown; a snap-length cut ends dissection.
            CaptureSession.MarkException(pkt, ex.Kind, -1, payload);
        }
        pkt.CurrentProtocol = saved;

        // Wireshark takes the rest of the frame as a new buffer here: past the captured bytes, that throws.
        tvb.Ensure(offset + length, 0);
        EthernetTrailer.Add(pkt, fhNode, trailerField, tvb, offset + length, fcsLength);
    }
}

/// <summary>The dissectors an 802.3 payload may go to (looked up once at hand-off).</summary>
public sealed class DissectorTables8023(Dissector? llc, Dissector? ipx, Dissector? ccsds)
{
    public Dissector? Llc { get; } = llc;
    public Dissector? Ipx { get; } = ipx;
    public Dissector? Ccsds { get; } = ccsds;

    public static DissectorTables8023 From(DissectorTables tables) =>
        new(tables.ByName("llc"), tables.ByName("ipx"), tables.ByName("ccsds"));
}
