using Mako.Files.Internal;

namespace Mako.Files.PcapNg;

/// <summary>
/// Walks a pcapng options list: code(2) length(2) value, padded to 4 bytes, ended by opt_endofopt (code 0) or by
/// the end of the block. A length that runs past the block is corruption, reported with Wireshark's wording.
/// </summary>
internal ref struct OptionReader(ReadOnlySpan<byte> options, bool bigEndian)
{
    private ReadOnlySpan<byte> _rest = options;

    public bool Next(out ushort code, out ReadOnlySpan<byte> value)
    {
        value = default;
        code = 0;
        if (_rest.IsEmpty)
            return false;
        if (_rest.Length < 4)
            Errors.ThrowCorrupt("pcapng: Not enough data for option header");
        code = Endian.U16(_rest, bigEndian);
        int len = Endian.U16(_rest[2..], bigEndian);
        if (code == 0)
            return false;
        if (len > _rest.Length - 4)
            Errors.ThrowCorrupt($"pcapng: Not enough data to handle option of length {len}");
        value = _rest.Slice(4, len);
        int padded = (len + 3) & ~3;
        _rest = padded > _rest.Length - 4 ? default : _rest[(4 + padded)..];
        return true;
    }
}
