using Mako.Engine.Dissection;
using Mako.Engine.Format;
using Mako.Protocols.Media;

namespace Mako.Protocols.Imf;

/// <summary>
/// The Internet Message Format (RFC 5322) on a whole message handed over by SMTP (DATA/BDAT) or POP (RETR/TOP), as
/// tshark 4.0 shows it: one item per header (folded lines kept, "\r\n" and all), From/Subject in the Info column
/// ("from: ..., subject: ..., "), address lists taken apart, and the body given to the dissector of its Content-Type
/// (text/* to data-text-lines) or, without a Content-Type, shown a line at a time and appended to the Info column.
/// </summary>
public sealed class ImfDissector() : Dissector(ImfFields.Proto)
{
    private DissectorTables? _tables;

    public override void Handoff(DissectorTables tables)
    {
        tables.Register("imf", this);
        tables.AddString(MediaDispatch.Table, "message/rfc822", this);
        _tables = tables;
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(ImfFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = pkt.Protocol + "/IMF";
            pkt.Info.Clear();
        }
        int tree = pkt.AddProtocol(ImfFields.Proto, parent, tvb, 0, -1);
        var data = tvb.Data;
        int max = tvb.Length;
        int start = 0, end = 0;
        bool lastField = false;
        string? contentType = null;
        string? parameters = null;
        string? encoding = null;

        while (!lastField)
        {
            int colon = start < max ? data[start..max].IndexOf((byte)':') : -1;
            if (colon < 0)
            {
                // Wireshark keeps the failed search's -1 here: the body is then shown from the start.
                end = -1;
                break;
            }
            colon += start;
            string key = System.Text.Encoding.ASCII.GetString(data[start..colon]).ToLowerInvariant();
            ImfHeaders.ByName.TryGetValue(key, out var header);
            int unknownOffset = start;
            start = colon + 1;
            end = FindFieldEnd(data, start, max, ref lastField);
            if (end < 0) break;
            int value = start;
            while (value < end && IsSpace(data[value])) value++;
            if (value == end) value = start;
            int valueLen = Math.Max(0, end - value - 2);

            int item;
            if (header is null)
            {
                item = pkt.AddBytes(ImfFields.Extension, tree, tvb, unknownOffset, Math.Max(0, end - unknownOffset - 2));
                if (pkt.WantTree && item != tree)
                    pkt.Label(item, "Unknown-Extension: " + MailText.Format(data.Slice(unknownOffset, Math.Max(0, end - unknownOffset - 2)))
                        + " (Contact Wireshark developers if you want this supported.)");
                pkt.AddBytes(ImfFields.ExtensionType, item, tvb, unknownOffset, start - 1 - unknownOffset);
                pkt.AddBytes(ImfFields.ExtensionValue, item, tvb, value, valueLen);
            }
            else
            {
                item = pkt.AddBytes(header.Field, tree, tvb, value, valueLen);
                if (header.InInfo && pkt.WantColumns)
                {
                    pkt.Info.Append(key);
                    pkt.Info.Append(": ");
                    MailText.AppendFormatted(pkt.Info, data.Slice(value, valueLen));
                    pkt.Info.Append(", ");
                }
                switch (header.Format)
                {
                    case ImfFormat.ContentType:
                        contentType = ContentType(tvb, pkt, item, start, end - start, out parameters);
                        break;
                    case ImfFormat.Unstructured when header.Field == ImfFields.ContentTransferEncoding:
                        encoding = System.Text.Encoding.ASCII.GetString(data.Slice(value, valueLen));
                        break;
                    case ImfFormat.Mailbox:
                        Mailbox(tvb, pkt, item, value, end - value);
                        break;
                    case ImfFormat.MailboxList:
                    case ImfFormat.AddressList:
                        int count = List(tvb, pkt, item, value, end - value, header.Format == ImfFormat.MailboxList);
                        if (pkt.WantTree && item != tree)
                            pkt.Label(item, LabelFormatter.AppendText(header.Field.Name + ": " + MailText.Format(data.Slice(value, valueLen)),
                                header.Field.Name.Length, ", " + count + (count == 1 ? " item" : " items")));
                        break;
                }
            }
            start = end;
        }

        if (lastField) end += 2;
        if (end < 0) end = 0;
        end = Math.Min(end, tvb.Length);
        if (contentType is not null)
        {
            if (pkt.WantColumns) pkt.Info.Fence();
            if (_tables is not null)
            {
                // Like tshark 4.0, a base64 body is decoded (and shown as a data source) before the lookup, whether or
                // not a dissector takes it; a media type nobody registered shows nothing.
                if (encoding is not null && encoding.StartsWith("base64", StringComparison.OrdinalIgnoreCase))
                {
                    byte[] decoded = Base64Lenient(data[end..]);
                    int src = pkt.Tree.AddSource(decoded, encoding);
                    MediaDispatch.TryDissect(_tables, contentType, parameters, new Tvb(decoded, 0, decoded.Length, src), pkt, tree);
                }
                else
                {
                    MediaDispatch.TryDissect(_tables, contentType, parameters, tvb.Slice(end), pkt, tree);
                }
            }
        }
        else
        {
            int text = pkt.Add(ImfFields.MessageText, tree, tvb, end, tvb.Length - end, 0);
            int offset = end;
            while (offset < tvb.Length)
            {
                TvbLines.FindLineEnd(tvb, offset, out int next, false);
                var line = data[offset..next];
                if (pkt.WantTree) pkt.AddText(text, tvb, offset, next - offset, MailText.Format(line, whitespaceAsBlank: true));
                if (pkt.WantColumns) pkt.Info.AppendSep(", ", MailText.Format(line, whitespaceAsBlank: true));
                offset = next;
            }
        }
        return tvb.Length;
    }

