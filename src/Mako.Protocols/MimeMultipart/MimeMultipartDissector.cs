using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Imf;
using Mako.Protocols.Media;

namespace Mako.Protocols.MimeMultipart;

/// <summary>
/// MIME multipart bodies (RFC 2046 section 5.1), reached through the media_type table (multipart/mixed, /related,
/// /alternative, /form-data, /report, /signed, /encrypted), as tshark 4.0 shows them:
/// <code>
///   [preamble CRLF] "--" boundary CRLF
///   part-headers CRLF [body]  CRLF "--" boundary CRLF      (one "Encapsulated multipart part" each)
///   ...                       CRLF "--" boundary "--" CRLF
///   [epilogue]                                             (the trailer)
/// </code>
/// Each part's headers are unfolded and compacted; its body goes to the dissector of its Content-Type
/// (data-text-lines, IMF for message/rfc822, a nested multipart...), else to "media", or to data for
/// application/octet-stream and parts without a Content-Type. Transfer encodings stay as they are, since tshark
/// 4.0's mime_multipart.remove_base64_encoding is off (`-o mime_multipart.remove_base64_encoding:TRUE` decodes
/// base64); gzip/deflate Content-Encoding is undone (uncompress_data is on).
/// </summary>
public sealed partial class MimeMultipartDissector() : Dissector(MimeMultipartFields.Proto)
{
    private static readonly string[] Registered =
    [
        "multipart/mixed", "multipart/related", "multipart/alternative", "multipart/form-data", "multipart/report",
        "multipart/signed", "multipart/encrypted", "multipart/",
    ];

    private DissectorTables? _tables;

    public override void Handoff(DissectorTables tables)
    {
        foreach (string t in Registered) tables.AddString(MediaDispatch.Table, t, this);
        tables.Register("mime_multipart", this);
        _tables = tables;
    }

    /// <summary>The boundary (as bytes to search for) and, for multipart/encrypted, the protocol parameter.</summary>
    private sealed record Info(string Type, string Boundary, byte[] BoundaryBytes, string? Protocol);

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(MimeMultipartFields.Proto);
        var call = pkt.Session.State<MediaCall>();
        var info = GetInfo(call.MatchString, call.Parameters);
        if (info is null)
        {
            // proto_tree_add_expert: an item showing the message, with the expert info below it.
            int item = pkt.AddText(parent, tvb, 0, tvb.Length, MimeMultipartFields.EiNoRequiredParameter.Message);
            pkt.Expert(MimeMultipartFields.EiNoRequiredParameter, item);
            pkt.Session.CallData(tvb, pkt, parent);
            return tvb.ReportedLength;
        }

        int tree = pkt.AddProtocol(MimeMultipartFields.Proto, parent, tvb, 0, -1);
        if (pkt.WantTree && tree != parent)
            pkt.Label(tree, $"MIME Multipart Media Encapsulation, Type: {info.Type}, Boundary: \"{info.Boundary}\"");
        pkt.AddObject(MimeMultipartFields.Type, tree, tvb, 0, 0, call.MatchString, NodeFlags.Generated);
        // Parts may append to the Info column but never clear what IMF put there.
        if (pkt.WantColumns) pkt.Info.Fence();

