using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Vlan;

/// <summary>
/// IEEE 802.1Q VLAN tag (Ethertype 0x8100, and 0x9100 for old-style Q-in-Q), as Wireshark 4.0's packet-vlan.c with
/// default preferences (802.1Q-2011 names: DEI rather than CFI).
/// <code>
///  0     3   4               16              32
/// +-----+---+----------------+---------------+
/// | PCP |DEI|      VID       | type / length |
/// +-----+---+----------------+---------------+
/// </code>
/// The 2-byte field after the TCI is an Ethertype, or an 802.3 length followed by LLC. More than 20 nested tags stop
/// dissection (vlan.too_many_tags).
/// </summary>
public sealed class VlanDissector() : Dissector(VlanFields.Proto)
{
    private const int MaxNestedTags = 20;
    private UIntTable _ethertype = null!;
    private DissectorTables8023 _next = null!;

    public static readonly ExpertDef LenPastEnd = VlanFields.Proto.Expert("vlan.len.past_end", ExpertGroup.Malformed, ExpertSeverity.Error,
        "Length field value goes past the end of the payload");
    public static readonly ExpertDef TooManyTags = VlanFields.Proto.Expert("vlan.too_many_tags", ExpertGroup.Undecoded, ExpertSeverity.Warn,
        "Too many nested VLAN tags");

    /// <summary>802.1Q-2011 Table I-2 (the default "8 priorities, 0 drop eligible"), for the tree.</summary>
    private static readonly string[] PriorityNames =
    [
        "Best Effort (default)", "Background", "Excellent Effort", "Critical Applications",
        "Video, < 100ms latency and jitter", "Voice, < 10ms latency and jitter", "Internetwork Control", "Network Control",
    ];

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x8100, this);
        tables.AddUInt("ethertype", 0x9100, this);   // the vlan.qinq_ethertype preference's default
        _ethertype = tables.UInt("ethertype");
        _next = DissectorTables8023.From(tables);
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(VlanFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "VLAN";
            pkt.Info.Clear();
        }
        ushort tci = tvb.U16(0);
        int pcp = tci >> 13, dei = (tci >> 12) & 1, vid = tci & 0xFFF;
        if (pkt.WantColumns)
        {
            pkt.Info.Set("PRI: ");
            pkt.Info.Append((long)pcp);
            pkt.Info.Append("  DEI: ");
            pkt.Info.Append((long)dei);
            pkt.Info.Append("  ID: ");
            pkt.Info.Append((long)vid);
        }

        int vlan = pkt.AddProtocol(VlanFields.Proto, parent, tvb, 0, Math.Min(4, tvb.Length));
        if (CountTags(pkt) > MaxNestedTags)
        {
            pkt.Expert(TooManyTags, vlan);
            return tvb.Length;
        }
        if (pkt.WantTree)
        {
            pkt.Label(vlan, $"802.1Q Virtual LAN, PRI: {pcp}, DEI: {dei}, ID: {vid}");
            int p = pkt.Add(VlanFields.Priority, vlan, tvb, 0, 2, tci);
            pkt.Label(p, $"{Bits(tci, 0xE000)} = Priority: {PriorityNames[pcp]} ({pcp})");
        }
        else
        {
            pkt.Add(VlanFields.Priority, vlan, tvb, 0, 2, tci);
        }
        pkt.Add(VlanFields.Dei, vlan, tvb, 0, 2, tci);
        pkt.Add(VlanFields.Id, vlan, tvb, 0, 2, tci);

        ushort type = tvb.U16(2);
        if (type <= 1500)
        {
            // Don't let this check throw: a missing payload is for the next layer to report.
            bool is8022 = !(tvb.Has(4, 2) && tvb.U16(4) == 0xFFFF);
            Ieee8023.Dissect(type, is8022, tvb, 4, pkt, vlan, VlanFields.Len, VlanFields.Trailer, LenPastEnd, 0, _next);
        }
        else
        {
            pkt.Add(VlanFields.Etype, vlan, tvb, 2, 2, type);
            Ethertype.Dispatch(_ethertype, type, tvb, 4, pkt, vlan, VlanFields.Trailer, 0);
        }
        return tvb.ReportedLength;
    }

    /// <summary>How many VLAN tags this packet has entered so far (Wireshark's per-protocol nesting depth).</summary>
    private static int CountTags(Packet pkt)
    {
        int n = 0;
        foreach (var l in pkt.Layers)
            if (ReferenceEquals(l, VlanFields.Proto.Abbrev) || l == "vlan") n++;
        return n;
    }

    /// <summary>"101. .... .... ...." style bit picture of a 16-bit field.</summary>
    private static string Bits(int value, int mask)
    {
        var c = new char[19];
        int p = 0;
        for (int i = 15; i >= 0; i--)
        {
            c[p++] = (mask >> i & 1) == 0 ? '.' : (value >> i & 1) == 1 ? '1' : '0';
            if (i % 4 == 0 && i > 0) c[p++] = ' ';
        }
        return new string(c);
    }
}
