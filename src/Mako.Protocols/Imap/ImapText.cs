using Mako.Engine.Dissection;

namespace Mako.Protocols.Imap;

/// <summary>
/// The small text primitives tshark 4.0's IMAP dissector is built on, with their exact edge behaviour (they decide
/// which bytes become which field): tvb_get_token_len, a whitespace search bounded like tvb_ws_mempbrk, and the C
/// prefix comparisons (strncmp/g_ascii_strncasecmp with the token's length) that make "s" match "select".
/// </summary>
public static class ImapText
{
    /// <summary>
    /// tvb_get_token_len without desegmentation: the token at <paramref name="offset"/> runs to the first blank, CR or
    /// LF within <paramref name="len"/> bytes; <paramref name="next"/> is just past that one delimiter. With no
    /// delimiter the token is all <paramref name="len"/> bytes. A negative length searches the rest of the buffer
    /// (the C code's unsigned limit) and, when nothing is found, returns that negative length.
    /// </summary>
    public static int TokenLength(in Tvb tvb, int offset, int len, out int next)
    {
        if (len == -1) len = tvb.Length - offset;
        int eob = offset + len;
        int eot = FindAny(tvb, offset, len, " \r\n"u8);
        if (eot < 0)
        {
            next = eob;
            return len;
        }
        next = eot + 1;
        return eot - offset;
    }

    /// <summary>
    /// The first byte of <paramref name="set"/> at or after <paramref name="offset"/>, looking at most at
    /// <paramref name="max"/> bytes (a negative max means "to the end"), or -1. An offset past the data is a bounds
    /// error, as in compute_offset_and_remaining.
    /// </summary>
    public static int FindAny(in Tvb tvb, int offset, int max, ReadOnlySpan<byte> set)
    {
        if ((uint)offset > (uint)tvb.Length) throw new DissectorException(DissectorErrorKind.Malformed);
        int limit = tvb.Length - offset;
        if (max >= 0 && max < limit) limit = max;
        int i = tvb.Data.Slice(offset, limit).IndexOfAny(set);
        return i < 0 ? -1 : offset + i;
    }

    /// <summary>tvb_find_guint8: the first <paramref name="b"/> in [offset, offset+max) of the captured bytes.</summary>
    public static int Find(in Tvb tvb, int offset, int max, byte b)
    {
        if ((uint)offset > (uint)tvb.Length) throw new DissectorException(DissectorErrorKind.Malformed);
        int limit = tvb.Length - offset;
        if (max >= 0 && max < limit) limit = max;
        int i = tvb.Data.Slice(offset, limit).IndexOf(b);
        return i < 0 ? -1 : offset + i;
    }

    /// <summary>
    /// tvb_strncaseeql(tvb, offset, word, n): the first n bytes compared with <paramref name="word"/> as
    /// g_ascii_strncasecmp does (stopping at a NUL on either side), so a token that is a prefix of the word matches.
    /// </summary>
    public static bool PrefixIgnoreCase(in Tvb tvb, int offset, int n, ReadOnlySpan<byte> word)
    {
        if (n < 0 || !tvb.Has(offset, n)) return false;
        return CPrefix(tvb.Data.Slice(offset, n), word, ignoreCase: true);
    }

    /// <summary>strncmp(token, word, token.Length) on a lower-cased, NUL-terminated token.</summary>
    public static bool CPrefix(ReadOnlySpan<byte> token, ReadOnlySpan<byte> word, bool ignoreCase)
    {
        for (int i = 0; i < token.Length; i++)
        {
            int a = token[i];
            int b = i < word.Length ? word[i] : 0;
            if (a == 0 || b == 0) return a == b;
            if (ignoreCase)
            {
                a = Lower(a);
                b = Lower(b);
            }
            if (a != b) return false;
        }
        return true;
    }

    public static int Lower(int c) => c is >= 'A' and <= 'Z' ? c | 0x20 : c;

    /// <summary>tvb_get_string_enc(ENC_ASCII) as a C string: stops at a NUL, bytes above 0x7f become U+FFFD.</summary>
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        return string.Create(bytes.Length, bytes.ToArray(), static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++) dst[i] = src[i] < 0x80 ? (char)src[i] : '\uFFFD';
        });
    }

    /// <summary>
    /// The content of an RFC 3501 quoted string whose opening quote is just before <paramref name="rest"/>: up to
    /// the closing quote (or the end), a backslash taking the next character as it is.
    /// </summary>
    public static string QuotedString(ReadOnlySpan<byte> rest)
    {
        var sb = new System.Text.StringBuilder(rest.Length);
        for (int i = 0; i < rest.Length; i++)
        {
            byte b = rest[i];
            if (b == '"') break;
            if (b == '\\' && i + 1 < rest.Length) b = rest[++i];
            if (b == 0) break;
            sb.Append(b < 0x80 ? (char)b : '\uFFFD');
        }
        return sb.ToString();
    }

    /// <summary>
    /// ws_strtou32 over the ASCII text of a literal's size ("{123}"): optional leading white space, an optional
    /// sign after it (a minus wraps as strtoull does, so only "-0" survives), digits to the end of the string.
    /// </summary>
    public static bool TryParseSize(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        int nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        if (text.IsEmpty || text[0] == '-' || text[0] == '+') return false;
        int i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') i++;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }
        int digits = i;
        ulong v = 0;
        bool overflow = false;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            ulong d = (ulong)(text[i] - '0');
            if (v > (ulong.MaxValue - d) / 10) overflow = true;
            else v = v * 10 + d;
            i++;
        }
        if (i == digits || i != text.Length || overflow) return false;
        if (negative) v = unchecked(0UL - v);
        if (v > uint.MaxValue) return false;
        value = (uint)v;
        return true;
    }

    /// <summary>All <paramref name="n"/> bytes at the start are printable ASCII (tvb_ascii_isprint).</summary>
    public static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            if (b < 0x20 || b > 0x7e) return false;
        return true;
    }
}
