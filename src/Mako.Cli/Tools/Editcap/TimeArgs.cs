using System.Globalization;
using Mako.Cli.Tools.Shared;

namespace Mako.Cli.Tools.Editcap;

/// <summary>Parses editcap's time values: relative adjustments (-t, -S, -w) and absolute times (-A, -B).</summary>
internal static class TimeArgs
{
    private const long NsPerSec = 1_000_000_000;

    /// <summary>
    /// "[-]secs[.frac]" as editcap's -t/-S: a '-' sign, whole seconds (or nothing before a '.'), then up to nine
    /// fractional digits (more are truncated). Returns the magnitude in nanoseconds and the sign, or null if invalid.
    /// <paramref name="allowNegative"/> false means a leading '-' is silently ignored (-w).
    /// </summary>
    public static (long Ns, bool Negative)? ParseRelative(string arg, bool allowNegative = true)
        => ParseRelative(arg, allowNegative, out _);

    /// <param name="failedInFraction">True when the whole seconds were fine and the fraction was not
    /// (editcap -w words the two cases differently).</param>
    public static (long Ns, bool Negative)? ParseRelative(string arg, bool allowNegative, out bool failedInFraction)
    {
        failedInFraction = false;
        int i = 0;
        while (i < arg.Length && (arg[i] == ' ' || arg[i] == '\t')) i++;
        bool negative = false;
        if (i < arg.Length && arg[i] == '-')
        {
            negative = allowNegative;
            i++;
        }
        long secs = 0;
        int fracAt;
        if (i < arg.Length && arg[i] == '.')
        {
            fracAt = i;
        }
        else
        {
            secs = NumberArgs.Strtol(arg, i, out int end);
            if (end == i || secs < 0 || secs > long.MaxValue / NsPerSec - 1)
                return null;
            fracAt = end;
        }
        if (fracAt >= arg.Length)
            return (secs * NsPerSec, negative);
        failedInFraction = true;
        if (arg[fracAt] != '.')
            return null;
        // strtol after the '.': optional sign/space are accepted by C, digits then anything else ends it.
        long frac = NumberArgs.Strtol(arg, fracAt + 1, out int fracEnd);
        int digits = fracEnd - (fracAt + 1);
        if (digits > 9)
        {
            frac = NumberArgs.Strtol(arg[..(fracAt + 10)], fracAt + 1, out fracEnd);
            digits = 9;
        }
        if (frac < 0 || frac >= NsPerSec)
            return null;
        for (int d = digits; d < 9; d++)
            frac *= 10;
        failedInFraction = false;
        return (secs * NsPerSec + frac, negative);
    }

    /// <summary>
    /// An absolute time for -A/-B: ISO 8601 "YYYY-MM-DDThh:mm:ss[.nnnnnnnnn][Z|+-hh:mm]" (local time without a zone;
    /// a space may replace the 'T') or a Unix epoch "secs[.frac]". Returns nanoseconds since the epoch.
    /// </summary>
    public static long? ParseAbsolute(string arg)
    {
        return ParseIso8601(arg) ?? ParseEpoch(arg);
    }

    // Like Wireshark's unix_epoch_to_nstime, text after the number is ignored.
    private static long? ParseEpoch(string arg)
    {
        int i = 0;
        bool negative = false;
        if (i < arg.Length && (arg[i] == '+' || arg[i] == '-'))
            negative = arg[i++] == '-';
        int start = i;
        while (i < arg.Length && char.IsAsciiDigit(arg[i])) i++;
        if (i == start || i - start > 18)
            return null;
        long secs = long.Parse(arg.AsSpan(start, i - start), CultureInfo.InvariantCulture);
        long frac = 0;
        if (i < arg.Length && arg[i] == '.')
        {
            i++;
            int fs = i;
            while (i < arg.Length && char.IsAsciiDigit(arg[i])) i++;
            int digits = Math.Min(i - fs, 9);
            if (digits > 0)
                frac = long.Parse(arg.AsSpan(fs, digits), CultureInfo.InvariantCulture);
            for (int d = digits; d < 9; d++) frac *= 10;
        }
        long ns = secs * NsPerSec + frac;
        return negative ? -ns : ns;
    }

    internal static long? ParseIso8601(string s)
    {
        // YYYY-MM-DD[T ]hh:mm[:ss[.frac]][Z|+hh:mm|-hh:mm|+hhmm]
        int p = 0;
        if (!Digits(s, ref p, 4, out int year) || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out int month)
            || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out int day))
            return null;
        if (p >= s.Length || (s[p] != 'T' && s[p] != ' '))
            return null;
        p++;
        if (!Digits(s, ref p, 2, out int hour) || !Expect(s, ref p, ':') || !Digits(s, ref p, 2, out int minute))
            return null;
        int second = 0;
        long frac = 0;
        if (p < s.Length && s[p] == ':')
        {
            p++;
            if (!Digits(s, ref p, 2, out second))
                return null;
            if (p < s.Length && (s[p] == '.' || s[p] == ','))
            {
                p++;
                int fs = p;
                while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
                if (p == fs)
                    return null;
                frac = long.Parse(s.AsSpan(fs, Math.Min(p - fs, 9)), CultureInfo.InvariantCulture);
                for (int d = Math.Min(p - fs, 9); d < 9; d++) frac *= 10;
            }
        }
        TimeSpan? offset = null;
        if (p < s.Length)
        {
            if (s[p] == 'Z')
            {
                offset = TimeSpan.Zero;
                p++;
            }
            else if (s[p] == '+' || s[p] == '-')
            {
                int sign = s[p] == '-' ? -1 : 1;
                p++;
                if (!Digits(s, ref p, 2, out int oh))
                    return null;
                int om = 0;
                if (p < s.Length && s[p] == ':') p++;
                if (p + 2 <= s.Length && !Digits(s, ref p, 2, out om))
                    return null;
                offset = TimeSpan.FromMinutes(sign * (oh * 60 + om));
            }
            // Anything after the time is ignored, as Wireshark's iso8601_to_nstime does.
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 60)
            return null;
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        if (second == 60) local = local.AddSeconds(1);
        DateTimeOffset dto = offset is { } o ? new DateTimeOffset(local, o) : new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local));
        return dto.ToUnixTimeSeconds() * NsPerSec + frac;
    }

    private static bool Digits(string s, ref int p, int count, out int value)
    {
        value = 0;
        if (p + count > s.Length)
            return false;
        for (int i = 0; i < count; i++)
        {
            char c = s[p + i];
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        p += count;
        return true;
    }

    private static bool Expect(string s, ref int p, char c)
    {
        if (p >= s.Length || s[p] != c)
            return false;
        p++;
        return true;
    }
}
