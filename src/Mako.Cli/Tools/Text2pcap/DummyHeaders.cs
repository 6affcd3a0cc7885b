using System.Buffers.Binary;
using System.Net;

namespace Mako.Cli.Tools.Text2pcap;

/// <summary>
/// The headers text2pcap puts in front of each packet (-e, -i, -4/-6, -u, -T, -s, -S): Ethernet
/// 20:53:45:4e:44:00 ("SEND") to 20:52:45:43:56:00 ("RECV"), IPv4 (id 0x1234, TTL 255, 10.1.1.1 to 10.2.2.2 unless
/// given), IPv6 (hop limit 32), UDP, TCP (window 0x2000; ACK and sequence numbers per direction with -D), SCTP
/// (CRC32c) with an optional DATA chunk; Ethernet frames are padded to 60 bytes. Outbound packets (-D "O") swap
/// addresses and ports.
/// </summary>
internal sealed class DummyHeaders
{
    public bool Ethernet, Ip, Ipv6, Udp, Tcp, Sctp, DataChunk;
    public uint EtherType;
    public byte IpProto;
    public uint Ip4Src, Ip4Dst;            // network order as read from the dotted quad; 0 = default
    public byte[] Ip6Src = new byte[16], Ip6Dst = new byte[16];
    public uint SrcPort, DstPort, Tag, Ppi;

    private static readonly byte[] EthDest = [0x20, 0x52, 0x45, 0x43, 0x56, 0x00];
    private static readonly byte[] EthSrc = [0x20, 0x53, 0x45, 0x4E, 0x44, 0x00];
    private const uint DefaultSrc = 0x0A010101, DefaultDst = 0x0A020202;

    private uint _tcpInSeq, _tcpOutSeq;
    private uint _tsn;
    private ushort _ssn;
    // The IPv6 addresses persist between packets, as text2pcap's static header does.
    private readonly byte[] _ip6HdrSrc = new byte[16], _ip6HdrDst = new byte[16];

    public bool Any => Ethernet || Ip || Ipv6 || Udp || Tcp || Sctp;

