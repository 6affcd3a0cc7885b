using System.Globalization;
using System.Text;

namespace Mako.Cli.Stats;

/// <summary>printf-style helpers for tshark's statistics reports (C locale: no digit grouping).</summary>
internal static class StatText
{
    private static readonly string[] SiPrefix = [" T", " G", " M", " k"];

    /// <summary>
    /// Wireshark's format_size(size, FORMAT_SIZE_UNIT_BYTES, SI prefixes): below 10 kB the exact count and " bytes",
    /// otherwise the count divided (integer division) by the largest power of 1000 that leaves at least 10, with
    /// " kB", " MB", " GB" or " TB".
    /// </summary>
    public static string Bytes(ulong size)
    {
        const ulong P = 1000;
        if (size / P / P / P / P >= 10) return Unit(size / P / P / P / P, 0);
        if (size / P / P / P >= 10) return Unit(size / P / P / P, 1);
        if (size / P / P >= 10) return Unit(size / P / P, 2);
        if (size / P >= 10) return Unit(size / P, 3);
        return size.ToString(CultureInfo.InvariantCulture) + " bytes";
    }

    private static string Unit(ulong v, int prefix) => v.ToString(CultureInfo.InvariantCulture) + SiPrefix[prefix] + "B";

    /// <summary>printf("%-Ns", s): left-aligned, padded to <paramref name="width"/>, never cut.</summary>
    public static StringBuilder Left(this StringBuilder sb, string s, int width)
    {
        sb.Append(s);
        if (s.Length < width) sb.Append(' ', width - s.Length);
        return sb;
    }

    /// <summary>printf("%Ns", s) / "%Nd": right-aligned.</summary>
    public static StringBuilder Right(this StringBuilder sb, string s, int width)
    {
        if (s.Length < width) sb.Append(' ', width - s.Length);
        return sb.Append(s);
    }

    public static StringBuilder Right(this StringBuilder sb, ulong v, int width) =>
        sb.Right(v.ToString(CultureInfo.InvariantCulture), width);

    /// <summary>printf("%W.Pf", v): fixed point with <paramref name="decimals"/> digits, right-aligned.</summary>
    public static StringBuilder Fixed(this StringBuilder sb, double v, int width, int decimals) =>
        sb.Right(Fixed(v, decimals), width);

    /// <summary>
    /// C's "%.Nf": the exact binary value rounded to <paramref name="decimals"/> digits, ties to even (glibc), where
    /// .NET's "F" format rounds ties away from zero (0.03125 → "0.0312" in C, "0.0313" in .NET).
    /// </summary>
    public static string Fixed(double v, int decimals)
    {
        // .NET prints the exact binary expansion for long precisions, enough digits to see a true tie.
        string exact = v.ToString("F" + (decimals + 30).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int dot = exact.IndexOf('.');
        int keep = dot + 1 + decimals;
        char next = exact[keep];
        bool up = next > '5' || (next == '5' && (exact.AsSpan(keep + 1).IndexOfAnyExcept('0') >= 0 || IsOdd(exact, keep - 1)));
        string head = exact[..(decimals == 0 ? dot : keep)];
        if (!up) return head;
        // Round the kept digits up (away from zero, the sign stays in front).
        var chars = head.ToCharArray();
        int i = chars.Length - 1;
        for (; i >= 0; i--)
        {
            if (chars[i] == '.') continue;
            if (chars[i] == '-') break;
            if (chars[i] == '9')
            {
                chars[i] = '0';
                continue;
            }
            chars[i]++;
            return new string(chars);
        }
        var s = new string(chars);
        return s.StartsWith('-') ? "-1" + s[1..] : "1" + s;
    }

    private static bool IsOdd(string s, int i)
    {
        if (s[i] == '.') i--;
        return i >= 0 && char.IsAsciiDigit(s[i]) && ((s[i] - '0') & 1) == 1;
    }

    /// <summary>Wireshark's nstime_to_sec of a nanosecond count split as nstime_t (seconds and nanoseconds of the
    /// same sign).</summary>
    public static double Seconds(long ns) => (double)(ns / 1_000_000_000) + (double)(ns % 1_000_000_000) / 1e9;
}
