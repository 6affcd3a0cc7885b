using System.Globalization;
using System.Text;

namespace Mako.Protocols.Icmp;

/// <summary>Wireshark's human durations ("2 hours, 30 minutes", "49.123 seconds") used in tree labels.</summary>
public static class TimeText
{
    public static string Seconds(long secs) => Format(secs, 0);

    public static string Milliseconds(long ms) => Format(ms / 1000, (int)(ms % 1000));

    private static string Format(long time, int frac)
    {
        if (time == 0 && frac == 0) return "0 seconds";
        var sb = new StringBuilder();
        if (time < 0)
        {
            sb.Append('-');
            time = -time;
        }
        long secs = time % 60;
        time /= 60;
        long mins = time % 60;
        time /= 60;
        long hours = time % 24;
        long days = time / 24;
        bool comma = false;
        void Part(long v, string unit)
        {
            if (comma) sb.Append(", ");
            sb.Append(v.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
            if (v != 1) sb.Append('s');
            comma = true;
        }
        if (days != 0) Part(days, "day");
        if (hours != 0) Part(hours, "hour");
        if (mins != 0) Part(mins, "minute");
        if (secs != 0 || frac != 0)
        {
            if (frac != 0)
            {
                if (comma) sb.Append(", ");
                sb.Append(secs.ToString(CultureInfo.InvariantCulture)).Append('.').Append(frac.ToString("D3", CultureInfo.InvariantCulture)).Append(" seconds");
            }
            else
            {
                Part(secs, "second");
            }
        }
        return sb.ToString();
    }
}
