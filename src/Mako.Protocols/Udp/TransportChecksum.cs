using System.Buffers.Binary;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Udp;

/// <summary>
/// The Internet checksum (RFC 1071) over a TCP/UDP segment and its IPv4/IPv6 pseudo-header (RFC 768, RFC 793,
/// RFC 8200 §8.1). Returns 0 when the segment's checksum field is right, as Wireshark's in_cksum does.
/// </summary>
public static class TransportChecksum
{
    /// <summary>Computes the checksum of <paramref name="segment"/>; false when the addresses are not IP.</summary>
    public static bool TryCompute(Address src, Address dst, byte protocol, ReadOnlySpan<byte> segment, int pseudoLength, out ushort result)
    {
        ulong sum = 0;
        if (src.Type == AddressType.IPv4 && dst.Type == AddressType.IPv4)
        {
            sum += (src.Lo >> 16) + (src.Lo & 0xffff) + (dst.Lo >> 16) + (dst.Lo & 0xffff);
            sum += protocol;
            sum += (uint)pseudoLength;
        }
        else if (src.Type == AddressType.IPv6 && dst.Type == AddressType.IPv6)
        {
            sum += Fold(src.Hi) + Fold(src.Lo) + Fold(dst.Hi) + Fold(dst.Lo);
            sum += ((uint)pseudoLength >> 16) + ((uint)pseudoLength & 0xffff);
            sum += protocol;
        }
        else
        {
            result = 0;
            return false;
        }
        int i = 0;
        for (; i + 1 < segment.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(segment[i..]);
        if (i < segment.Length) sum += (uint)segment[i] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        result = (ushort)~sum;
        return true;
    }

    private static ulong Fold(ulong v) => (v >> 48) + (v >> 32 & 0xffff) + (v >> 16 & 0xffff) + (v & 0xffff);

    /// <summary>What the checksum field should have held (Wireshark's in_cksum_shouldbe, RFC 1624).</summary>
    public static ushort ShouldBe(ushort field, ushort computed)
    {
        // In one's complement, field + ~(rest + field) = ~rest, the value that makes the sum come out right.
        uint sum = (uint)field + computed;
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)sum;
    }
}
