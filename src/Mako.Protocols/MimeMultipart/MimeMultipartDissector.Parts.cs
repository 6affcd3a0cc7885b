using System.IO.Compression;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.MimeMultipart;

public sealed partial class MimeMultipartDissector
{
    /// <summary>The part headers tshark 4.0 knows, with their compact forms ("c", "e", "l" as in SIP).</summary>
    private static readonly (string Name, string? Compact, FieldDef Field)[] Headers =
    [
        ("Content-Description", null, MimeMultipartFields.HeaderContentDescription),
        ("Content-Disposition", null, MimeMultipartFields.HeaderContentDisposition),
        ("Content-Encoding", "e", MimeMultipartFields.HeaderContentEncoding),
        ("Content-Id", null, MimeMultipartFields.HeaderContentId),
        ("Content-Language", null, MimeMultipartFields.HeaderContentLanguage),
        ("Content-Length", "l", MimeMultipartFields.HeaderContentLength),
        ("Content-Transfer-Encoding", null, MimeMultipartFields.HeaderContentTransferEncoding),
        ("Content-Type", "c", MimeMultipartFields.HeaderContentType),
        ("OriginalContent", null, MimeMultipartFields.HeaderOriginalcontent),
    ];

    /// <summary>Most a compressed part may grow to when inflated (a "zip bomb" stops here and stays compressed).</summary>
    private const int MaxInflated = 16 << 20;

    private static FieldDef? KnownHeader(string header, int nameLength)
    {
        foreach (var (name, compact, field) in Headers)
        {
            if (nameLength == name.Length && string.Compare(header, 0, name, 0, nameLength, StringComparison.OrdinalIgnoreCase) == 0)
                return field;
            if (compact is not null && nameLength == compact.Length
                && string.Compare(header, 0, compact, 0, nameLength, StringComparison.OrdinalIgnoreCase) == 0)
                return field;
        }
        return null;
    }

    /// <summary>What a part's headers say about its body.</summary>
    private sealed class PartHeaders
    {
        public string? ContentType, MediaParameters, TypeName, FileName, TransferEncoding, ContentEncoding;
        public bool IsRawData;

        /// <summary>Notes one header's value; false when a multipart/encrypted part breaks the rules (stop).</summary>
        public bool Take(FieldDef field, string value, Info info, int index)
        {
            if (field == MimeMultipartFields.HeaderContentType)
            {
                int semi = value.IndexOf(';');
                MediaParameters = semi >= 0 ? value[(semi + 1)..] : null;
                ContentType = (semi >= 0 ? value[..semi] : value).ToLowerInvariant();
                TypeName = MimeHeaderText.FindParameter(MediaParameters, "name");
                IsRawData = ContentType.StartsWith("application/octet-stream", StringComparison.Ordinal);
                // multipart/encrypted: the first of its two parts must be of the announced protocol.
                if (info.Protocol is not null && index == 0
                    && (IsRawData || !ContentType.StartsWith(info.Protocol, StringComparison.OrdinalIgnoreCase)))
                    return false;
            }
            else if (field == MimeMultipartFields.HeaderContentEncoding) ContentEncoding = value.ToLowerInvariant();
            else if (field == MimeMultipartFields.HeaderContentTransferEncoding) TransferEncoding = value.ToLowerInvariant();
            else if (field == MimeMultipartFields.HeaderContentDisposition) FileName = MimeHeaderText.FindParameter(value, "filename");
            return true;
        }
    }

    /// <summary>
    /// The first "--boundary" line (no line end needed before it). Returns its offset, or -1; <paramref name="lineLength"/>
    /// covers the line with its line end; <paramref name="last"/> tells a closing "--boundary--".
    /// </summary>
    private static int FindFirstBoundary(Tvb tvb, int start, byte[] boundary, out int lineLength, out bool last)
    {
        var data = tvb.Data;
        int offset = start;
        lineLength = 0;
        last = false;
        while (offset + 2 + boundary.Length < data.Length)
        {
            int next;
            if (Equal(data, offset, "--"u8) && Equal(data, offset + 2, boundary))
            {
                int after = offset + 2 + boundary.Length;
                last = after + 2 <= tvb.ReportedLength && Equal(data, after, "--"u8);
                TvbLines.FindLineEnd(tvb, offset, out next, false);
                lineLength = next - offset;
                return offset;
            }
            TvbLines.FindLineEnd(tvb, offset, out next, false);
            offset = next;
        }
        return -1;
    }

