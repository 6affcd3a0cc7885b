using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// The "ethertype" step between a link layer and its payload (it appears in frame.protocols as "ethertype", as
/// Wireshark's packet-ethertype.c): looks the type up in the ethertype table, or shows the payload as data with the
/// type as the Protocol column; then shows what the payload left over as padding, trailer and FCS.
/// </summary>
public static class Ethertype
{
    public static readonly ProtocolDef Proto = new("Ethertype", "Ethertype", "ethertype");

    /// <summary>
    /// Dispatches the payload after a type field. <paramref name="tvb"/> is the link layer's buffer,
    /// <paramref name="payloadOffset"/> where the payload starts in it; padding/trailer/FCS go under
    /// <paramref name="fhNode"/> as <paramref name="trailerField"/> (eth.trailer, vlan.trailer, sll.trailer...).
    /// <paramref name="fcsLength"/>: 0 none, 4 present (removed from the payload), -1 guess.
    /// </summary>
    public static void Dispatch(UIntTable table, ushort type, in Tvb tvb, int payloadOffset, Packet pkt, int fhNode,
        FieldDef trailerField, int fcsLength)
    {
        int layer = pkt.Layers.Count;
        pkt.EnterLayer(Proto);
        int captured = Math.Max(0, tvb.Length - payloadOffset);
        int reported = Math.Max(0, tvb.ReportedLength - payloadOffset);
        int lengthBefore = reported;
        if (fcsLength > 0)
        {
            if (reported >= fcsLength) reported -= fcsLength;
            if (captured > reported) captured = reported;
        }
        var payload = new Tvb(tvb.Data.Slice(Math.Min(payloadOffset, tvb.Length), captured), tvb.Base + payloadOffset, reported, tvb.Source);

        int length = reported;
        var d = pkt.Session.Lookup(table, type);
        bool found = false;
        pkt.ClearPayloadLength();
        if (d is not null)
        {
            try
            {
                int used = pkt.Session.Call(d, payload, pkt, -1);
                found = used != 0;
                if (pkt.TryGetPayloadLength(payload, out int claimed)) length = claimed;
                else if (used > 0 && used < reported) length = used;
            }
            catch (DissectorException ex) when (ex.Kind != DissectorErrorKind.Short)
            {
                // A malformed payload is marked and this layer's padding and trailer still shown; a payload cut by the
                // snap length ends dissection (Wireshark catches only "non-fatal" errors here).
                CaptureSession.MarkException(pkt, ex.Kind, -1, payload);
                found = true;
                if (pkt.TryGetPayloadLength(payload, out int claimed)) length = claimed;
            }
        }
        if (!found)
        {
            // With nothing at all after the type, Wireshark's ethertype step reports no bytes and drops out of
            // frame.protocols.
            if (reported == 0 && pkt.Layers.Count > layer) pkt.Layers.RemoveAt(layer);
            pkt.Session.CallData(payload, pkt, -1);
            if (pkt.WantColumns)
            {
                pkt.Protocol = Formatting.Hex16(type);
                if (EthFields.Type.Values?.Lookup(type) is { } name) pkt.Info.Set(name);
            }
        }
        pkt.CurrentProtocol = Proto;

        // What the payload did not claim is a trailer, if any of it was captured.
        if (length < lengthBefore && payloadOffset + length < tvb.Length)
            EthernetTrailer.Add(pkt, fhNode, trailerField, tvb, payloadOffset + length, fcsLength);
    }

    /// <summary>
    /// Looks <paramref name="type"/> up in the ethertype table and calls its dissector directly, without the ethertype
    /// layer or any trailer handling (what SNAP, BSD loopback and raw-IP links do). Returns false when nobody claims it.
    /// </summary>
    public static bool TryDirect(UIntTable table, ushort type, Tvb payload, Packet pkt, int parent)
    {
        var d = pkt.Session.Lookup(table, type);
        return d is not null && pkt.Session.Call(d, payload, pkt, parent) != 0;
    }
}

/// <summary>Registers the ethertype pseudo-protocol so frame.protocols and `-G protocols` know it.</summary>
public sealed class EthertypeModule() : Dissector(Ethertype.Proto)
{
    public override int Dissect(Tvb tvb, Packet pkt, int parent) => 0;
}
