using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3).
/// <code>
///  0                   6                  12      14
/// +-------------------+-------------------+-------+---------
/// | destination MAC   | source MAC        | type/ | payload ...
/// |                   |                   | length|
/// +-------------------+-------------------+-------+---------
/// </code>
/// A type/length value of 1500 or less is an 802.3 length followed by LLC; 1536 or more is an Ethertype.
/// </summary>
public sealed class EthernetDissector() : Dissector(EthFields.Proto)
{
    private const int HeaderLength = 14;
    private UIntTable _ethertype = null!;
    private Dissector? _llc;

    public static readonly ExpertDef InvalidLenType = EthFields.Proto.Expert("eth.invalid_lentype.expert", ExpertGroup.Protocol, ExpertSeverity.Warn, "Invalid length/type");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("wtap_encap", 1, this);
        _ethertype = tables.UInt("ethertype");
        _llc = tables.ByName("llc");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(EthFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "ETHER";
            pkt.Info.Clear();
        }
        tvb.Ensure(0, HeaderLength);
        var dst = tvb.Data[..6];
        var src = tvb.Data.Slice(6, 6);
        ushort type = tvb.U16(12);
        bool is8023 = type <= 1500;

        pkt.DlDst = pkt.Dst = Address.Ether(dst);
        pkt.DlSrc = pkt.Src = Address.Ether(src);

        int eth = pkt.AddProtocol(EthFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree)
        {
            pkt.Label(eth, is8023
                ? "IEEE 802.3 Ethernet "
                : $"Ethernet II, Src: {MacNames.Describe(pkt, src)}, Dst: {MacNames.Describe(pkt, dst)}");
        }
        AddAddress(pkt, eth, tvb, 0, EthFields.Dst, EthFields.DstResolved, EthFields.DstOui, EthFields.DstOuiResolved, EthFields.DstLg, EthFields.DstIg);
        AddAddress(pkt, eth, tvb, 6, EthFields.Src, EthFields.SrcResolved, EthFields.SrcOui, EthFields.SrcOuiResolved, EthFields.SrcLg, EthFields.SrcIg);

        if (is8023)
        {
            pkt.Add(EthFields.Len, eth, tvb, 12, 2, type);
            // The length covers the LLC payload; anything after it is padding or a trailer.
            var payload = tvb.Slice(HeaderLength, Math.Min(type, tvb.ReportedLength - HeaderLength));
            int used = _llc is not null ? pkt.Session.Call(_llc, payload, pkt, -1) : pkt.Session.CallData(payload, pkt, -1);
            AddTrailer(pkt, eth, tvb, HeaderLength + Math.Max(used, Math.Min((int)type, tvb.ReportedLength - HeaderLength)));
            return tvb.Length;
        }
        if (type < 1536)
        {
            int n = pkt.Add(EthFields.InvalidLentype, eth, tvb, 12, 2, type);
            pkt.Expert(InvalidLenType, n);
            pkt.Session.CallData(tvb.Slice(HeaderLength), pkt, -1);
            return tvb.Length;
        }
        pkt.Add(EthFields.Type, eth, tvb, 12, 2, type);

        int consumed = Ethertype.Dispatch(_ethertype, type, tvb.Slice(HeaderLength), pkt, eth);
        AddTrailer(pkt, eth, tvb, HeaderLength + consumed);
        return tvb.Length;
    }

    private static void AddAddress(Packet pkt, int eth, in Tvb tvb, int off, FieldDef addr, FieldDef resolved, FieldDef oui, FieldDef ouiResolved, FieldDef lg, FieldDef ig)
    {
        int n = pkt.AddBytes(addr, eth, tvb, off, 6);
        if (pkt.WantTree) pkt.Label(n, $"{addr.Name}: {MacNames.Describe(pkt, tvb.Data.Slice(off, 6))}");
        int a = pkt.AddBytes(EthFields.Addr, n, tvb, off, 6);
        if (pkt.WantTree) pkt.Label(a, $"Address: {MacNames.Describe(pkt, tvb.Data.Slice(off, 6))}");
        if (pkt.Wants(resolved) || pkt.Wants(EthFields.AddrResolved))
        {
            string name = MacNames.Resolve(pkt, tvb.Data.Slice(off, 6));
            pkt.AddObject(resolved, n, tvb, off, 6, name, Engine.Tree.NodeFlags.Hidden | Engine.Tree.NodeFlags.Generated);
            pkt.AddObject(EthFields.AddrResolved, n, tvb, off, 6, name, Engine.Tree.NodeFlags.Hidden | Engine.Tree.NodeFlags.Generated);
        }
        uint ouiValue = tvb.U24(off);
        pkt.AddHidden(oui, n, tvb, off, 3, ouiValue);
        pkt.AddHidden(EthFields.AddrOui, n, tvb, off, 3, ouiValue);
        if ((pkt.Wants(ouiResolved) || pkt.Wants(EthFields.AddrOuiResolved)) && MacNames.Vendor(pkt, ouiValue) is { } vendor)
        {
            pkt.AddObject(ouiResolved, n, tvb, off, 3, vendor, Engine.Tree.NodeFlags.Hidden | Engine.Tree.NodeFlags.Generated);
            pkt.AddObject(EthFields.AddrOuiResolved, n, tvb, off, 3, vendor, Engine.Tree.NodeFlags.Hidden | Engine.Tree.NodeFlags.Generated);
        }
        pkt.Add(lg, n, tvb, off, 3, ouiValue);
        pkt.AddHidden(EthFields.Lg, n, tvb, off, 3, ouiValue);
        pkt.Add(ig, n, tvb, off, 3, ouiValue);
        pkt.AddHidden(EthFields.Ig, n, tvb, off, 3, ouiValue);
    }

    public static readonly ExpertDef TrailerNote = EthFields.Proto.Expert("eth.trailer.expert", ExpertGroup.Protocol, ExpertSeverity.Note,
        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");

    /// <summary>Bytes after the payload: zeros are padding (to the 60-byte minimum), anything else a trailer.</summary>
    private static void AddTrailer(Packet pkt, int eth, in Tvb tvb, int end)
    {
        if (end >= tvb.Length) return;
        var rest = tvb.Data[end..];
        // Padding only makes sense up to the 60-byte minimum frame; past that, or if non-zero, it is a trailer.
        int padLen = 0;
        if (end < 60)
        {
            int maxPad = Math.Min(rest.Length, 60 - end);
            while (padLen < maxPad && rest[padLen] == 0) padLen++;
            if (padLen < maxPad) padLen = 0;
        }
        if (padLen > 0) pkt.AddBytes(EthFields.Padding, eth, tvb, end, padLen);
        if (padLen < rest.Length)
        {
            int t = pkt.AddBytes(EthFields.Trailer, eth, tvb, end + padLen, rest.Length - padLen);
            pkt.Expert(TrailerNote, t);
        }
    }
}
