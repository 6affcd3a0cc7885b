using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Mako.Engine.Dissection;

/// <summary>
/// The bytes a dissector works on (Wireshark's tvbuff): a captured slice of a data source plus the length the data
/// had on the wire. Offsets passed to the tree are absolute within the data source (<see cref="Base"/> + local offset).
/// Reads past the captured bytes throw: past the reported length the packet is malformed, otherwise it was cut by
/// the snap length — the engine turns both into Wireshark's markers, keeping everything decoded before.
/// </summary>
public readonly ref struct Tvb
{
    public readonly ReadOnlySpan<byte> Data;
    /// <summary>Absolute offset of Data[0] in the data source.</summary>
    public readonly int Base;
    /// <summary>Length on the wire (≥ Data.Length when the capture was snapped).</summary>
    public readonly int ReportedLength;
    public readonly int Source;

    public Tvb(ReadOnlySpan<byte> data, int @base, int reportedLength, int source = 0)
    {
        Data = data;
        Base = @base;
        ReportedLength = Math.Max(reportedLength, data.Length);
        Source = source;
    }

    public int Length => Data.Length;

    /// <summary>The rest from <paramref name="offset"/> (a new protocol layer).</summary>
    public Tvb Slice(int offset)
    {
        if ((uint)offset > (uint)Data.Length) Throw(offset, 0);
        return new Tvb(Data[offset..], Base + offset, ReportedLength - offset, Source);
    }

    /// <summary>A sub-buffer of <paramref name="length"/> reported bytes (may extend past what was captured).</summary>
    public Tvb Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Data.Length) Throw(offset, 0);
        if (length < 0 || offset + length > ReportedLength) ThrowReported();
        int cap = Math.Min(length, Data.Length - offset);
        return new Tvb(Data.Slice(offset, cap), Base + offset, length, Source);
    }

    /// <summary>Ensures bytes [offset, offset+length) exist; throws the right truncation kind if not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int offset, int length)
    {
        if ((uint)offset + (uint)length > (uint)Data.Length) Throw(offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int offset, int length) => (uint)offset + (uint)length <= (uint)Data.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte U8(int offset)
    {
        if ((uint)offset >= (uint)Data.Length) Throw(offset, 1);
        return Data[offset];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort U16(int offset)
    {
        Ensure(offset, 2);
        return BinaryPrimitives.ReadUInt16BigEndian(Data[offset..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort U16LE(int offset)
    {
        Ensure(offset, 2);
        return BinaryPrimitives.ReadUInt16LittleEndian(Data[offset..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint U24(int offset)
    {
        Ensure(offset, 3);
        return (uint)(Data[offset] << 16 | Data[offset + 1] << 8 | Data[offset + 2]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint U32(int offset)
    {
        Ensure(offset, 4);
        return BinaryPrimitives.ReadUInt32BigEndian(Data[offset..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint U32LE(int offset)
    {
        Ensure(offset, 4);
        return BinaryPrimitives.ReadUInt32LittleEndian(Data[offset..]);
    }

    public ulong U48(int offset)
    {
        Ensure(offset, 6);
        return (ulong)BinaryPrimitives.ReadUInt16BigEndian(Data[offset..]) << 32 | BinaryPrimitives.ReadUInt32BigEndian(Data[(offset + 2)..]);
    }

    public ulong U64(int offset)
    {
        Ensure(offset, 8);
        return BinaryPrimitives.ReadUInt64BigEndian(Data[offset..]);
    }

    public ReadOnlySpan<byte> Span(int offset, int length)
    {
        Ensure(offset, length);
        return Data.Slice(offset, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Throw(int offset, int length)
    {
        if (offset + (long)length > ReportedLength) ThrowReported();
        throw new DissectorException(DissectorErrorKind.Short);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReported() => throw new DissectorException(DissectorErrorKind.Malformed);
}

public enum DissectorErrorKind
{
    /// <summary>The bytes were cut by the snap length: "[Packet size limited during capture]".</summary>
    Short,
    /// <summary>A length field points past the packet's real end: "[Malformed Packet]".</summary>
    Malformed,
}

/// <summary>
/// Thrown by <see cref="Tvb"/> reads past the data. Wireshark unwinds dissection with exceptions in exactly these
/// cases; doing the same reproduces precisely what tshark shows for damaged packets (what decoded before stays, the
/// rest of the layers are skipped). Only damaged packets pay for it.
/// </summary>
public sealed class DissectorException(DissectorErrorKind kind, string? message = null) : Exception(message ?? kind.ToString())
{
    public DissectorErrorKind Kind { get; } = kind;
}
