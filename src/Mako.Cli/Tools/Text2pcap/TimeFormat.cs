using System.Globalization;

namespace Mako.Cli.Tools.Text2pcap;

/// <summary>
/// text2pcap -t: strptime with glibc's rules for the common conversions (%Y %y %m %d %e %H %I %M %S %p %j %b %B %h
/// %a %A %T %D %R %n %t %%), plus %f for the digits of a fractional second; "ISO" means ISO 8601. Fields the format
/// does not give are today's (local time), and the result is read as local time, as mktime does.
/// </summary>
internal static class TimeFormat
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] Days = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    public static bool TryParse(string text, string format, out long seconds, out long nanoseconds)
    {
        seconds = nanoseconds = 0;
        if (format == "ISO")
        {
            if (Editcap.TimeArgs.ParseIso8601(text) is not { } ns)
                return false;
            seconds = Math.DivRem(ns, 1_000_000_000, out nanoseconds);
            return true;
        }
        var now = DateTime.Now;
        var tm = new Tm { Year = now.Year, Month = now.Month, Day = now.Day, Hour = now.Hour, Minute = now.Minute, Second = now.Second };
        int pos = 0;
        int f = format.LastIndexOf("%f", StringComparison.Ordinal);
        string head = f >= 0 ? format[..f] : format;
        if (!Strptime(text, ref pos, head, ref tm))
            return false;
        long frac = 0;
        if (f >= 0)
        {
            // strtol: optional blanks and sign, then digits; the count of characters used scales the value.
            int start = pos;
            int p = pos;
            while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
            bool neg = false;
            if (p < text.Length && text[p] is '+' or '-') neg = text[p++] == '-';
            int digits = p;
            while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
            if (p == digits)
                return false;
            string ds = text[digits..p];
            frac = ds.Length > 18 ? long.Parse(ds[..18], CultureInfo.InvariantCulture) : long.Parse(ds, CultureInfo.InvariantCulture);
            if (neg) frac = -frac;
            int len = p - start;
            for (int i = len; i > 9; i--) frac /= 10;
            for (int i = len; i < 9; i++) frac *= 10;
            pos = p;
            if (!Strptime(text, ref pos, format[(f + 2)..], ref tm))
                return false;
        }
        if (tm.YearDay > 0 && !tm.HaveMonthOrDay)
        {
            var d = new DateTime(tm.Year, 1, 1).AddDays(tm.YearDay - 1);
            tm.Month = d.Month;
            tm.Day = d.Day;
        }
        try
        {
            var local = new DateTime(tm.Year, 1, 1).AddMonths(tm.Month - 1).AddDays(tm.Day - 1)
                .AddHours(tm.Hour).AddMinutes(tm.Minute).AddSeconds(tm.Second);
            var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.Local);
            seconds = new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();
        }
        catch (ArgumentException)
        {
            return false;
        }
        nanoseconds = frac;
        return true;
    }

    private struct Tm
    {
        public int Year, Month, Day, Hour, Minute, Second, YearDay;
        public bool HaveMonthOrDay, Pm, HaveAmPm;
    }

    private static bool Strptime(string s, ref int p, string fmt, ref Tm tm)
    {
        int hour12 = -1;
        for (int i = 0; i < fmt.Length; i++)
        {
            char c = fmt[i];
            if (char.IsWhiteSpace(c))
            {
                while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
                continue;
            }
            if (c != '%' || i + 1 >= fmt.Length)
            {
                if (p >= s.Length || s[p] != c)
                    return false;
                p++;
                continue;
            }
            char conv = fmt[++i];
            if (conv is 'E' or 'O' && i + 1 < fmt.Length)
                conv = fmt[++i];
            int v;
            switch (conv)
            {
                case '%':
                    if (p >= s.Length || s[p] != '%') return false;
                    p++;
                    break;
                case 'n' or 't':
                    while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
                    break;
                case 'Y': if (!Number(s, ref p, 0, 9999, 4, out v)) return false; tm.Year = v; break;
                case 'y': if (!Number(s, ref p, 0, 99, 2, out v)) return false; tm.Year = v >= 69 ? 1900 + v : 2000 + v; break;
                case 'm': if (!Number(s, ref p, 1, 12, 2, out v)) return false; tm.Month = v; tm.HaveMonthOrDay = true; break;
                case 'd' or 'e': if (!Number(s, ref p, 1, 31, 2, out v)) return false; tm.Day = v; tm.HaveMonthOrDay = true; break;
                case 'H' or 'k': if (!Number(s, ref p, 0, 23, 2, out v)) return false; tm.Hour = v; hour12 = -1; break;
                case 'I' or 'l': if (!Number(s, ref p, 1, 12, 2, out v)) return false; hour12 = v % 12; tm.Hour = hour12; break;
                case 'M': if (!Number(s, ref p, 0, 59, 2, out v)) return false; tm.Minute = v; break;
                case 'S': if (!Number(s, ref p, 0, 61, 2, out v)) return false; tm.Second = v; break;
                case 'j': if (!Number(s, ref p, 1, 366, 3, out v)) return false; tm.YearDay = v; break;
                case 'p':
                    if (Word(s, ref p, "AM")) tm.Pm = false;
                    else if (Word(s, ref p, "PM")) tm.Pm = true;
                    else return false;
                    tm.HaveAmPm = true;
                    break;
                case 'b' or 'B' or 'h':
                    v = Name(s, ref p, Months);
                    if (v < 0) return false;
                    tm.Month = v + 1;
                    tm.HaveMonthOrDay = true;
                    break;
                case 'a' or 'A':
                    if (Name(s, ref p, Days) < 0) return false;
                    break;
                case 'T': if (!Strptime(s, ref p, "%H:%M:%S", ref tm)) return false; break;
                case 'R': if (!Strptime(s, ref p, "%H:%M", ref tm)) return false; break;
                case 'D': if (!Strptime(s, ref p, "%m/%d/%y", ref tm)) return false; break;
                default:
                    return false;
            }
        }
        if (tm.HaveAmPm && hour12 >= 0)
            tm.Hour = hour12 + (tm.Pm ? 12 : 0);
        return true;
    }

    // glibc's get_number: skips blanks, reads up to n digits while the value can still grow within range.
    private static bool Number(string s, ref int p, int from, int to, int n, out int value)
    {
        value = 0;
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        if (p >= s.Length || !char.IsAsciiDigit(s[p]))
            return false;
        do
        {
            value = value * 10 + (s[p++] - '0');
        }
        while (--n > 0 && value * 10 <= to && p < s.Length && char.IsAsciiDigit(s[p]));
        return value >= from && value <= to;
    }

    private static bool Word(string s, ref int p, string w)
    {
        if (p + w.Length > s.Length || string.Compare(s, p, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) != 0)
            return false;
        p += w.Length;
        return true;
    }

    // Full name or three-letter abbreviation, case-insensitive; returns the index or -1.
    private static int Name(string s, ref int p, string[] names)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0) continue;
            if (Word(s, ref p, names[i])) return i;
        }
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length >= 3 && Word(s, ref p, names[i][..3])) return i;
        }
        return -1;
    }
}
