namespace Mako.Engine.Dissection;

/// <summary>
/// A column's text built in a reused char buffer (no string per packet). Supports Wireshark's fence: text before the
/// fence survives a later <see cref="Set"/>/<see cref="Clear"/> by a higher layer. Like Wireshark's Info column
/// (COL_MAX_INFO_LEN), it holds at most <see cref="MaxLength"/> characters: what does not fit is dropped.
/// </summary>
public sealed class ColumnText
{
    /// <summary>Wireshark's 4096-byte Info buffer, less its terminating NUL.</summary>
    public const int MaxLength = 4095;

    private char[] _buf = new char[256];
    private int _len;
    private int _fence;

    public int Length => _len;
    public ReadOnlySpan<char> Span => _buf.AsSpan(0, _len);
    public override string ToString() => new(Span);

    public void Reset()
    {
        _len = 0;
        _fence = 0;
    }

    public void Clear() => _len = _fence;

    /// <summary>The text and fence, to put back after an inner dissection that must not change the column.</summary>
    public (string Text, int Fence) Snapshot() => (ToString(), _fence);

    public void Restore((string Text, int Fence) s)
    {
        _len = 0;
        _fence = 0;
        Append(s.Text);
        _fence = Math.Min(s.Fence, _len);
    }

    /// <summary>Everything written so far can no longer be cleared or replaced.</summary>
    public void Fence() => _fence = _len;

    public void Set(ReadOnlySpan<char> s)
    {
        _len = _fence;
        Append(s);
    }

    public void Append(ReadOnlySpan<char> s)
    {
        if (s.Length > MaxLength - _len) s = s[..Math.Max(0, MaxLength - _len)];
        Grow(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
    }

    public void Append(char c)
    {
        if (_len >= MaxLength) return;
        Grow(1);
        _buf[_len++] = c;
    }

    public void Append(long v)
    {
        Span<char> t = stackalloc char[24];
        v.TryFormat(t, out int w);
        Append(t[..w]);
    }

    public void Append(ulong v)
    {
        Span<char> t = stackalloc char[24];
        v.TryFormat(t, out int w);
        Append(t[..w]);
    }

    public void AppendHex(ulong v, int digits)
    {
        Append("0x");
        Span<char> t = stackalloc char[16];
        v.TryFormat(t, out int w, digits > 0 ? HexFormats[Math.Min(digits, 16)] : "x");
        Append(t[..w]);
    }

    private static readonly string[] HexFormats = Enumerable.Range(0, 17).Select(i => "x" + i).ToArray();

    public void Append(Address a)
    {
        Span<char> t = stackalloc char[48];
        Append(t[..a.Format(t)]);
    }

    /// <summary>Appends with a separator when the column is not empty after the fence (col_append_sep_str).</summary>
    public void AppendSep(string sep, ReadOnlySpan<char> s)
    {
        if (_len > _fence) Append(sep);
        Append(s);
    }

    /// <summary>Inserts at the start (col_prepend_fstr); a fence moves with the text it protects.</summary>
    public void Prepend(ReadOnlySpan<char> s)
    {
        Grow(s.Length);
        Array.Copy(_buf, 0, _buf, s.Length, _len);
        s.CopyTo(_buf);
        _len = Math.Min(_len + s.Length, MaxLength);
        if (_fence > 0) _fence = Math.Min(_fence + s.Length, _len);
    }

    /// <summary>Inserts at the start and fences it (col_prepend_fence_fstr).</summary>
    public void PrependFence(ReadOnlySpan<char> s)
    {
        Prepend(s);
        if (_fence < s.Length) _fence = Math.Min(s.Length, _len);
    }

    private void Grow(int n)
    {
        if (_len + n > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + n));
    }
}
