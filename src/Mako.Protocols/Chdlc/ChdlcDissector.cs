using Mako.Engine.Dissection;

namespace Mako.Protocols.Chdlc;

/// <summary>
/// Cisco HDLC: address (0x0f unicast, 0x8f multicast), control, and a 16-bit protocol type (mostly Ethertype values)
/// naming the payload. The link types LINKTYPE_C_HDLC (104, and 112) carry it; PPP link-type captures whose first byte
/// is a Cisco HDLC address are handed here by the PPP dissector, as in Wireshark.
/// <code>
/// +--------+--------+--------+--------+
/// |address |control |   protocol      |  payload...
/// +--------+--------+--------+--------+
/// </code>
/// </summary>
public sealed class ChdlcDissector() : Dissector(ChdlcFields.Proto)
{
    private const int HeaderLength = 4;
    private const ushort Osi = 0xfefe;
    private UIntTable _protocols = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("wtap_encap", 104, this);
        tables.AddUInt("wtap_encap", 112, this);
        _protocols = tables.UInt("chdlc.protocol");
        // IPv4, IPv6 and MPLS register themselves in "chdlc.protocol" in Wireshark; ours are wired here by name.
        Wire(tables, 0x0800, "ip");
        Wire(tables, 0x86dd, "ipv6");
        Wire(tables, 0x8847, "mpls");
        Wire(tables, 0x8848, "mpls");
    }

    private void Wire(DissectorTables tables, uint type, string name)
    {
        if (!_protocols.Entries.ContainsKey(type) && tables.ByName(name) is { } d) _protocols.Entries[type] = d;
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(ChdlcFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "CHDLC";
            pkt.Info.Clear();
            pkt.SrcColumnFallback = "N/A";
            pkt.DstColumnFallback = "N/A";
        }
        ushort protocol = tvb.U16(2);
        int node = pkt.AddProtocol(ChdlcFields.Proto, parent, tvb, 0, HeaderLength);
        pkt.Add(ChdlcFields.Address, node, tvb, 0, 1, tvb.U8(0));
        pkt.Add(ChdlcFields.Control, node, tvb, 1, 1, tvb.U8(1));
        pkt.Add(ChdlcFields.Protocol, node, tvb, 2, 2, protocol);

        int offset = HeaderLength;
        if (protocol == Osi && tvb.Length > offset && tvb.U8(offset) is not (0x81 or 0x82 or 0x83))
        {
            // CLNS over Cisco HDLC has a padding byte unless the NLPID (CLNP, ES-IS, IS-IS) follows directly.
            pkt.Add(ChdlcFields.ClnsPadding, node, tvb, offset, 1, tvb.U8(offset));
            offset++;
        }
        var payload = tvb.Slice(offset);
        if (pkt.Session.TryDispatch(_protocols, protocol, payload, pkt, -1) != 0) return tvb.Length;
        if (pkt.WantColumns) pkt.Protocol = Formatting.Hex16(protocol);
        pkt.Session.CallData(payload, pkt, -1);
        return tvb.Length;
    }
}
