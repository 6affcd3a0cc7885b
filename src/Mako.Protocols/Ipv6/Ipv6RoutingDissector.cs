using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Ipv6;

/// <summary>
/// IPv6 Routing header (RFC 8200 section 4.4), next header 43.
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Next Header  |  Hdr Ext Len  |  Routing Type | Segments Left |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// .                       type-specific data                      .
/// </code>
/// Types: 0 source route (RFC 2460, deprecated by RFC 5095), 2 Mobile IPv6 (RFC 6275), 3 RPL (RFC 6554),
/// 4 Segment Routing (RFC 8754), 5/6 compact routing. While segments are left, the packet's real destination is
/// in the header, so the Destination column shows it (as Wireshark does).
/// </summary>
public sealed class Ipv6RoutingDissector() : Dissector(Ipv6RoutingFields.Proto)
{
    // Expert items register on first use of their class; force it before the field registry is built.
    static Ipv6RoutingDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Ipv6RoutingExperts).TypeHandle);

    private UIntTable _ipProto = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 43, this);
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ipv6RoutingFields.Proto);
        if (pkt.WantColumns) pkt.Info.AppendSep(" , ", "IPv6 routing");
        byte nxt = tvb.U8(0);
        byte hdrLen = tvb.U8(1);
        int total = (hdrLen + 1) * 8;
        int root = Ipv6Dissector.Root(pkt, parent, total);
        int rt = pkt.AddProtocol(Ipv6RoutingFields.Proto, root, tvb, 0, Math.Min(total, tvb.Length));
        int n = pkt.Add(Ipv6RoutingFields.Nxt, rt, tvb, 0, 1, nxt);
        if (pkt.WantTree) pkt.Label(n, $"Next Header: {Ip.IpDissector.IpProtoName(nxt)} ({nxt})");
        int lenNode = pkt.Add(Ipv6RoutingFields.Len, rt, tvb, 1, 1, hdrLen);
        n = pkt.Add(Ipv6RoutingFields.LenOct, rt, tvb, 1, 1, (ulong)total);
        if (n != rt)
        {
            pkt.Tree[n].Flags |= NodeFlags.Generated;
            if (pkt.WantTree) pkt.Label(n, $"Length: {total} bytes");
        }
        byte type = tvb.U8(2);
        int typeNode = pkt.Add(Ipv6RoutingFields.Type, rt, tvb, 2, 1, type);
        if (pkt.WantTree)
            pkt.Label(rt, $"{Ipv6RoutingFields.Proto.Name} ({Ipv6RoutingFields.Type.Values!.Lookup(type) ?? $"Unknown type {type}"})");
        byte segLeft = tvb.U8(3);
        int segNode = pkt.Add(Ipv6RoutingFields.Segleft, rt, tvb, 3, 1, segLeft);

        var data = tvb.Slice(4, total - 4);
        var h = new Header(hdrLen, type, segLeft, lenNode, typeNode, segNode);
        switch (type)
        {
            case 0:
                SourceRoute(data, pkt, rt, h);
                break;
            case 2:
                Mobile(data, pkt, rt, h);
                break;
            case 3:
                Rpl(data, pkt, rt, h);
                break;
            case 4:
                SegmentRouting(data, pkt, rt, h);
                break;
            case 5:
            case 6:
                Compact(data, pkt, rt, h);
                break;
            default:
                int u = pkt.AddBytesChecked(Ipv6RoutingFields.UnknownData, rt, tvb, 4, total - 4);
                pkt.Expert(Ipv6RoutingExperts.UndecodedExpert, u);
                break;
        }
        Ipv6Dissector.DissectNext(nxt, tvb.Slice(total), pkt, parent, _ipProto);
        return tvb.Length;
    }

    private readonly record struct Header(byte Len, byte Type, byte SegLeft, int LenNode, int TypeNode, int SegNode);

    private static int VectorAddress(Packet pkt, int parent, FieldDef f, in Tvb tvb, int offset, int length, ReadOnlySpan<byte> addr, int index)
    {
        int n;
        if (length == 16 && addr.Length == 16 && tvb.Has(offset, 16) && tvb.Span(offset, 16).SequenceEqual(addr)) n = pkt.AddBytesChecked(f, parent, tvb, offset, 16);
        else n = pkt.AddObject(f, parent, tvb, offset, length, addr.ToArray());
        if (n != parent && pkt.WantTree) pkt.Label(n, $"Address[{index}]: {Address.IPv6(addr)}");
        return n;
    }

    private static bool IsMulticast(ReadOnlySpan<byte> a) => a[0] == 0xff;

    private static void SourceRoute(in Tvb tvb, Packet pkt, int rt, in Header h)
    {
        pkt.AddBytesChecked(Ipv6RoutingFields.SrcReserved, rt, tvb, 0, 4);
        tvb.Ensure(0, 4);
        if (h.Len % 2 != 0)
            pkt.Expert(Ipv6RoutingExperts.InvalidLengthExpert, h.LenNode, "IPv6 Routing Header extension header length must not be odd");
        int count = h.Len / 2;
        if (h.SegLeft > count)
            pkt.Expert(Ipv6RoutingExperts.InvalidSegleftExpert, h.SegNode, $"IPv6 Type 0 Routing Header segments left field must not exceed address count ({count})");
        int offset = 4;
        ReadOnlySpan<byte> last = default;
        for (int i = 1; i <= count; i++, offset += 16)
        {
            var a = tvb.Span(offset, 16);
            int n = VectorAddress(pkt, rt, Ipv6RoutingFields.SrcAddr, tvb, offset, 16, a, i);
            if (IsMulticast(a)) pkt.Expert(Ipv6RoutingExperts.MulticastAddrExpert, n);
            last = a;
        }
        if (!last.IsEmpty && pkt.Dst.Type == AddressType.IPv6 && h.SegLeft > 0) pkt.Dst = Address.IPv6(last);
        pkt.Expert(Ipv6RoutingExperts.DeprecatedExpert, h.TypeNode);
    }

    private static void Mobile(in Tvb tvb, Packet pkt, int rt, in Header h)
    {
        pkt.AddBytesChecked(Ipv6RoutingFields.Mipv6Reserved, rt, tvb, 0, 4);
        tvb.Ensure(0, 4);
        if (h.Len != 2)
            pkt.Expert(Ipv6RoutingExperts.InvalidLengthExpert, h.LenNode, "IPv6 Type 2 Routing Header extension header length must equal 2");
        if (h.SegLeft != 1)
            pkt.Expert(Ipv6RoutingExperts.InvalidSegleftExpert, h.SegNode, "IPv6 Type 2 Routing Header segments left field must equal 1");
        var a = tvb.Span(4, 16);
        int n = VectorAddress(pkt, rt, Ipv6RoutingFields.Mipv6HomeAddress, tvb, 4, 16, a, 1);
        if (IsMulticast(a)) pkt.Expert(Ipv6RoutingExperts.MulticastAddrExpert, n);
        if (pkt.Dst.Type == AddressType.IPv6 && h.SegLeft > 0) pkt.Dst = Address.IPv6(a);
    }

    private static void Rpl(in Tvb tvb, Packet pkt, int rt, in Header h)
    {
        if (pkt.Dst.Type != AddressType.IPv6 || pkt.Src.Type != AddressType.IPv6) return;
        Span<byte> dst = stackalloc byte[16];
        Span<byte> src = stackalloc byte[16];
        Write(pkt.Dst, dst);
        Write(pkt.Src, src);
        if (IsMulticast(dst)) pkt.Expert(Ipv6RoutingExperts.DstNotMulticastExpert, rt);
        uint w = tvb.U32(0);
        pkt.Add(Ipv6RoutingFields.RplCmprI, rt, tvb, 0, 4, w);
        pkt.Add(Ipv6RoutingFields.RplCmprE, rt, tvb, 0, 4, w);
        int padNode = pkt.Add(Ipv6RoutingFields.RplPad, rt, tvb, 0, 4, w);
        int cmprI = (int)(w >> 28), cmprE = (int)(w >> 24) & 0xf, pad = (int)(w >> 20) & 0xf;
        if (cmprI == 0 && cmprE == 0 && pad != 0)
            pkt.Expert(Ipv6RoutingExperts.RplPadExpert, padNode, $"When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was {pad}");
        int resNode = pkt.Add(Ipv6RoutingFields.RplReserved, rt, tvb, 0, 4, w);
        uint reserved = w & 0xfffff;
        if (reserved != 0)
            pkt.Expert(Ipv6RoutingExperts.RplReservedExpert, resNode, $"Reserved field must equal 0 but instead was {reserved}");
        int count = h.Len > 0 ? (h.Len * 8 - pad - (16 - cmprE)) / (16 - cmprI) + 1 : 0;
        int cn = pkt.Add(Ipv6RoutingFields.RplAddrCount, rt, tvb, 0, 2, (ulong)(long)count);
        if (cn != rt) pkt.Tree[cn].Flags |= NodeFlags.Generated;
        if (count < 0)
            pkt.Expert(Ipv6RoutingExperts.RplAddrCountExpert, cn, $"Calculated total address count must be greater than or equal to 0, instead was {count}");
        else if (h.SegLeft > count)
            pkt.Expert(Ipv6RoutingExperts.InvalidSegleftExpert, h.SegNode, $"IPv6 RPL Routing Header segments left field must not exceed address count ({count})");
        if (count <= 0) return;
        int offset = 4;
        Span<byte> full = stackalloc byte[16];
        for (int i = 1; i <= count; i++)
        {
            int size = i == count ? 16 - cmprE : 16 - cmprI;
            pkt.AddBytesChecked(Ipv6RoutingFields.RplAddress, rt, tvb, offset, size);
            dst.CopyTo(full);
            tvb.Span(offset, size).CopyTo(full[(16 - size)..]);
            int n = pkt.AddObject(Ipv6RoutingFields.RplFullAddress, rt, tvb, offset, size, full.ToArray(), NodeFlags.Generated);
            if (n != rt && pkt.WantTree) pkt.Label(n, $"Address[{i}]: {Address.IPv6(full)}");
            offset += size;
            if (full.SequenceEqual(src)) pkt.Expert(Ipv6RoutingExperts.SrcAddrExpert, n);
            if (full.SequenceEqual(dst)) pkt.Expert(Ipv6RoutingExperts.DstAddrExpert, n);
            if (IsMulticast(full)) pkt.Expert(Ipv6RoutingExperts.MulticastAddrExpert, n);
            if (h.SegLeft > 0) pkt.Dst = Address.IPv6(full);
        }
    }

    private static void Write(Address a, Span<byte> dest)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest, a.Hi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest[8..], a.Lo);
    }

    private static void SegmentRouting(in Tvb tvb, Packet pkt, int rt, in Header h)
    {
        byte lastEntry = tvb.U8(0);
        int le = pkt.Add(Ipv6RoutingFields.SrhLastEntry, rt, tvb, 0, 1, lastEntry);
        if (lastEntry == 255 && pkt.WantTree) pkt.Label(le, "Last Entry: 255 [no SID list]");
        pkt.Add(Ipv6RoutingFields.SrhFlags, rt, tvb, 1, 1, tvb.U8(1));
        pkt.AddBytesChecked(Ipv6RoutingFields.SrhTag, rt, tvb, 2, 2);
        tvb.Ensure(2, 2);
        if (lastEntry == 255)
        {
            pkt.Expert(Ipv6RoutingExperts.UndecodedExpert, rt, "Routing Header without SID list");
            return;
        }
        int count = lastEntry + 1;
        if (h.SegLeft > count)
            pkt.Expert(Ipv6RoutingExperts.InvalidSegleftExpert, h.SegNode, $"IPv6 Type 4 Routing Header segments left field must not exceed address count ({count})");
        if (pkt.Dst.Type == AddressType.IPv6 && h.SegLeft > 0) pkt.Dst = Address.IPv6(tvb.Span(4, 16));
        for (int i = 0; i < count; i++)
        {
            int off = 4 + i * 16;
            VectorAddress(pkt, rt, Ipv6RoutingFields.SrhAddr, tvb, off, 16, tvb.Span(off, 16), i);
        }
    }

    private static void Compact(in Tvb tvb, Packet pkt, int rt, in Header h)
    {
        bool is16 = h.Type == 5;
        int size = is16 ? 2 : 4, perWord = is16 ? 4 : 2;
        int count = is16 ? h.Len * 4 + 2 : h.Len * 2 + 1;
        int inFirst = is16 ? 2 : 1;
        int min = h.SegLeft <= inFirst ? 0 : (h.SegLeft - inFirst + perWord - 1) / perWord;
        if (min > h.Len)
            pkt.Expert(Ipv6RoutingExperts.InvalidLengthExpert, h.LenNode, $"IPv6 Compact Routing Header minimum length must not exceed header length ({h.Len})");
        int cur = size * h.SegLeft;
        var currentField = is16 ? Ipv6RoutingFields.Crh16CurrentSid : Ipv6RoutingFields.Crh32CurrentSid;
        int c = pkt.Add(currentField, rt, tvb, cur, size, is16 ? tvb.U16(cur) : tvb.U32(cur));
        if (c != rt) pkt.Tree[c].Flags |= NodeFlags.Generated;
        var sidField = is16 ? Ipv6RoutingFields.Crh16Sid : Ipv6RoutingFields.Crh32Sid;
        int offset = 0;
        uint sid = is16 ? tvb.U16(0) : tvb.U32(0);
        for (int i = 0; i < count && sid != 0; i++)
        {
            int n = pkt.Add(sidField, rt, tvb, offset, size, sid);
            if (n != rt && pkt.WantTree) pkt.Label(n, $"SID[{i}] = {sid}");
            offset += size;
            sid = is16 ? tvb.U16(offset) : tvb.U32(offset);
        }
    }
}
