using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Protocols.Imf;

namespace Mako.Protocols.Imap;

/// <summary>
/// The Internet Message Access Protocol (RFC 3501), TCP port 143, as tshark 4.0 dissects it. A segment towards the
/// port holds requests, one from it responses. Each line becomes an "imap.line"; a line not starting with "*" is
/// split into tag, command (or status) and, for a few commands, folder / user name / password; a tagged response is
/// matched with the request of the same tag. An untagged FETCH response waits (TCP reassembly) until its closing
/// parenthesis has arrived; the first "{n}" literal in it is handed to IMF. After "STARTTLS" and an "OK", the
/// connection is TLS. Lines are found as Wireshark finds them: a line without its end waits for the next segment.
/// </summary>
public sealed partial class ImapDissector() : Dissector(ImapFields.Proto)
{
    private const int Port = 143;
    /// <summary>Bytes the TLS heuristic looks at (IMAP_HEUR_LEN).</summary>
    private const int HeurLength = 5;

    private DissectorTables? _tables;
    private Dissector? _imf, _tls;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("tcp.port", Port, this);
        tables.Register("imap", this);
        _tables = tables;
    }

    /// <summary>Per-connection state (imap_state_t plus the request table of the connection).</summary>
    private sealed class State
    {
        public bool SslRequested;
        /// <summary>How many more calls check for TLS before any STARTTLS was seen (ssl_heur_tries_left).</summary>
        public int HeurTriesLeft = 2;
        /// <summary>Frames after this one are TLS (ssl_starttls_ack / ssl_starttls_post_ack).</summary>
        public long TlsAfter = long.MaxValue;
        public readonly ImapRequests Requests = new();
        /// <summary>Scratch for the lower-cased tag of the current line.</summary>
        public char[] TagBuf = new char[32];
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        var conv = pkt.Session.State<ConversationTable>().FindOrCreate(pkt);
        var st = conv.GetOrAdd(ImapFields.Proto, static _ => new State());
        if (pkt.Number > st.TlsAfter) return CallTls(tvb, pkt, parent);

        pkt.EnterLayer(ImapFields.Proto);
        // The capture may start after STARTTLS: the first calls of a connection check for text first.
        if (st.HeurTriesLeft > 0)
        {
            st.HeurTriesLeft--;
            if (tvb.Has(0, HeurLength) && !ImapText.IsPrintable(tvb.Data[..HeurLength]))
            {
                st.HeurTriesLeft = 0;
                st.TlsAfter = pkt.Number - 1;
                return CallTls(tvb, pkt, parent);
            }
        }

        if (pkt.WantColumns) pkt.Protocol = "IMAP";
        bool isRequest = pkt.MatchUInt == pkt.DstPort;

        int linelen = TvbLines.FindLineEnd(tvb, 0, out int nextOffset, true);
        if (linelen < 0)
        {
            pkt.NeedOneMoreSegment(0);
            return tvb.Length;
        }

        int node = pkt.AddProtocol(ImapFields.Proto, parent, tvb, 0, -1);
        pkt.AddHidden(ImapFields.Isrequest, node, tvb, 0, 0, isRequest ? 1UL : 0UL);

        var line = new LineState { FirstLine = true, TagLength = -1 };
        int offset = 0;
        while (offset < tvb.Length)
        {
            linelen = TvbLines.FindLineEnd(tvb, offset, out nextOffset, true);
            if (linelen < 0)
            {
                // The rest waits for the next segment (dropped when TCP cannot reassemble).
                pkt.NeedOneMoreSegment(offset);
                return tvb.Length;
            }
            line.LineLength = linelen;
            if (tvb.Data[offset] == '*')
            {
                if (!UntaggedLine(tvb, pkt, parent, node, offset, ref nextOffset, ref line))
                {
                    pkt.NeedOneMoreSegment(offset);
                    return tvb.Length;
                }
            }
            else
            {
                TaggedLine(tvb, pkt, node, offset, linelen, nextOffset, isRequest, st, ref line);
            }
            offset = nextOffset;
        }

        // Only untagged lines: the Info column shows the start of the segment, as long as the last line was.
        if (line.FirstLine && pkt.WantColumns) SetInfo(pkt, isRequest, tvb.Data[..Math.Min(line.LineLength, tvb.Length)]);
        return tvb.Length;
    }

    /// <summary>What carries over from one line of a call to the next (the C locals that are not reset per line).</summary>
    private ref struct LineState
    {
        public bool FirstLine;
        public int LineLength;
        /// <summary>Length of the last tag seen in this call (in the state's TagBuf), -1 for none.</summary>
        public int TagLength;
    }

    private int CallTls(Tvb tvb, Packet pkt, int parent)
    {
        // As the POP and SMTP dissectors: TLS if there is a TLS dissector, otherwise the bytes are data, never IMAP.
        _tls ??= _tables?.ByName("tls");
        return _tls is not null ? pkt.Session.Call(_tls, tvb, pkt, parent) : pkt.Session.CallData(tvb, pkt, parent);
    }

    private static void SetInfo(Packet pkt, bool isRequest, ReadOnlySpan<byte> text)
    {
        pkt.Info.Set(isRequest ? "Request: " : "Response: ");
        MailText.AppendFormatted(pkt.Info, text);
    }
}
