using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Ieee8021ad;

/// <summary>
/// IEEE 802.1ad service tag (S-tag, Ethertype 0x88a8), as Wireshark 4.0's packet-ieee8021ah.c: the same TCI layout as
/// 802.1Q, always followed by an Ethertype. Two S-tags in a row are shown as one S-VID/C-VID pair; an 802.1ah I-tag
/// (0x88e7) after it is the provider backbone case.
/// </summary>
public sealed class Ieee8021adDissector() : Dissector(Ieee8021adFields.Proto)
{
    private const int TagLength = 4;
    private UIntTable _ethertype = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x88a8, this);
        _ethertype = tables.UInt("ethertype");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ieee8021adFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "802.1ad";
            pkt.Info.Clear();
        }
        ushort tci = tvb.U16(0);
        if (pkt.WantColumns)
        {
            pkt.Info.Set("PRI: ");
            pkt.Info.Append((long)(tci >> 13));
            pkt.Info.Append("  DROP: ");
            pkt.Info.Append((long)((tci >> 12) & 1));
            pkt.Info.Append(" ID: ");
            pkt.Info.Append((long)(tci & 0xFFF));
        }
        int ad = pkt.AddProtocol(Ieee8021adFields.Proto, parent, tvb, 0, Math.Min(TagLength, tvb.Length));
        ushort type = tvb.U16(2);

        if (type == 0x88e7)
        {
            // Provider backbone bridging: the tag is a B-tag, the I-tag and customer frame follow.
            int b = pkt.AddProtocol(Ieee8021adFields.Proto, ad, tvb, 0, 2);
            pkt.Add(Ieee8021adFields.Priority, b, tvb, 0, 1, tci);
            pkt.Add(Ieee8021adFields.Dei, b, tvb, 0, 1, tci);
            pkt.Add(Ieee8021adFields.Id, b, tvb, 0, 2, tci);
            if (pkt.WantTree)
            {
                pkt.Label(b, $"B-Tag, B-VID: {tci & 0xFFF}");
                pkt.Label(ad, $"IEEE 802.1ah, B-VID: {tci & 0xFFF}");
            }
            Ieee8021ahDissector.Common(tvb.Slice(TagLength), pkt, ad, parent, _ethertype);
            return tvb.ReportedLength;
        }
        if (type == 0x88a8)
        {
            // Q-in-Q with two S-tags: the second one is the customer tag.
            ushort ctci = tvb.U16(TagLength);
            pkt.Add(Ieee8021adFields.Priority, ad, tvb, 0, 1, tci);
            pkt.Add(Ieee8021adFields.Dei, ad, tvb, 0, 1, tci);
            pkt.Add(Ieee8021adFields.Svid, ad, tvb, 0, 2, tci);
            pkt.Add(Ieee8021adFields.Priority, ad, tvb, TagLength, 1, ctci);
            pkt.Add(Ieee8021adFields.Dei, ad, tvb, TagLength, 1, ctci);
            pkt.Add(Ieee8021adFields.Cvid, ad, tvb, TagLength, 2, ctci);
            if (pkt.WantTree) pkt.Label(ad, $"IEEE 802.1ad, S-VID: {tci & 0xFFF}, C-VID: {ctci & 0xFFF}");
            ushort inner = tvb.U16(2 * TagLength - 2);
            pkt.Add(Ieee8021ahFields.Etype, ad, tvb, 2 * TagLength - 2, 2, inner);
            Ethertype.Dispatch(_ethertype, inner, tvb, 2 * TagLength, pkt, ad, Ieee8021ahFields.Trailer, 0);
            return tvb.ReportedLength;
        }
        pkt.Add(Ieee8021adFields.Priority, ad, tvb, 0, 1, tci);
        pkt.Add(Ieee8021adFields.Dei, ad, tvb, 0, 1, tci);
        pkt.Add(Ieee8021adFields.Id, ad, tvb, 0, 2, tci);
        if (pkt.WantTree) pkt.Label(ad, $"IEEE 802.1ad, ID: {tci & 0xFFF}");
        pkt.Add(Ieee8021ahFields.Etype, ad, tvb, TagLength - 2, 2, type);
        Ethertype.Dispatch(_ethertype, type, tvb, TagLength, pkt, ad, Ieee8021ahFields.Trailer, 0);
        return tvb.ReportedLength;
    }
}

/// <summary>IEEE 802.1ah I-tag (Ethertype 0x88e7): provider backbone bridging ("MAC-in-MAC").</summary>
public sealed class Ieee8021ahDissector() : Dissector(Ieee8021ahFields.Proto)
{
    private const int ITagLength = 18;
    private UIntTable _ethertype = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x88e7, this);
        _ethertype = tables.UInt("ethertype");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ieee8021ahFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "802.1ah";
            pkt.Info.Clear();
        }
        SetInfo(pkt, tvb.U32(0));
        int ah = pkt.AddProtocol(Ieee8021ahFields.Proto, parent, tvb, 0, Math.Min(ITagLength, tvb.Length));
        Common(tvb, pkt, ah, parent, _ethertype);
        return tvb.ReportedLength;
    }

    private static void SetInfo(Packet pkt, uint tci)
    {
        if (!pkt.WantColumns) return;
        pkt.Info.Set($"PRI: {tci >> 29}  Drop: {(tci >> 28) & 1}  NCA: {(tci >> 27) & 1}  Res1: {(tci >> 26) & 1}  Res2: {(tci >> 24) & 3}  I-SID: {tci & 0xFFFFFF}");
    }

    /// <summary>dissect_ieee8021ah_common: the I-tag, customer addresses and the Ethertype of the customer frame.</summary>
    internal static void Common(Tvb tvb, Packet pkt, int tree, int parent, UIntTable ethertype)
    {
        uint tci = tvb.U32(0);
        SetInfo(pkt, tci);
        int tag = pkt.AddProtocol(Ieee8021ahFields.Proto, tree, tvb, 0, Math.Min(4, tvb.Length));
        if (pkt.WantTree) pkt.Label(tag, $"I-Tag, I-SID: {tci & 0xFFFFFF}");
        pkt.Add(Ieee8021ahFields.Priority, tag, tvb, 0, 1, tci);
        pkt.Add(Ieee8021ahFields.Drop, tag, tvb, 0, 1, tci);
        pkt.Add(Ieee8021ahFields.Nca, tag, tvb, 0, 1, tci);
        pkt.Add(Ieee8021ahFields.Res1, tag, tvb, 0, 1, tci);
        pkt.Add(Ieee8021ahFields.Res2, tag, tvb, 0, 1, tci);
        pkt.Add(Ieee8021ahFields.Isid, tag, tvb, 1, 3, tci);
        tvb.Ensure(4, 12);
        pkt.AddBytes(Ieee8021ahFields.Cdst, tree, tvb, 4, 6);
        pkt.AddBytes(Ieee8021ahFields.Csrc, tree, tvb, 10, 6);
        ushort type = tvb.U16(ITagLength - 2);
        pkt.Add(Ieee8021ahFields.Etype, tree, tvb, ITagLength - 2, 2, type);
        Ethertype.Dispatch(ethertype, type, tvb, ITagLength, pkt, tree, Ieee8021ahFields.Trailer, 0);
    }
}
