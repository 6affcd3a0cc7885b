namespace Mako.Cli.Tools.Capinfos;

/// <summary>Seconds and non-negative nanoseconds, as Wireshark's nstime_t: its arithmetic decides what capinfos prints.</summary>
internal readonly record struct NsTime(long Secs, int Nsecs) : IComparable<NsTime>
{
    private const long NsPerSec = 1_000_000_000;

    public static NsTime FromNs(long ns)
    {
        long secs = Math.DivRem(ns, NsPerSec, out long rem);
        if (rem < 0) { secs--; rem += NsPerSec; }
        return new NsTime(secs, (int)rem);
    }

    /// <summary>nstime_to_sec: the double the rates are computed from.</summary>
    public double ToSeconds() => Secs + Nsecs / (double)NsPerSec;

    /// <summary>nstime_delta: a - b with the nanoseconds normalised into [0, 1e9).</summary>
    public static NsTime operator -(NsTime a, NsTime b)
    {
        long secs = a.Secs - b.Secs;
        int ns = a.Nsecs - b.Nsecs;
        if (ns < 0) { secs--; ns += (int)NsPerSec; }
        return new NsTime(secs, ns);
    }

    public int CompareTo(NsTime other)
        => Secs != other.Secs ? Secs.CompareTo(other.Secs) : Nsecs.CompareTo(other.Nsecs);

    public static bool operator <(NsTime a, NsTime b) => a.CompareTo(b) < 0;
    public static bool operator >(NsTime a, NsTime b) => a.CompareTo(b) > 0;
    public static bool operator <=(NsTime a, NsTime b) => a.CompareTo(b) <= 0;
    public static bool operator >=(NsTime a, NsTime b) => a.CompareTo(b) >= 0;
}
