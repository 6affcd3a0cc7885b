using System.Text;

namespace Mako.Protocols.MimeMultipart;

/// <summary>
/// Text helpers for MIME part headers (RFC 2045/2046), with the exact results tshark 4.0 gets: headers are unfolded
/// and compacted before their values are shown, and media-type parameters are looked up by name.
/// </summary>
public static class MimeHeaderText
{
    /// <summary>
    /// Bytes as Wireshark's ENC_ASCII reads them: bytes above 0x7f become U+FFFD; the text ends at a NUL, as the C
    /// string functions that read it afterwards stop there.
    /// </summary>
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes) sb.Append(b < 0x80 ? (char)b : '\uFFFD');
        return sb.ToString();
    }

    /// <summary>
    /// Unfolds a header (a line end followed by a blank continues it; any other line end stops it) and compacts the
    /// blanks: none around ':' ';' ',' '=' and at the end, one blank for any other run, quoted strings kept as they
    /// are. <paramref name="colon"/> is the index of the first
    /// ':' in the result, or -1.
    /// </summary>
    public static string UnfoldAndCompact(string lines, out int colon)
    {
        var q = new StringBuilder(lines.Length);
        bool separatorSeen = false, blank = false;
        colon = -1;
        int p = 0;
        int n = lines.Length;
        while (p < n)
        {
            char c = lines[p];
            if (c == ':' || c == ';' || c == ',' || c == '=')
            {
                blank = false;
                if (c == ':' && colon == -1) colon = q.Length;
                q.Append(c);
                separatorSeen = true;
                p++;
            }
            else if (c == ' ' || c == '\t')
            {
                blank = true;
                p++;
            }
            else if (c == '\n')
            {
                blank = false;
                if (p + 1 >= n) break;
                char d = lines[p + 1];
                if (d != ' ' && d != '\t') break;
                blank = true;
                p += 2;
            }
            else if (c == '\r')
            {
                blank = false;
                if (p + 1 >= n) break;
                char d = lines[p + 1];
                if (d == '\n')
                {
                    if (p + 2 >= n) break;
                    char e = lines[p + 2];
                    if (e != ' ' && e != '\t') break;
                    blank = true;
                    p += 3;
                }
                else if (d == ' ' || d == '\t')
                {
                    blank = true;
                    p += 2;
                }
                else break;
            }
            else if (c == '"')
            {
                // A quoted string goes over as it is, quotes included; a backslash takes the next character along.
                blank = false;
                q.Append(c);
                p++;
                while (p < n)
                {
                    char x = lines[p++];
                    q.Append(x);
                    if (x == '\\')
                    {
                        if (p < n) q.Append(lines[p++]);
                    }
                    else if (x == '"') break;
                }
            }
            else
            {
                if (separatorSeen) separatorSeen = false;
                else if (blank) q.Append(' ');
                blank = false;
                q.Append(c);
                p++;
            }
        }
        return q.ToString();
    }

    /// <summary>
    /// The value of parameter <paramref name="key"/> (case-insensitive) in "a=b; c="d"" text, unquoted; a bare value
    /// ends at the first character that cannot be in a token. As in tshark 4.0 (ws_find_media_type_parameter), when
    /// the name is not there the value of the LAST parameter is returned ("charset=us-ascii" yields a boundary
    /// "us-ascii"); null when there is no parameter or the last one has no value.
    /// </summary>
    public static string? FindParameter(string? parameters, string key)
    {
        if (string.IsNullOrEmpty(parameters) || key.Length == 0) return null;
        int p = 0;
        int n = parameters.Length;
        int valueStart = -1;
        while (p < n)
        {
            while (p < n && IsSpace(parameters[p])) p++;
            if (p >= n) return null;
            int name = p;
            while (p < n && parameters[p] != '=' && parameters[p] != ';') p++;
            int nameLen = p - name;
            int value = -1;
            if (p < n && parameters[p] == '=')
            {
                p++;
                value = p;
                if (p < n && parameters[p] == '"')
                {
                    p++;
                    while (p < n)
                    {
                        char c = parameters[p];
                        if (c == '"')
                        {
                            p++;
                            break;
                        }
                        if (c == '\\')
                        {
                            p++;
                            if (p >= n) break;
                        }
                        p++;
                    }
                }
                while (p < n && parameters[p] != ';') p++;
            }
            if (p < n) p++; // the ';'
            valueStart = value;
            if (nameLen == key.Length && string.Compare(parameters, name, key, 0, nameLen, StringComparison.OrdinalIgnoreCase) == 0)
                break;
        }
        if (valueStart < 0) return null;
        var sb = new StringBuilder();
        int v = valueStart;
        if (v < n && parameters[v] == '"')
        {
            v++;
            while (v < n)
            {
                char c = parameters[v];
                if (c == '"') break;
                if (c == '\\')
                {
                    v++;
                    if (v >= n) break;
                }
                sb.Append(parameters[v]);
                v++;
            }
        }
        else
        {
            while (v < n && IsTokenChar(parameters[v])) sb.Append(parameters[v++]);
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';

    private static bool IsTokenChar(char c) => c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0;
}
