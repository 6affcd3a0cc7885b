using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Protocols.Imf;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Smtp;

/// <summary>
/// SMTP (RFC 5321), TCP ports 25 and 587, after tshark 4.0: command lines ("C: ..."), replies with their code and
/// the parameters of every line of a multi-line reply ("S: 250-a | b | c"), the message after DATA (or the chunks
/// of BDAT) collected per conversation up to the "." line and handed to IMF, AUTH LOGIN/PLAIN credentials decoded,
/// and everything after a 220 answer to STARTTLS handed to TLS (or shown as data) instead of being parsed as SMTP.
/// </summary>
public sealed class SmtpDissector() : Dissector(SmtpFields.Proto)
{
    private static readonly FragmentItems Items = new(SmtpFields.DataFragments, SmtpFields.DataFragment,
        SmtpFields.DataFragmentOverlap, SmtpFields.DataFragmentOverlapConflicts, SmtpFields.DataFragmentMultipleTails,
        SmtpFields.DataFragmentTooLongFragment, SmtpFields.DataFragmentError, SmtpFields.DataFragmentCount,
        SmtpFields.DataReassembledIn, SmtpFields.DataReassembledLength, null, "DATA fragments", "DATA fragments");

    private DissectorTables? _tables;
    private Dissector? _imf, _tls, _text;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("tcp.port", 25, this);
        tables.AddUInt("tcp.port", 587, this);
        tables.Register("smtp", this);
        _tables = tables;
    }

    private enum Mode : byte { Commands, Data }

    /// <summary>Where an AUTH exchange stands (tshark's smtp_auth_state, without NTLM).</summary>
    private enum Auth : byte
    {
        None, Start, UsernameReq, UsernameRsp, PasswordReq, PasswordRsp, PlainStartReq, PlainReq, PlainRsp,
        PlainCredReq, Success, Failed,
    }

    /// <summary>What a client segment is, decided line by line before anything is shown (smtp_pdu_type).</summary>
    private enum Pdu : byte { Command, Message, Eom }

    private sealed class State
    {
        public Mode Mode;
        public Auth Auth;
        public bool DataPending, StartTlsPending, CrlfSeen, DataSeen;
        public long TlsFrom;
        /// <summary>BDAT: bytes announced and read so far (never reset, as in tshark) and whether LAST was said.</summary>
        public long MsgTotLen, MsgReadLen;
        public bool MsgLast = true;
        public int NextOffset;
        public uint Id;
    }

    private sealed class DataTable : FragmentTable
    {
        /// <summary>A message may have up to 16 MB (attachments), within the table's 64 MB of pending bytes.</summary>
        public DataTable() => MaxLength = 16 << 20;

        public uint NextId;
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        var conv = pkt.Session.State<ConversationTable>().FindOrCreate(pkt);
        var table = pkt.Session.State<DataTable>();
        var st = conv.GetOrAdd(SmtpFields.Proto, _ => new State { Id = table.NextId++ });
        if (st.TlsFrom != 0 && pkt.Number > st.TlsFrom)
        {
            _tls ??= _tables?.ByName("tls");
            return _tls is not null ? pkt.Session.Call(_tls, tvb, pkt, parent) : pkt.Session.CallData(tvb, pkt, parent);
        }
        bool request = pkt.MatchUInt == pkt.DstPort;

        // A client segment whose first line has no end waits for the next segment, message data included.
        if (request && pkt.CanDesegment && TvbLines.FindLineEnd(tvb, 0, out _, true) < 0)
        {
            pkt.NeedOneMoreSegment(0);
            return tvb.Length;
        }

        pkt.EnterLayer(SmtpFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "SMTP";
            pkt.Info.Clear();
        }
        int node = pkt.AddProtocol(SmtpFields.Proto, parent, tvb, 0, -1);
        if (request) Request(tvb, pkt, node, st, table);
        else Response(tvb, pkt, node, st);
        return tvb.Length;
    }

    /// <summary>Per-segment conclusions of the classification pass.</summary>
    private struct Segment
    {
        public Pdu Pdu;
        public bool MoreFrags;
        public int EomOffset, EomLength;
        public bool UsernameLine, PasswordLine, UserPassLine, UsernameCmd, UserPassCmd;
    }

    private void Request(Tvb tvb, Packet pkt, int node, State st, DataTable table)
    {
        var seg = Classify(tvb, pkt, st);
        var key = new FragmentKey(pkt.Src, pkt.Dst, st.Id, (pkt.SrcPort << 16) | pkt.DstPort);
        FragmentResult done = default;
        bool ended = false;
        switch (seg.Pdu)
        {
            case Pdu.Message:
                {
                    int n = tvb.ReportedLength;
                    if (pkt.WantColumns)
                    {
                        pkt.Info.Set("C: DATA fragment, ");
                        pkt.Info.Append(n);
                        pkt.Info.Append(n == 1 ? " byte" : " bytes");
                    }
                    if (!tvb.Has(0, n)) throw new DissectorException(DissectorErrorKind.Short);
                    var piece = table.Add(pkt, key, st.NextOffset, tvb.Data, more: true);
                    st.NextOffset += n;
                    ShowText(tvb, pkt, node);
                    // With -2 the first pass knows where the message ends: tshark shows it on every piece before.
                    if (piece.Completed is null && piece.ReassembledIn > 0 && seg.MoreFrags)
                        pkt.AddGenerated(SmtpFields.DataReassembledIn, node, (ulong)piece.ReassembledIn);
                    if (!seg.MoreFrags)
                    {
                        // The LAST BDAT chunk: tshark 4.0 marks the data reassembled here but never hands it to IMF.
                        table.End(pkt, key);
                        st.NextOffset = 0;
                        pkt.AddGenerated(SmtpFields.DataReassembledIn, node, (ulong)pkt.Number);
                        pkt.Fragmented = false;
                        return;
                    }
                    break;
                }
            case Pdu.Eom:
                {
                    if (pkt.WantColumns) pkt.Info.Set("C: .");
                    int eom = pkt.Add(SmtpFields.Eom, node, tvb, 0, seg.EomLength, 0);
                    if (pkt.WantTree && eom != node) pkt.Label(eom, "C: .");
                    // The data before the "." line is the last fragment; a "." alone adds none.
                    if (seg.EomOffset > 0)
                    {
                        table.Add(pkt, key, st.NextOffset, tvb.Data[..seg.EomOffset], more: true);
                        st.NextOffset += seg.EomOffset;
                    }
                    done = table.End(pkt, key);
                    st.NextOffset = 0;
                    ended = true;
                    break;
                }
            default:
                Commands(tvb, pkt, node, seg);
                if (!seg.MoreFrags)
                {
                    done = table.End(pkt, key);
                    st.NextOffset = 0;
                    ended = true;
                }
                break;
        }
        if (!ended)
        {
            pkt.Fragmented = seg.Pdu == Pdu.Message;
            return;
        }
        if (Reassembly.Process(pkt, node, done, Items, "Reassembled SMTP", out var data, out int source, out _))
        {
            _imf ??= _tables?.ByName("imf");
            if (_imf is not null) pkt.Session.Call(_imf, new Tvb(data, 0, data.Length, source), pkt, -1);
            pkt.Fragmented = false;
        }
        else
        {
            pkt.Fragmented = done.Completed is null && seg.Pdu != Pdu.Command;
        }
    }

    /// <summary>
    /// tshark's first pass over a client segment: follows DATA/BDAT/AUTH/STARTTLS through the lines and decides whether
    /// the segment is commands, message data or the end of the message.
    /// </summary>
    private static Segment Classify(Tvb tvb, Packet pkt, State st)
    {
        var data = tvb.Data;
        var seg = new Segment { Pdu = Pdu.Command, MoreFrags = true };
        int offset = 0;
        while (offset < tvb.Length)
        {
            int len = TvbLines.FindLineEnd(tvb, offset, out int next, false);
            if (st.Mode == Mode.Data)
            {
                bool eom = (st.CrlfSeen && Equal(data, offset, ".\r\n"u8)) || Equal(data, offset, "\r\n.\r\n"u8);
                st.CrlfSeen = tvb.Length == tvb.ReportedLength && data.EndsWith("\r\n"u8);
                if (eom)
                {
                    seg.Pdu = Pdu.Eom;
                    seg.EomOffset = offset;
                    seg.EomLength = len;
                    st.Mode = Mode.Commands;
                    break;
                }
                seg.Pdu = Pdu.Message;
                if (st.MsgTotLen > 0)
                {
                    // A BDAT chunk: the whole rest of the segment is data.
                    st.MsgReadLen += tvb.ReportedLength - offset;
                    if (st.MsgReadLen == st.MsgTotLen)
                    {
                        st.Mode = Mode.Commands;
                        if (st.MsgLast) seg.MoreFrags = false;
                    }
                    break;
                }
            }
            else
            {
                var line = data.Slice(offset, len);
                int sp = line.IndexOf((byte)' ');
                var cmd = sp < 0 ? line : line[..sp];
                if (IsSmtpCommand(cmd))
                {
                    seg.Pdu = Pdu.Command;
                    if (StartsWith(line, "DATA"u8))
                    {
                        st.Mode = Mode.Data;
                        st.DataSeen = true;
                        st.DataPending = true;
                    }
                    else if (StartsWith(line, "BDAT"u8))
                    {
                        long n = LeadingNumber(line.Length > 5 ? line[5..] : ReadOnlySpan<byte>.Empty);
                        st.DataSeen = true;
                        st.MsgTotLen += n;
                        st.Mode = n == 0 ? Mode.Commands : Mode.Data;
                        if (line.Length >= 4 && StartsWith(line[^4..], "LAST"u8))
                        {
                            st.MsgLast = true;
                            if (n == 0) seg.MoreFrags = false;
                        }
                        else st.MsgLast = false;
                    }
                    else if (StartsWith(line, "AUTH LOGIN"u8))
                    {
                        st.Mode = Mode.Commands;
                        if (len <= 11) st.Auth = Auth.Start;
                        else
                        {
                            st.Auth = Auth.UsernameRsp;
                            seg.UsernameCmd = true;
                        }
                    }
                    else if (StartsWith(line, "AUTH PLAIN"u8))
                    {
                        st.Mode = Mode.Commands;
                        if (len <= 11) st.Auth = Auth.PlainStartReq;
                        else
                        {
                            st.Auth = Auth.PlainCredReq;
                            seg.UserPassCmd = true;
                        }
                    }
                    else if (StartsWith(line, "STARTTLS"u8)) st.StartTlsPending = true;
                }
                else if (st.Auth == Auth.UsernameReq)
                {
                    st.Auth = Auth.UsernameRsp;
                    seg.UsernameLine = true;
                }
                else if (st.Auth == Auth.PasswordReq)
                {
                    st.Auth = Auth.PasswordRsp;
                    seg.PasswordLine = true;
                }
                else if (st.Auth == Auth.PlainReq)
                {
                    st.Auth = Auth.PlainRsp;
                    seg.UserPassLine = true;
                }
                else seg.Pdu = st.DataSeen ? Pdu.Message : Pdu.Command;
            }
            offset = next;
        }
        return seg;
    }

    /// <summary>Command lines as tshark shows them: the first four characters are the command, from the sixth on the parameter.</summary>
    private static void Commands(Tvb tvb, Packet pkt, int node, in Segment seg)
    {
        var data = tvb.Data;
        int offset = 0;
        while (offset < tvb.Length)
        {
            int len = TvbLines.FindLineEnd(tvb, offset, out int next, false);
            var line = data.Slice(offset, len);
            if (pkt.WantColumns) pkt.Info.Append(offset == 0 ? "C: " : " | ");
            pkt.AddHidden(SmtpFields.Req, node, tvb, 0, 0, 1);
            if (seg.UsernameLine || seg.PasswordLine)
            {
                // tshark 4.0 keeps the base64 text (its smtp.decryption preference is off by default).
                pkt.AddBytes(seg.UsernameLine ? SmtpFields.AuthUsername : SmtpFields.AuthPassword, node, tvb, offset, len);
                if (pkt.WantColumns)
                {
                    pkt.Info.Append(seg.UsernameLine ? "User: " : "Pass: ");
                    MailText.AppendFormatted(pkt.Info, line);
                }
            }
            else if (seg.UserPassLine)
            {
                Plain(tvb, pkt, node, offset, len);
            }
            else
            {
                int cl = pkt.AddBytes(SmtpFields.CommandLine, node, tvb, offset, next - offset);
                if (cl == node && seg.UsernameCmd && pkt.Wants(SmtpFields.AuthUsername))
                {
                    // The user name of "AUTH LOGIN user" belongs to the command line, even when only the user name
                    // was asked for: consumers (the credentials table) tell it from a user name line by its parent.
                    cl = pkt.Tree.Add(SmtpFields.CommandLine.Id, node, tvb.Source, tvb.Base + offset, next - offset, 0);
                }
                pkt.AddBytes(SmtpFields.ReqCommand, cl, tvb, offset, Math.Min(4, len));
                if (len > 5) pkt.AddBytes(SmtpFields.ReqParameter, cl, tvb, offset + 5, len - 5);
                if (len > 5 && seg.UsernameCmd)
                {
                    if (len >= 11)
                    {
                        pkt.AddBytes(SmtpFields.AuthUsername, cl, tvb, offset + 11, len - 11);
                        if (pkt.WantColumns)
                        {
                            MailText.AppendFormatted(pkt.Info, line[..11]);
                            pkt.Info.Append("User: ");
                            MailText.AppendFormatted(pkt.Info, line[11..]);
                        }
                    }
                }
                else if (len > 5 && seg.UserPassCmd)
                {
                    if (pkt.WantColumns) MailText.AppendFormatted(pkt.Info, line[..Math.Min(11, len)]);
                    if (len > 11) Plain(tvb, pkt, cl, offset + 11, len - 11);
                }
                else if (pkt.WantColumns) MailText.AppendFormatted(pkt.Info, line);
            }
            offset = next;
        }
    }

    /// <summary>The base64 "authzid NUL authcid NUL password" of AUTH PLAIN, kept encoded as tshark 4.0 shows it.</summary>
    private static void Plain(Tvb tvb, Packet pkt, int node, int offset, int len)
    {
        int item = pkt.AddBytes(SmtpFields.AuthUsernamePassword, node, tvb, offset, len);
        pkt.Expert(SmtpFields.EiBase64Decode, item);
        if (pkt.WantColumns) MailText.AppendFormatted(pkt.Info, tvb.Data.Slice(offset, len));
    }

    /// <summary>A message segment shown a line at a time (data-text-lines without a media type).</summary>
    private void ShowText(Tvb tvb, Packet pkt, int node)
    {
        if (tvb.Length == 0) return;
        _text ??= _tables?.ByName("data-text-lines");
        if (_text is TextLinesDissector t)
        {
            t.MediaType = "";
            pkt.Session.Call(t, tvb, pkt, node);
        }
    }

    /// <summary>line_is_smtp_command: four letters, or one of the longer extension commands.</summary>
    private static bool IsSmtpCommand(ReadOnlySpan<byte> cmd)
    {
        if (cmd.Length == 4 && IsAlpha(cmd[0]) && IsAlpha(cmd[1]) && IsAlpha(cmd[2]) && IsAlpha(cmd[3])) return true;
        return Is(cmd, "STARTTLS"u8) || Is(cmd, "X-EXPS"u8) || Is(cmd, "X-LINK2STATE"u8) || Is(cmd, "XEXCH50"u8);
    }

    private static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static bool StartsWith(ReadOnlySpan<byte> s, ReadOnlySpan<byte> prefix) =>
        s.Length >= prefix.Length && Is(s[..prefix.Length], prefix);

    private static bool Equal(ReadOnlySpan<byte> data, int offset, ReadOnlySpan<byte> text) =>
        offset + text.Length <= data.Length && data.Slice(offset, text.Length).SequenceEqual(text);

    /// <summary>strtoul: blanks, an optional sign, then digits.</summary>
    private static long LeadingNumber(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i < s.Length && s[i] == '+') i++;
        long n = 0;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9' && n < uint.MaxValue) n = n * 10 + (s[i++] - '0');
        return Math.Min(n, uint.MaxValue);
    }

    private static void Response(Tvb tvb, Packet pkt, int node, State st)
    {
        var data = tvb.Data;
        int offset = 0;
        bool newReply = true, first = true;
        int rspNode = node;
        while (offset < tvb.Length)
        {
            int len = TvbLines.FindLineEnd(tvb, offset, out int next, false);
            var line = data.Slice(offset, len);
            int code = len >= 3 && IsDigit(line[0]) && IsDigit(line[1]) && IsDigit(line[2])
                ? (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0') : -1;
            if (newReply)
            {
                if (pkt.WantColumns)
                {
                    if (first) pkt.Info.Set("S: ");
                    else pkt.Info.Append(" | ");
                    MailText.AppendFormatted(pkt.Info, line);
                }
                if (first) pkt.AddHidden(SmtpFields.Rsp, node, tvb, offset, next - offset, 1);
                rspNode = pkt.AddBytes(SmtpFields.Response, node, tvb, offset, next - offset);
                if (code >= 0) pkt.Add(SmtpFields.ResponseCode, rspNode, tvb, offset, 3, (ulong)code);
                if (code == 220 && st.StartTlsPending) st.TlsFrom = pkt.Number;
                if (code >= 0) Authenticate(st, code);
                if (code >= 400 && st.DataPending) st.Mode = Mode.Commands;
                if (code >= 0) st.DataPending = st.StartTlsPending = false;
            }
            else if (pkt.WantColumns)
            {
                pkt.Info.Append(" | ");
                if (len > 4) MailText.AppendFormatted(pkt.Info, line[4..]);
            }
            // tshark adds the parameter for any line of four characters or more, empty ones ("334 ") too.
            if (len >= 4) pkt.AddBytes(SmtpFields.RspParameter, rspNode, tvb, offset + 4, len - 4);
            // A reply's last line has a blank (or nothing) after its code; what follows is another reply.
            newReply = len < 4 || line[3] != '-';
            first = false;
            offset = next;
        }
    }

    /// <summary>The AUTH exchange moves on with each reply: 334 asks for the next credential, anything else ends it.</summary>
    private static void Authenticate(State st, int code)
    {
        if (code == 334)
        {
            st.Auth = st.Auth switch
            {
                Auth.Start => Auth.UsernameReq,
                Auth.UsernameRsp => Auth.PasswordReq,
                Auth.PlainReq => Auth.PlainRsp,
                Auth.PlainStartReq => Auth.PlainReq,
                _ => st.Auth,
            };
        }
        else if (st.Auth is Auth.PasswordRsp or Auth.PlainRsp or Auth.PlainCredReq)
        {
            st.Auth = code == 235 ? Auth.Success : Auth.Failed;
        }
    }

    private static bool IsDigit(byte b) => b >= '0' && b <= '9';

    /// <summary>ASCII case-insensitive equality with an upper-case <paramref name="word"/>.</summary>
    private static bool Is(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word)
    {
        if (s.Length != word.Length) return false;
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c >= 'a' && c <= 'z') c -= 0x20;
            if (c != word[i]) return false;
        }
        return true;
    }

}
