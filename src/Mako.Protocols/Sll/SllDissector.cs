using Mako.Engine.Dissection;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Sll;

/// <summary>
/// Linux "cooked" captures (LINKTYPE_LINUX_SLL 113 and LINKTYPE_LINUX_SLL2 276), as Wireshark 4.0's packet-sll.c.
/// <code>
/// v1 (16 bytes): packet type (2) | ARPHRD type (2) | address length (2) | address (8) | protocol (2)
/// v2 (20 bytes): protocol (2) | reserved (2) | interface index (4) | ARPHRD type (2) | packet type (1) |
///                address length (1) | address (8)
/// </code>
/// A protocol value above 1536 is an Ethertype; 1536 and below is a Linux protocol number ("sll.ltype" table: 0x0004
/// 802.2 LLC, 0x0003 a whole Ethernet frame...). Only the source address is known.
/// </summary>
/// <remarks>
/// Wireshark 4.0 reads the v2 packet type for the Info column as a 16-bit value (packet type and address length
/// together), so its Info shows e.g. "Unknown (6)" for a unicast packet; Mako uses the 8-bit packet type
/// (docs/differences.md).
/// </remarks>
public sealed class SllDissector() : Dissector(SllFields.Proto)
{
    private const int V1Header = 16, V2Header = 20, AddressField = 8;
    private const ushort HatypeIpGre = 778, HatypeNetlink = 824;
    private UIntTable _ethertype = null!, _ltype = null!, _hatype = null!, _gre = null!;
    private Dissector? _netlink;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("wtap_encap", 113, this);
        tables.AddUInt("wtap_encap", 276, this);
        _ethertype = tables.UInt("ethertype");
        _ltype = tables.UInt("sll.ltype");
        _hatype = tables.UInt("sll.hatype");
        _gre = tables.UInt("gre.proto");
        _netlink = tables.ByName("netlink");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(SllFields.Proto);
        bool v2 = pkt.Record.LinkType == 276;
        ushort pkttype = v2 ? tvb.U8(10) : tvb.U16(0);
        ushort hatype = tvb.U16(v2 ? 8 : 2);
        if (hatype == HatypeNetlink && _netlink is not null && pkt.Session.IsEnabled(_netlink))
            return pkt.Session.Call(_netlink, tvb, pkt, parent);

        if (pkt.WantColumns)
        {
            pkt.Protocol = "SLL";
            var name = SllFields.Pkttype.Values?.Lookup(pkttype);
            if (name is not null) pkt.Info.Set(name);
            else pkt.Info.Set($"Unknown ({pkttype})");
        }
        int header = v2 ? V2Header : V1Header;
        int sll = pkt.AddProtocol(SllFields.Proto, parent, tvb, 0, Math.Min(header, tvb.Length));
        if (pkt.WantTree) pkt.Label(sll, v2 ? "Linux cooked capture v2" : "Linux cooked capture v1");

        ushort protocol;
        if (!v2)
        {
            pkt.Add(SllFields.Pkttype, sll, tvb, 0, 2, pkttype);
            pkt.Add(SllFields.Hatype, sll, tvb, 2, 2, hatype);
            AddAddress(pkt, sll, tvb, 4, 2);
            protocol = AddProtocolType(pkt, sll, tvb, 14, hatype);
        }
        else
        {
            protocol = AddProtocolType(pkt, sll, tvb, 0, hatype);
            pkt.Add(SllFields.Ifindex, sll, tvb, 4, 4, tvb.U32(4));
            pkt.Add(SllFields.Hatype, sll, tvb, 8, 2, hatype);
            pkt.Add(SllFields.Pkttype, sll, tvb, 10, 1, pkttype);
            AddAddress(pkt, sll, tvb, 11, 1);
        }
        Payload(tvb, pkt, sll, header, hatype, protocol);
        return tvb.Length;
    }

    /// <summary>Address length, then the source address (Ethernet if 6 bytes, IPv4 if 4) and unused address bytes.</summary>
    private static void AddAddress(Packet pkt, int sll, in Tvb tvb, int lenOffset, int lenSize)
    {
        int len = lenSize == 2 ? tvb.U16(lenOffset) : tvb.U8(lenOffset);
        pkt.Add(SllFields.Halen, sll, tvb, lenOffset, lenSize, (ulong)len);
        int at = lenOffset + lenSize;
        switch (len)
        {
            case 4:
                uint v4 = tvb.U32(at);
                pkt.DlSrc = pkt.Src = Address.IPv4(v4);
                pkt.Add(SllFields.SrcIpv4, sll, tvb, at, 4, v4);
                break;
            case 6:
                pkt.DlSrc = pkt.Src = Address.Ether(tvb.Span(at, 6));
                int n = pkt.AddBytes(SllFields.SrcEth, sll, tvb, at, 6);
                if (pkt.WantTree) pkt.Label(n, $"Source: {MacNames.Describe(pkt, tvb.Span(at, 6))}");
                break;
            case 0:
                break;
            default:
                int shown = Math.Min(len, AddressField);
                tvb.Ensure(at, shown);
                pkt.AddBytes(SllFields.SrcOther, sll, tvb, at, shown);
                break;
        }
        if (len < AddressField)
        {
            tvb.Ensure(at + len, AddressField - len);
            pkt.AddBytes(SllFields.Unused, sll, tvb, at + len, AddressField - len);
        }
    }

    private static ushort AddProtocolType(Packet pkt, int sll, in Tvb tvb, int off, ushort hatype)
    {
        ushort protocol = tvb.U16(off);
        // Linux counts 1536 itself as a protocol number, not an Ethertype.
        var field = protocol <= 1536 ? SllFields.Ltype : hatype == HatypeIpGre ? SllFields.Gretype : SllFields.Etype;
        pkt.Add(field, sll, tvb, off, 2, protocol);
        return protocol;
    }

    private void Payload(in Tvb tvb, Packet pkt, int sll, int header, ushort hatype, ushort protocol)
    {
        if (protocol <= 1536)
        {
            var next = tvb.Slice(header);
            if (pkt.Session.TryDispatch(_hatype, hatype, next, pkt, -1) != 0) return;
            if (pkt.Session.TryDispatch(_ltype, protocol, next, pkt, -1) == 0) pkt.Session.CallData(next, pkt, -1);
            return;
        }
        if (hatype == HatypeIpGre)
        {
            // GRE tunnels: the protocol is a GRE protocol type; nothing is shown when no dissector claims it.
            pkt.Session.TryDispatch(_gre, protocol, tvb.Slice(header), pkt, -1);
            return;
        }
        Ethertype.Dispatch(_ethertype, protocol, tvb, header, pkt, sll, SllFields.Trailer, 0);
    }
}
