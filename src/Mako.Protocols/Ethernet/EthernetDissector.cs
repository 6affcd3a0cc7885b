using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Ethernet;

/// <summary>
/// Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3), as Wireshark 4.0's packet-eth.c with default preferences.
/// <code>
///  0                   6                  12      14
/// +-------------------+-------------------+-------+---------
/// | destination MAC   | source MAC        | type/ | payload ...
/// |                   |                   | length|
/// +-------------------+-------------------+-------+---------
/// </code>
/// A type/length value of 1500 or less (but not 0) is an 802.3 length followed by LLC; 1536 or more (or 0, Cisco's
/// "Vegas") is an Ethertype; values in between are invalid. Whether frames end in an FCS comes from the capture file
/// when it says so (pcap header FCS bits, pcapng if_fcslen); otherwise tshark's guess: frames of 64 bytes or more
/// whose trailer has at least 4 bytes end in one.
/// </summary>
public sealed class EthernetDissector() : Dissector(EthFields.Proto)
{
    private const int HeaderLength = 14;
    private UIntTable _ethertype = null!;
    private DissectorTables8023 _next = null!;

    public static readonly ExpertDef InvalidLenType = EthFields.Proto.Expert("eth.invalid_lentype.expert", ExpertGroup.Protocol, ExpertSeverity.Warn, "Invalid length/type");
    public static readonly ExpertDef SrcNotGroup = EthFields.Proto.Expert("eth.src_not_group", ExpertGroup.Protocol, ExpertSeverity.Warn,
        "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)");
    public static readonly ExpertDef PaddingBad = EthFields.Proto.Expert("eth.padding_bad", ExpertGroup.Protocol, ExpertSeverity.Note,
        "Padding identification may be inaccurate and impact trailer dissector");
    public static readonly ExpertDef LenPastEnd = EthFields.Proto.Expert("eth.len.past_end", ExpertGroup.Malformed, ExpertSeverity.Error,
        "Length field value goes past the end of the payload");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("wtap_encap", 1, this);
        tables.AddUInt("sll.ltype", 0x0003, this);   // LINUX_SLL_P_ETHERNET: a whole frame, no FCS
        _ethertype = tables.UInt("ethertype");
        _next = DissectorTables8023.From(tables);
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        // Frames straight from the capture file may end in an FCS; Ethernet carried inside something else does not.
        int fcs = pkt.Layers.Count == 0 && tvb.Base == 0 ? FileFcsLength(pkt) : 0;
        return DissectWithFcs(tvb, pkt, parent, fcs);
    }

    /// <summary>Ethernet with a known FCS length (0 or 4), or -1 to guess; for encapsulations that know.</summary>
    public int DissectWithFcs(Tvb tvb, Packet pkt, int parent, int fcsLength)
    {
        pkt.EnterLayer(EthFields.Proto);
        if (pkt.WantColumns) pkt.Protocol = "Ethernet";

        // Addresses first: a frame cut inside the header still shows what it has.
        pkt.DlDst = pkt.Dst = Address.Ether(tvb.Span(0, 6));
        pkt.DlSrc = pkt.Src = Address.Ether(tvb.Span(6, 6));
        ushort type = tvb.U16(12);

        if (type > 1500 && type < 1536)
        {
            InvalidType(tvb, pkt, parent, type);
            return tvb.Length;
        }
        if (type <= 1500 && type != 0)
        {
            // Novell's raw 802.3 (IPX straight after the length) starts 0xFFFF; anything else is 802.2 LLC.
            bool is8022 = !(tvb.Has(14, 2) && tvb.U16(14) == 0xFFFF);
            if (pkt.WantColumns) pkt.Info.Set(is8022 ? "IEEE 802.3 Ethernet " : "IEEE 802.3 Ethernet Raw ");
            int n = pkt.AddProtocol(EthFields.Proto, parent, tvb, 0, HeaderLength);
            if (pkt.WantTree) pkt.Label(n, is8022 ? "IEEE 802.3 Ethernet " : "IEEE 802.3 Ethernet Raw ");
            AddAddresses(pkt, n, tvb, checkGroup: false);
            Ieee8023.Dissect(type, is8022, tvb, HeaderLength, pkt, n, EthFields.Len, EthFields.Trailer, LenPastEnd, fcsLength, _next);
            return tvb.Length;
        }

        if (pkt.WantColumns) pkt.Info.Set("Ethernet II");
        int eth = pkt.AddProtocol(EthFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree)
            pkt.Label(eth, $"Ethernet II, Src: {MacNames.Describe(pkt, tvb.Span(6, 6))}, Dst: {MacNames.Describe(pkt, tvb.Span(0, 6))}");
        AddAddresses(pkt, eth, tvb, checkGroup: true);
        pkt.Add(EthFields.Type, eth, tvb, 12, 2, type);
        Ethertype.Dispatch(_ethertype, type, tvb, HeaderLength, pkt, eth, EthFields.Trailer, fcsLength);
        return tvb.Length;
    }

    /// <summary>The FCS length the capture file states for this packet's interface, or tshark's default (guess).</summary>
    private static int FileFcsLength(Packet pkt)
    {
        // A pcapng packet's epb_flags may carry the FCS length (bits 5-8, in bytes); it beats the interface's.
        if (pkt.Record.Flags is uint flags && (flags >> 5 & 0xF) != 0) return (int)(flags >> 5 & 0xF);
        int known = pkt.Session.Interface(pkt.Record.InterfaceId)?.FcsLength ?? -1;
        if (known >= 0) return known;
        if (pkt.Session.Options.Preferences.TryGetValue("eth.fcs", out var pref))
        {
            if (pref.Equals("never", StringComparison.OrdinalIgnoreCase) || pref.Equals("Never", StringComparison.Ordinal)) return 0;
            if (pref.Equals("always", StringComparison.OrdinalIgnoreCase)) return 4;
        }
        return -1;
    }

    private static void InvalidType(in Tvb tvb, Packet pkt, int parent, ushort type)
    {
        if (pkt.WantColumns)
        {
            pkt.Info.Set("Ethernet Unknown: Invalid length/type: 0x");
            AppendTypeText(pkt.Info, type);
        }
        int n = pkt.AddProtocol(EthFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree)
            pkt.Label(n, $"Ethernet Unknown, Src: {MacNames.Describe(pkt, tvb.Span(6, 6))}, Dst: {MacNames.Describe(pkt, tvb.Span(0, 6))}");
        AddAddresses(pkt, n, tvb, checkGroup: false);
        int t = pkt.Add(EthFields.InvalidLentype, n, tvb, 12, 2, type);
        pkt.Expert(InvalidLenType, t, $"Invalid length/type: 0x{type:x4} ({type})");
        pkt.Session.CallData(tvb.Slice(HeaderLength), pkt, -1);
    }

    /// <summary>"05dd (1501)".</summary>
    private static void AppendTypeText(ColumnText info, ushort type)
    {
        Span<char> b = stackalloc char[4];
        type.TryFormat(b, out _, "x4");
        info.Append(b);
        info.Append(" (");
        info.Append((long)type);
        info.Append(')');
    }

    /// <summary>eth.dst and eth.src with their hidden companions, in Wireshark's order (dissect_address_data).</summary>
    private static void AddAddresses(Packet pkt, int eth, in Tvb tvb, bool checkGroup)
    {
        AddAddress(pkt, eth, tvb, 0, EthFields.Dst, EthFields.DstResolved, EthFields.DstOui, EthFields.DstOuiResolved, EthFields.DstLg, EthFields.DstIg, false);
        AddAddress(pkt, eth, tvb, 6, EthFields.Src, EthFields.SrcResolved, EthFields.SrcOui, EthFields.SrcOuiResolved, EthFields.SrcLg, EthFields.SrcIg, checkGroup);
    }

    private static void AddAddress(Packet pkt, int eth, in Tvb tvb, int off, FieldDef addr, FieldDef resolved, FieldDef oui,
        FieldDef ouiResolved, FieldDef lg, FieldDef ig, bool checkGroup)
    {
        var mac = tvb.Span(off, 6);
        int n = pkt.AddBytes(addr, eth, tvb, off, 6);
        if (pkt.WantTree) pkt.Label(n, $"{addr.Name}: {MacNames.Describe(pkt, mac)}");
        if (checkGroup && (mac[0] & 1) != 0) pkt.Expert(SrcNotGroup, n);

        bool wantName = pkt.Wants(resolved) || pkt.Wants(EthFields.AddrResolved);
        string? name = wantName ? MacNames.Resolve(pkt, mac) : null;
        if (name is not null) pkt.AddObject(resolved, n, tvb, off, 6, name, NodeFlags.Hidden | NodeFlags.Generated);
        uint ouiValue = tvb.U24(off);
        pkt.AddHidden(oui, n, tvb, off, 3, ouiValue);
        bool wantVendor = pkt.Wants(ouiResolved) || pkt.Wants(EthFields.AddrOuiResolved);
        string? vendor = wantVendor ? MacNames.Vendor(pkt, ouiValue) : null;
        if (vendor is not null) pkt.AddObject(ouiResolved, n, tvb, off, 6, vendor, NodeFlags.Hidden | NodeFlags.Generated);

        int a = pkt.AddBytes(EthFields.Addr, n, tvb, off, 6);
        if (pkt.WantTree) pkt.Label(a, $"Address: {MacNames.Describe(pkt, mac)}");
        if (name is not null) pkt.AddObject(EthFields.AddrResolved, n, tvb, off, 6, name, NodeFlags.Hidden | NodeFlags.Generated);
        pkt.AddHidden(EthFields.AddrOui, n, tvb, off, 3, ouiValue);
        if (vendor is not null) pkt.AddObject(EthFields.AddrOuiResolved, n, tvb, off, 6, vendor, NodeFlags.Hidden | NodeFlags.Generated);

        pkt.Add(lg, n, tvb, off, 3, ouiValue);
        pkt.AddHidden(EthFields.Lg, n, tvb, off, 3, ouiValue);
        pkt.Add(ig, n, tvb, off, 3, ouiValue);
        pkt.AddHidden(EthFields.Ig, n, tvb, off, 3, ouiValue);
    }
}
