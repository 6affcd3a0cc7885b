using System.Globalization;

namespace Mako.Cli.Tools.Shared;

/// <summary>
/// Numeric option values parsed and rejected with the sentences Wireshark's tools print
/// (ui/clopts_common.c), e.g. "The specified packet count "x" isn't a decimal number".
/// </summary>
internal static class NumberArgs
{
    /// <summary>A 32-bit unsigned decimal, as get_guint32: a leading '-' is "not a decimal number".</summary>
    public static uint UInt32(string text, string what)
    {
        string s = text.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        int i = 0;
        if (i < s.Length && s[i] == '+') i++;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start || i != s.Length)
            throw new ToolError($"The specified {what} \"{text}\" isn't a decimal number");
        if (!ulong.TryParse(s.AsSpan(start), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) || v > uint.MaxValue)
            throw new ToolError($"The specified {what} \"{text}\" is too large (greater than {uint.MaxValue})");
        return (uint)v;
    }

    /// <summary>As <see cref="UInt32"/>, and zero is refused ("The specified packet count is zero").</summary>
    public static uint NonZeroUInt32(string text, string what)
    {
        uint v = UInt32(text, what);
        if (v == 0)
            throw new ToolError($"The specified {what} is zero");
        return v;
    }

    /// <summary>
    /// A non-negative double, as get_positive_double (strtod: trailing text ignored, no digits reads as 0).
    /// Infinity and NaN are refused: Wireshark accepts "1e400" and then loops forever creating files.
    /// </summary>
    public static double PositiveDouble(string text, string what)
    {
        double v = StrtodPrefix(text);
        if (v < 0)
            throw new ToolError($"The specified {what} \"{text}\" is a negative number");
        if (double.IsInfinity(v) || double.IsNaN(v))
            throw new ToolError($"The specified {what} \"{text}\" is too large");
        return v;
    }

    /// <summary>The value of the longest prefix of <paramref name="text"/> that is a decimal floating number (strtod).</summary>
    public static double StrtodPrefix(string text) => StrtodPrefix(text, out _);

    public static double StrtodPrefix(string text, out int consumed)
    {
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        int start = i;
        if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        }
        if (digits == 0)
        {
            consumed = 0;
            return 0;
        }
        int mantissaEnd = i;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            int expStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
            if (j > expStart) mantissaEnd = j;
        }
        consumed = mantissaEnd;
        return double.Parse(text.AsSpan(start, mantissaEnd - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>C strtol(text, &amp;end, 10): the value of the leading integer and how many characters it used (0 if none).</summary>
    public static long Strtol(string text, int from, out int end)
    {
        int i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        bool neg = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-')) { neg = text[i] == '-'; i++; }
        int digitsStart = i;
        long v = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (v < long.MaxValue / 10) v = v * 10 + (text[i] - '0');
            else v = long.MaxValue;
            i++;
        }
        if (i == digitsStart)
        {
            end = from;
            return 0;
        }
        end = i;
        return neg ? -v : v;
    }
}
