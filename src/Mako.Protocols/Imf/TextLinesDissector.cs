using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Imf;

/// <summary>
/// "Line-based text data" (data-text-lines): a text body shown a line at a time, as tshark's text-media dissector
/// shows text/plain and friends. The media type comes from the caller (<see cref="MediaType"/>).
/// </summary>
public sealed class TextLinesDissector() : Dissector(Proto)
{
    public static readonly ProtocolDef Proto = new("Line-based text data", "Line-based text data", "data-text-lines");

    /// <summary>The media types tshark 4.0 registers for data-text-lines in the media_type table.</summary>
    public static readonly HashSet<string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/plain", "text/richtext", "text/enriched", "text/parameters", "text/html", "text/xml-external-parsed-entity",
        "text/css", "application/xml-external-parsed-entity", "text/javascript", "application/x-javascript",
        "application/x-tia-p25-issi", "application/x-tia-p25-sndcp", "application/x-ns-proxy-autoconfig",
        "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to", "application/vnd.drm.message",
        "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair",
    };

    /// <summary>Set by the caller before <see cref="Dissect"/>: the media type shown in the label and Info.</summary>
    public string MediaType { get; set; } = "";

    public override void Handoff(DissectorTables tables)
    {
        tables.Register("data-text-lines", this);
        foreach (string type in MediaTypes) tables.AddString("media_type", type, this);
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Proto);
        string type = MediaType;
        int node = pkt.AddProtocol(Proto, parent, tvb, 0, -1);
        int lines = 0;
        int offset = 0;
        while (offset < tvb.Length)
        {
            TvbLines.FindLineEnd(tvb, offset, out int next, false);
            if (pkt.WantTree) pkt.AddText(node, tvb, offset, next - offset, MailText.Format(tvb.Data[offset..next]));
            offset = next;
            lines++;
        }
        if (pkt.WantTree)
            pkt.Label(node, type.Length > 0 ? $"Line-based text data: {type} ({lines} lines)" : $"Line-based text data ({lines} lines)");
        if (pkt.WantColumns && type.Length > 0)
        {
            // col_append_sep_fstr: the blank goes in whenever the column has text, fenced or not.
            if (pkt.Info.Length > 0) pkt.Info.Append(' ');
            pkt.Info.Append("(" + type + ")");
        }
        return tvb.Length;
    }
}
