namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// editcap -C: removes up to two byte regions from each packet, one given by positive lengths (counted from the
/// start, optionally after an offset) and one by negative lengths (counted back from the end, optionally before an
/// offset). The arithmetic follows editcap's, including how it clamps regions that do not fit.
/// </summary>
internal static class Chopper
{
    /// <summary>The sums of all -C values, split by sign as editcap keeps them.</summary>
    public struct Spec
    {
        public int LenBegin, OffBeginPos, OffBeginNeg, LenEnd, OffEndPos, OffEndNeg;

        public readonly bool IsEmpty => LenBegin == 0 && LenEnd == 0;

        /// <summary>Adds "[offset:]length" (as sscanf "%d:%d"); false if it does not start with a number.</summary>
        public bool Add(string arg)
        {
            if (!TryScan(arg, out int first, out int? second))
                return false;
            int off = second.HasValue ? first : 0;
            int len = second ?? first;
            if (len > 0)
            {
                LenBegin += len;
                if (off > 0) OffBeginPos += off; else OffBeginNeg += off;
            }
            else if (len < 0)
            {
                LenEnd += len;
                if (off > 0) OffEndPos += off; else OffEndNeg += off;
            }
            return true;
        }

        private static bool TryScan(string s, out int first, out int? second)
        {
            second = null;
            int i = 0;
            if (!ScanInt(s, ref i, out first))
                return false;
            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (ScanInt(s, ref i, out int b))
                    second = b;
            }
            return true;
        }

        private static bool ScanInt(string s, ref int i, out int value)
        {
            value = 0;
            int p = i;
            while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
            bool neg = false;
            if (p < s.Length && (s[p] == '+' || s[p] == '-')) neg = s[p++] == '-';
            int start = p;
            long v = 0;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                v = Math.Min(v * 10 + (s[p] - '0'), int.MaxValue);
                p++;
            }
            if (p == start)
                return false;
            value = (int)(neg ? -v : v);
            i = p;
            return true;
        }
    }

    /// <summary>
    /// Chops <paramref name="data"/> (the captured bytes) in place. Returns the new captured length and updates
    /// <paramref name="wireLength"/> when <paramref name="adjustLength"/> (-L) is set.
    /// </summary>
    public static int Apply(Spec c, Span<byte> data, ref uint wireLength, bool adjustLength)
    {
        int caplen = data.Length;
        // An offset means nothing without a length on that side.
        if (c.LenBegin == 0) c.OffBeginPos = c.OffBeginNeg = 0;
        if (c.LenEnd == 0) c.OffEndPos = c.OffEndNeg = 0;
        // Express the beginning region's offset from the start, the end region's from the end.
        if (c.OffBeginNeg < 0)
        {
            c.OffBeginPos += caplen + c.OffBeginNeg;
            c.OffBeginNeg = 0;
        }
        if (c.OffEndPos > 0)
        {
            c.OffEndNeg += c.OffEndPos - caplen;
            c.OffEndPos = 0;
        }
        // Regions given in the "wrong" order are swapped so that the first one comes first.
        if (c.LenBegin != 0 && c.LenEnd != 0 && c.OffBeginPos > caplen + c.OffEndNeg)
        {
            int tmpOff = caplen + c.OffEndNeg + c.LenEnd;
            int tmpLen = -c.LenEnd;
            c.OffEndNeg = c.LenBegin + c.OffBeginPos - caplen;
            c.LenEnd = -c.LenBegin;
            c.LenBegin = tmpLen;
            c.OffBeginPos = tmpOff;
        }
        // Never chop more than there is (unsigned comparisons, as editcap's).
        if ((uint)caplen < (uint)(c.OffBeginPos - c.OffEndNeg))
        {
            c.LenBegin = 0;
            c.LenEnd = 0;
        }
        if ((uint)(c.LenBegin - c.LenEnd) > (uint)caplen - (uint)(c.OffBeginPos - c.OffEndNeg))
        {
            c.LenBegin = caplen - (c.OffBeginPos - c.OffEndNeg);
            c.LenEnd = 0;
        }

        if (c.LenBegin > 0)
        {
            int start = Math.Max(c.OffBeginPos, 0);
            if (!Remove(data, ref caplen, start, c.LenBegin))
                return data.Length;
            if (adjustLength)
                wireLength = wireLength > (uint)c.LenBegin ? wireLength - (uint)c.LenBegin : 0;
        }
        if (c.LenEnd < 0)
        {
            int end = caplen + c.OffEndNeg;        // the region ends here
            if (!Remove(data, ref caplen, end + c.LenEnd, -c.LenEnd))
                return caplen;
            if (adjustLength)
                wireLength = (long)wireLength + c.LenEnd > 0 ? (uint)((long)wireLength + c.LenEnd) : 0;
        }
        return caplen;
    }

    /// <summary>Removes <paramref name="count"/> bytes at <paramref name="start"/>; false (nothing done) if out of range.</summary>
    private static bool Remove(Span<byte> data, ref int caplen, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > caplen)
            return false;
        data[(start + count)..caplen].CopyTo(data[start..]);
        caplen -= count;
        return true;
    }
}
