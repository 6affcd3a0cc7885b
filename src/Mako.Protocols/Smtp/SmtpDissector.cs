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

    private enum Mode : byte { Commands, Data, Bdat, AuthUser, AuthPass, AuthPlain }

    private sealed class State
    {
        public Mode Mode;
        public bool DataPending, StartTlsPending;
        public long TlsFrom;
        public long BdatLeft;
        public bool BdatLast;
        public int NextOffset;
        public uint Id;
    }

    private sealed class DataTable : FragmentTable
    {
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

        // A command line must be whole before it is dissected; the message body is taken as it comes.
        if (request && st.Mode is not (Mode.Data or Mode.Bdat) && pkt.CanDesegment
            && TvbLines.FindLineEnd(tvb, 0, out _, true) < 0)
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

    private void Request(Tvb tvb, Packet pkt, int node, State st, DataTable table)
    {
        var data = tvb.Data;
        int offset = 0;
        if (st.Mode == Mode.Data)
        {
            // The message ends at a line holding only "." (the segment may start with it).
            int eom = data.StartsWith(".\r\n"u8) ? 0 : data.IndexOf("\r\n.\r\n"u8);
            int dot = eom;
            if (eom >= 0 && !data.StartsWith(".\r\n"u8))
            {
                dot = eom + 2;
                // tshark tests "\r\n.\r\n" at each line start: an empty line before the "." is left out of the message.
                if (eom > 0 && data[eom - 1] != '\n') eom += 2;
            }
            int dataLen = eom < 0 ? tvb.Length : eom;
            if (pkt.WantColumns && eom != 0)
            {
                pkt.Info.Set("C: DATA fragment, ");
                pkt.Info.Append(dataLen);
                pkt.Info.Append(dataLen == 1 ? " byte" : " bytes");
            }
            AddData(tvb, pkt, node, st, table, dataLen, last: eom >= 0);
            if (eom < 0) return;
            st.Mode = Mode.Commands;
            int eomNode = pkt.Add(SmtpFields.Eom, node, tvb, dot, 3, 0);
            if (pkt.WantTree && eomNode != node) pkt.Label(eomNode, "C: .");
            offset = dot + 3;
            if (offset >= tvb.Length) return;
        }
        else if (st.Mode == Mode.Bdat)
        {
            int take = (int)Math.Min(st.BdatLeft, tvb.Length);
            st.BdatLeft -= take;
            bool last = st.BdatLeft == 0 && st.BdatLast;
            if (pkt.WantColumns)
            {
                pkt.Info.Set("C: BDAT fragment, ");
                pkt.Info.Append(take);
                pkt.Info.Append(take == 1 ? " byte" : " bytes");
            }
            AddData(tvb, pkt, node, st, table, take, last);
            if (st.BdatLeft == 0) st.Mode = Mode.Commands;
            offset = take;
            if (offset >= tvb.Length) return;
        }

        while (offset < tvb.Length)
        {
            int len = TvbLines.FindLineEnd(tvb, offset, out int next, false);
            var line = data.Slice(offset, len);
            if (pkt.WantColumns)
            {
                if (pkt.Info.Length == 0) pkt.Info.Append("C: ");
                else pkt.Info.Append(" | ");
            }
            switch (st.Mode)
            {
                case Mode.AuthUser:
                case Mode.AuthPass:
                    bool user = st.Mode == Mode.AuthUser;
                    if (pkt.WantColumns)
                    {
                        pkt.Info.Append(user ? "User: " : "Pass: ");
                        MailText.AppendFormatted(pkt.Info, line);
                    }
                    // tshark 4.0 keeps the base64 text (its smtp.decryption preference is off by default).
                    pkt.AddBytes(user ? SmtpFields.AuthUsername : SmtpFields.AuthPassword, node, tvb, offset, len);
                    st.Mode = user ? Mode.AuthPass : Mode.Commands;
                    break;
                case Mode.AuthPlain:
                    if (pkt.WantColumns) MailText.AppendFormatted(pkt.Info, line);
                    AddPlain(tvb, pkt, node, offset, len);
                    st.Mode = Mode.Commands;
                    break;
                default:
                    Command(tvb, pkt, node, st, offset, len, next);
                    break;
            }
            offset = next;
        }
    }

    private static void Command(Tvb tvb, Packet pkt, int node, State st, int offset, int len, int next)
    {
        var line = tvb.Data.Slice(offset, len);
        if (pkt.WantColumns) MailText.AppendFormatted(pkt.Info, line);
        pkt.AddHidden(SmtpFields.Req, node, tvb, offset, next - offset, 1);
        int cl = pkt.AddBytes(SmtpFields.CommandLine, node, tvb, offset, next - offset);
        int sp = line.IndexOf((byte)' ');
        int cmdLen = sp < 0 ? len : sp;
        pkt.AddBytes(SmtpFields.ReqCommand, cl, tvb, offset, cmdLen);
        if (sp >= 0 && sp + 1 < len) pkt.AddBytes(SmtpFields.ReqParameter, cl, tvb, offset + sp + 1, len - sp - 1);

        var cmd = line[..cmdLen];
        var param = sp < 0 ? ReadOnlySpan<byte>.Empty : line[(sp + 1)..];
        if (Is(cmd, "DATA"u8))
        {
            // Like tshark, the body is expected right away (a client may pipeline it); an error reply undoes this.
            st.DataPending = true;
            st.Mode = Mode.Data;
        }
        else if (Is(cmd, "STARTTLS"u8)) st.StartTlsPending = true;
        else if (Is(cmd, "BDAT"u8))
        {
            int i = 0;
            long n = 0;
            while (i < param.Length && param[i] >= '0' && param[i] <= '9' && n < int.MaxValue) n = n * 10 + (param[i++] - '0');
            st.BdatLeft = n;
            st.BdatLast = param[i..].IndexOf("LAST"u8) >= 0 || param[i..].IndexOf("last"u8) >= 0;
            if (n > 0) st.Mode = Mode.Bdat;
        }
        else if (Is(cmd, "AUTH"u8))
        {
            int sp2 = param.IndexOf((byte)' ');
            var mech = sp2 < 0 ? param : param[..sp2];
            if (Is(mech, "LOGIN"u8)) st.Mode = sp2 < 0 ? Mode.AuthUser : Mode.AuthPass;
            else if (Is(mech, "PLAIN"u8))
            {
                if (sp2 < 0) st.Mode = Mode.AuthPlain;
                else AddPlain(tvb, pkt, node, offset + sp + 1 + sp2 + 1, len - (sp + 1 + sp2 + 1));
            }
        }
    }

    /// <summary>The base64 "authzid NUL authcid NUL password" of AUTH PLAIN, kept encoded as tshark shows it.</summary>
    private static void AddPlain(Tvb tvb, Packet pkt, int node, int offset, int len) =>
        pkt.AddBytes(SmtpFields.AuthUsernamePassword, node, tvb, offset, len);

    private void AddData(Tvb tvb, Packet pkt, int node, State st, DataTable table, int length, bool last)
    {
        if (!tvb.Has(0, length)) throw new DissectorException(DissectorErrorKind.Short);
        var key = new FragmentKey(pkt.Src, pkt.Dst, st.Id, (pkt.SrcPort << 16) | pkt.DstPort);
        var result = table.Add(pkt, key, st.NextOffset, tvb.Data[..length], !last);
        st.NextOffset += length;
        if (!last)
        {
            if (length > 0)
            {
                _text ??= _tables?.ByName("data-text-lines");
                if (_text is TextLinesDissector t)
                {
                    t.MediaType = "";
                    pkt.Session.Call(t, tvb.Slice(0, length), pkt, node);
                }
            }
            pkt.Fragmented = true;
            return;
        }
        st.NextOffset = 0;
        if (Reassembly.Process(pkt, node, result, Items, "Reassembled DATA", out var data, out int source, out _))
        {
            _imf ??= _tables?.ByName("imf");
            if (_imf is not null) pkt.Session.Call(_imf, new Tvb(data, 0, data.Length, source), pkt, -1);
        }
        pkt.Fragmented = false;
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
                if (code >= 400 && st.DataPending) st.Mode = Mode.Commands;
                if (code >= 0) st.DataPending = st.StartTlsPending = false;
            }
            else if (pkt.WantColumns)
            {
                pkt.Info.Append(" | ");
                if (len > 4) MailText.AppendFormatted(pkt.Info, line[4..]);
            }
            if (len > 4) pkt.AddBytes(SmtpFields.RspParameter, rspNode, tvb, offset + 4, len - 4);
            // A reply's last line has a blank (or nothing) after its code; what follows is another reply.
            newReply = len < 4 || line[3] != '-';
            first = false;
            offset = next;
        }
    }

    private static bool IsDigit(byte b) => b >= '0' && b <= '9';

    private static bool Is(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word)
    {
        if (s.Length != word.Length) return false;
        for (int i = 0; i < s.Length; i++)
            if ((s[i] & 0xDF) != word[i]) return false;
        return true;
    }

}
