using Mako.Engine.Dissection;
using Mako.Protocols.Imf;

namespace Mako.Protocols.Media;

/// <summary>
/// What a media-type dissector is told about the body it is given: the media type it was looked up by (Wireshark's
/// pinfo->match_string) and the Content-Type parameters (media_content_info_t.media_str). Set by
/// <see cref="MediaDispatch"/> around the call; per capture, so sessions never share it.
/// </summary>
public sealed class MediaCall
{
    public string MatchString { get; set; } = "";
    public string? Parameters { get; set; }
}

/// <summary>The "media_type" string table (Content-Type to dissector), as IMF and MIME multipart use it.</summary>
public static class MediaDispatch
{
    public const string Table = "media_type";

    /// <summary>
    /// dissector_try_string on the media_type table: calls the dissector registered for <paramref name="type"/>
    /// and returns true when it took the body; false (nothing added) when no dissector is registered or it declined.
    /// </summary>
    public static bool TryDissect(DissectorTables tables, string type, string? parameters, Tvb tvb, Packet pkt, int parent)
    {
        if (!tables.String(Table).Entries.TryGetValue(type, out var d) || !pkt.Session.IsEnabled(d)) return false;
        return Call(d, type, parameters, tvb, pkt, parent) > 0;
    }

    /// <summary>Calls <paramref name="d"/> with <paramref name="type"/> as its match string.</summary>
    public static int Call(Dissector d, string type, string? parameters, Tvb tvb, Packet pkt, int parent)
    {
        var call = pkt.Session.State<MediaCall>();
        string savedType = call.MatchString;
        string? savedParameters = call.Parameters;
        call.MatchString = type;
        call.Parameters = parameters;
        if (d is TextLinesDissector text) text.MediaType = type;
        int layers = pkt.Layers.Count;
        try
        {
            int n = pkt.Session.Call(d, tvb, pkt, parent);
            // A dissector that declines (an empty body) is taken off the protocol list again, as Wireshark does.
            if (n == 0 && pkt.Layers.Count > layers) pkt.Layers.RemoveRange(layers, pkt.Layers.Count - layers);
            return n;
        }
        finally
        {
            call.MatchString = savedType;
            call.Parameters = savedParameters;
        }
    }
}