    /// <summary>
    /// Builds the frame: headers, then <paramref name="payload"/>, then padding. <paramref name="first"/> says the
    /// payload starts an input packet, <paramref name="cont"/> that it continues in the next frame (SCTP B/E bits).
    /// </summary>
    public byte[] Build(ReadOnlySpan<byte> payload, bool outbound, bool hasDirection, bool first, bool cont)
    {
        int len = payload.Length;
        int pad = DataChunk ? (4 - len % 4) % 4 : 0;
        int prefix = (DataChunk ? 16 : 0) + (Sctp ? 12 : 0) + (Udp ? 8 : 0) + (Tcp ? 20 : 0);
        int protoLen = prefix + len;
        int ipPayload = prefix + len + pad;
        if (Ip) prefix += 20;
        if (Ipv6) prefix += 40;
        if (Ethernet) prefix += 14;
        int trailer = Ethernet && prefix + len < 60 ? 60 - (prefix + len) : 0;
        var buf = new byte[prefix + len + pad + trailer];
        payload.CopyTo(buf.AsSpan(prefix));
        int at = 0;

        if (Ethernet)
        {
            (outbound ? EthSrc : EthDest).CopyTo(buf, 0);
            (outbound ? EthDest : EthSrc).CopyTo(buf, 6);
            BinaryPrimitives.WriteUInt16BigEndian(buf.AsSpan(12), (ushort)EtherType);
            at = 14;
        }
        Span<byte> pseudo = stackalloc byte[40];
        int pseudoLen = 0;
        if (Ip)
        {
            var h = buf.AsSpan(at, 20);
            uint src = Ip4Src != 0 ? Ip4Src : DefaultSrc, dst = Ip4Dst != 0 ? Ip4Dst : DefaultDst;
            if (outbound)
            {
                src = Ip4Dst != 0 ? Ip4Dst : DefaultDst;
                dst = Ip4Src != 0 ? Ip4Src : DefaultSrc;
            }
            h[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)(20 + ipPayload));
            BinaryPrimitives.WriteUInt16BigEndian(h[4..], 0x1234);
            h[8] = 0xff;
            h[9] = IpProto;
            BinaryPrimitives.WriteUInt32BigEndian(h[12..], src);
            BinaryPrimitives.WriteUInt32BigEndian(h[16..], dst);
            BinaryPrimitives.WriteUInt16BigEndian(h[10..], Checksum(h, 0));
            h[12..20].CopyTo(pseudo);
            pseudo[9] = IpProto;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)protoLen);
            pseudoLen = 12;
            at += 20;
        }
        else if (Ipv6)
        {
            var h = buf.AsSpan(at, 40);
            var s = outbound ? Ip6Dst : Ip6Src;
            var d = outbound ? Ip6Src : Ip6Dst;
            if (s.AsSpan().IndexOfAnyExcept((byte)0) >= 0) s.CopyTo(_ip6HdrSrc, 0);
            if (d.AsSpan().IndexOfAnyExcept((byte)0) >= 0) d.CopyTo(_ip6HdrDst, 0);
            h[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(h[4..], (ushort)ipPayload);
            h[6] = IpProto;
            h[7] = 32;
            _ip6HdrSrc.CopyTo(h[8..]);
            _ip6HdrDst.CopyTo(h[24..]);
            h[8..40].CopyTo(pseudo);
            BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], (uint)protoLen);
            pseudo[39] = IpProto;
            pseudoLen = 40;
            at += 40;
        }
        ushort sport = (ushort)(outbound ? DstPort : SrcPort), dport = (ushort)(outbound ? SrcPort : DstPort);
        if (Udp)
        {
            var h = buf.AsSpan(at, 8);
            BinaryPrimitives.WriteUInt16BigEndian(h, sport);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], dport);
            BinaryPrimitives.WriteUInt16BigEndian(h[4..], (ushort)protoLen);
            uint sum = Sum(pseudo[..pseudoLen], Sum(buf.AsSpan(at, 8 + len), 0));
            BinaryPrimitives.WriteUInt16BigEndian(h[6..], Fold(sum));
            at += 8;
        }
        if (Tcp)
        {
            var h = buf.AsSpan(at, 20);
            BinaryPrimitives.WriteUInt16BigEndian(h, sport);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], dport);
            BinaryPrimitives.WriteUInt32BigEndian(h[4..], outbound ? _tcpInSeq : _tcpOutSeq);
            if (hasDirection)
            {
                BinaryPrimitives.WriteUInt32BigEndian(h[8..], outbound ? _tcpOutSeq : _tcpInSeq);
                h[13] = 0x10;
            }
            h[12] = 0x50;
            BinaryPrimitives.WriteUInt16BigEndian(h[14..], 0x2000);
            uint sum = Sum(pseudo[..pseudoLen], Sum(buf.AsSpan(at, 20 + len), 0));
            BinaryPrimitives.WriteUInt16BigEndian(h[16..], Fold(sum));
            if (outbound) _tcpInSeq += (uint)len; else _tcpOutSeq += (uint)len;
            at += 20;
        }
        if (Sctp)
        {
            var h = buf.AsSpan(at, 12);
            BinaryPrimitives.WriteUInt16BigEndian(h, sport);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], dport);
            BinaryPrimitives.WriteUInt32BigEndian(h[4..], Tag);
            if (DataChunk)
            {
                var c = buf.AsSpan(at + 12, 16);
                c[1] = (byte)((first ? 0x02 : 0) | (cont ? 0 : 0x01));
                BinaryPrimitives.WriteUInt16BigEndian(c[2..], (ushort)(len + 16));
                BinaryPrimitives.WriteUInt32BigEndian(c[4..], _tsn++);
                BinaryPrimitives.WriteUInt16BigEndian(c[10..], _ssn);
                BinaryPrimitives.WriteUInt32BigEndian(c[12..], Ppi);
                if (!cont) _ssn++;
            }
            // CRC32c over the common header (checksum zero), the chunk header and the padded payload.
            int end = at + 12 + (DataChunk ? 16 : 0) + len + pad;
            uint crc = ~Crc32c.Update(0xFFFFFFFF, buf.AsSpan(at, end - at));
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], crc);
        }
        return buf;
    }

    /// <summary>The one's complement of the one's complement sum (RFC 1071), as in_cksum returns it.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum) => Fold(Sum(data, sum));

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += (uint)(data[i] << 8 | data[i + 1]);
        if (i < data.Length)
            sum += (uint)(data[i] << 8);
        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    public static bool TryParseIPv4(string s, out uint addr)
    {
        addr = 0;
        var parts = s.Split('.');
        if (parts.Length != 4)
            return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || int.Parse(part) > 255)
                return false;
            addr = addr << 8 | uint.Parse(part);
        }
        return true;
    }

    public static bool TryParseIPv6(string s, byte[] dest)
    {
        if (!s.Contains(':') || !IPAddress.TryParse(s, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || s.Contains('%'))
            return false;
        ip.GetAddressBytes().CopyTo(dest, 0);
        return true;
    }
}

/// <summary>CRC-32C (Castagnoli), reflected, as SCTP uses it.</summary>
internal static class Crc32c
{
    private static readonly uint[] Table = Build();

    private static uint[] Build()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
