using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Format;

namespace Mako.Protocols.Imf;

/// <summary>
/// Text helpers shared by the mail dissectors: Wireshark's format_text (control characters as C escapes) and
/// format_text_wsp (white space as a blank), used for Info columns and tree labels.
/// </summary>
public static class MailText
{
    /// <summary>Appends <paramref name="bytes"/> as format_text shows them.</summary>
    public static void AppendFormatted(StringBuilder sb, ReadOnlySpan<byte> bytes, bool whitespaceAsBlank = false)
    {
        foreach (char c in Encoding.UTF8.GetString(bytes))
        {
            if (whitespaceAsBlank && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'))
            {
                sb.Append(' ');
                continue;
            }
            LabelFormatter.AppendEscapedChar(sb, c);
        }
    }

    public static string Format(ReadOnlySpan<byte> bytes, bool whitespaceAsBlank = false)
    {
        var sb = new StringBuilder(bytes.Length + 8);
        AppendFormatted(sb, bytes, whitespaceAsBlank);
        return sb.ToString();
    }

    /// <summary>Appends the formatted text to a column (allocates: call only when columns are wanted).</summary>
    public static void AppendFormatted(ColumnText col, ReadOnlySpan<byte> bytes, bool whitespaceAsBlank = false)
    {
        bool plain = true;
        foreach (byte b in bytes)
        {
            if (b < 0x20 || b >= 0x7f)
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            Span<char> buf = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) buf[i] = (char)bytes[i];
            col.Append(buf);
            return;
        }
        col.Append(Format(bytes, whitespaceAsBlank));
    }

    /// <summary>Wireshark's get_token_len: the token up to the first blank; <paramref name="next"/> skips the blanks after it.</summary>
    public static int TokenLength(ReadOnlySpan<byte> line, out int next)
    {
        int i = 0;
        while (i < line.Length && line[i] != ' ' && line[i] != '\r' && line[i] != '\n') i++;
        int tokenLen = i;
        while (i < line.Length && line[i] == ' ') i++;
        next = i;
        return tokenLen;
    }
}
