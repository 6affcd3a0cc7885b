using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Icmp;
using Mako.Protocols.Ip;
using Mako.Protocols.Ipv6;

namespace Mako.Protocols.Icmpv6;

/// <summary>ICMPv6's per-capture echo tracker.</summary>
public sealed class Icmpv6EchoTracker : EchoTracker;

/// <summary>
/// Internet Control Message Protocol for IPv6 (RFC 4443), with Neighbor Discovery (RFC 4861), MLDv1 (RFC 2710) and
/// MLDv2 (RFC 3810).
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Message Body                          |
/// </code>
/// The checksum covers an IPv6 pseudo-header. Errors quote the offending packet, dissected as a nested IPv6 layer
/// while the columns keep describing the ICMPv6 message.
/// </summary>
public sealed class Icmpv6Dissector() : Dissector(Icmpv6Fields.Proto)
{
    static Icmpv6Dissector()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Icmpv6Experts).TypeHandle);
        // Declared with SEP_COLON in Wireshark: printed as aa:bb:cc... although FT_BYTES.
        Icmpv6Fields.OptLinkaddr.ByteSeparator = ':';
        Icmpv6Fields.OptSrcLinkaddr.ByteSeparator = ':';
        Icmpv6Fields.OptTargetLinkaddr.ByteSeparator = ':';
    }

    private Dissector? _ipv6;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 58, this);
        _ipv6 = tables.ByName("ipv6");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        var ip6 = Ipv6Chain.For(pkt);
        byte hopLimit = ip6?.HopLimit ?? 0;
        pkt.EnterLayer(Icmpv6Fields.Proto);
        // Columns and the protocol item come before the first read, as in Wireshark: an empty payload still shows
        // an (empty) ICMPv6 layer and the ICMPv6 Protocol column before the malformed mark.
        if (pkt.WantColumns)
        {
            pkt.Protocol = "ICMPv6";
            pkt.Info.Clear();
        }
        int node = pkt.AddProtocol(Icmpv6Fields.Proto, parent, tvb, 0, tvb.Length);
        byte type = tvb.U8(0);
        string typeStr = Icmpv6Fields.Type.Values!.Lookup(type) ?? $"Unknown ({type})";
        if (pkt.WantColumns) pkt.Info.Append(typeStr);
        pkt.Add(Icmpv6Fields.Type, node, tvb, 0, 1, type);
        byte code = tvb.U8(1);
        int codeNode = pkt.Add(Icmpv6Fields.Code, node, tvb, 1, 1, code);
        string? codeStr = Icmpv6Names.Code(type, code);
        if (codeStr is not null)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" (");
                pkt.Info.Append(codeStr);
                pkt.Info.Append(')');
            }
            if (pkt.WantTree) pkt.Label(codeNode, $"Code: {code} ({codeStr})");
        }
        bool teredoTest = pkt.PortType == PortType.Udp && pkt.DstPort == 3544 && type == 128;
        if (teredoTest && pkt.WantColumns)
        {
            pkt.Protocol = "Teredo";
            pkt.Info.Set("Direct IPv6 Connectivity Test");
        }
        Checksum(tvb, pkt, node);
        int offset = 4;

        if (type is 128 or 129)
        {
            ushort id = tvb.U16(4);
            pkt.Add(Icmpv6Fields.EchoIdentifier, node, tvb, 4, 2, id);
            ushort seq = tvb.U16(6);
            pkt.Add(Icmpv6Fields.EchoSequenceNumber, node, tvb, 6, 2, seq);
            offset = 8;
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" id=");
                pkt.Info.AppendHex(id, 4);
                pkt.Info.Append(", seq=");
                pkt.Info.Append((long)seq);
                if (ip6 is not null)
                {
                    pkt.Info.Append(", hop limit=");
                    pkt.Info.Append((long)hopLimit);
                }
            }
            if (teredoTest)
            {
                pkt.AddBytesChecked(Icmpv6Fields.Nonce, node, tvb, offset, 4);
            }
            else
            {
                if (!pkt.InErrorPacket) Echo(tvb, pkt, node, type, id, seq);
                pkt.Session.CallData(tvb.Slice(offset), pkt, node);
            }
        }

        switch (type)
        {
            case 1 or 3:
                {
                    byte origLen = tvb.U8(offset);
                    if (origLen != 0)
                    {
                        pkt.Add(Icmpv6Fields.Length, node, tvb, offset, 1, origLen);
                        pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset + 1, 3);
                    }
                    else
                    {
                        pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 4);
                    }
                    offset += 4;
                    Contained(tvb.Slice(offset), pkt, node);
                    if (origLen != 0) IcmpExtensions.Dissect(tvb.Slice(offset + 8 * origLen), pkt, node);
                    break;
                }
            case 2:
                pkt.Add(Icmpv6Fields.Mtu, node, tvb, offset, 4, tvb.U32(offset));
                Contained(tvb.Slice(offset + 4), pkt, node);
                break;
            case 4:
                pkt.Add(Icmpv6Fields.Pointer, node, tvb, offset, 4, tvb.U32(offset));
                Contained(tvb.Slice(offset + 4), pkt, node);
                break;
            case 128 or 129:
                break;
            case 130 or 131 or 132:
                Mld.Listener(tvb, offset, pkt, node, type);
                break;
            case 133:
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 4);
                NdOptions.Dissect(tvb, offset + 4, pkt, node, this);
                break;
            case 134:
                RouterAdvert(tvb, offset, pkt, node);
                break;
            case 135:
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 4);
                pkt.AddBytesChecked(Icmpv6Fields.NdNsTargetAddress, node, tvb, offset + 4, 16);
                if (pkt.WantColumns)
                {
                    pkt.Info.Append(" for ");
                    pkt.Info.Append(Address.IPv6(tvb.Span(offset + 4, 16)));
                }
                NdOptions.Dissect(tvb, offset + 20, pkt, node, this);
                break;
            case 136:
                NeighborAdvert(tvb, offset, pkt, node);
                break;
            case 137:
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 4);
                pkt.AddBytesChecked(Icmpv6Fields.NdRdTargetAddress, node, tvb, offset + 4, 16);
                pkt.AddBytesChecked(Icmpv6Fields.RdNaDestinationAddress, node, tvb, offset + 20, 16);
                NdOptions.Dissect(tvb, offset + 36, pkt, node, this);
                break;
            case 141 or 142:
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 4);
                NdOptions.Dissect(tvb, offset + 4, pkt, node, this);
                break;
            case 143:
                Mld.ReportV2(tvb, offset, pkt, node);
                break;
            case 144 or 146:
                pkt.Add(Icmpv6Fields.Mip6Identifier, node, tvb, offset, 2, tvb.U16(offset));
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset + 2, 2);
                break;
            case 145:
                pkt.Add(Icmpv6Fields.Mip6Identifier, node, tvb, offset, 2, tvb.U16(offset));
                pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset + 2, 2);
                for (int o = offset + 4; tvb.Length > o; o += 16)
                    pkt.AddBytesChecked(Icmpv6Fields.Mip6HomeAgentAddress, node, tvb, o, 16);
                break;
            default:
                if (tvb.ReportedLength > offset)
                    pkt.AddBytesChecked(Icmpv6Fields.Data, node, tvb, offset, tvb.Length - offset);
                break;
        }
        return tvb.ReportedLength;
    }

    /// <summary>Verified over the IPv6 pseudo-header when the whole message is here and not quoted or fragmented.</summary>
    private static void Checksum(in Tvb tvb, Packet pkt, int node)
    {
        ushort sum = tvb.U16(2);
        int n = pkt.Add(Icmpv6Fields.Checksum, node, tvb, 2, 2, sum);
        if (!pkt.Fragmented && tvb.Length >= tvb.ReportedLength && !pkt.InErrorPacket)
        {
            Span<byte> ph = stackalloc byte[40];
            int len = PseudoHeader(pkt, tvb.ReportedLength, ph);
            ushort computed = InetChecksum.Finish(InetChecksum.Add(InetChecksum.Add(0, ph[..len]), tvb.Data));
            bool good = computed == 0;
            int st = pkt.Add(Icmpv6Fields.ChecksumStatus, node, tvb, 2, 0, good ? 1UL : 0UL);
            if (st != node) pkt.Tree[st].Flags |= NodeFlags.Generated;
            if (good)
            {
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} [correct]");
            }
            else
            {
                ushort should = InetChecksum.ShouldBe(sum, computed);
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} incorrect, should be 0x{should:x4}");
                pkt.Expert(Icmpv6Experts.ChecksumBad, n, $"Bad checksum [should be 0x{should:x4}]");
            }
        }
        else
        {
            int st = pkt.Add(Icmpv6Fields.ChecksumStatus, node, tvb, 2, 0, 2);
            if (st != node) pkt.Tree[st].Flags |= NodeFlags.Generated;
            if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} [{(pkt.InErrorPacket ? "in ICMP error packet" : "fragmented datagram")}]");
        }
    }

    /// <summary>Source, destination (as the packet's addresses stand), upper-layer length and next header 58.</summary>
    private static int PseudoHeader(Packet pkt, int length, Span<byte> ph)
    {
        int p = WriteAddress(pkt.Src, ph);
        p += WriteAddress(pkt.Dst, ph[p..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ph[p..], (uint)length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ph[(p + 4)..], 58);
        return p + 8;
    }

    private static int WriteAddress(Address a, Span<byte> d)
    {
        if (a.Type == AddressType.IPv4)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(d, (uint)a.Lo);
            return 4;
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(d, a.Hi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(d[8..], a.Lo);
        return 16;
    }

    private static void Echo(in Tvb tvb, Packet pkt, int node, byte type, ushort id, ushort seq)
    {
        var tracker = pkt.Session.State<Icmpv6EchoTracker>();
        uint k1 = (uint)id << 16 | seq;
        ushort cksum = tvb.U16(2);
        if (type == 128)
        {
            uint k0 = cksum == 0xffff ? 0u : cksum;
            tracker.Request(pkt, k0, k1);
            EchoLookAhead.Request(pkt, node, Icmpv6Fields.RespIn, Icmpv6Fields.NoResp, Icmpv6Experts.RespNotFound,
                $"No response seen to ICMPv6 request in frame {pkt.Number}", pkt.Dst.Type == AddressType.IPv6 && pkt.Dst.Hi >> 56 == 0xff ? "multicast" : null);
            return;
        }
        // The request's checksum is the reply's plus 0x0100 (type 129 became 128), in one's complement.
        uint s = (uint)(ushort)~cksum + 0xfeffu;
        s = (s & 0xffff) + (s >> 16);
        s = (s & 0xffff) + (s >> 16);
        if (tracker.Reply(pkt, (ushort)~s, k1) is { } t)
        {
            EchoLookAhead.Answered(pkt, Icmpv6Fields.RespIn, t.RequestFrame);
            pkt.AddGenerated(Icmpv6Fields.RespTo, node, (ulong)t.RequestFrame);
            double ms = (pkt.TimestampNs - t.RequestTimeNs) / 1e6;
            int r = pkt.AddGenerated(Icmpv6Fields.Resptime, node, (ulong)BitConverter.DoubleToInt64Bits(ms));
            if (r != node && pkt.WantTree) pkt.Label(r, $"Response Time: {ms.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)} ms");
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" (request in ");
                pkt.Info.Append(t.RequestFrame);
                pkt.Info.Append(')');
            }
        }
    }

    /// <summary>dissect_contained_icmpv6: the quoted packet, as IPv6 when it looks like one, else data.</summary>
    internal void Contained(Tvb tvb, Packet pkt, int node)
    {
        bool saved = pkt.InErrorPacket;
        pkt.InErrorPacket = true;
        try
        {
            if (_ipv6 is not null && (tvb.U8(0) & 0xf0) == 0x60) QuotedPacket.Call(_ipv6, tvb, pkt, node);
            else pkt.Session.CallData(tvb, pkt, node);
        }
        finally
        {
            pkt.InErrorPacket = saved;
        }
    }

    private void RouterAdvert(in Tvb tvb, int offset, Packet pkt, int node)
    {
        pkt.Add(Icmpv6Fields.NdRaCurHopLimit, node, tvb, offset, 1, tvb.U8(offset));
        byte f = tvb.U8(offset + 1);
        int fl = pkt.Add(Icmpv6Fields.NdRaFlag, node, tvb, offset + 1, 1, f);
        FieldDef[] raFlags = [Icmpv6Fields.NdRaFlagM, Icmpv6Fields.NdRaFlagO, Icmpv6Fields.NdRaFlagH, Icmpv6Fields.NdRaFlagPrf, Icmpv6Fields.NdRaFlagP, Icmpv6Fields.NdRaFlagRsv];
        foreach (var b in raFlags) pkt.Add(b, fl, tvb, offset + 1, 1, f);
        if (fl != node && pkt.WantTree) pkt.Label(fl, BitmaskLabel.Make("Flags", f, 2, raFlags));
        pkt.Add(Icmpv6Fields.NdRaRouterLifetime, node, tvb, offset + 2, 2, tvb.U16(offset + 2));
        pkt.Add(Icmpv6Fields.NdRaReachableTime, node, tvb, offset + 4, 4, tvb.U32(offset + 4));
        pkt.Add(Icmpv6Fields.NdRaRetransTimer, node, tvb, offset + 8, 4, tvb.U32(offset + 8));
        NdOptions.Dissect(tvb, offset + 12, pkt, node, this);
    }

    private void NeighborAdvert(in Tvb tvb, int offset, Packet pkt, int node)
    {
        uint flags = tvb.U32(offset);
        int fl = pkt.Add(Icmpv6Fields.NdNaFlag, node, tvb, offset, 4, flags);
        FieldDef[] naFlags = [Icmpv6Fields.NdNaFlagR, Icmpv6Fields.NdNaFlagS, Icmpv6Fields.NdNaFlagO, Icmpv6Fields.NdNaFlagRsv];
        foreach (var b in naFlags) pkt.Add(b, fl, tvb, offset, 4, flags);
        if (fl != node && pkt.WantTree) pkt.Label(fl, BitmaskLabel.Make("Flags", flags, 8, naFlags));
        pkt.AddBytesChecked(Icmpv6Fields.NdNaTargetAddress, node, tvb, offset + 4, 16);
        if (pkt.WantColumns)
        {
            pkt.Info.Append(' ');
            pkt.Info.Append(Address.IPv6(tvb.Span(offset + 4, 16)));
            pkt.Info.Append(" (");
            bool any = false;
            if ((flags & 0x80000000) != 0) { pkt.Info.Append("rtr"); any = true; }
            if ((flags & 0x40000000) != 0) { pkt.Info.Append(any ? ", sol" : "sol"); any = true; }
            if ((flags & 0x20000000) != 0) { pkt.Info.Append(any ? ", ovr" : "ovr"); any = true; }
            if (!any) pkt.Info.Append("none");
            pkt.Info.Append(')');
        }
        NdOptions.Dissect(tvb, offset + 20, pkt, node, this);
    }
}
