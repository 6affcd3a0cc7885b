namespace Mako.Engine.Dissection;

/// <summary>Line finding for text protocols (Wireshark's tvb_find_line_end).</summary>
public static class TvbLines
{
    /// <summary>
    /// Finds the end of the line starting at <paramref name="offset"/>: a line ends at CR, LF or CRLF. Returns the
    /// line's length without its end, and in <paramref name="next"/> the offset after the end. With
    /// <paramref name="desegment"/>, a line without an end (or ending in a CR that is the last captured byte, whose
    /// LF may be in the next segment) returns -1 so the caller can ask for more data; without it, the rest of the
    /// captured bytes is the line.
    /// </summary>
    public static int FindLineEnd(in Tvb tvb, int offset, out int next, bool desegment)
    {
        var data = tvb.Data;
        if ((uint)offset > (uint)data.Length) offset = data.Length;
        var rest = data[offset..];
        int eol = rest.IndexOfAny((byte)'\r', (byte)'\n');
        if (eol < 0)
        {
            next = data.Length;
            if (desegment) return -1;
            return rest.Length;
        }
        int end = eol + 1;
        if (rest[eol] == '\r')
        {
            if (eol + 1 >= rest.Length)
            {
                if (desegment)
                {
                    next = data.Length;
                    return -1;
                }
            }
            else if (rest[eol + 1] == '\n') end++;
        }
        next = offset + end;
        return eol;
    }
}
