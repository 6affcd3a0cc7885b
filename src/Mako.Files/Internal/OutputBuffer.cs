using System.Buffers.Binary;

namespace Mako.Files.Internal;

/// <summary>
/// A write buffer in front of a stream: writers format headers straight into <see cref="GetSpan"/> and large
/// payloads go through <see cref="Write"/>. One buffer, no per-record allocation.
/// </summary>
internal sealed class OutputBuffer(Stream stream, int size)
{
    private byte[] _buf = new byte[size];
    private int _len;

    public bool BigEndian { get; set; }

    /// <summary>Bytes written so far (flushed or not).</summary>
    public long Position { get; private set; }

    public Span<byte> GetSpan(int size)
    {
        if (_buf.Length - _len < size)
        {
            Flush();
            if (_buf.Length < size)
                _buf = new byte[size];
        }
        return _buf.AsSpan(_len, size);
    }

    public void Advance(int n)
    {
        _len += n;
        Position += n;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length <= _buf.Length - _len)
        {
            data.CopyTo(_buf.AsSpan(_len));
            Advance(data.Length);
            return;
        }
        Flush();
        if (data.Length >= _buf.Length / 2)
        {
            WriteThrough(data);
            Position += data.Length;
        }
        else
            Write(data);
    }

    public void Zeros(int n)
    {
        GetSpan(n)[..n].Clear();
        Advance(n);
    }

    public void U8(byte v)
    {
        GetSpan(1)[0] = v;
        Advance(1);
    }

    public void U16(ushort v)
    {
        var s = GetSpan(2);
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v); else BinaryPrimitives.WriteUInt16LittleEndian(s, v);
        Advance(2);
    }

    public void U32(uint v)
    {
        var s = GetSpan(4);
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v); else BinaryPrimitives.WriteUInt32LittleEndian(s, v);
        Advance(4);
    }

    public void U64(ulong v)
    {
        var s = GetSpan(8);
        if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(s, v); else BinaryPrimitives.WriteUInt64LittleEndian(s, v);
        Advance(8);
    }

    public void Flush()
    {
        if (_len == 0)
            return;
        int n = _len;
        _len = 0;
        WriteThrough(_buf.AsSpan(0, n));
    }

    private void WriteThrough(ReadOnlySpan<byte> data)
    {
        try
        {
            stream.Write(data);
        }
        catch (IOException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, "could not be written.", e.Message, inner: e);
        }
    }
}
