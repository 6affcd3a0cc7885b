using System.Buffers.Binary;

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

    /// <summary>"0x0800": a 16-bit type as the Protocol column shows a type nobody dissects.</summary>
    public static string Hex16(ushort v)
    {
        Span<char> b = stackalloc char[6];
        b[0] = '0';
        b[1] = 'x';
        v.TryFormat(b[2..], out _, "x4");
        return new string(b);
    }

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

    /// <summary>
    /// RFC 5952 form as Wireshark prints IPv6: the longest run of zero groups (the first if tied, at least two) becomes
    /// "::", and only IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses show a dotted quad.
    /// (System.Net.IPAddress also writes ISATAP addresses with a dotted quad, which Wireshark does not.)
    /// </summary>
    public static int FormatIPv6(ReadOnlySpan<byte> a, Span<char> d)
    {
        if (a.Length != 16) return FormatHex(a, d);
        Span<ushort> w = stackalloc ushort[8];
        for (int i = 0; i < 8; i++) w[i] = BinaryPrimitives.ReadUInt16BigEndian(a[(i * 2)..]);
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++)
        {
            if (w[i] == 0)
            {
                if (curBase < 0) { curBase = i; curLen = 1; }
                else curLen++;
                if (curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
            }
            else
            {
                curBase = -1;
            }
        }
        if (bestLen < 2) bestBase = -1;
        int p = 0;
        for (int i = 0; i < 8; i++)
        {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen)
            {
                if (i == bestBase) d[p++] = ':';
                continue;
            }
            if (i > 0) d[p++] = ':';
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)))
            {
                p += FormatIPv4(BinaryPrimitives.ReadUInt32BigEndian(a[12..]), d[p..]);
                return p;
            }
            w[i].TryFormat(d[p..], out int n, "x");
            p += n;
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) d[p++] = ':';
        return p;
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
