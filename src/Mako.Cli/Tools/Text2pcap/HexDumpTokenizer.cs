namespace Mako.Cli.Tools.Text2pcap;

/// <summary>The tokens of text2pcap's scanner (ui/text_import_scanner.l).</summary>
internal enum Token { Byte, Offset, Directive, Text, Eol, Eof }

/// <summary>
/// Splits hex-dump text into text2pcap's tokens, with flex's rules: the longest match wins and, on equal length, the
/// earlier rule (byte, offset, mail-forward offset, ..., text). A byte is exactly two hex digits, an offset three or
/// more hex digits with an optional ':' (Wireshark 4.0 has no upper bound), anything else without blanks is text; "#TEXT2PCAP" lines are directives and
/// other lines starting with '#' are comments (seen as an end of line).
/// </summary>
internal static class HexDumpTokenizer
{
    /// <summary>Tokenizes one line (without its line break); <paramref name="hasNewline"/> says whether one followed.</summary>
    public static void Line(string line, bool hasNewline, Action<Token, string?> emit)
    {
        if (hasNewline)
        {
            if (line.StartsWith("#TEXT2PCAP", StringComparison.Ordinal))
            {
                emit(Token.Directive, line);
                emit(Token.Eol, null);
                return;
            }
            string trimmed = line.TrimStart(' ', '\t');
            if (trimmed.StartsWith('#'))
            {
                emit(Token.Eol, null);
                return;
            }
        }
        int p = 0;
        while (p < line.Length)
        {
            char c = line[p];
            if (c is ' ' or '\t' or '\r')
            {
                p++;
                continue;
            }
            int run = p;
            while (run < line.Length && line[run] is not (' ' or '\t' or '\r'))
                run++;
            int runLen = run - p;
            // Wireshark 4.0 accepts one '>' (a quoted mail) directly before an offset.
            int gt = line[p] == '>' ? 1 : 0;
            int h = HexRun(line, p + gt, run);
            int offLen = 0;
            if (h >= 3)
                offLen = h + (p + gt + h < run && line[p + gt + h] == ':' ? 1 : 0);
            if (gt > 0)
            {
                if (offLen > 0 && gt + offLen == runLen)
                    emit(Token.Offset, line.Substring(p + gt, offLen));
                else
                    emit(Token.Text, line.Substring(p, runLen));
            }
            else if (h >= 2 && runLen == 2)
                emit(Token.Byte, line.Substring(p, 2));
            else if (offLen > 0 && offLen == runLen)
                emit(Token.Offset, line.Substring(p, offLen));
            else
                emit(Token.Text, line.Substring(p, runLen));
            p = run;
        }
        if (hasNewline)
            emit(Token.Eol, null);
    }

    private static int HexRun(string s, int from, int to)
    {
        int i = from;
        while (i < to && char.IsAsciiHexDigit(s[i]))
            i++;
        return i - from;
    }
}
