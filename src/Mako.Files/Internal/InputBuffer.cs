using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Mako.Files.Internal;

/// <summary>
/// A refillable window over a stream. Parsers ask for <c>n</c> contiguous bytes with <see cref="Ensure"/> and read
/// them from <see cref="Array"/> at <see cref="Offset"/>. The buffer grows only as bytes actually arrive, never to
/// a size a length field merely claims, so a corrupt 4 GB length cannot make us allocate 4 GB.
/// </summary>
internal sealed class InputBuffer : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buf;
    private int _pos;
    private int _end;
    private long _bufBase;   // stream offset of _buf[0]
    private bool _eof;

    public InputBuffer(Stream stream, bool leaveOpen, int initialSize)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buf = new byte[Math.Max(initialSize, 64)];
    }

    /// <summary>Offset in the (decompressed) stream of the next unread byte.</summary>
    public long Position => _bufBase + _pos;

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Available => _end - _pos;

    public byte[] Array => _buf;
    public int Offset => _pos;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Span(int length) => new(_buf, _pos, length);

    public bool CanSeek => _stream.CanSeek;

    /// <summary>True when at least <paramref name="n"/> bytes are buffered (reading more if needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Ensure(int n) => _end - _pos >= n || Fill(n);

    public void Advance(int n) => _pos += n;

    /// <summary>Hands back the bytes buffered so far (used to re-read them through a decompressor).</summary>
    public byte[] TakeBuffered()
    {
        var rest = _buf.AsSpan(_pos, _end - _pos).ToArray();
        _pos = _end;
        return rest;
    }

    /// <summary>Moves to an absolute offset (seekable streams only).</summary>
    public void Seek(long offset)
    {
        // The stream stays positioned just past the buffered bytes, so further reads may follow either way.
        _eof = false;
        if (offset >= _bufBase && offset <= _bufBase + _end)
        {
            _pos = (int)(offset - _bufBase);
            return;
        }
        _stream.Position = offset;
        _bufBase = offset;
        _pos = _end = 0;
        _eof = false;
    }

    private bool Fill(int n)
    {
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _end - _pos);
            _bufBase += _pos;
            _end -= _pos;
            _pos = 0;
        }
        while (_end < n)
        {
            if (_eof)
                return false;
            if (_end == _buf.Length)
            {
                // Everything buffered is real data, so doubling stays within twice what the file really holds.
                int grown = (int)Math.Min(Math.Max((long)_buf.Length * 2, 64), Math.Max(n, _buf.Length + 1));
                System.Array.Resize(ref _buf, grown);
            }
            int got = ReadStream(_buf, _end, _buf.Length - _end);
            if (got == 0)
            {
                _eof = true;
                return false;
            }
            _end += got;
        }
        return true;
    }

    private int ReadStream(byte[] buffer, int offset, int count)
    {
        try
        {
            return _stream.Read(buffer, offset, count);
        }
        catch (InvalidDataException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Corrupt, Errors.Decompress, e.Message, inner: e);
        }
        catch (IOException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, "could not be read.", e.Message, inner: e);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen)
            _stream.Dispose();
    }

    /// <summary>Wraps a stream whose first bytes were already consumed into a gzip decompressor.</summary>
    public static Stream Gunzip(byte[] prefix, Stream rest, bool leaveOpen)
        => new GZipStream(new PrefixedStream(prefix, rest, leaveOpen), CompressionMode.Decompress, leaveOpen: false);
}
