using Mako.Engine.Dissection;

namespace Mako.Protocols.Ppp;

/// <summary>
/// Point-to-Point Protocol (RFC 1661). Two entry points, as in Wireshark: "ppp" is the bare protocol field plus
/// payload (PPPoE, L2TP, GRE), and the PPP link types are HDLC-like framing whose address and
/// control bytes (0xff 0x03) may be present or compressed away. The protocol field itself may be compressed to one
/// byte (its low bit set: RFC 1661 section 6.5). Payloads are looked up in the "ppp.protocol" table.
/// </summary>
public sealed class PppDissector() : Dissector(PppFields.Proto)
{
    private UIntTable _protocols = null!;
    private Dissector? _chdlc;

    public override void Handoff(DissectorTables tables)
    {
        _protocols = tables.UInt("ppp.protocol");
        _chdlc = tables.ByName("chdlc");
        // IP and IPv6 do not know about PPP; PPP names its payloads for them (RFC 1332, RFC 5072).
        if (tables.ByName("ip") is { } ip) tables.AddUInt("ppp.protocol", 0x0021, ip);
        if (tables.ByName("ipv6") is { } ipv6) tables.AddUInt("ppp.protocol", 0x0057, ipv6);
        // The table is keyed by the file's link type: LINKTYPE_PPP (9) and LINKTYPE_PPP_HDLC (50).
        var link = new PppLinkDissector(this);
        tables.AddUInt("wtap_encap", 9, link);
        tables.AddUInt("wtap_encap", 50, link);
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent) => Dissect(tvb, pkt, parent, hdlc: false);

    internal int Dissect(Tvb tvb, Packet pkt, int parent, bool hdlc)
    {
        pkt.EnterLayer(PppFields.Proto);
        int offset = 0;
        if (hdlc && pkt.WantColumns)
        {
            pkt.Protocol = "PPP";
            pkt.SrcColumnFallback = "N/A";
            pkt.DstColumnFallback = "N/A";
        }
        // A Cisco HDLC address (unicast 0x0f, multicast 0x8f) on a PPP link: the frame is Cisco HDLC (Wireshark's
        // dissect_ppp_hdlc does the same; PPP stays in frame.protocols but adds no tree item).
        if (hdlc && tvb.U8(0) is 0x0f or 0x8f && _chdlc is not null && pkt.Session.IsEnabled(_chdlc))
            return pkt.Session.Call(_chdlc, tvb, pkt, parent);
        bool framed = hdlc && tvb.U8(0) == 0xff;
        int headerLength = (framed ? 2 : 0) + ((tvb.U8(framed ? 2 : 0) & 1) != 0 ? 1 : 2);
        int node = pkt.AddProtocol(PppFields.Proto, parent, tvb, 0, headerLength);
        if (pkt.WantTree) pkt.Label(node, PppFields.Proto.Name);
        if (framed)
        {
            pkt.Add(PppFields.Address, node, tvb, 0, 1, tvb.U8(0));
            pkt.Add(PppFields.Control, node, tvb, 1, 1, tvb.U8(1));
            offset = 2;
        }
        ushort protocol;
        if ((tvb.U8(offset) & 1) != 0)
        {
            protocol = tvb.U8(offset);
            pkt.Add(PppFields.Protocol, node, tvb, offset, 1, protocol);
            offset += 1;
        }
        else
        {
            protocol = tvb.U16(offset);
            pkt.Add(PppFields.Protocol, node, tvb, offset, 2, protocol);
            offset += 2;
        }

        var payload = tvb.Slice(offset);
        if (pkt.Session.TryDispatch(_protocols, protocol, payload, pkt, -1) != 0) return tvb.Length;
        if (pkt.WantColumns)
        {
            string hex = Formatting.Hex16(protocol);
            pkt.Protocol = hex;
            pkt.Info.Set($"PPP {PppFields.Protocol.Values?.Lookup(protocol) ?? "Unknown"} ({hex})");
        }
        pkt.Session.CallData(payload, pkt, -1);
        return tvb.Length;
    }
}

/// <summary>The PPP link type: PPP in HDLC-like framing, address and control optional.</summary>
public sealed class PppLinkDissector : Dissector
{
    private readonly PppDissector _ppp;

    internal PppLinkDissector(PppDissector ppp) : base(PppFields.Proto) => _ppp = ppp;

    public override int Dissect(Tvb tvb, Packet pkt, int parent) => _ppp.Dissect(tvb, pkt, parent, hdlc: true);
}
