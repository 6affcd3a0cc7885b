using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Protocols.Imf;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Pop;

/// <summary>
/// The Post Office Protocol v3 (RFC 1939), TCP port 110, as tshark 4.0 dissects it. Each segment is dissected on its
/// own (POP does not use TCP reassembly): a segment towards the port is a request ("C: ..."); from the port, one
/// starting with "+OK" or "-ERR" is a response ("S: ...") and anything else is a continuation
/// ("S: DATA fragment, N bytes"). Continuations are collected per conversation until the byte count announced by the
/// "+OK n octets" answer to RETR/TOP is reached; the whole message then goes to IMF.
/// </summary>
public sealed class PopDissector() : Dissector(PopFields.Proto)
{
    private const int Port = 110;

    private static readonly FragmentItems Items = new(PopFields.DataFragments, PopFields.DataFragment,
        PopFields.DataFragmentOverlap, PopFields.DataFragmentOverlapConflicts, PopFields.DataFragmentMultipleTails,
        PopFields.DataFragmentTooLongFragment, PopFields.DataFragmentError, PopFields.DataFragmentCount,
        PopFields.DataReassembledIn, PopFields.DataReassembledLength, null, "DATA fragments", "DATA fragments");

    private DissectorTables? _tables;
    private Dissector? _imf, _tls;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("tcp.port", Port, this);
        tables.Register("pop", this);
        _tables = tables;
    }

    /// <summary>Per-conversation state (pop_data_val).</summary>
    private sealed class State
    {
        public bool MsgRequest, StlsRequest;
        /// <summary>The client sent AUTH: until +OK/-ERR, a server line "+ ..." is a SASL continuation (RFC 5034).</summary>
        public bool AuthPending;
        /// <summary>Frame of the "+OK" to STLS: later frames are TLS.</summary>
        public long TlsFrom;
        public uint MsgReadLen, MsgTotLen;
        public int NextOffset;
        public uint Id;
    }

    /// <summary>The per-capture table of messages being collected.</summary>
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
        var st = conv.GetOrAdd(PopFields.Proto, _ => new State { Id = table.NextId++ });
        if (st.TlsFrom != 0 && pkt.Number > st.TlsFrom)
        {
            // After STLS the bytes are TLS (ssl_starttls_ack): hand them over, or show them as data, never as POP.
            _tls ??= _tables?.ByName("tls");
            return _tls is not null ? pkt.Session.Call(_tls, tvb, pkt, parent) : pkt.Session.CallData(tvb, pkt, parent);
        }

        pkt.EnterLayer(PopFields.Proto);
        if (pkt.WantColumns) pkt.Protocol = "POP";

        int linelen = TvbLines.FindLineEnd(tvb, 0, out int nextOffset, false);
        var line = tvb.Data[..linelen];
        bool isRequest = pkt.MatchUInt == pkt.DstPort;
        // tshark 4.0 takes a SASL challenge ("+ " after AUTH) for message data and shows it as IMF; it is a response.
        bool saslChallenge = !isRequest && st.AuthPending && st.MsgTotLen == 0
            && (line.SequenceEqual("+"u8) || line.StartsWith("+ "u8));
        bool isContinuation = !isRequest && !saslChallenge && !line.StartsWith("+OK"u8) && !line.StartsWith("-ERR"u8);

        if (pkt.WantColumns)
        {
            if (isContinuation)
            {
                int remaining = tvb.ReportedLength;
                pkt.Info.Set("S: DATA fragment, ");
                pkt.Info.Append(remaining);
                pkt.Info.Append(remaining == 1 ? " byte" : " bytes");
            }
            else
            {
                pkt.Info.Set(isRequest ? "C: " : "S: ");
                MailText.AppendFormatted(pkt.Info, line);
            }
        }

        int node = pkt.AddProtocol(PopFields.Proto, parent, tvb, 0, -1);
        if (isContinuation)
        {
            Continuation(tvb, pkt, node, st, table);
            return tvb.Length;
        }

        int reqresp = pkt.AddObject(isRequest ? PopFields.Request : PopFields.Response, node, tvb, 0, nextOffset, "");
        if (pkt.WantTree && reqresp != node) pkt.Label(reqresp, MailText.Format(tvb.Data[..nextOffset]));

        int offset = 0;
        bool messageStart = false;
        int tokenLen = MailText.TokenLength(line, out int nextToken);
        if (tokenLen != 0)
        {
            pkt.AddBytes(isRequest ? PopFields.RequestCommand : PopFields.ResponseIndicator, reqresp, tvb, 0, tokenLen);
            if (isRequest)
            {
                // The answer to RETR or TOP announces how many bytes the message has.
                if (StartsWithIgnoreCase(line, "RETR"u8) || StartsWithIgnoreCase(line, "TOP"u8)) st.MsgRequest = true;
                if (StartsWithIgnoreCase(line, "STLS"u8)) st.StlsRequest = true;
                st.AuthPending = StartsWithIgnoreCase(line, "AUTH "u8);
            }
            else if (!saslChallenge)
            {
                st.AuthPending = false;
                if (st.MsgRequest)
                {
                    if (StartsWithIgnoreCase(line, "+OK "u8) && line.Length > 4)
                    {
                        st.MsgReadLen = 0;
                        if (!TryLeadingNumber(line[4..], out st.MsgTotLen))
                        {
                            st.MsgTotLen = 0;
                            pkt.AddBytes(PopFields.ResponseTotLenInvalid, reqresp, tvb, 4, linelen - 4);
                        }
                        messageStart = st.MsgTotLen > 0;
                    }
                    st.MsgRequest = false;
                }
                if (st.StlsRequest && StartsWithIgnoreCase(line, "+OK "u8)) st.TlsFrom = pkt.Number;
                st.StlsRequest = false;
            }
            offset = nextToken;
            linelen -= nextToken;
        }
        if (linelen != 0)
            pkt.AddBytes(isRequest ? PopFields.RequestParameter : PopFields.ResponseDescription, reqresp, tvb, offset, linelen);

        if (messageStart && nextOffset < tvb.Length)
        {
            // The message begins in the segment of its "+OK n octets" line. tshark 4.0 shows those bytes as response
            // lines and never hands the message to IMF; they are the message's first bytes (docs/differences.md).
            Continuation(tvb.Slice(nextOffset), pkt, node, st, table);
            return tvb.Length;
        }

        // The rest of the segment, a line at a time.
        offset = nextOffset;
        var dataField = isRequest ? PopFields.RequestData : PopFields.ResponseData;
        while (offset < tvb.Length)
        {
            TvbLines.FindLineEnd(tvb, offset, out int next, false);
            int n = pkt.AddObject(dataField, node, tvb, offset, next - offset, "");
            if (pkt.WantTree && n != node) pkt.Label(n, MailText.Format(tvb.Data[offset..next]));
            offset = next;
        }
        return tvb.Length;
    }

    /// <summary>Message bytes (a continuation segment, or the rest of the "+OK n octets" segment).</summary>
    private void Continuation(Tvb tvb, Packet pkt, int node, State st, DataTable table)
    {
        st.MsgReadLen += (uint)tvb.ReportedLength;
        bool more = st.MsgReadLen < st.MsgTotLen;
        if (!tvb.Has(0, tvb.ReportedLength))
        {
            // Cut by the snap length: Wireshark's fragment_add throws here; keep what is known.
            throw new DissectorException(DissectorErrorKind.Short);
        }
        var key = new FragmentKey(pkt.Src, pkt.Dst, st.Id, (pkt.SrcPort << 16) | pkt.DstPort);
        var result = table.Add(pkt, key, st.NextOffset, tvb.Data, more);
        st.NextOffset += tvb.Length;
        if (result.Completed is not { } done)
        {
            // With -2 the first pass knows which frame completes the message: tshark shows it on every piece before.
            if (result.ReassembledIn > 0)
                pkt.AddGenerated(PopFields.DataReassembledIn, node, (ulong)result.ReassembledIn);
            pkt.Fragmented = true;
            return;
        }
        st.NextOffset = 0;
        _imf ??= _tables?.ByName("imf");
        if (done.Fragments.Count == 1)
        {
            if (_imf is not null) pkt.Session.Call(_imf, tvb, pkt, -1);
        }
        else if (Reassembly.Process(pkt, node, result, Items, "Reassembled DATA", out var data, out int source, out _))
        {
            if (_imf is not null) pkt.Session.Call(_imf, new Tvb(data, 0, data.Length, source), pkt, -1);
        }
        st.MsgReadLen = 0;
        st.MsgTotLen = 0;
        pkt.Fragmented = false;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> prefix)
    {
        if (s.Length < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if ((s[i] | 0x20) != (prefix[i] | 0x20)) return false;
        return true;
    }

    /// <summary>The decimal number at the start of the text (after blanks), as strtoul reads it.</summary>
    private static bool TryLeadingNumber(ReadOnlySpan<byte> s, out uint value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && s[i] == ' ') i++;
        int start = i;
        ulong v = 0;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            v = v * 10 + (uint)(s[i] - '0');
            if (v > uint.MaxValue) return false;
            i++;
        }
        value = (uint)v;
        return i > start;
    }
}