    /// <summary>
    /// imf_find_field_end: the offset after the CRLF ending a (possibly folded) header, or the offset of the blank line
    /// (then <paramref name="lastField"/> is set; a message ending right after a header's CRLF also counts as its last
    /// field, at the offset of that CRLF); -1 when no end is found before <paramref name="max"/>.
    /// </summary>
    public static int FindFieldEnd(ReadOnlySpan<byte> data, int offset, int max, ref bool lastField)
    {
        while (offset < max)
        {
            int cr = data[offset..max].IndexOf((byte)'\r');
            if (cr < 0) break;
            offset += cr + 1;
            if (offset >= max || data[offset] != '\n') continue;
            offset++;
            if (offset >= max)
            {
                lastField = true;
                return offset - 2;
            }
            switch (data[offset])
            {
                case (byte)'\r':
                    if (offset + 1 < max && data[offset + 1] == '\n') lastField = true;
                    return offset;
                case (byte)' ':
                case (byte)'\t':
                    break;
                default:
                    return offset;
            }
        }
        return -1;
    }

    /// <summary>g_base64_decode as base64_to_tvb uses it: characters outside the alphabet are skipped.</summary>
    public static byte[] Base64Lenient(ReadOnlySpan<byte> text)
    {
        var outBuf = new List<byte>(text.Length * 3 / 4);
        int acc = 0, bits = 0;
        foreach (byte b in text)
        {
            int v = b switch
            {
                >= (byte)'A' and <= (byte)'Z' => b - 'A',
                >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
                (byte)'+' => 62,
                (byte)'/' => 63,
                _ => -1,
            };
            if (v < 0) continue;
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                outBuf.Add((byte)(acc >> bits));
                acc &= (1 << bits) - 1;
            }
        }
        return outBuf.ToArray();
    }

    private static bool IsSpace(byte b) => b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v';

    /// <summary>
    /// The type before ';' and the parameters after it (the text handed to the media dissector); returns the type, or
    /// null without a ';'.
    /// </summary>
    private static string? ContentType(Tvb tvb, Packet pkt, int item, int offset, int length, out string? parameters)
    {
        parameters = null;
        var data = tvb.Data;
        int endAll = offset + length;
        for (int i = 0; i < length; i++)
        {
            if (!IsSpace(data[offset + i]))
            {
                offset += i;
                break;
            }
        }
        int semi = data[offset..endAll].IndexOf((byte)';');
        if (semi < 0) return null;
        semi += offset;
        pkt.AddBytes(ImfFields.ContentTypeType, item, tvb, offset, semi - offset);
        string type = System.Text.Encoding.ASCII.GetString(data[offset..semi]);
        bool unused = false;
        // Wireshark bounds the search by the start after the blanks plus the whole length, so it may peek past the field.
        int fieldEnd = FindFieldEnd(data, semi + 1, Math.Min(offset + length, data.Length), ref unused);
        if (fieldEnd < 0) return type;
        int paramLen = Math.Max(0, fieldEnd - (semi + 1) - 2);
        pkt.AddBytes(ImfFields.ContentTypeParameters, item, tvb, semi + 1, paramLen);
        parameters = MimeMultipart.MimeHeaderText.Ascii(data.Slice(semi + 1, Math.Min(paramLen, data.Length - (semi + 1))));
        return type;
    }

    /// <summary>dissect_imf_mailbox: "Display Name &lt;address&gt;" or a bare address.</summary>
    private static void Mailbox(Tvb tvb, Packet pkt, int item, int offset, int length)
    {
        var data = tvb.Data;
        int endAll = offset + length;
        int lt = data[offset..endAll].IndexOf((byte)'<');
        if (lt < 0)
        {
            pkt.AddBytes(ImfFields.Address, item, tvb, offset, length);
            return;
        }
        lt += offset;
        while (offset < lt && IsSpace(data[offset])) offset++;
        if (offset != lt) pkt.AddBytes(ImfFields.DisplayName, item, tvb, offset, Math.Max(0, lt - offset - 1));
        int gt = lt + 1 < endAll ? data[(lt + 1)..endAll].IndexOf((byte)'>') : -1;
        if (gt >= 0) pkt.AddBytes(ImfFields.Address, item, tvb, lt + 1, gt);
    }

    /// <summary>dissect_imf_address: a group "name: list;" or a mailbox.</summary>
    private static void Address(Tvb tvb, Packet pkt, int item, int offset, int length)
    {
        var data = tvb.Data;
        int endAll = offset + length;
        int colon = data[offset..endAll].IndexOf((byte)':');
        if (colon < 0)
        {
            Mailbox(tvb, pkt, item, offset, length);
            return;
        }
        colon += offset;
        int group = pkt.AddBytes(ImfFields.DisplayName, item, tvb, offset, Math.Max(0, colon - offset - 1));
        int pos = colon + 1;
        while (pos < endAll && IsSpace(data[pos])) pos++;
        if (pos < endAll && data[pos] != ';') List(tvb, pkt, group, pos, endAll - pos, mailboxes: true);
    }

    /// <summary>A comma-separated mailbox or address list; the header's label gets ", N items".</summary>
    private static int List(Tvb tvb, Packet pkt, int item, int offset, int length, bool mailboxes)
    {
        var data = tvb.Data;
        int endAll = offset + length;
        int itemOffset = offset;
        int count = 0;
        int comma;
        do
        {
            comma = itemOffset < endAll ? data[itemOffset..endAll].IndexOf((byte)',') : -1;
            if (comma >= 0) comma += itemOffset;
            count++;
            int itemLen = comma < 0 ? endAll - itemOffset : comma - itemOffset;
            int entry = pkt.AddBytes(mailboxes ? ImfFields.MailboxListItem : ImfFields.AddressListItem, item, tvb, itemOffset, itemLen);
            if (mailboxes) Mailbox(tvb, pkt, entry, itemOffset, itemLen);
            else Address(tvb, pkt, entry, itemOffset, itemLen);
            if (comma >= 0) itemOffset = comma + 1;
        }
        while (comma >= 0);
        return count;
    }
}
