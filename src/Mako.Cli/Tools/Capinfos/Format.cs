using System.Globalization;
using System.Text;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>Number and time formatting exactly as capinfos 4.0 prints it (C locale).</summary>
internal static class Format
{
    public enum Unit { None, Bytes, BitsPerSecond, BytesPerSecond, PacketsPerSecond }

    /// <summary>
    /// Wireshark's format_size with SI prefixes: the largest prefix that still leaves at least 10 units, integer
    /// division, no digit grouping (the C locale has none), and a long unit name only when no prefix is used.
    /// </summary>
    public static string Size(long size, Unit unit)
    {
        string[] prefix = [" T", " G", " M", " k"];
        const long p = 1000;
        string text;
        bool small = false;
        if (size / p / p / p / p >= 10) text = (size / p / p / p / p).ToString(CultureInfo.InvariantCulture) + prefix[0];
        else if (size / p / p / p >= 10) text = (size / p / p / p).ToString(CultureInfo.InvariantCulture) + prefix[1];
        else if (size / p / p >= 10) text = (size / p / p).ToString(CultureInfo.InvariantCulture) + prefix[2];
        else if (size / p >= 10) text = (size / p).ToString(CultureInfo.InvariantCulture) + prefix[3];
        else { text = size.ToString(CultureInfo.InvariantCulture); small = true; }

        text += unit switch
        {
            Unit.Bytes => small ? " bytes" : "B",
            Unit.BitsPerSecond => small ? " bits/s" : "bps",
            Unit.BytesPerSecond => small ? " bytes/s" : "Bps",
            Unit.PacketsPerSecond => small ? " packets/s" : "packets/s",
            _ => "",
        };
        return text.TrimEnd();
    }

    /// <summary>
    /// C's "%.2f": the exactly rounded value, with ties (possible only for multiples of 1/8) going to the even digit
    /// as glibc does, where .NET would round them away from zero.
    /// </summary>
    public static string Fixed2(double value)
    {
        double eighths = value * 8;
        if (value >= 0 && eighths < 1e15 && eighths == Math.Floor(eighths) && ((long)eighths & 1) == 1)
        {
            // value = n/8 with n odd: exactly halfway between two hundredths (x.125, x.375, x.625, x.875).
            long hundredths = (long)Math.Floor(value * 100);
            if ((hundredths & 1) == 1) hundredths++;
            return (hundredths / 100.0).ToString("F2", CultureInfo.InvariantCulture);
        }
        return value.ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>"%.*f" for the seconds part and the fractional digits of a precision, as relative_time_string.</summary>
    public static string RelativeTime(NsTime t, int prec, bool withUnit)
    {
        var sb = new StringBuilder();
        sb.Append(t.Secs.ToString(CultureInfo.InvariantCulture));
        AppendFraction(sb, t.Nsecs, prec);
        if (withUnit)
            sb.Append(t.Secs == 1 && t.Nsecs == 0 ? " second" : " seconds");
        return sb.ToString();
    }

    /// <summary>Local time "YYYY-MM-DD HH:MM:SS.fff" or, with -S, seconds since the epoch.</summary>
    public static string AbsoluteTime(NsTime t, int prec, bool asSeconds)
    {
        var sb = new StringBuilder();
        if (asSeconds)
        {
            sb.Append(t.Secs.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            DateTime local;
            try
            {
                local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(t.Secs), TimeZoneInfo.Local).DateTime;
            }
            catch (ArgumentOutOfRangeException)
            {
                return "Not representable";
            }
            sb.Append(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }
        AppendFraction(sb, t.Nsecs, prec);
        return sb.ToString();
    }

    private static void AppendFraction(StringBuilder sb, int nsecs, int prec)
    {
        if (prec is < 0 or > 9)
            prec = 9;
        if (prec == 0)
            return;
        int scaled = nsecs;
        for (int i = prec; i < 9; i++) scaled /= 10;
        sb.Append('.').Append(scaled.ToString(CultureInfo.InvariantCulture).PadLeft(prec, '0'));
    }
}
