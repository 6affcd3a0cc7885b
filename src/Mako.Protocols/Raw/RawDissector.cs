using Mako.Engine.Dissection;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Raw;

/// <summary>
/// Raw IP link types, as Wireshark 4.0: LINKTYPE_RAW (101, and DLT_RAW 12/14 on some systems) is the "raw" protocol
/// choosing IPv4 or IPv6 by the version nibble (after skipping the oddities of old Linux PPP and ISDN drivers);
/// LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) go straight to IPv4 or IPv6 with no link layer at all.
/// </summary>
public sealed class RawDissector() : Dissector(RawFields.Proto)
{
    private UIntTable _ethertype = null!;
    private Dissector? _pppHdlc;

    public override void Handoff(DissectorTables tables)
    {
        foreach (uint lt in new uint[] { 12, 14, 101, 228, 229 })
            tables.AddUInt("wtap_encap", lt, this);
        _ethertype = tables.UInt("ethertype");
        _pppHdlc = tables.ByName("ppp_hdlc");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        switch (pkt.Record.LinkType)
        {
            // The file's link type names IPv4 or IPv6 itself: with that protocol disabled, nothing at all is shown.
            case 228:
                Ethertype.TryDirect(_ethertype, 0x0800, tvb, pkt, -1);
                return tvb.Length;
            case 229:
                Ethertype.TryDirect(_ethertype, 0x86dd, tvb, pkt, -1);
                return tvb.Length;
        }

        pkt.EnterLayer(RawFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.SrcColumnFallback = "N/A";
            pkt.DstColumnFallback = "N/A";
            pkt.Protocol = "N/A";
            pkt.Info.Set("Raw packet data");
        }
        pkt.AddProtocol(RawFields.Proto, parent, tvb, 0, tvb.Length);

        // Old Linux PPP drivers left the HDLC address/control bytes in; the ISDN driver put a fake MAC before them.
        if (tvb.U16(0) == 0xFF03) return PppOrData(tvb, pkt);
        if (tvb.U16(6) == 0xFF03) return PppOrData(tvb.Slice(6), pkt);
        if (tvb.U16(1) == 0xFF03) return PppOrData(tvb.Slice(1), pkt);
        if (tvb.Has(0, 10) && tvb.Data[..10].IndexOfAnyExcept((byte)0) < 0)
        {
            Direct(0x0800, tvb.Slice(10), pkt);
            return tvb.Length;
        }
        switch (tvb.U8(0) & 0xF0)
        {
            case 0x40:
                Direct(0x0800, tvb, pkt);
                break;
            case 0x60:
                Direct(0x86dd, tvb, pkt);
                break;
            default:
                pkt.Session.CallData(tvb, pkt, -1);
                break;
        }
        return tvb.Length;
    }

    private int Direct(ushort type, Tvb tvb, Packet pkt)
    {
        if (!Ethertype.TryDirect(_ethertype, type, tvb, pkt, -1)) pkt.Session.CallData(tvb, pkt, -1);
        return tvb.Length;
    }

    private int PppOrData(Tvb tvb, Packet pkt)
    {
        if (_pppHdlc is null || !pkt.Session.IsEnabled(_pppHdlc) || pkt.Session.Call(_pppHdlc, tvb, pkt, -1) == 0)
            pkt.Session.CallData(tvb, pkt, -1);
        return tvb.Length;
    }
}
