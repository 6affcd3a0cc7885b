using System.Buffers.Binary;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Incremental RIPEMD-160, written from the published specification because .NET on Linux does not offer it and
/// capinfos 4.0 prints it. Same shape as <see cref="System.Security.Cryptography.IncrementalHash"/>.
/// </summary>
internal sealed partial class Ripemd160
{
    public const int HashSize = 20;
    private const int StateLength = 13;

    // The five chaining values, then the eight non-zero round constants (left line rounds 2-5, right line rounds
    // 1-4), which Compress reads from here rather than as literals (see make-ripemd160.py).
    private readonly uint[] _h =
    [
        0, 0, 0, 0, 0,
        0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E,
        0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9,
    ];
    private readonly byte[] _pending = new byte[64];
    private int _pendingLength;
    private ulong _totalLength;

    public Ripemd160() => Reset();

    public void Reset()
    {
        _h[0] = 0x67452301;
        _h[1] = 0xEFCDAB89;
        _h[2] = 0x98BADCFE;
        _h[3] = 0x10325476;
        _h[4] = 0xC3D2E1F0;
        _pendingLength = 0;
        _totalLength = 0;
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        _totalLength += (ulong)data.Length;
        if (_pendingLength > 0)
        {
            int take = Math.Min(64 - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < 64) return;
            Compress(_h, _pending);
            _pendingLength = 0;
        }
        int whole = data.Length & ~63;
        if (whole > 0) Compress(_h, data[..whole]);
        data[whole..].CopyTo(_pending);
        _pendingLength = data.Length - whole;
    }

    /// <summary>Finishes the hash (MD4-style padding, bit length little-endian) and resets for reuse.</summary>
    public byte[] GetHashAndReset()
    {
        Span<byte> tail = stackalloc byte[128];
        _pending.AsSpan(0, _pendingLength).CopyTo(tail);
        tail[_pendingLength] = 0x80;
        int tailLength = _pendingLength < 56 ? 64 : 128;
        tail[(_pendingLength + 1)..tailLength].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(tail.Slice(tailLength - 8), _totalLength * 8);
        Compress(_h, tail[..tailLength]);

        var hash = new byte[HashSize];
        for (int i = 0; i < 5; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(hash.AsSpan(i * 4), _h[i]);
        Reset();
        return hash;
    }

    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var r = new Ripemd160();
        r.AppendData(data);
        return r.GetHashAndReset();
    }
}
