namespace Mako.Files.PcapNg;

/// <summary>
/// Converts pcapng timestamp units to nanoseconds since the epoch. if_tsresol is 10^-n (bit 7 clear) or 2^-n
/// (bit 7 set); if_tsoffset adds whole seconds. Microseconds and nanoseconds (the common cases) avoid division.
/// </summary>
internal readonly struct TimestampScale
{
    private readonly long _mul;       // decimal: ns per unit when the unit is >= 1 ns
    private readonly ulong _div;      // decimal: units per ns when the unit is < 1 ns (0 = unused)
    private readonly int _shift;      // binary: 2^-shift seconds per unit (-1 = decimal)
    private readonly long _offsetNs;

    public TimestampScale(byte tsresol, long tsoffsetSeconds)
    {
        _offsetNs = unchecked(tsoffsetSeconds * 1_000_000_000L);
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0)
        {
            _shift = n;
            return;
        }
        _shift = -1;
        if (n <= 9)
            _mul = Pow10(9 - n);
        else
        {
            _mul = 0;
            _div = n - 9 <= 19 ? Pow10U(n - 9) : 0;   // finer than 10^-28 s: every value rounds to 0 ns
        }
    }

    /// <summary>The inverse of <see cref="ToNs"/>, rounding so that reading the units back gives the same nanoseconds.</summary>
    public ulong ToUnits(long ns)
    {
        long t = unchecked(ns - _offsetNs);
        if (_shift < 0)
        {
            if (_mul != 0)
                return unchecked((ulong)(t / _mul));
            return _div == 0 ? 0 : unchecked((ulong)t * _div);
        }
        // Round up: floor(ceil(t * 2^s / 1e9) * 1e9 / 2^s) == t whenever a unit is at least 1 ns.
        var scaled = (UInt128)(ulong)Math.Max(t, 0) << Math.Min(_shift, 64);
        return (ulong)((scaled + 999_999_999UL) / 1_000_000_000UL);
    }

    public long ToNs(ulong units)
    {
        if (_shift < 0)
        {
            if (_mul != 0)
                return unchecked((long)units * _mul + _offsetNs);
            return _div == 0 ? _offsetNs : unchecked((long)(units / _div) + _offsetNs);
        }
        // Binary fractions: units * 1e9 / 2^shift without overflow.
        var ns = ((UInt128)units * 1_000_000_000UL) >> Math.Min(_shift, 127);
        return unchecked((long)(ulong)ns + _offsetNs);
    }

    private static long Pow10(int e)
    {
        long r = 1;
        for (int i = 0; i < e; i++) r *= 10;
        return r;
    }

    private static ulong Pow10U(int e)
    {
        ulong r = 1;
        for (int i = 0; i < e; i++) r *= 10;
        return r;
    }
}
