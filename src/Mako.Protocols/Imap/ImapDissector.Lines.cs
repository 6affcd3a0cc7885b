using Mako.Engine.Dissection;

namespace Mako.Protocols.Imap;

public sealed partial class ImapDissector
{
    /// <summary>Commands whose first argument is a mailbox, in tshark's order (a command that is a prefix of one
    /// of them counts, as the C code compares with the command's own length).</summary>
    private static readonly byte[][] FolderCommands =
    [
        "select"u8.ToArray(), "examine"u8.ToArray(), "create"u8.ToArray(), "delete"u8.ToArray(), "rename"u8.ToArray(),
        "subscribe"u8.ToArray(), "unsubscribe"u8.ToArray(), "status"u8.ToArray(), "append"u8.ToArray(), "search"u8.ToArray(),
    ];

    /// <summary>
    /// A line not starting with "*": the whole line as request/response, its first token as tag, the second as
    /// command (request; after "UID" the third) or status (response), the next one as response command, and the
    /// folder / credentials of the commands that have them. Then request/response matching by tag.
    /// </summary>
    private static void TaggedLine(Tvb tvb, Packet pkt, int node, int offset, int linelen, int nextOffset, bool isRequest,
        State st, ref LineState line)
    {
        if (line.FirstLine)
        {
            if (pkt.WantColumns) SetInfo(pkt, isRequest, tvb.Data.Slice(offset, linelen));
            line.FirstLine = false;
        }
        int lineNode = pkt.AddBytes(ImapFields.Line, node, tvb, offset, nextOffset - offset);
        if (linelen != 0) pkt.AddBytes(isRequest ? ImapFields.Request : ImapFields.Response, lineNode, tvb, offset, linelen);

        int tokenlen = ImapText.TokenLength(tvb, offset, linelen, out int nextToken);
        if (tokenlen != 0)
        {
            line.TagLength = LowerTag(tvb.Data.Slice(offset, tokenlen), st);
            pkt.AddBytes(isRequest ? ImapFields.RequestTag : ImapFields.ResponseTag, lineNode, tvb, offset, tokenlen);
            pkt.AddHiddenBytes(ImapFields.Tag, lineNode, tvb, offset, tokenlen);
            linelen -= nextToken - offset;
            offset = nextToken;
        }

        tokenlen = ImapText.TokenLength(tvb, offset, linelen, out nextToken);
        if (tokenlen != 0)
        {
            int commandOffset = 0, commandlen = 0;
            int folderOffset = 0, folderTokenlen = 0, folderNextToken = 0;
            if (isRequest && ImapText.PrefixIgnoreCase(tvb, offset, tokenlen, "UID"u8))
            {
                pkt.Add(ImapFields.RequestCommandUid, lineNode, tvb, offset, tokenlen, BigEndianValue(tvb.Data.Slice(offset, tokenlen)));
                // "UID" comes before the real command.
                int uidOffset = nextToken;
                int uidTokenlen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out int uidNextToken);
                if (uidTokenlen != 0)
                {
                    pkt.AddBytes(ImapFields.RequestCommand, lineNode, tvb, uidOffset, uidTokenlen);
                    pkt.AddHiddenBytes(ImapFields.Command, lineNode, tvb, offset, tokenlen);
                    commandOffset = nextToken;
                    commandlen = uidTokenlen;
                    folderOffset = uidNextToken;
                    folderTokenlen = ImapText.TokenLength(tvb, uidNextToken, linelen - (uidNextToken - offset), out folderNextToken);
                }
            }
            else
            {
                pkt.AddBytes(isRequest ? ImapFields.RequestCommand : ImapFields.ResponseStatus, lineNode, tvb, offset, tokenlen);
                if (isRequest)
                {
                    pkt.AddHiddenBytes(ImapFields.Command, lineNode, tvb, offset, tokenlen);
                    commandOffset = offset;
                    commandlen = tokenlen;
                    folderOffset = nextToken;
                    folderTokenlen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out folderNextToken);
                }
            }

            if (commandlen > 0)
            {
                var command = tvb.Data.Slice(commandOffset, Math.Min(commandlen, tvb.Length - commandOffset));
                if (IsFolderCommand(command))
                {
                    if (folderTokenlen != 0) pkt.AddBytes(ImapFields.RequestFolder, lineNode, tvb, folderOffset, folderTokenlen);
                }
                else if (linelen > 0 && ImapText.CPrefix(command, "copy"u8, ignoreCase: true))
                {
                    // COPY's folder is its second argument.
                    folderOffset = folderNextToken;
                    folderTokenlen = ImapText.TokenLength(tvb, folderOffset, linelen - (folderNextToken - offset), out _);
                    if (folderTokenlen != 0) pkt.AddBytes(ImapFields.RequestFolder, lineNode, tvb, folderOffset, folderTokenlen);
                }
                else if (ImapText.CPrefix(command, "starttls"u8, ignoreCase: true))
                {
                    st.SslRequested = true;
                }
                else if (ImapText.CPrefix(command, "login"u8, ignoreCase: true))
                {
                    Login(tvb, pkt, lineNode, offset, linelen, nextToken);
                }
            }

