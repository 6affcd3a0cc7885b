using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// What follows an Ethernet payload (Wireshark's add_ethernet_trailer, default preferences): zero padding up to the
/// 60-byte minimum frame, then a trailer, then possibly a 4-byte FCS. Used by every link layer that hands a payload
/// to the ethertype table (Ethernet, 802.1Q, 802.1ad, SLL) and by 802.3 length framing.
/// </summary>
public static class EthernetTrailer
{
    /// <summary>The smallest Ethernet frame without FCS; shorter frames are padded to it.</summary>
    public const int MinFrame = 60;

    private const string PaddingBadMessage =
        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.";

    /// <summary>
    /// Adds padding, trailer and FCS for the bytes of <paramref name="tvb"/> from <paramref name="start"/> on.
    /// <paramref name="fcsLength"/>: 0 = no FCS, 4 = FCS present, -1 = guess (frames of 64 bytes or more whose
    /// trailer has room for it). Reads past the captured bytes throw, as in Wireshark, so a cut frame is marked.
    /// </summary>
    public static void Add(Packet pkt, int fhNode, FieldDef trailerField, in Tvb tvb, int start, int fcsLength)
    {
        int trailerLength = tvb.Length - start;
        int trailerReported = tvb.ReportedLength - start;
        int padding = 0;
        bool hasFcs = false;

        // Padding only exists if the frame is exactly padded out: it is at least 60 bytes and its payload ends before 60.
        int frameLength = pkt.WireLength;
        bool maybePadded = frameLength >= MinFrame && frameLength - trailerReported < MinFrame;
        if (maybePadded)
        {
            padding = MinFrame - (frameLength - trailerReported);
            for (int i = 0; i < padding; i++)
            {
                if (tvb.U8(start + i) != 0)
                {
                    padding = 0;
                    break;
                }
            }
            if (padding > 0)
            {
                pkt.AddBytes(EthFields.Padding, fhNode, tvb, start, padding);
                trailerLength -= padding;
                trailerReported -= padding;
            }
        }

        if (fcsLength != 0 && (fcsLength == 4 || (tvb.ReportedLength >= 64 && trailerReported >= 4)))
        {
            if (trailerLength < trailerReported)
            {
                // Room for the FCS on the wire, but not all of it captured: whatever was captured of it is not trailer.
                trailerReported -= 4;
                if (trailerLength > trailerReported) trailerLength = trailerReported;
            }
            else
            {
                trailerLength -= 4;
                trailerReported -= 4;
            }
            hasFcs = true;
        }
        if (trailerLength < 0) trailerLength = 0;

        int realReported = fcsLength == 4 ? trailerReported : tvb.ReportedLength - start - padding;
        if (realReported != 0 && trailerLength != 0)
        {
            int t = pkt.AddBytes(trailerField, fhNode, tvb, start + padding, trailerLength);
            if (maybePadded && padding == 0)
                pkt.Expert(EthernetDissector.PaddingBad, t, PaddingBadMessage);
        }

        if (hasFcs)
        {
            int at = start + padding + trailerLength;
            uint fcs = tvb.U32(at);
            int f = pkt.Add(EthFields.Fcs, fhNode, tvb, at, 4, fcs);
            if (pkt.WantTree) pkt.Label(f, $"Frame check sequence: 0x{fcs:x8} [unverified]");
            pkt.AddGenerated(EthFields.FcsStatus, fhNode, 2);
        }
    }
}
