using Mako.Engine.Dissection;

namespace Mako.Protocols.Imap;

public sealed partial class ImapDissector
{
    /// <summary>How many tokens after "*" are looked at for "FETCH" (NUM_LOOKAHEAD_TOKENS).</summary>
    private const int LookaheadTokens = 3;

    /// <summary>
    /// An untagged ("*") line: just an imap.line, unless one of its first three tokens is FETCH (or a prefix of
    /// it). A FETCH response is dissected only once its data is complete; returns false to ask for more.
    /// </summary>
    private bool UntaggedLine(Tvb tvb, Packet pkt, int parent, int node, int offset, ref int nextOffset, ref LineState line)
    {
        bool showLine = true;
        Span<int> starts = stackalloc int[LookaheadTokens];
        Span<int> ends = stackalloc int[LookaheadTokens];
        int count = 0, nextPattern = offset;
        do
        {
            int start = nextPattern + 1;
            nextPattern = ImapText.FindAny(tvb, start, nextOffset - start, " \t\r\n"u8);
            if (nextPattern > start)
            {
                starts[count] = start;
                ends[count] = nextPattern;
                count++;
            }
        } while (nextPattern != -1 && count < LookaheadTokens);

        if (count >= 2)
        {
            for (int i = 0; i < count; i++)
            {
                if (!ImapText.PrefixIgnoreCase(tvb, starts[i], ends[i] - starts[i], "FETCH"u8)) continue;
                if (Fetch(tvb, pkt, parent, node, ends[i], offset, ref nextOffset, ref line)) return false;
                showLine = false;
                break;
            }
        }
        if (showLine) Text(pkt, ImapFields.Line, node, tvb, offset, nextOffset - offset, IsAscii(tvb, offset, nextOffset - offset));
        return true;
    }

    /// <summary>
    /// dissect_imap_fetch: the data of a FETCH response is in parentheses. With a "{n}" literal, the response is
    /// complete once a ")" follows n bytes after the "}" (tshark counts from the brace, not from the literal's first
    /// byte); the n bytes after the line go to IMF and dissection continues after them. Without a literal the
    /// response is complete at the end of the line holding the "(". Both searches run to the end of the segment,
    /// not the line, as in tshark. Returns true when more data is needed.
    /// </summary>
    private bool Fetch(Tvb tvb, Packet pkt, int parent, int node, int fetchOffset, int offset, ref int nextOffset, ref LineState line)
    {
        int paren = ImapText.Find(tvb, fetchOffset, -1, (byte)'(');
        if (paren < 0) return true;
        int remainingSize = ReportedRemaining(tvb, paren + 1);
        if (remainingSize <= 0) return true;

        int sizeStart = ImapText.Find(tvb, paren, remainingSize, (byte)'{');
        if (sizeStart < 0)
        {
            if (TvbLines.FindLineEnd(tvb, paren, out int lineEnd, true) < 0) return true;
            nextOffset = lineEnd;
            Text(pkt, ImapFields.Line, node, tvb, offset, nextOffset - offset, IsAscii(tvb, offset, nextOffset - offset));
            return false;
        }

        int sizeEnd = ImapText.Find(tvb, sizeStart + 1, remainingSize - (sizeStart - paren), (byte)'}');
        if (sizeEnd <= 0) return true;
        if (!ImapText.TryParseSize(tvb.Data.Slice(sizeStart + 1, sizeEnd - sizeStart - 1), out uint size)) return true;

        // The C code adds an int and an unsigned size: keep its wrap-around.
        int after = unchecked((int)((uint)sizeEnd + size));
        int remaining = ReportedRemaining(tvb, after);
        if (remaining <= 0) return true;
        int from = after >= 0 ? after : tvb.Length + after;
        if (ImapText.Find(tvb, from, remaining, (byte)')') < 0) return true;

        Text(pkt, ImapFields.Line, node, tvb, offset, nextOffset - offset, IsAscii(tvb, offset, nextOffset - offset));
        // IMF sets the columns from here on.
        line.FirstLine = false;
        CallImf(tvb, pkt, parent, nextOffset, size);
        int end = unchecked(nextOffset + (int)size);
        if (end > nextOffset) nextOffset = end;
        return false;
    }

    /// <summary>Hands the literal [offset, offset+size) to IMF, as a sibling of the IMAP tree.</summary>
    private void CallImf(Tvb tvb, Packet pkt, int parent, int offset, uint size)
    {
        int reported = unchecked((int)size);
        if (reported < -1) throw new DissectorException(DissectorErrorKind.Malformed);
        if ((uint)offset > (uint)tvb.Length) throw new DissectorException(DissectorErrorKind.Short);
        int cap = tvb.Length - offset;
        if (reported >= 0 && reported < cap) cap = reported;
        if (reported == -1) reported = tvb.ReportedLength - offset;
        var literal = new Tvb(tvb.Data.Slice(offset, cap), tvb.Base + offset, reported, tvb.Source);
        _imf ??= _tables?.ByName("imf");
        if (_imf is not null) pkt.Session.Call(_imf, literal, pkt, parent);
    }

    /// <summary>tvb_reported_length_remaining, with the C convention that a negative offset counts from the end
    /// and an offset outside the data gives 0.</summary>
    private static int ReportedRemaining(in Tvb tvb, int offset)
    {
        int abs;
        if (offset >= 0)
        {
            if (offset > tvb.Length) return 0;
            abs = offset;
        }
        else
        {
            if (-(long)offset > tvb.Length) return 0;
            abs = tvb.Length + offset;
        }
        return tvb.ReportedLength >= abs ? tvb.ReportedLength - abs : 0;
    }
}
