using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Llc;

/// <summary>
/// IEEE 802.2 Logical Link Control (and SNAP, IEEE 802 clause 10), as Wireshark 4.0's packet-llc.c.
/// <code>
/// +--------+--------+-----------+---------------------------------+
/// | DSAP   | SSAP   | control   | SNAP (DSAP=SSAP=0xAA): OUI (3), |
/// | (I/G)  | (C/R)  | 1 or 2    | PID (2)  | payload ...          |
/// +--------+--------+-----------+---------------------------------+
/// </code>
/// Information frames go to the "llc.dsap" table by DSAP; SNAP frames with OUI 00-00-00 or 00-00-F8 to the ethertype
/// table by PID, other OUIs to their PID table (llc.cisco_pid...); XID frames in the basic format are decoded here.
/// </summary>
public sealed class LlcDissector() : Dissector(LlcFields.Proto)
{
    private UIntTable _dsap = null!, _xidDsap = null!, _control = null!, _ethertype = null!;
    private Snap _snap = null!;

    public override IEnumerable<ProtocolDef> ExtraProtocols => [BasicXidFields.Proto];

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("sll.ltype", 0x0004, this);   // LINUX_SLL_P_802_2
        tables.AddUInt("ethertype", 0x8870, this);   // Jumbo LLC
        _dsap = tables.UInt("llc.dsap");
        _xidDsap = tables.UInt("llc.xid_dsap");
        _control = tables.UInt("llc.control");
        _ethertype = tables.UInt("ethertype");
        _snap = new Snap(tables, _ethertype);
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(LlcFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "LLC";
            pkt.Info.Clear();
        }
        // An item covering "the rest" needs at least one byte (tvb_ensure_captured_length_remaining).
        if (tvb.Length == 0) tvb.Ensure(0, 1);
        int llc = pkt.AddProtocol(LlcFields.Proto, parent, tvb, 0, -1);

        byte dsap = tvb.U8(0);
        int d = pkt.Add(LlcFields.Dsap, llc, tvb, 0, 1, dsap);
        if (pkt.WantTree) pkt.Label(d, $"DSAP: {SapName(dsap)} (0x{dsap:x2})");
        AddSap(pkt, d, tvb, 0, LlcFields.DsapSap, LlcFields.DsapIg, dsap);
        byte ssap = tvb.U8(1);
        int s = pkt.Add(LlcFields.Ssap, llc, tvb, 1, 1, ssap);
        if (pkt.WantTree) pkt.Label(s, $"SSAP: {SapName(ssap)} (0x{ssap:x2})");
        AddSap(pkt, s, tvb, 1, LlcFields.SsapSap, LlcFields.SsapCr, ssap);

        bool isSnap = dsap == 0xAA && ssap == 0xAA;
        bool isResponse = (ssap & 1) != 0;
        int control = Control(tvb, pkt, llc, 2, isResponse);
        int ctrlLen = Xdlc.ControlLength(control);
        int hdrLen = 2 + ctrlLen + (isSnap ? 5 : 0);
        pkt.Tree[llc].Length = Math.Min(hdrLen, Math.Max(0, tvb.Length));

        if (isSnap)
        {
            _snap.Dissect(tvb, 2 + ctrlLen, pkt, -1, llc, control, LlcFields.Oui, LlcFields.Type, LlcFields.Pid);
            return tvb.Length;
        }

        if (pkt.WantColumns)
        {
            pkt.Info.Append("; DSAP ");
            AppendSap(pkt.Info, dsap & 0xFE);
            pkt.Info.Append((dsap & 1) != 0 ? " Group, SSAP " : " Individual, SSAP ");
            AppendSap(pkt.Info, ssap & 0xFE);
            pkt.Info.Append(isResponse ? " Response" : " Command");
        }
        if (tvb.ReportedLength - hdrLen <= 0) return tvb.Length;