            if (!isRequest)
            {
                int cmdLen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out _);
                if (cmdLen > 0)
                {
                    pkt.AddBytes(ImapFields.ResponseCommand, lineNode, tvb, nextToken, cmdLen);
                    pkt.AddHiddenBytes(ImapFields.Command, lineNode, tvb, nextToken, cmdLen);
                }
            }

            // "OK" (or "O") to a STARTTLS: the connection is TLS from the next frame on.
            if (st.SslRequested && !isRequest && ImapText.PrefixIgnoreCase(tvb, offset, tokenlen, "ok"u8))
            {
                st.TlsAfter = pkt.Number;
                if (st.HeurTriesLeft > 0) st.HeurTriesLeft = 0;
                st.SslRequested = false;
            }
        }

        if (line.TagLength >= 0) Match(pkt, lineNode, st, line.TagLength, isRequest);
    }

    private static bool IsFolderCommand(ReadOnlySpan<byte> command)
    {
        foreach (var word in FolderCommands)
            if (ImapText.CPrefix(command, word, ignoreCase: true)) return true;
        return false;
    }

    /// <summary>
    /// LOGIN's user name (the next token, quotes and all, as tshark shows it) and password. tshark 4.0 drops the
    /// first and last character of the password token: right for a quoted string without blanks, wrong otherwise
    /// ("secret" became "ecre", a 1-character password a malformed packet, "a b" in quotes was cut at the blank).
    /// Mako reads an atom as it is and a quoted string to its closing quote; the item keeps tshark's position.
    /// See docs/differences.md.
    /// </summary>
    private static void Login(Tvb tvb, Packet pkt, int lineNode, int offset, int linelen, int nextToken)
    {
        int userOffset = nextToken;
        int userLen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out int userNext);
        if (userLen < 0) throw new DissectorException(DissectorErrorKind.Malformed);
        pkt.AddBytes(ImapFields.RequestUsername, lineNode, tvb, userOffset, userLen);

        int passOffset = userNext;
        int passLen = ImapText.TokenLength(tvb, userNext, linelen - (userNext - offset), out _);
        // No password at all: tshark reads a string of length -2 there and gives up ("[Malformed Packet]").
        if (passLen <= 0 || !tvb.Has(passOffset, passLen)) throw new DissectorException(DissectorErrorKind.Malformed);
        if (!pkt.Wants(ImapFields.RequestPassword)) return;
        var token = tvb.Data.Slice(passOffset, passLen);
        string value = token[0] == '"'
            ? ImapText.QuotedString(tvb.Data[(passOffset + 1)..Math.Min(offset + linelen, tvb.Length)])
            : ImapText.Ascii(token);
        pkt.AddObject(ImapFields.RequestPassword, lineNode, tvb, passOffset, passLen, value);
    }

    /// <summary>The FT_BOOLEAN value proto_tree_add_item reads from the "UID" token's bytes (big-endian).</summary>
    private static ulong BigEndianValue(ReadOnlySpan<byte> bytes)
    {
        ulong v = 0;
        for (int i = 0; i < bytes.Length && i < 8; i++) v = (v << 8) | bytes[i];
        return v;
    }

    /// <summary>Keeps the lower-cased tag (as an ASCII C string) in the state's scratch buffer; returns its length.</summary>
    private static int LowerTag(ReadOnlySpan<byte> tag, State st)
    {
        int nul = tag.IndexOf((byte)0);
        if (nul >= 0) tag = tag[..nul];
        if (st.TagBuf.Length < tag.Length) st.TagBuf = new char[Math.Max(tag.Length, st.TagBuf.Length * 2)];
        for (int i = 0; i < tag.Length; i++)
            st.TagBuf[i] = tag[i] < 0x80 ? (char)ImapText.Lower(tag[i]) : '\uFFFD';
        return tag.Length;
    }

    /// <summary>imap_match_request: requests are recorded on the first pass; a response shows its request.</summary>
    private static void Match(Packet pkt, int lineNode, State st, int tagLength, bool isRequest)
    {
        var tag = st.TagBuf.AsSpan(0, tagLength);
        ImapRequests.Request? req;
        if (pkt.FirstPass)
        {
            if (isRequest) req = st.Requests.AddRequest(tag, pkt.Number, pkt.TimestampNs);
            else
            {
                req = st.Requests.Find(tag, pkt.Number);
                if (req is not null) req.RepFrame = pkt.Number;
            }
        }
        else req = st.Requests.Find(tag, pkt.Number);
        if (req is null) return;
        if (isRequest)
        {
            if (req.RepFrame != 0) pkt.AddGenerated(ImapFields.ResponseIn, lineNode, (ulong)req.RepFrame);
        }
        else if (req.ReqFrame != 0)
        {
            pkt.AddGenerated(ImapFields.ResponseTo, lineNode, (ulong)req.ReqFrame);
            pkt.AddGenerated(ImapFields.Time, lineNode, (ulong)(pkt.TimestampNs - req.ReqTime));
        }
    }
}
