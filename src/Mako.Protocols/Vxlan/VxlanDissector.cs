using Mako.Engine.Dissection;

namespace Mako.Protocols.Vxlan;

/// <summary>
/// Virtual eXtensible Local Area Network (RFC 7348; Group Policy extension draft-smith-vxlan-group-policy), on UDP
/// port 4789. The payload is an Ethernet frame.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |G|R|R|R|I|R|R|R|R|D|R|R|A|R|R|R|       Group Policy ID         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          VXLAN Network Identifier (VNI)       |   Reserved    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class VxlanDissector() : Dissector(VxlanFields.Proto)
{
    private const int HeaderLength = 8;
    private Dissector? _eth;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("udp.port", 4789, this);
        _eth = tables.ByName("eth");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(VxlanFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "VxLAN";
            pkt.Info.Clear();
        }
        int vx = pkt.AddProtocol(VxlanFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree) pkt.Label(vx, VxlanFields.Proto.Name);
        ushort flags = tvb.U16(0);
        pkt.AddBitmask(VxlanFields.Flags, vx, tvb, 0, 2, flags,
            VxlanFields.FlagG, VxlanFields.FlagI, VxlanFields.FlagD, VxlanFields.FlagA, VxlanFields.FlagsReserved);
        pkt.Add(VxlanFields.Gbp, vx, tvb, 2, 2, tvb.U16(2));
        pkt.Add(VxlanFields.Vni, vx, tvb, 4, 3, tvb.U24(4));
        pkt.Add(VxlanFields.Reserved8, vx, tvb, 7, 1, tvb.U8(7));

        var next = tvb.Slice(HeaderLength);
        if (_eth is not null && pkt.Session.IsEnabled(_eth)) pkt.Session.Call(_eth, next, pkt, -1);
        else pkt.Session.CallData(next, pkt, -1);
        return tvb.Length;
    }
}
