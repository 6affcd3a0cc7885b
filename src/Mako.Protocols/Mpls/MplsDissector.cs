using Mako.Engine.Dissection;

namespace Mako.Protocols.Mpls;

/// <summary>
/// MPLS label stack (RFC 3032) on ethertypes 0x8847/0x8848 and PPP protocols 0x0281/0x0283. Each 4-byte entry is its
/// own tree item; after the entry with the bottom-of-stack bit, the payload's first nibble picks IPv4 (4) or IPv6 (6),
/// as Wireshark does without pseudowire configuration; anything else is shown as data.
/// <code>
///  label(20) | exp(3) | S(1) | TTL(8)
/// </code>
/// </summary>
public sealed class MplsDissector() : Dissector(MplsFields.Proto)
{
    private const int EntryLength = 4;
    private UIntTable _ethertype = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x8847, this);
        tables.AddUInt("ethertype", 0x8848, this);
        tables.AddUInt("ppp.protocol", 0x0281, this);
        tables.AddUInt("ppp.protocol", 0x0283, this);
        _ethertype = tables.UInt("ethertype");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(MplsFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "MPLS";
            pkt.Info.Set("MPLS Label Switched Packet");
        }
        int offset = 0;
        while (true)
        {
            uint entry = tvb.U32(offset);
            uint label = entry >> 12;
            uint exp = (entry >> 9) & 7;
            uint bottom = (entry >> 8) & 1;
            uint ttl = entry & 0xff;
            int node = pkt.AddProtocol(MplsFields.Proto, parent, tvb, offset, EntryLength);
            if (pkt.WantTree)
            {
                string? name = label < 16 ? MplsFields.Label.Values?.Lookup(label) : null;
                string shown = name is null ? label.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{label} ({name})";
                pkt.Label(node, $"{MplsFields.Proto.Name}, Label: {shown}, Exp: {exp}, S: {bottom}, TTL: {ttl}");
            }
            int labelNode = pkt.Add(MplsFields.Label, node, tvb, offset, EntryLength, entry);
            // Ordinary labels are shown as "100704 (0x18960)"; only the reserved ones (0-15) have names.
            if (pkt.WantTree && label >= 16)
                pkt.Label(labelNode, $"{Engine.Format.LabelFormatter.BitPrefix(MplsFields.Label, entry)}{MplsFields.Label.Name}: {label} (0x{label:x5})");
            pkt.Add(MplsFields.Exp, node, tvb, offset, EntryLength, entry);
            pkt.Add(MplsFields.Bottom, node, tvb, offset, EntryLength, entry);
            pkt.Add(MplsFields.Ttl, node, tvb, offset, EntryLength, entry);
            offset += EntryLength;
            if (bottom != 0) break;
        }

        var payload = tvb.Slice(offset);
        ushort? type = payload.Length == 0 ? null : (payload.U8(0) >> 4) switch { 4 => 0x0800, 6 => 0x86dd, _ => null };
        if (type is ushort t)
        {
            var d = pkt.Session.Lookup(_ethertype, t);
            if (d is not null && pkt.Session.Call(d, payload, pkt, -1) != 0) return tvb.Length;
        }
        pkt.Session.CallData(payload, pkt, -1);
        return tvb.Length;
    }
}
