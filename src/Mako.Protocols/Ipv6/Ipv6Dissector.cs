using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Ipv6;

/// <summary>
/// Internet Protocol version 6 (RFC 8200).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Traffic Class |           Flow Label                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                Source Address (128 bits)                      |
/// |             Destination Address (128 bits)                    |
/// </code>
/// Extension headers are separate dissectors in the "ip.proto" table (as in Wireshark: ipv6.hopopts,
/// ipv6.routing, ipv6.fraghdr, ipv6.dstopts); <see cref="DissectNext"/> walks the chain to the upper layer.
/// </summary>
public sealed class Ipv6Dissector() : Dissector(Ipv6Fields.Proto)
{
    // Expert items register on first use of their class; force it before the field registry is built.
    static Ipv6Dissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Ipv6Experts).TypeHandle);

    private const int HeaderSize = 40;
    private UIntTable _ipProto = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x86dd, this);
        tables.AddUInt("ip.proto", 41, this); // IPv6 in IP
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ipv6Fields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "IPv6";
            pkt.Info.Clear();
        }
        int ip6 = pkt.AddProtocol(Ipv6Fields.Proto, parent, tvb, 0, Math.Min(HeaderSize, tvb.Length));
        byte b0 = tvb.U8(0);
        int version = b0 >> 4;
        int vn = pkt.Add(Ipv6Fields.Version, ip6, tvb, 0, 1, (ulong)version);
        if (pkt.WantTree) pkt.Label(vn, $"{Bits.Pattern(b0, 0xf0, 8)} = Version: {version}");
        pkt.AddHidden(IpFields.Version, ip6, tvb, 0, 1, (ulong)version);
        if (version != 6)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append("Bogus IPv6 version (");
                pkt.Info.Append((long)version);
                pkt.Info.Append(", must be 6)");
            }
            pkt.Expert(Ipv6Experts.BogusVersionExpert, vn, "Bogus IPv6 version");
            // Wireshark returns 0 here: "not IPv6", so the caller shows the bytes as data and IPv6 leaves frame.protocols.
            pkt.Layers.RemoveAt(pkt.Layers.Count - 1);
            return 0;
        }
        if (tvb.ReportedLength < HeaderSize)
        {
            if (pkt.WantColumns)
            {
                pkt.Info.Append("Invalid IPv6 header (");
                pkt.Info.Append((long)tvb.ReportedLength);
                pkt.Info.Append(" bytes, need exactly 40)");
            }
            pkt.Expert(Ipv6Experts.InvalidHeaderExpert, ip6, "IPv6 header must be exactly 40 bytes");
        }

        uint word0 = tvb.U32(0);
        int tclass = (int)(word0 >> 20) & 0xff;
        int tc = pkt.Add(Ipv6Fields.Tclass, ip6, tvb, 0, 4, word0);
        if (pkt.WantTree)
            pkt.Label(tc, $"{Bits.Pattern(word0, 0x0ff00000, 32)} = Traffic Class: 0x{tclass:x2} (DSCP: {DsField.DscpShort(tclass >> 2)}, ECN: {DsField.EcnShort(tclass & 3)})");
        pkt.Add(Ipv6Fields.TclassDscp, tc, tvb, 0, 4, word0);
        pkt.Add(Ipv6Fields.TclassEcn, tc, tvb, 0, 4, word0);
        uint flow = word0 & 0xfffff;
        int fn = pkt.Add(Ipv6Fields.Flow, ip6, tvb, 1, 3, word0 & 0xffffff);
        if (pkt.WantTree) pkt.Label(fn, $"{Bits.Pattern(word0 & 0xffffff, 0xfffff, 24)} = Flow Label: 0x{flow:x5}");

        int plen = tvb.U16(4);
        byte nxt = tvb.U8(6);
        int plenNode = pkt.Add(Ipv6Fields.Plen, ip6, tvb, 4, 2, (ulong)plen);
        if (plen == 0 && nxt != 0 && nxt != 59)
            pkt.Expert(Ipv6Experts.PlenZeroExpert, plenNode);
        int nn = pkt.Add(Ipv6Fields.Nxt, ip6, tvb, 6, 1, nxt);
        if (pkt.WantTree) pkt.Label(nn, $"Next Header: {IpDissector.IpProtoName(nxt)} ({nxt})");
        byte hlim = tvb.U8(7);
        pkt.Add(Ipv6Fields.Hlim, ip6, tvb, 7, 1, hlim);

        // Each address is added (and the source column set) before the next is checked, as in Wireshark: a header
        // cut by the capture length between the two still shows ipv6.src and the Source column.
        AddAddress(pkt, ip6, tvb, 8, Ipv6Fields.Src, Ipv6Fields.SrcHost);
        pkt.NetSrc = pkt.Src = Address.IPv6(tvb.Span(8, 16));
        AddAddress(pkt, ip6, tvb, 24, Ipv6Fields.Dst, Ipv6Fields.DstHost);
        pkt.NetDst = pkt.Dst = Address.IPv6(tvb.Span(24, 16));
        if (pkt.WantTree) pkt.Label(ip6, $"Internet Protocol Version 6, Src: {pkt.Src}, Dst: {pkt.Dst}");
        EmbeddedAddresses.Add(pkt, ip6, tvb);

        uint jumbo = 0;
        long effective = plen;
        if (plen == 0 && nxt == 0)
        {
            jumbo = JumboLength(tvb, HeaderSize);
            if (jumbo != 0)
            {
                effective = jumbo;
                if (pkt.WantTree) pkt.Label(plenNode, "Payload Length: 0 (Jumbogram)");
            }
            else
            {
                if (pkt.WantColumns) pkt.Info.Set("Invalid IPv6 payload length");
                pkt.Expert(Ipv6Experts.JumboMissingExpert, plenNode);
            }
        }
        int reportedPlen = tvb.ReportedLength - HeaderSize;
        if (!pkt.InErrorPacket && effective > reportedPlen)
            pkt.Expert(Ipv6Experts.PlenExceedsFramingExpert, plenNode, $"IPv6 payload length exceeds framing length ({reportedPlen} bytes)");

        int used = tvb.ReportedLength;
        if (HeaderSize + effective <= tvb.ReportedLength)
        {
            used = HeaderSize + (int)effective;
            pkt.SetPayloadLength(tvb, used);
            tvb = tvb.Slice(0, used);
        }

        var chain = pkt.Session.State<Ipv6Chain>();
        var saved = chain.Save();
        chain.Active = true;
        chain.Plen = plen;
        chain.JumboPlen = jumbo;
        chain.FragPlen = plen;
        chain.Ipv6Node = ip6;
        chain.ItemLen = HeaderSize;
        chain.HopLimit = hlim;
        bool savedFragmented = pkt.Fragmented;
        try
        {
            DissectNext(nxt, tvb.Slice(HeaderSize), pkt, parent, _ipProto);
        }
        finally
        {
            chain.Restore(saved);
            pkt.Fragmented = savedFragmented;
        }
        return used;
    }

    private static void AddAddress(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef field, FieldDef hostField)
    {
        pkt.AddBytesChecked(field, ip6, tvb, off, 16);
        pkt.AddHiddenBytes(Ipv6Fields.Addr, ip6, tvb, off, 16);
        if (pkt.Wants(hostField) || pkt.Wants(Ipv6Fields.Host))
        {
            string host = Address.IPv6(tvb.Span(off, 16)).ToString();
            pkt.AddObject(hostField, ip6, tvb, off, 16, host, NodeFlags.Hidden | NodeFlags.Generated);
            pkt.AddObject(Ipv6Fields.Host, ip6, tvb, off, 16, host, NodeFlags.Hidden | NodeFlags.Generated);
        }
    }

    /// <summary>ipv6_get_jumbo_plen: the Jumbo Payload option's length if the hop-by-hop header has a valid one.</summary>
    private static uint JumboLength(in Tvb tvb, int offset)
    {
        if (!tvb.Has(offset, 2)) return 0;
        int end = offset + (tvb.U8(offset + 1) + 1) * 8;
        offset += 2;
        while (offset < end && tvb.Has(offset, 6))
        {
            byte type = tvb.U8(offset++);
            if (type == 0) continue;
            byte len = tvb.U8(offset++);
            if (type == 0xc2 && len == 4)
            {
                uint j = tvb.U32(offset);
                return j > 0xffff ? j : 0;
            }
            offset += len;
        }
        return 0;
    }

    /// <summary>Extension headers that continue the chain (handled by their own dissectors in "ip.proto").</summary>
    private static bool IsExtensionHeader(uint nxt) => nxt is 0 or 43 or 44 or 51 or 60 or 135 or 140;

    /// <summary>ipv6_dissect_next: the next extension header, or the upper-layer protocol once the chain ends.</summary>
    public static void DissectNext(uint nxt, Tvb tvb, Packet pkt, int parent, UIntTable ipProto)
    {
        var chain = pkt.Session.State<Ipv6Chain>();
        if (IsExtensionHeader(nxt) && pkt.Session.Lookup(ipProto, nxt) is { } ext)
        {
            pkt.Session.Call(ext, tvb, pkt, parent);
            return;
        }
        if (chain.Active && chain.Ipv6Node >= 0)
        {
            pkt.Tree[chain.Ipv6Node].Length = chain.ItemLen;
            chain.Ipv6Node = -1;
        }
        if (nxt == 59)
        {
            if (pkt.WantColumns) pkt.Info.Set("IPv6 no next header");
            pkt.Session.CallData(tvb, pkt, parent);
            return;
        }
        var d = pkt.Session.Lookup(ipProto, nxt);
        if (chain.Active) chain.MarkUpper(pkt);
        if (d is not null && pkt.Session.Call(d, tvb, pkt, parent) != 0) return;
        if (pkt.WantColumns)
        {
            pkt.Info.Set("Unknown IP Protocol: ");
            pkt.Info.Append(IpDissector.IpProtoName(nxt));
            pkt.Info.Append(" (");
            pkt.Info.Append((long)nxt);
            pkt.Info.Append(')');
        }
        pkt.Session.CallData(tvb, pkt, parent);
    }

    /// <summary>The node extension headers attach to: the IPv6 node while the chain lasts, else the caller's parent.</summary>
    internal static int Root(Packet pkt, int parent, int extLen)
    {
        var chain = pkt.Session.State<Ipv6Chain>();
        if (!chain.Active) return parent;
        chain.ItemLen += extLen;
        chain.FragPlen -= extLen;
        return chain.Ipv6Node >= 0 ? chain.Ipv6Node : parent;
    }
}