        bool last = false;
        int start = Preamble(tvb, pkt, tree, info, ref last);
        if (start < 0)
        {
            pkt.Session.CallData(tvb, pkt, tree);
            return tvb.ReportedLength;
        }
        int index = 0;
        while (!last)
        {
            start = BodyPart(tvb, pkt, tree, info, start, index++, ref last);
            if (start < 0) return tvb.ReportedLength;
        }
        if (start < tvb.ReportedLength) pkt.AddBytes(MimeMultipartFields.Trailer, tree, tvb, start, tvb.ReportedLength - start);
        return tvb.ReportedLength;
    }

    private static Info? GetInfo(string type, string? parameters)
    {
        if (type.Length == 0 || parameters is null) return null;
        string compact = MimeHeaderText.UnfoldAndCompact(parameters, out _);
        string? boundary = MimeHeaderText.FindParameter(compact, "boundary");
        if (boundary is null) return null;
        string? protocol = null;
        if (type.StartsWith("multipart/encrypted", StringComparison.Ordinal))
        {
            protocol = MimeHeaderText.FindParameter(compact, "protocol");
            if (protocol is null) return null;
        }
        return new Info(type, boundary, Encoding.UTF8.GetBytes(boundary), protocol);
    }

    /// <summary>The preamble and the first boundary line; returns where the first part starts, or -1.</summary>
    private static int Preamble(Tvb tvb, Packet pkt, int tree, Info info, ref bool last)
    {
        int boundaryStart = FindFirstBoundary(tvb, 0, info.BoundaryBytes, out int lineLen, out last);
        if (boundaryStart == 0)
        {
            pkt.AddBytes(MimeMultipartFields.FirstBoundary, tree, tvb, 0, lineLen);
            return lineLen;
        }
        if (boundaryStart > 0 && lineLen > 0)
        {
            pkt.AddBytes(MimeMultipartFields.Preamble, tree, tvb, 0, boundaryStart);
            pkt.AddBytes(MimeMultipartFields.FirstBoundary, tree, tvb, boundaryStart, lineLen);
            return boundaryStart + lineLen;
        }
        return -1;
    }

    /// <summary>
    /// One part: its headers, its body handed on by media type, and the boundary line after it. Returns where the
    /// next part starts, or -1 when no boundary follows (the part is left empty, as tshark leaves it).
    /// </summary>
    private int BodyPart(Tvb tvb, Packet pkt, int tree, Info info, int start, int index, ref bool last)
    {
        int ti = pkt.AddObject(MimeMultipartFields.Part, tree, tvb, start, 0, "");
        int boundaryStart = FindNextBoundary(tvb, start, info.BoundaryBytes, out int lineLen, out last);
        if (boundaryStart <= 0) return -1;

        var data = tvb.Data;
        var part = new PartHeaders();
        int offset = start, next = start;
        bool lastField = false;
        while (!lastField)
        {
            next = ImfDissector.FindFieldEnd(data, offset, tvb.Length, ref lastField);
            if (lastField && next + 2 <= boundaryStart) next += 2; // the blank line belongs to the headers
            else if (next - 2 == boundaryStart)
            {
                // The CRLF before the boundary belongs to the boundary: this was the last header.
                lastField = true;
                next -= 2;
            }
            else if (next > boundaryStart) next = boundaryStart;

            int length = next - offset;
            if (length < 0)
            {
                // No CR anywhere after the header: tshark asks for a negative length here and stops (BoundsError).
                throw new DissectorException(DissectorErrorKind.Short);
            }
            string header = MimeHeaderText.UnfoldAndCompact(MimeHeaderText.Ascii(data.Slice(offset, length)), out int colon);
            if (colon <= 0)
            {
                next = offset; // not a header: the body starts here
                break;
            }
            var field = KnownHeader(header, colon);
            if (field is null)
            {
                if (!IsPrintable(header))
                {
                    next = offset;
                    break;
                }
                if (pkt.WantTree && ti != tree) pkt.AddText(ti, tvb, offset, length, MailText.Format(data.Slice(offset, length)));
            }
            else
            {
                string value = header[(colon + 1)..];
                int item = pkt.AddObject(field, ti != tree ? ti : tree, tvb, offset, length, value);
                if (pkt.WantTree && item != ti && item != tree) pkt.Label(item, MailText.Format(data.Slice(offset, length)));
                if (!part.Take(field, value, info, index))
                {
                    // multipart/encrypted whose first part is not of the announced protocol: give up.
                    if (pkt.WantTree && ti != tree) pkt.Label(ti, "Encapsulated multipart part:  (" + part.ContentType + ")");
                    return -1;
                }
            }
            offset = next;
        }
        int bodyStart = next;
        if (pkt.WantTree && ti != tree && part.ContentType is not null)
            pkt.Label(ti, "Encapsulated multipart part:  (" + part.ContentType + ")");

        Body(tvb.Slice(bodyStart, boundaryStart - bodyStart), pkt, ti != tree ? ti : tree, part);

        if (ti != tree) pkt.Tree[ti].Length = boundaryStart - start;
        pkt.AddBytes(last ? MimeMultipartFields.LastBoundary : MimeMultipartFields.Boundary, tree, tvb, boundaryStart, lineLen);
        return boundaryStart + lineLen;
    }

    /// <summary>Hands a part's body to the dissector of its media type (or media, or data).</summary>
    private void Body(Tvb body, Packet pkt, int parent, PartHeaders part)
    {
        if (part.IsRawData || part.ContentType is null)
        {
            pkt.Session.CallData(body, pkt, parent);
            return;
        }
        byte[]? decoded = null;
        string sourceName = "";
        if (part.TransferEncoding is not null && RemoveBase64(pkt)
            && part.TransferEncoding.StartsWith("base64", StringComparison.OrdinalIgnoreCase))
        {
            decoded = ImfDissector.Base64Lenient(body.Data);
            sourceName = part.FileName ?? part.TypeName ?? part.ContentType;
        }
        if (part.ContentEncoding is not null && IsCompressed(part.ContentEncoding))
        {
            var inflated = Inflate(decoded ?? body.Data);
            if (inflated is not null)
            {
                decoded = inflated;
                sourceName = "gunzipped data";
            }
        }
        if (decoded is not null)
        {
            int src = pkt.Tree.AddSource(decoded, sourceName);
            Dispatch(new Tvb(decoded, 0, decoded.Length, src), pkt, parent, part);
        }
        else
        {
            Dispatch(body, pkt, parent, part);
        }
    }

    private void Dispatch(Tvb body, Packet pkt, int parent, PartHeaders part)
    {
        var tables = _tables!;
        string type = part.ContentType!;
        if (MediaDispatch.TryDissect(tables, type, part.MediaParameters, body, pkt, parent)) return;
        // No dissector took it: "media" shows the bytes; when even that declines (an empty body), data.
        if (tables.ByName("media") is { } media && MediaDispatch.Call(media, type, part.MediaParameters, body, pkt, parent) > 0) return;
        pkt.Session.CallData(body, pkt, parent);
    }

    private static bool RemoveBase64(Packet pkt) =>
        pkt.Session.Options.Preferences.TryGetValue("mime_multipart.remove_base64_encoding", out var v)
        && (v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || v == "1");

    private static bool IsPrintable(string s)
    {
        foreach (char c in s)
            if (c < 0x20 || c > 0x7e) return false;
        return true;
    }
}
