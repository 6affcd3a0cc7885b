using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Ip;

/// <summary>
/// Internet Protocol version 4 (RFC 791).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |    DS field   |          Total Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Identification        |Flags|      Fragment Offset    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Source Address                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Destination Address                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options (IHL > 5)                          |
/// </code>
/// Like tshark 4.0 by default: header checksum not validated, TSO zero lengths accepted, fragments reassembled.
/// The payload is dispatched through "ip.proto"; the return value is the datagram's total length so that the link
/// layer can tell padding and trailers from the datagram.
/// </summary>
public sealed class IpDissector() : Dissector(IpFields.Proto)
{
    // Expert items register on first use of their class; force it before the field registry is built.
    static IpDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(IpExperts).TypeHandle);

    private const int MinHeader = 20;
    private UIntTable _ipProto = null!;
    private Dissector? _ipv6;

    public override IEnumerable<ProtocolDef> ExtraProtocols => IpOptions.All;

    public override void Handoff(DissectorTables tables)
    {
        // The ethertype and IP-in-IP entries are IPv4 proper (dissect_ip_v4); "ip" by name (ICMP's quoted packets,
        // Decode As) looks at the version first (dissect_ip).
        var v4 = new Ipv4Handle(this);
        tables.AddUInt("ethertype", 0x0800, v4);
        tables.AddUInt("ip.proto", 4, v4);
        _ipProto = tables.UInt("ip.proto");
        _ipv6 = tables.ByName("ipv6");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        byte b0 = tvb.U8(0);
        int version = b0 >> 4;
        if (version == 6 && _ipv6 is not null) return pkt.Session.Call(_ipv6, tvb, pkt, parent);
        if (version != 4) return BogusVersion(tvb, pkt, parent, version);
        return DissectV4(tvb, pkt, parent);
    }

    /// <summary>The handle the ethertype table holds: IPv4 without the version switch (Wireshark's ipv4_handle).</summary>
    private sealed class Ipv4Handle(IpDissector owner) : Dissector(IpFields.Proto)
    {
        public override int Dissect(Tvb tvb, Packet pkt, int parent) =>
            pkt.Session.IsEnabled(owner) ? owner.DissectV4(tvb, pkt, parent) : 0;
    }

    /// <summary>dissect_ip: neither 4 nor 6 in the version nibble.</summary>
    private static int BogusVersion(Tvb tvb, Packet pkt, int parent, int version)
    {
        pkt.EnterLayer(IpFields.Proto);
        int ip = pkt.AddProtocol(IpFields.Proto, parent, tvb, 0, 1);
        if (pkt.WantTree) pkt.Label(ip, $"Internet Protocol, bogus version ({version})");
        if (pkt.WantColumns)
        {
            pkt.Protocol = "IP";
            pkt.Info.Clear();
            pkt.Info.Append("Bogus IP version (");
            pkt.Info.Append((long)version);
            pkt.Info.Append(')');
        }
        int v = pkt.Add(IpFields.Version, ip, tvb, 0, 1, (ulong)version);
        if (pkt.WantTree) pkt.Label(v, $"{Bits.Pattern(tvb.U8(0), 0xf0, 8)} = Version: {version}");
        pkt.Expert(IpExperts.BogusVersionExpert, v);
        return 1;
    }

    private int DissectV4(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(IpFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "IPv4";
            pkt.Info.Clear();
        }
        byte b0 = tvb.U8(0);
        int hlen = (b0 & 0x0f) * 4;
        int ip = pkt.AddProtocol(IpFields.Proto, parent, tvb, 0, Math.Min(hlen, tvb.Length));
        int version = b0 >> 4;
        int n = pkt.Add(IpFields.Version, ip, tvb, 0, 1, (ulong)version);
        if (pkt.WantTree) pkt.Label(n, $"{Bits.Pattern(b0, 0xf0, 8)} = Version: {version}");
        if (version != 4)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append("Bogus IPv4 version (");
                pkt.Info.Append((long)version);
                pkt.Info.Append(", must be 4)");
            }
            pkt.Expert(IpExperts.BogusVersionExpert, n, "Bogus IPv4 version");
            // Some Linux cooked captures carry IPv6 under the IPv4 ethertype; Wireshark carries on with IPv6.
            if (version == 6 && _ipv6 is not null) pkt.Session.Call(_ipv6, tvb, pkt, parent);
            return tvb.Length;
        }
        n = pkt.Add(IpFields.HdrLen, ip, tvb, 0, 1, (ulong)hlen);
        if (pkt.WantTree) pkt.Label(n, $"{Bits.Pattern(b0, 0x0f, 8)} = Header Length: {hlen} bytes ({hlen >> 2})");
        if (hlen < MinHeader)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append("Bogus IP header length (");
                pkt.Info.Append((long)hlen);
                pkt.Info.Append(", must be at least 20)");
            }
            pkt.Expert(IpExperts.BogusHeaderLengthExpert, n, $"Bogus IP header length ({hlen}, must be at least 20)");
            return tvb.Length;
        }

        byte tos = tvb.U8(1);
        n = pkt.Add(IpFields.Dsfield, ip, tvb, 1, 1, tos);
        if (pkt.WantTree) pkt.Label(n, $"Differentiated Services Field: 0x{tos:x2} (DSCP: {DsField.DscpShort(tos >> 2)}, ECN: {DsField.EcnShort(tos & 3)})");
        pkt.Add(IpFields.DsfieldDscp, n, tvb, 1, 1, tos);
        pkt.Add(IpFields.DsfieldEcn, n, tvb, 1, 1, tos);

        int totalLen = tvb.U16(2);
        if (totalLen < hlen)
        {
            if (totalLen == 0)
            {
                // Wireshark assumes TCP segmentation offload and takes the length the frame gives.
                totalLen = tvb.ReportedLength;
                n = pkt.Add(IpFields.Len, ip, tvb, 2, 2, (ulong)totalLen);
                if (n != ip) pkt.Tree[n].Flags |= NodeFlags.Generated;
                if (pkt.WantTree) pkt.Label(n, $"Total Length: {totalLen} bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))");
            }
            else
            {
                if (pkt.WantColumns)
                {
                    pkt.Info.Append("Bogus IP length (");
                    pkt.Info.Append((long)totalLen);
                    pkt.Info.Append(", less than header length ");
                    pkt.Info.Append((long)hlen);
                    pkt.Info.Append(')');
                }
                n = pkt.Add(IpFields.Len, ip, tvb, 2, 2, (ulong)totalLen);
                if (pkt.WantTree) pkt.Label(n, $"Total Length: {totalLen} bytes (bogus, less than header length {hlen})");
                pkt.Expert(IpExperts.BogusLengthExpert, n);
                return tvb.Length;
            }
        }
        else
        {
            n = pkt.Add(IpFields.Len, ip, tvb, 2, 2, (ulong)totalLen);
            if (totalLen > tvb.ReportedLength)
            {
                if (!pkt.InErrorPacket)
                    pkt.Expert(IpExperts.BogusLengthExpert, n, $"IPv4 total length exceeds packet length ({tvb.ReportedLength} bytes)");
            }
            else
            {
                pkt.SetPayloadLength(tvb, totalLen);
                tvb = tvb.Slice(0, totalLen);
            }
        }

        ushort id = tvb.U16(4);
        n = pkt.Add(IpFields.Id, ip, tvb, 4, 2, id);
        if (pkt.WantTree) pkt.Label(n, $"Identification: 0x{id:x4} ({id})");
        ushort off = tvb.U16(6);
        byte flagsByte = (byte)(off >> 8);
        int fl = pkt.Add(IpFields.Flags, ip, tvb, 6, 1, flagsByte);
        if (pkt.WantTree) pkt.Label(fl, FlagsLabel(flagsByte));
        pkt.Add(IpFields.FlagsRb, fl, tvb, 6, 1, flagsByte);
        pkt.Add(IpFields.FlagsDf, fl, tvb, 6, 1, flagsByte);
        pkt.Add(IpFields.FlagsMf, fl, tvb, 6, 1, flagsByte);
        int fragOffset = (off & 0x1fff) * 8;
        n = pkt.Add(IpFields.FragOffset, ip, tvb, 6, 2, off);
        if (pkt.WantTree) pkt.Label(n, $"{Bits.Pattern(off, 0x1fff, 16)} = Fragment Offset: {fragOffset}");

        byte ttl = tvb.U8(8);
        int ttlNode = pkt.Add(IpFields.Ttl, ip, tvb, 8, 1, ttl);
        byte proto = tvb.U8(9);
        n = pkt.Add(IpFields.Proto_, ip, tvb, 9, 1, proto);
        ushort sum = tvb.U16(10);
        bool checksumOk = HeaderChecksum(tvb, pkt, ip, hlen, sum);

        uint src = tvb.U32(12);
        pkt.NetSrc = pkt.Src = Address.IPv4(src);
        AddAddress(pkt, ip, tvb, 12, src, IpFields.Src, IpFields.SrcHost);

        // With a source route option the final destination is the route's last address, not the header's.
        int dstOff = hlen > MinHeader ? IpOptions.DestinationOffset(tvb, MinHeader, hlen - MinHeader) : 0;
        uint dst = tvb.U32(16 + dstOff);
        pkt.NetDst = pkt.Dst = Address.IPv4(dst);
        CheckTtl(pkt, ttlNode, ttl, proto, dst);
        if (dstOff != 0)
        {
            uint cur = tvb.U32(16);
            pkt.Add(IpFields.CurRt, ip, tvb, 16, 4, cur);
            if (pkt.Wants(IpFields.CurRtHost))
                pkt.AddObject(IpFields.CurRtHost, ip, tvb, 16, 4, HostName(pkt, cur), NodeFlags.Hidden | NodeFlags.Generated);
        }
        else
        {
            AddAddress(pkt, ip, tvb, 16, dst, IpFields.Dst, IpFields.DstHost);
        }
        if (pkt.WantTree)
        {
            string label = $"Internet Protocol Version 4, Src: {Address.IPv4(src)}, Dst: {Address.IPv4(dst)}";
            if (dstOff != 0) label += $", Via: {Address.IPv4(tvb.U32(16))}";
            pkt.Label(ip, label);
        }

        if (hlen > MinHeader)
        {
            int optlen = hlen - MinHeader;
            int opts = pkt.AddText(ip, tvb, MinHeader, optlen, $"Options: ({optlen} bytes)");
            string? names = IpOptions.Dissect(tvb, MinHeader, optlen, pkt, opts, ttl);
            if (names is not null && opts != ip) pkt.Label(opts, $"Options: ({optlen} bytes), {names}");
        }

        return Payload(tvb, pkt, parent, ip, hlen, totalLen, id, off, proto, src, dst, checksumOk);
    }

    /// <summary>Per-capture view of the IPv4 preferences (read once from `-o`).</summary>
    private sealed class Prefs
    {
        public bool? CheckChecksum;
    }

    /// <summary>
    /// The header checksum: "validation disabled" by default as in tshark 4.0; verified with `-o ip.check_checksum:TRUE`
    /// when the whole header is present. Returns false only for a verified bad checksum (no reassembly then).
    /// </summary>
    private static bool HeaderChecksum(in Tvb tvb, Packet pkt, int ip, int hlen, ushort sum)
    {
        var prefs = pkt.Session.State<Prefs>();
        prefs.CheckChecksum ??= pkt.Session.Options.Preferences.TryGetValue("ip.check_checksum", out var v) &&
            (v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || v == "1");
        int n = pkt.Add(IpFields.Checksum, ip, tvb, 10, 2, sum);
        if (prefs.CheckChecksum == true && tvb.Has(0, hlen))
        {
            ushort computed = InetChecksum.Compute(tvb.Span(0, hlen));
            bool good = computed == 0;
            int st = pkt.Add(IpFields.ChecksumStatus, ip, tvb, 10, 0, good ? 1UL : 0UL);
            if (st != ip) pkt.Tree[st].Flags |= NodeFlags.Generated;
            ushort should = good ? sum : InetChecksum.ShouldBe(sum, computed);
            if (good)
            {
                if (pkt.WantTree) pkt.Label(n, $"Header Checksum: 0x{sum:x4} [correct]");
            }
            else
            {
                if (pkt.WantTree) pkt.Label(n, $"Header Checksum: 0x{sum:x4} incorrect, should be 0x{should:x4}(may be caused by \"IP checksum offload\"?)");
                pkt.Expert(IpExperts.ChecksumBad, n, $"Bad checksum [should be 0x{should:x4}]");
            }
            int c = pkt.Add(IpFields.ChecksumCalculated, ip, tvb, 10, 2, should);
            if (c != ip) pkt.Tree[c].Flags |= NodeFlags.Generated;
            return good;
        }
        if (pkt.WantTree)
            pkt.Label(n, $"Header Checksum: 0x{sum:x4} [{(prefs.CheckChecksum == true ? "not all data available" : "validation disabled")}]");
        int s2 = pkt.Add(IpFields.ChecksumStatus, ip, tvb, 10, 0, 2);
        if (s2 != ip) pkt.Tree[s2].Flags |= NodeFlags.Generated;
        return true;
    }

    private int Payload(Tvb tvb, Packet pkt, int parent, int ip, int hlen, int totalLen, ushort id, ushort off, byte proto, uint src, uint dst, bool checksumOk)
    {
        int used = Math.Min(totalLen, tvb.ReportedLength);
        int fragOffset = (off & 0x1fff) * 8;
        bool more = (off & 0x2000) != 0;
        bool savedFragmented = pkt.Fragmented;
        Tvb next = default;
        bool haveNext;
        bool updateInfo = true;
        int reassembledIn = 0;
        if ((more || fragOffset != 0) && totalLen > hlen && tvb.Has(hlen, totalLen - hlen) && checksumOk)
        {
            var key = new FragmentKey(Address.IPv4(src), Address.IPv4(dst), (uint)(id ^ proto) ^ src ^ dst, proto);
            var table = pkt.Session.State<Ipv4FragmentTable>();
            var result = table.Add(pkt, key, fragOffset, tvb.Span(hlen, totalLen - hlen), more);
            haveNext = Reassembly.Process(pkt, ip, result, Reassembly.Ipv4Items, "Reassembled IPv4", out var data, out int source, out updateInfo);
            if (haveNext) next = new Tvb(data, 0, data.Length, source);
            reassembledIn = result.ReassembledIn;
        }
        else if (fragOffset != 0)
        {
            haveNext = false;
        }
        else
        {
            next = tvb.Slice(hlen);
            haveNext = true;
            pkt.Fragmented = more;
        }

        if (!haveNext)
        {
            if (reassembledIn != 0 && reassembledIn != pkt.Number)   // known in the second pass of -2 only
                pkt.AddGenerated(IpFields.ReassembledIn, ip, (ulong)reassembledIn);
            if (pkt.WantColumns)
            {
                pkt.Info.Set("Fragmented IP protocol (proto=");
                pkt.Info.Append(IpProtoName(proto));
                pkt.Info.Append(' ');
                pkt.Info.Append((long)proto);
                pkt.Info.Append(", off=");
                pkt.Info.Append((long)fragOffset);
                pkt.Info.Append(", ID=");
                Span<char> hex = stackalloc char[4];
                id.TryFormat(hex, out _, "x4");
                pkt.Info.Append(hex);
                pkt.Info.Append(')');
                if (reassembledIn != 0 && reassembledIn != pkt.Number)
                {
                    pkt.Info.Append(" [Reassembled in #");
                    pkt.Info.Append((long)reassembledIn);
                    pkt.Info.Append(']');
                }
            }
            pkt.Session.CallData(tvb.Slice(hlen), pkt, parent);
            pkt.Fragmented = savedFragmented;
            return used;
        }

        if (next.ReportedLength > 0)
        {
            pkt.Session.State<Ipv4Context>().Set(pkt, tvb.U8(8));
            var d = pkt.Session.Lookup(_ipProto, proto);
            if (d is null || pkt.Session.Call(d, next, pkt, parent) == 0)
            {
                if (updateInfo && pkt.WantColumns)
                {
                    pkt.Info.Set(IpProtoName(proto));
                    pkt.Info.Append(" (");
                    pkt.Info.Append((long)proto);
                    pkt.Info.Append(')');
                }
                pkt.Session.CallData(next, pkt, parent);
            }
        }
        pkt.Fragmented = savedFragmented;
        return used;
    }

    /// <summary>ipprotostr(): the short name tshark shows in Info for an IP protocol number.</summary>
    public static string IpProtoName(uint proto) => IpFields.Proto_.Values!.Lookup(proto) ?? "Unknown";

    private static void AddAddress(Packet pkt, int ip, in Tvb tvb, int off, uint a, FieldDef field, FieldDef hostField)
    {
        pkt.Add(field, ip, tvb, off, 4, a);
        pkt.AddHidden(IpFields.Addr, ip, tvb, off, 4, a);
        if (pkt.Wants(hostField) || pkt.Wants(IpFields.Host))
        {
            string host = HostName(pkt, a);
            pkt.AddObject(hostField, ip, tvb, off, 4, host, NodeFlags.Hidden | NodeFlags.Generated);
            pkt.AddObject(IpFields.Host, ip, tvb, off, 4, host, NodeFlags.Hidden | NodeFlags.Generated);
        }
    }

    /// <summary>get_hostname(): without network name resolution (tshark's default), the dotted quad.</summary>
    public static string HostName(Packet pkt, uint a) => Address.IPv4(a).ToString();

    /// <summary>RFC 3171: packets to 224.0.0.0/24 must not be routed (TTL 1 or 255 for some); others with TTL below 5 look odd.</summary>
    private static void CheckTtl(Packet pkt, int ttlNode, byte ttl, byte proto, uint dst)
    {
        if ((dst & 0xffffff00) == 0xe0000000)
        {
            int valid = proto == 2 ? 1 : dst switch
            {
                0xE0000012 or 0xE0000066 or 0xE00000FB => 255, // VRRP, GLBP, mDNS
                0xE00000FC => -1, // LLMNR: any TTL
                _ => 1,
            };
            if (valid >= 0 && ttl != valid)
                pkt.Expert(IpExperts.TtlLncbExpert, ttlNode, $"\"Time To Live\" != {valid} for a packet sent to the Local Network Control Block (see RFC 3171)");
        }
        else if (ttl < 5 && (dst & 0xf0000000) != 0xe0000000 && proto != 103 && proto != 89)
        {
            pkt.Expert(IpExperts.TtlTooSmallExpert, ttlNode, $"\"Time To Live\" only {ttl}");
        }
    }

    private static string FlagsLabel(byte b)
    {
        int v = (b & 0xe0) >> 5;
        string s = $"{Bits.Pattern(b, 0xe0, 8)} = Flags: 0x{v:x}";
        if ((b & 0x80) != 0) s += ", Reserved bit";
        if ((b & 0x40) != 0) s += ", Don't fragment";
        if ((b & 0x20) != 0) s += ", More fragments";
        return s;
    }
}
