using Mako.Engine.Dissection;

namespace Mako.Protocols.Media;

/// <summary>
/// "Media Type" (media): the body of a media type no dissector knows, as tshark 4.0 shows it inside a MIME part:
/// " (type)" appended to the Info column and one media.type item holding the bytes, labelled
/// "Media type: type; parameters (N bytes)".
/// </summary>
public sealed class MediaDissector() : Dissector(MediaFields.Proto)
{
    public override void Handoff(DissectorTables tables) => tables.Register("media", this);

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(MediaFields.Proto);
        var call = pkt.Session.State<MediaCall>();
        if (pkt.WantColumns)
        {
            pkt.Info.Append(" (");
            pkt.Info.Append(call.MatchString);
            pkt.Info.Append(')');
        }
        int bytes = tvb.ReportedLength;
        if (bytes > 0)
        {
            int node = pkt.AddProtocol(MediaFields.Proto, parent, tvb, 0, -1);
            int item = pkt.AddBytes(MediaFields.Type, node, tvb, 0, bytes);
            if (pkt.WantTree && item != node)
            {
                string plural = bytes == 1 ? "" : "s";
                pkt.Label(item, call.Parameters is null
                    ? $"Media type: {call.MatchString} ({bytes} byte{plural})"
                    : $"Media type: {call.MatchString}; {call.Parameters} ({bytes} byte{plural})");
            }
        }
        return bytes;
    }
}
