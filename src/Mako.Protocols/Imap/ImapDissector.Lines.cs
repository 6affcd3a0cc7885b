using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

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
        // tshark reads these strings as ASCII: a byte above 0x7f shows as U+FFFD (only such lines pay for a string).
        bool ascii = IsAscii(tvb, offset, nextOffset - offset);
        int lineNode = Text(pkt, ImapFields.Line, node, tvb, offset, nextOffset - offset, ascii);
        if (linelen != 0) Text(pkt, isRequest ? ImapFields.Request : ImapFields.Response, lineNode, tvb, offset, linelen, ascii);

        int tokenlen = ImapText.TokenLength(tvb, offset, linelen, out int nextToken);
        if (tokenlen != 0)
        {
            line.TagLength = LowerTag(tvb.Data.Slice(offset, tokenlen), st);
            Text(pkt, isRequest ? ImapFields.RequestTag : ImapFields.ResponseTag, lineNode, tvb, offset, tokenlen, ascii);
            Text(pkt, ImapFields.Tag, lineNode, tvb, offset, tokenlen, ascii, hidden: true);
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
                    Text(pkt, ImapFields.RequestCommand, lineNode, tvb, uidOffset, uidTokenlen, ascii);
                    Text(pkt, ImapFields.Command, lineNode, tvb, offset, tokenlen, ascii, hidden: true);
                    commandOffset = nextToken;
                    commandlen = uidTokenlen;
                    folderOffset = uidNextToken;
                    folderTokenlen = ImapText.TokenLength(tvb, uidNextToken, linelen - (uidNextToken - offset), out folderNextToken);
                }
            }
            else
            {
                Text(pkt, isRequest ? ImapFields.RequestCommand : ImapFields.ResponseStatus, lineNode, tvb, offset, tokenlen, ascii);
                if (isRequest)
                {
                    Text(pkt, ImapFields.Command, lineNode, tvb, offset, tokenlen, ascii, hidden: true);
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
                    if (folderTokenlen != 0) Text(pkt, ImapFields.RequestFolder, lineNode, tvb, folderOffset, folderTokenlen, ascii);
                }
                else if (linelen > 0 && ImapText.CPrefix(command, "copy"u8, ignoreCase: true))
                {
                    // COPY's folder is its second argument.
                    folderOffset = folderNextToken;
                    folderTokenlen = ImapText.TokenLength(tvb, folderOffset, linelen - (folderNextToken - offset), out _);
                    if (folderTokenlen != 0) Text(pkt, ImapFields.RequestFolder, lineNode, tvb, folderOffset, folderTokenlen, ascii);
                }
                else if (ImapText.CPrefix(command, "starttls"u8, ignoreCase: true))
                {
                    st.SslRequested = true;
                }
                else if (ImapText.CPrefix(command, "login"u8, ignoreCase: true))
                {
                    Login(tvb, pkt, lineNode, offset, linelen, nextToken, ascii);
                }
            }

            if (!isRequest)
            {
                int cmdLen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out _);
                if (cmdLen > 0)
                {
                    Text(pkt, ImapFields.ResponseCommand, lineNode, tvb, nextToken, cmdLen, ascii);
                    Text(pkt, ImapFields.Command, lineNode, tvb, nextToken, cmdLen, ascii, hidden: true);
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
    private static void Login(Tvb tvb, Packet pkt, int lineNode, int offset, int linelen, int nextToken, bool ascii)
    {
        int userOffset = nextToken;
        int userLen = ImapText.TokenLength(tvb, nextToken, linelen - (nextToken - offset), out int userNext);
        if (userLen < 0) throw new DissectorException(DissectorErrorKind.Malformed);
        Text(pkt, ImapFields.RequestUsername, lineNode, tvb, userOffset, userLen, ascii);

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

    /// <summary>Adds a string item: its bytes when they are ASCII, else the string tshark's ENC_ASCII makes of them.</summary>
    private static int Text(Packet pkt, FieldDef f, int parent, in Tvb tvb, int offset, int length, bool ascii, bool hidden = false)
    {
        if (ascii || !pkt.Wants(f))
            return hidden ? pkt.AddHiddenBytes(f, parent, tvb, offset, length) : pkt.AddBytes(f, parent, tvb, offset, length);
        int cap = Math.Max(0, Math.Min(length, tvb.Length - offset));
        return pkt.AddObject(f, parent, tvb, offset, cap, ImapText.Ascii(tvb.Data.Slice(offset, cap)), hidden ? NodeFlags.Hidden : NodeFlags.None);
    }

    private static bool IsAscii(in Tvb tvb, int offset, int length)
    {
        int cap = Math.Max(0, Math.Min(length, tvb.Length - offset));
        return !tvb.Data.Slice(offset, cap).ContainsAnyInRange((byte)0x80, (byte)0xff);
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
                if (req is not null)
                {
                    req.RepFrame = pkt.Number;
                    pkt.Session.Note(ImapFields.ResponseIn, LookAheadKey(req.ReqFrame, tag), pkt.Number);   // for -2
                }
            }
        }
        else req = st.Requests.Find(tag, pkt.Number);
        if (req is null) return;
        if (isRequest)
        {
            long rep = req.RepFrame;
            if (rep == 0 && pkt.Session.Recall(ImapFields.ResponseIn, LookAheadKey(pkt.Number, tag), out long later)) rep = later;   // -2
            if (rep != 0) pkt.AddGenerated(ImapFields.ResponseIn, lineNode, (ulong)rep);
        }
        else if (req.ReqFrame != 0)
        {
            pkt.AddGenerated(ImapFields.ResponseTo, lineNode, (ulong)req.ReqFrame);
            pkt.AddGenerated(ImapFields.Time, lineNode, (ulong)(pkt.TimestampNs - req.ReqTime));
        }
    }

    /// <summary>-2 notes: a request is its frame and its tag (several pipelined requests share a frame).</summary>
    private static long LookAheadKey(long frame, ReadOnlySpan<char> tag)
    {
        uint h = 2166136261;
        foreach (char c in tag) h = (h ^ c) * 16777619;
        return (frame << 24) ^ (h & 0xffffff);
    }
}
