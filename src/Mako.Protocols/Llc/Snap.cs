using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Llc;

/// <summary>
/// The SNAP header (IEEE 802 clause 10.3: 3-byte OUI, 2-byte protocol ID) after an LLC header with DSAP=SSAP=0xAA,
/// as Wireshark's dissect_snap. OUI 00-00-00 and 00-00-F8 mean the PID is an Ethertype; OUI 00-80-C2 carries bridged
/// 802 frames; other OUIs have their own PID field and table (Cisco's CDP/VTP/DTP live under llc.cisco_pid).
/// </summary>
public sealed class Snap
{
    private const uint OuiEncapEther = 0x000000, OuiCisco90 = 0x0000F8, OuiIeee8021 = 0x0080C2, OuiHp2 = 0x00805F,
        OuiCableBpdu = 0x00E02F, OuiTurbocell = 0x0020F6;

    /// <summary>OUIs that register their own PID field and table in Wireshark (llc_add_oui).</summary>
    private static readonly Dictionary<uint, (FieldDef Pid, string Table)> OuiTables = new()
    {
        [0x00000C] = (LlcFields.CiscoPid, "llc.cisco_pid"),
        [0x004096] = (LlcFields.WlccpPid, "llc.wlccp_pid"),
        [0x00E02B] = (LlcFields.ExtremePid, "llc.extreme_pid"),
        [0x00E052] = (LlcFields.FoundryPid, "llc.foundry_pid"),
        [0x000081] = (LlcFields.NortelPid, "llc.nortel_pid"),
        [0x001090] = (LlcFields.CimetricsPid, "llc.cimetrics_pid"),
        [0x001958] = (LlcFields.BluetoothPid, "llc.bluetooth_pid"),
        [0x080007] = (LlcFields.AppleAtalkPid, "llc.apple_atalk_pid"),
        [0x00005E] = (LlcFields.IanaPid, "llc.iana_pid"),
        [0x0001E8] = (LlcFields.Force10Pid, "llc.force10_pid"),
        [0x0017F2] = (LlcFields.AppleAwdlPid, "llc.apple_awdl_pid"),
        [0x506F9A] = (LlcFields.MausbPid, "llc.wfa_pid"),
    };

    private readonly UIntTable _ethertype;
    private readonly UIntTable _hpteam;
    private readonly Dictionary<uint, UIntTable> _ouiTables = new();
    private readonly Dissector? _bpdu, _tr, _fddi, _turbocell;
    private readonly Dissector? _eth;

    public Snap(DissectorTables tables, UIntTable ethertype)
    {
        _ethertype = ethertype;
        _hpteam = tables.UInt("llc.hpteam_pid");
        foreach (var (oui, (_, table)) in OuiTables) _ouiTables[oui] = tables.UInt(table);
        _bpdu = tables.ByName("stp");
        _tr = tables.ByName("tr");
        _fddi = tables.ByName("fddi");
        _turbocell = tables.ByName("turbocell");
        _eth = tables.ByName("eth");
    }

