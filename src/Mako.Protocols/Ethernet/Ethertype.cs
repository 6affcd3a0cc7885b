using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// The "ethertype" step between a link layer and its payload (it appears in frame.protocols as "ethertype"): looks
/// the type up in the ethertype table, or shows the payload as data with the type as the Protocol column.
/// </summary>
public static class Ethertype
{
    public static readonly ProtocolDef Proto = new("Ethertype", "Ethertype", "ethertype");

    /// <summary>Returns the bytes the payload protocol used (its reported length), for trailer detection.</summary>
    public static int Dispatch(UIntTable table, ushort type, Tvb payload, Packet pkt, int linkNode)
    {
        pkt.EnterLayer(Proto);
        var d = pkt.Session.Lookup(table, type);
        if (d is null)
        {
            if (pkt.WantColumns)
            {
                Span<char> b = stackalloc char[8];
                b[0] = '0';
                b[1] = 'x';
                type.TryFormat(b[2..], out int w, "x4");
                pkt.Protocol = new string(b[..(2 + w)]);
            }
            pkt.Session.CallData(payload, pkt, -1);
            return payload.ReportedLength;
        }
        try
        {
            int used = pkt.Session.Call(d, payload, pkt, -1);
            return used <= 0 ? payload.ReportedLength : used;
        }
        catch (DissectorException ex)
        {
            // Like Wireshark, mark the damage but still show the link layer's padding/trailer.
            CaptureSession.MarkException(pkt, ex.Kind, -1);
            return payload.ReportedLength;
        }
    }
}

/// <summary>Registers the ethertype pseudo-protocol so frame.protocols and `-G protocols` know it.</summary>
public sealed class EthertypeModule() : Dissector(Ethertype.Proto)
{
    public override int Dissect(Tvb tvb, Packet pkt, int parent) => 0;
}
