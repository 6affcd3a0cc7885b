using System.Buffers.Binary;
using System.Net;

namespace Mako.Engine.Dissection;

public enum AddressType : byte { None, Ether, IPv4, IPv6 }

/// <summary>A network address held inline (no allocation): Ethernet, IPv4 or IPv6. Used for columns and flow keys.</summary>
public readonly record struct Address(AddressType Type, ulong Hi, ulong Lo)
{
    public static readonly Address None = default;

    public static Address Ether(ReadOnlySpan<byte> mac6) =>
        new(AddressType.Ether, 0, (ulong)BinaryPrimitives.ReadUInt16BigEndian(mac6) << 32 | BinaryPrimitives.ReadUInt32BigEndian(mac6[2..]));

    public static Address IPv4(uint a) => new(AddressType.IPv4, 0, a);

    public static Address IPv6(ReadOnlySpan<byte> a16) =>
        new(AddressType.IPv6, BinaryPrimitives.ReadUInt64BigEndian(a16), BinaryPrimitives.ReadUInt64BigEndian(a16[8..]));

    /// <summary>Writes the usual textual form (no name resolution).</summary>
    public int Format(Span<char> dest)
    {
        switch (Type)
        {
            case AddressType.Ether:
                return Formatting.FormatEther(Lo, dest);
            case AddressType.IPv4:
                return Formatting.FormatIPv4((uint)Lo, dest);
            case AddressType.IPv6:
                Span<byte> b = stackalloc byte[16];
                BinaryPrimitives.WriteUInt64BigEndian(b, Hi);
                BinaryPrimitives.WriteUInt64BigEndian(b[8..], Lo);
                return Formatting.FormatIPv6(b, dest);
            default:
                return 0;
        }
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[64];
        return new string(buf[..Format(buf)]);
    }
}

/// <summary>Allocation-free formatting of addresses and numbers, in Wireshark's spellings.</summary>
public static class Formatting
{
    private const string HexLower = "0123456789abcdef";

    public static int FormatEther(ulong mac, Span<char> d)
    {
        int p = 0;
        for (int i = 5; i >= 0; i--)
        {
            byte b = (byte)(mac >> (i * 8));
            d[p++] = HexLower[b >> 4];
            d[p++] = HexLower[b & 0xF];
            if (i > 0) d[p++] = ':';
        }
        return p;
    }

    public static int FormatEther(ReadOnlySpan<byte> mac, Span<char> d)
    {
        int p = 0;
        for (int i = 0; i < mac.Length; i++)
        {
            if (i > 0) d[p++] = ':';
            d[p++] = HexLower[mac[i] >> 4];
            d[p++] = HexLower[mac[i] & 0xF];
        }
        return p;
    }

    public static int FormatIPv4(uint a, Span<char> d)
    {
        int p = 0;
        for (int i = 3; i >= 0; i--)
        {
            ((byte)(a >> (i * 8))).TryFormat(d[p..], out int w);
            p += w;
            if (i > 0) d[p++] = '.';
        }
        return p;
    }

    /// <summary>RFC 5952 form, as Wireshark prints IPv6 (embedded IPv4 for mapped/compat addresses, like inet_ntop).</summary>
    public static int FormatIPv6(ReadOnlySpan<byte> a, Span<char> d)
    {
        var ip = new IPAddress(a);
        ip.TryFormat(d, out int w);
        return w;
    }

    public static int FormatHex(ReadOnlySpan<byte> bytes, Span<char> d, char sep = '\0')
    {
        int p = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (sep != '\0' && i > 0) d[p++] = sep;
            d[p++] = HexLower[bytes[i] >> 4];
            d[p++] = HexLower[bytes[i] & 0xF];
        }
        return p;
    }

    public static string Hex(ReadOnlySpan<byte> bytes, char sep = '\0')
    {
        if (bytes.IsEmpty) return "";
        var buf = new char[bytes.Length * 3];
        return new string(buf, 0, FormatHex(bytes, buf, sep));
    }
}
