using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Ipv6;

/// <summary>
/// Addresses that carry another address inside: 6to4 (RFC 3056), Teredo (RFC 4380), SLAAC modified EUI-64
/// (RFC 4291 appendix A), ISATAP (RFC 5214) and the NAT64 well-known prefix (RFC 6052). Each is shown as a
/// generated field for the source/destination and again, hidden, under the direction-less name.
/// </summary>
internal static class EmbeddedAddresses
{
    private const NodeFlags Shown = NodeFlags.Generated;
    private const NodeFlags Hidden = NodeFlags.Generated | NodeFlags.Hidden;

    public static void Add(Packet pkt, int ip6, in Tvb tvb)
    {
        SixToFour(pkt, ip6, tvb, 8, Ipv6Fields.Src6to4GwIpv4, Ipv6Fields.Src6to4SlaId);
        SixToFour(pkt, ip6, tvb, 24, Ipv6Fields.Dst6to4GwIpv4, Ipv6Fields.Dst6to4SlaId);
        Teredo(pkt, ip6, tvb, 8, Ipv6Fields.SrcTsIpv4, Ipv6Fields.SrcTcPort, Ipv6Fields.SrcTcIpv4);
        Teredo(pkt, ip6, tvb, 24, Ipv6Fields.DstTsIpv4, Ipv6Fields.DstTcPort, Ipv6Fields.DstTcIpv4);
        Slaac(pkt, ip6, tvb, 8, Ipv6Fields.SrcSlaacMac);
        Slaac(pkt, ip6, tvb, 24, Ipv6Fields.DstSlaacMac);
        Isatap(pkt, ip6, tvb, 8, Ipv6Fields.SrcIsatapIpv4);
        Isatap(pkt, ip6, tvb, 24, Ipv6Fields.DstIsatapIpv4);
        Embedded(pkt, ip6, tvb, 8, Ipv6Fields.SrcEmbedIpv4);
        Embedded(pkt, ip6, tvb, 24, Ipv6Fields.DstEmbedIpv4);
    }

    private static void Flagged(Packet pkt, FieldDef f, int parent, in Tvb tvb, int off, int len, ulong value, NodeFlags flags)
    {
        int n = pkt.Add(f, parent, tvb, off, len, value);
        if (n != parent) pkt.Tree[n].Flags |= flags;
    }

    private static void SixToFour(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef gw, FieldDef sla)
    {
        if (tvb.U16(off) != 0x2002) return;
        uint v4 = tvb.U32(off + 2);
        ushort id = tvb.U16(off + 6);
        Flagged(pkt, gw, ip6, tvb, off + 2, 4, v4, Shown);
        Flagged(pkt, sla, ip6, tvb, off + 6, 2, id, Shown);
        Flagged(pkt, Ipv6Fields.F6to4GwIpv4, ip6, tvb, off + 2, 4, v4, Hidden);
        Flagged(pkt, Ipv6Fields.F6to4SlaId, ip6, tvb, off + 6, 2, id, Hidden);
    }

    private static void Teredo(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef server, FieldDef port, FieldDef client)
    {
        if (tvb.U32(off) != 0x20010000) return;
        uint srv = tvb.U32(off + 4);
        ushort mapped = (ushort)(tvb.U16(off + 10) ^ 0xffff);
        uint cli = tvb.U32(off + 12) ^ 0xffffffff;
        Flagged(pkt, server, ip6, tvb, off + 4, 4, srv, Shown);
        Flagged(pkt, port, ip6, tvb, off + 10, 2, mapped, Shown);
        Flagged(pkt, client, ip6, tvb, off + 12, 4, cli, Shown);
        Flagged(pkt, Ipv6Fields.TsIpv4, ip6, tvb, off + 4, 4, srv, Hidden);
        Flagged(pkt, Ipv6Fields.TcPort, ip6, tvb, off + 10, 2, mapped, Hidden);
        Flagged(pkt, Ipv6Fields.TcIpv4, ip6, tvb, off + 12, 4, cli, Hidden);
    }

    private static void Slaac(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef f)
    {
        if ((tvb.U8(off + 8) & 0x02) == 0 || tvb.U16(off + 11) != 0xfffe) return;
        if (!pkt.Wants(f) && !pkt.Wants(Ipv6Fields.SlaacMac)) return;
        var mac = new byte[6];
        tvb.Span(off + 8, 3).CopyTo(mac);
        tvb.Span(off + 13, 3).CopyTo(mac.AsSpan(3));
        mac[0] &= 0xfd;
        int n = pkt.AddObject(f, ip6, tvb, off + 8, 8, mac, Shown);
        if (n != ip6 && pkt.WantTree)
        {
            string? name = pkt.Session.Names.ResolveMac(mac);
            string text = Formatting.Hex(mac, ':');
            pkt.Label(n, $"{f.Name}: {name ?? text} ({text})"); // FT_ETHER shows the address twice when unresolved
        }
        pkt.AddObject(Ipv6Fields.SlaacMac, ip6, tvb, off + 8, 8, mac, Hidden);
    }

    private static void Isatap(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef f)
    {
        if ((tvb.U32(off + 8) & 0xfcffffff) != 0x00005efe) return;
        uint v4 = tvb.U32(off + 12);
        Flagged(pkt, f, ip6, tvb, off + 12, 4, v4, Shown);
        Flagged(pkt, Ipv6Fields.IsatapIpv4, ip6, tvb, off + 12, 4, v4, Hidden);
    }

    private static void Embedded(Packet pkt, int ip6, in Tvb tvb, int off, FieldDef f)
    {
        // 64:ff9b::/96, the NAT64 well-known prefix.
        if (tvb.U32(off) != 0x0064ff9b || tvb.U32(off + 4) != 0 || tvb.U32(off + 8) != 0) return;
        uint v4 = tvb.U32(off + 12);
        int p = pkt.AddBytes(Ipv6Fields.EmbedIpv4Prefix, ip6, tvb, off, 12);
        if (p != ip6) pkt.Tree[p].Flags |= Shown;
        Flagged(pkt, f, ip6, tvb, off + 12, 4, v4, Shown);
        Flagged(pkt, Ipv6Fields.EmbedIpv4, ip6, tvb, off + 12, 4, v4, Shown);
    }
}
