using System.Buffers.Binary;

namespace Mako.Protocols.Ip;

/// <summary>The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words.</summary>
public static class InetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (odd lengths pad with a zero byte).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) sum += (uint)data[i] << 8;
        // Fold often enough that the sum cannot overflow on any length we accept.
        return (sum & 0xffff) + (sum >> 16);
    }

    /// <summary>The checksum of a finished sum; 0 means a packet whose checksum field was included is valid.</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>
    /// What the checksum field should hold given the field's value and the checksum computed over the data including
    /// it (in_cksum_shouldbe): adding back the field's own contribution.
    /// </summary>
    public static ushort ShouldBe(ushort field, ushort computed)
    {
        uint s = (uint)field + computed;
        s = (s & 0xffff) + (s >> 16);
        s = (s & 0xffff) + (s >> 16);
        return (ushort)s;
    }
}