    /// <summary>
    /// The next boundary line, whose offset includes the line end before it ("\r\n--boundary"); a closing boundary
    /// glued to the end of a line ("text--boundary--") is accepted too, as tshark accepts it.
    /// </summary>
    private static int FindNextBoundary(Tvb tvb, int start, byte[] boundary, out int lineLength, out bool last)
    {
        var data = tvb.Data;
        int offset = start;
        int b = boundary.Length;
        lineLength = 0;
        last = false;
        while (offset + 2 + b < data.Length)
        {
            int lineLen = TvbLines.FindLineEnd(tvb, offset, out int next, false);
            int boundaryStart = offset + lineLen;
            if (Equal(data, next, "--"u8) && Equal(data, next + 2, boundary))
            {
                int after = next + 2 + b;
                last = after + 2 <= tvb.ReportedLength && Equal(data, after, "--"u8);
                TvbLines.FindLineEnd(tvb, next, out int end, false);
                lineLength = end - boundaryStart;
                return boundaryStart;
            }
            if (Equal(data, boundaryStart - 2, "--"u8) && Equal(data, boundaryStart - (2 + b), boundary)
                && Equal(data, boundaryStart - (2 + b + 2), "--"u8))
            {
                boundaryStart -= 2 + b + 2;
                lineLength = next - boundaryStart;
                last = true;
                return boundaryStart;
            }
            offset = next;
        }
        return -1;
    }

    /// <summary>tvb_strneql: a negative offset counts from the end, as in Wireshark.</summary>
    private static bool Equal(ReadOnlySpan<byte> data, int offset, ReadOnlySpan<byte> text)
    {
        if (offset < 0) offset += data.Length;
        if (offset < 0 || offset + text.Length > data.Length) return false;
        return data.Slice(offset, text.Length).SequenceEqual(text);
    }

    private static bool IsCompressed(string encoding) =>
        encoding.StartsWith("gzip", StringComparison.Ordinal) || encoding.StartsWith("deflate", StringComparison.Ordinal)
        || encoding.StartsWith("x-gzip", StringComparison.Ordinal) || encoding.StartsWith("x-deflate", StringComparison.Ordinal);

    /// <summary>gzip, zlib or raw deflate data inflated (as tvb_child_uncompress tries them); null when it is none of them.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0) return null;
        byte[] copy = input.ToArray();
        foreach (var kind in new[] { 0, 1, 2 })
        {
            if (kind == 0 && !(copy.Length > 2 && copy[0] == 0x1f && copy[1] == 0x8b)) continue;
            if (kind == 1 && !(copy.Length > 2 && (copy[0] & 0x0f) == 8 && ((copy[0] << 8) | copy[1]) % 31 == 0)) continue;
            try
            {
                using var src = new MemoryStream(copy);
                using Stream z = kind switch
                {
                    0 => new GZipStream(src, CompressionMode.Decompress),
                    1 => new ZLibStream(src, CompressionMode.Decompress),
                    _ => new DeflateStream(src, CompressionMode.Decompress),
                };
                using var outStream = new MemoryStream();
                var buf = new byte[8192];
                int n;
                while ((n = z.Read(buf, 0, buf.Length)) > 0)
                {
                    outStream.Write(buf, 0, n);
                    if (outStream.Length > MaxInflated) return null;
                }
                if (outStream.Length > 0) return outStream.ToArray();
            }
            catch (InvalidDataException)
            {
            }
        }
        return null;
    }
}