    /// <param name="offset">Where the OUI starts in <paramref name="tvb"/>.</param>
    /// <param name="parent">Where the payload's protocol goes (the top level for LLC).</param>
    /// <param name="snapNode">Where the OUI and PID fields go (the LLC node).</param>
    public void Dissect(in Tvb tvb, int offset, Packet pkt, int parent, int snapNode, int control, FieldDef ouiField,
        FieldDef typeField, FieldDef pidField, int bridgePad = 2)
    {
        ushort pid = tvb.U16(offset + 3);
        uint oui = tvb.U24(offset);
        int ouiNode = pkt.Add(ouiField, snapNode, tvb, offset, 3, oui);
        if (pkt.WantTree) LabelOui(pkt, ouiNode, ouiField, oui);
        if (pkt.WantColumns)
        {
            pkt.Info.Append("; SNAP, OUI 0x");
            Span<char> b = stackalloc char[6];
            oui.TryFormat(b, out _, "X6");
            pkt.Info.Append(b);
            pkt.Info.Append(" (");
            pkt.Info.Append(MacNames.Vendor(pkt, oui) ?? "Unknown");
            pkt.Info.Append("), PID 0x");
            pid.TryFormat(b, out _, "X4");
            pkt.Info.Append(b[..4]);
        }
        bool info = Xdlc.IsInformation(control);
        switch (oui)
        {
            case OuiHp2:
                pkt.Add(LlcFields.HpteamPid, snapNode, tvb, offset + 3, 2, pid);
                // HP teaming heartbeats are TEST frames, so the PID table is tried whatever the control field says.
                Dispatch(_hpteam, pid, tvb.Slice(offset + 5), pkt, parent);
                return;
            case OuiEncapEther:
            case OuiCisco90:
                if (info)
                {
                    pkt.Add(typeField, snapNode, tvb, offset + 3, 2, pid);
                    var next = tvb.Slice(offset + 5);
                    if (!Ethertype.TryDirect(_ethertype, pid, next, pkt, parent)) pkt.Session.CallData(next, pkt, parent);
                }
                else
                {
                    pkt.Session.CallData(tvb.Slice(offset + 5), pkt, parent);
                }
                return;
            case OuiIeee8021:
                pkt.Add(pidField, snapNode, tvb, offset + 3, 2, pid);
                Bridged(tvb, offset, pid, bridgePad, pkt, parent);
                return;
            case OuiCableBpdu:
                pkt.Add(pidField, snapNode, tvb, offset + 3, 2, pid);
                CallOrData(_bpdu, tvb.Slice(offset + 5), pkt, parent);
                return;
            case OuiTurbocell:
                CallOrData(_turbocell, tvb.Slice(offset + 3), pkt, parent);
                return;
        }
        if (OuiTables.TryGetValue(oui, out var entry))
        {
            pkt.Add(entry.Pid, snapNode, tvb, offset + 3, 2, pid);
            var next = tvb.Slice(offset + 5);
            if (info && pkt.Session.TryDispatch(_ouiTables[oui], pid, next, pkt, parent) != 0) return;
            pkt.Session.CallData(next, pkt, parent);
            return;
        }
        pkt.Add(pidField, snapNode, tvb, offset + 3, 2, pid);
        pkt.Session.CallData(tvb.Slice(offset + 5), pkt, parent);
    }

    /// <summary>
    /// "Organization Code: 00:00:0c (Cisco Systems, Inc)": Wireshark formats the value and vendor into a 32-byte
    /// buffer, so long vendor names are cut (and lose the closing parenthesis).
    /// </summary>
    private static void LabelOui(Packet pkt, int node, FieldDef field, uint oui)
    {
        string value = $"{oui >> 16:x2}:{(oui >> 8) & 0xFF:x2}:{oui & 0xFF:x2}";
        if (MacNames.Vendor(pkt, oui) is { } vendor)
        {
            value = $"{value} ({vendor})";
            if (value.Length > 31) value = value[..31];
        }
        pkt.Label(node, $"{field.Name}: {value}");
    }

    /// <summary>RFC 2684/2427 bridged frames: the PID says which MAC follows, and whether it keeps its FCS.</summary>
    private void Bridged(in Tvb tvb, int offset, ushort pid, int bridgePad, Packet pkt, int parent)
    {
        switch (pid)
        {
            case 0x0001:
            case 0x0007:
                {
                    var next = tvb.Slice(offset + 5 + bridgePad);
                    if (_eth is EthernetDissector eth && pkt.Session.IsEnabled(eth)) eth.DissectWithFcs(next, pkt, parent, pid == 0x0001 ? 4 : 0);
                    else pkt.Session.CallData(next, pkt, parent);
                    return;
                }
            case 0x0003:
            case 0x0009:
                CallOrData(_tr, tvb.Slice(offset + 5 + bridgePad), pkt, parent);
                return;
            case 0x0004:
            case 0x000A:
                CallOrData(_fddi, tvb.Slice(offset + 5 + 1 + bridgePad), pkt, parent);
                return;
            case 0x000E:
                CallOrData(_bpdu, tvb.Slice(offset + 5), pkt, parent);
                return;
            default:
                pkt.Session.CallData(tvb.Slice(offset + 5), pkt, parent);
                return;
        }
    }

    private static void Dispatch(UIntTable table, uint key, Tvb next, Packet pkt, int parent)
    {
        if (pkt.Session.TryDispatch(table, key, next, pkt, parent) == 0) pkt.Session.CallData(next, pkt, parent);
    }

    private static void CallOrData(Dissector? d, Tvb next, Packet pkt, int parent)
    {
        if (d is null || !pkt.Session.IsEnabled(d) || pkt.Session.Call(d, next, pkt, parent) == 0)
            pkt.Session.CallData(next, pkt, parent);
    }
}
