using System.Buffers.Binary;
using System.Text;

namespace Mako.Files.PcapNg;

/// <summary>Collects a block's options (code, length, value, padding) in a reusable buffer, then the end marker.</summary>
internal sealed class OptionBuilder
{
    private byte[] _buf = new byte[256];

    public int Length { get; private set; }
    public bool BigEndian { get; set; }
    public ReadOnlySpan<byte> Span => _buf.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void Add(ushort code, ReadOnlySpan<byte> value)
    {
        int len = Math.Min(value.Length, ushort.MaxValue);
        int padded = (len + 3) & ~3;
        var s = Reserve(4 + padded);
        Put16(s, code);
        Put16(s[2..], (ushort)len);
        value[..len].CopyTo(s[4..]);
        s[(4 + len)..].Clear();
    }

    public void AddString(ushort code, string? text)
    {
        if (text is null)
            return;
        Span<byte> small = stackalloc byte[256];
        int n = Encoding.UTF8.GetByteCount(text);
        var v = n <= small.Length ? small[..n] : new byte[n];
        Encoding.UTF8.GetBytes(text, v);
        Add(code, v);
    }

    public void AddU8(ushort code, byte v) => Add(code, [v]);

    public void AddU32(ushort code, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        Add(code, b);
    }

    public void AddU64(ushort code, ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        Add(code, b);
    }

    /// <summary>pcapng timestamps: high 32 bits then low 32 bits, each in the section's byte order.</summary>
    public void AddTimestamp(ushort code, ulong units)
    {
        Span<byte> b = stackalloc byte[8];
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)(units >> 32));
            BinaryPrimitives.WriteUInt32BigEndian(b[4..], (uint)units);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)(units >> 32));
            BinaryPrimitives.WriteUInt32LittleEndian(b[4..], (uint)units);
        }
        Add(code, b);
    }

    public void AddAll(List<PcapngOption> options)
    {
        foreach (var o in options)
            Add(o.Code, o.Value);
    }

    /// <summary>Appends opt_endofopt when any option was added (an empty list is written as nothing).</summary>
    public void End()
    {
        if (Length == 0)
            return;
        Reserve(4).Clear();
    }

    private Span<byte> Reserve(int n)
    {
        if (_buf.Length - Length < n)
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, Length + n));
        var s = _buf.AsSpan(Length, n);
        Length += n;
        return s;
    }

    private void Put16(Span<byte> s, ushort v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v); else BinaryPrimitives.WriteUInt16LittleEndian(s, v);
    }
}