        var next = tvb.Slice(hdrLen);
        if (Xdlc.IsInformation(control))
        {
            if (pkt.Session.TryDispatch(_dsap, dsap, next, pkt, -1) == 0) pkt.Session.CallData(next, pkt, -1);
        }
        else if ((control & (Xdlc.UModifierMask | Xdlc.U)) == (Xdlc.XID | Xdlc.U))
        {
            // XID: the LLC basic format is decoded here; other formats belong to the SAP's user (SNA...).
            byte format = next.U8(0);
            if (format == 0x81) BasicXid(next, pkt);
            else if (pkt.Session.TryDispatch(_xidDsap, dsap, next, pkt, -1) == 0) pkt.Session.CallData(next, pkt, -1);
        }
        else if (pkt.Session.TryDispatch(_control, (uint)control, next, pkt, -1) == 0)
        {
            pkt.Session.CallData(next, pkt, -1);
        }
        return tvb.Length;
    }

    private static string SapName(int sap) => LlcFields.Dsap.Values?.Lookup((ulong)sap) ?? "Unknown";

    private static void AppendSap(Engine.Dissection.ColumnText info, int sap)
    {
        if (LlcFields.Dsap.Values?.Lookup((ulong)sap) is { } name)
        {
            info.Append(name);
            return;
        }
        Span<char> b = stackalloc char[4];
        b[0] = '0';
        b[1] = 'x';
        ((byte)sap).TryFormat(b[2..], out _, "x2");
        info.Append(b);
    }

    private static void AddSap(Packet pkt, int node, in Tvb tvb, int off, FieldDef sapField, FieldDef bitField, byte value)
    {
        int n = pkt.Add(sapField, node, tvb, off, 1, value);
        if (pkt.WantTree)
        {
            string bits = Convert.ToString(value >> 1, 2).PadLeft(7, '0');
            pkt.Label(n, $"{bits[..4]} {bits[4..]}. = SAP: {SapName(value & 0xFE)}");
        }
        pkt.Add(bitField, node, tvb, off, 1, value);
    }

    /// <summary>dissect_xdlc_control in extended mode: sets the Info column and adds llc.control and its bits.</summary>
    private static int Control(in Tvb tvb, Packet pkt, int llc, int off, bool isResponse)
    {
        byte first = tvb.U8(off);
        int control = (first & Xdlc.SUMask) == Xdlc.U ? first : tvb.U16LE(off);
        int len = Xdlc.ControlLength(control);
        string? text = pkt.WantColumns || pkt.WantTree ? Xdlc.Describe(control, isResponse) : null;
        if (pkt.WantColumns) pkt.Info.Set(text);

        int c = pkt.Add(LlcFields.Control, llc, tvb, off, len, (ulong)control);
        if (pkt.WantTree) pkt.Label(c, len == 1 ? $"Control field: {text} (0x{control:X2})" : $"Control field: {text} (0x{control:X4})");
        switch (control & Xdlc.SUMask)
        {
            case Xdlc.S:
                pkt.Add(LlcFields.ControlNR, c, tvb, off, 2, (ulong)control);
                AddPollFinal(pkt, c, tvb, off, 2, control, isResponse, extended: true);
                pkt.Add(LlcFields.ControlSFtype, c, tvb, off, 2, (ulong)control);
                FrameType(pkt, c, tvb, off, 2, control & Xdlc.SUMask, "Supervisory frame");
                break;
            case Xdlc.U:
                AddPollFinal(pkt, c, tvb, off, 1, control, isResponse, extended: false);
                pkt.Add(isResponse ? LlcFields.ControlUModifierResp : LlcFields.ControlUModifierCmd, c, tvb, off, 1, (ulong)control);
                FrameType(pkt, c, tvb, off, 1, control & Xdlc.SUMask, "Unnumbered frame");
                break;
            default:
                pkt.Add(LlcFields.ControlNR, c, tvb, off, 2, (ulong)control);
                pkt.Add(LlcFields.ControlNS, c, tvb, off, 2, (ulong)control);
                AddPollFinal(pkt, c, tvb, off, 2, control, false, extended: true);
                FrameType(pkt, c, tvb, off, 2, control & Xdlc.IMask, "Information frame");
                break;
        }
        return control;
    }

    /// <summary>llc.control.ftype, labelled with the bit picture of the field it was taken from (1 or 2 bytes).</summary>
    private static void FrameType(Packet pkt, int c, in Tvb tvb, int off, int len, int value, string name)
    {
        int n = pkt.Add(LlcFields.ControlFtype, c, tvb, off, len, (ulong)value);
        if (!pkt.WantTree) return;
        int bits = value == Xdlc.I && name[0] == 'I' ? 1 : 2;
        var picture = new System.Text.StringBuilder();
        for (int i = len * 8 - 1; i >= 0; i--)
        {
            picture.Append(i >= bits ? '.' : (value >> i & 1) == 1 ? '1' : '0');
            if (i % 4 == 0 && i > 0) picture.Append(' ');
        }
        pkt.Label(n, $"{picture} = Frame type: {name} (0x{value:x})");
    }

    /// <summary>The P/F bit, present only when set (bit 4 of a 1-byte field, bit 8 of a 2-byte one).</summary>
    private static void AddPollFinal(Packet pkt, int c, in Tvb tvb, int off, int len, int control, bool isResponse, bool extended)
    {
        bool set = (control & (extended ? Xdlc.PfExtended : Xdlc.PfBasic)) != 0;
        if (!set) return;
        var f = isResponse ? LlcFields.ControlF : LlcFields.ControlP;
        // The field is declared on the 1-byte position; the 2-byte form is stored normalised to it.
        int n = pkt.Add(f, c, tvb, off, len, Xdlc.PfBasic);
        if (pkt.WantTree)
        {
            string name = isResponse ? "Final" : "Poll";
            pkt.Label(n, extended ? $".... ...1 .... .... = {name}: Set" : $"...1 .... = {name}: Set");
        }
    }

    /// <summary>An XID frame in the LLC basic format (IEEE 802.2 5.4.1.1.2): format, LLC types, receive window.</summary>
    private static void BasicXid(in Tvb tvb, Packet pkt)
    {
        if (pkt.WantColumns)
        {
            pkt.Protocol = "XID";
            pkt.Info.Clear();
        }
        int x = pkt.AddProtocol(BasicXidFields.Proto, -1, tvb, 0, -1);
        pkt.Add(BasicXidFields.LlcXidFormat, x, tvb, 0, 1, tvb.U8(0));
        int types = tvb.U8(1) & 0x1F;
        pkt.Add(BasicXidFields.LlcXidTypes, x, tvb, 1, 1, (ulong)types);
        int window = tvb.U8(2) >> 1;
        pkt.Add(BasicXidFields.LlcXidWsize, x, tvb, 2, 1, (ulong)window);
        if (pkt.WantColumns)
        {
            pkt.Info.Set("Basic Format; ");
            if (BasicXidFields.LlcXidTypes.Values?.Lookup((ulong)types) is { } t) pkt.Info.Append(t);
            else pkt.Info.Append($"0x{types:x2}");
            pkt.Info.Append("; Window Size ");
            pkt.Info.Append((long)window);
        }
    }
}
