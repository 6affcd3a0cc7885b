using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Geneve;

/// <summary>
/// Generic Network Virtualization Encapsulation (RFC 8926), on UDP port 6081. The payload type is an ethertype
/// (0x6558 for an Ethernet frame).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Virtual Network Identifier (VNI)       |    Reserved   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Variable-Length Options                    |
/// </code>
/// Each option: class (16 bits), type (8, top bit "critical"), 3 reserved bits, length (5 bits, in 4-byte words,
/// not counting the 4-byte option header), data.
/// </summary>
public sealed class GeneveDissector() : Dissector(GeneveFields.Proto)
{
    private const int HeaderLength = 8;
    private const ushort TransparentEthernet = 0x6558;
    private UIntTable _ethertype = null!;
    private Dissector? _eth;

    public static readonly ExpertDef VersionUnknownExpert = GeneveFields.Proto.Expert("geneve.version.unknown", ExpertGroup.Protocol, ExpertSeverity.Warn, "Unknown version");
    public static readonly ExpertDef OptionLengthInvalidExpert = GeneveFields.Proto.Expert("geneve.option.length.invalid", ExpertGroup.Protocol, ExpertSeverity.Warn, "Invalid length for option");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("udp.port", 6081, this);
        _ethertype = tables.UInt("ethertype");
        _eth = tables.ByName("eth"); // Wireshark's Ethernet registers itself for 0x6558; ours is wired here
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(GeneveFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "Geneve";
            pkt.Info.Clear();
        }
        int gn = pkt.AddProtocol(GeneveFields.Proto, parent, tvb, 0, tvb.Length);
        byte b0 = tvb.U8(0);
        int version = b0 >> 6;
        pkt.Add(GeneveFields.Version, gn, tvb, 0, 1, (ulong)version);
        if (version != 0)
        {
            ExpertText(pkt, gn, tvb, 0, 1, VersionUnknownExpert, $"Unknown version {version}");
            if (pkt.WantColumns)
            {
                pkt.Info.Append("Unknown Geneve version ");
                pkt.Info.Append((long)version);
            }
        }
        int optionsLength = (b0 & 0x3f) * 4;
        int ol = pkt.Add(GeneveFields.OptionLength, gn, tvb, 0, 1, (ulong)optionsLength);
        if (pkt.WantTree) pkt.Label(ol, $"Length: {optionsLength} bytes");

        byte flags = tvb.U8(1);
        pkt.AddBitmask(GeneveFields.Flags, gn, tvb, 1, 1, flags, GeneveFields.FlagsOam, GeneveFields.FlagsCritical, GeneveFields.FlagsReserved);

        ushort protoType = tvb.U16(2);
        pkt.Add(GeneveFields.ProtoType, gn, tvb, 2, 2, protoType);
        if (pkt.WantColumns)
        {
            pkt.Info.Set("Encapsulated ");
            if (GeneveFields.ProtoType.Values?.Lookup(protoType) is { } name) pkt.Info.Append(name);
            else
            {
                pkt.Info.AppendHex(protoType, 4);
                pkt.Info.Append(" (unknown)");
            }
        }
        uint vni = tvb.U24(4);
        pkt.Add(GeneveFields.Vni, gn, tvb, 4, 3, vni);
        if (pkt.WantTree) pkt.Label(gn, $"{GeneveFields.Proto.Name}, VNI: 0x{vni:x6}{((flags & 0x80) != 0 ? ", OAM" : "")}");
        byte reserved = tvb.U8(7);
        if (reserved == 0) pkt.AddHidden(GeneveFields.Reserved, gn, tvb, 7, 1, reserved);
        else pkt.Add(GeneveFields.Reserved, gn, tvb, 7, 1, reserved);

        if (optionsLength > 0) Options(tvb, pkt, gn, HeaderLength, optionsLength);
        int end = HeaderLength + optionsLength;
        pkt.Tree[gn].Length = Math.Min(end, tvb.Length);

        var next = tvb.Slice(end);
        var d = pkt.Session.Lookup(_ethertype, protoType) ?? (protoType == TransparentEthernet ? _eth : null);
        if (d is null || !pkt.Session.IsEnabled(d) || pkt.Session.Call(d, next, pkt, -1) == 0)
            pkt.Session.CallData(next, pkt, -1);
        return tvb.Length;
    }

    private static void Options(Tvb tvb, Packet pkt, int gn, int offset, int length)
    {
        tvb.Ensure(offset, length);
        int opts = pkt.AddBytes(GeneveFields.Options, gn, tvb, offset, length);
        if (pkt.WantTree) pkt.Label(opts, $"Options: ({length} bytes)");
        while (length > 0)
        {
            ushort cls = tvb.U16(offset);
            byte type = tvb.U8(offset + 2);
            int optLength = 4 + (tvb.U8(offset + 3) & 0x1f) * 4;
            if (optLength > length)
            {
                ExpertText(pkt, opts, tvb, offset + 3, 1, OptionLengthInvalidExpert, $"{OptionName(cls, type)} (length of {optLength} is past end of options)");
                return;
            }
            Option(tvb, pkt, opts, offset, cls, type, optLength);
            offset += optLength;
            length -= optLength;
        }
    }

    private static void Option(Tvb tvb, Packet pkt, int opts, int offset, ushort cls, byte type, int length)
    {
        string critical = (type & 0x80) != 0 ? "Critical" : "Non-critical";
        int opt = pkt.AddBytes(GeneveFields.Option, opts, tvb, offset, length);
        if (pkt.WantTree) pkt.Label(opt, $"{OptionName(cls, type)} ({critical})");
        int cn = pkt.Add(GeneveFields.OptionClass, opt, tvb, offset, 2, cls);
        if (pkt.WantTree) pkt.Label(cn, $"Class: {ClassName(cls)} (0x{cls:x4})");
        int tn = pkt.Add(GeneveFields.OptionType, opt, tvb, offset + 2, 1, type);
        if (pkt.WantTree) pkt.Label(tn, $"Type: 0x{type:x2} ({critical})");
        pkt.AddHidden(GeneveFields.OptionTypeCritical, opt, tvb, offset + 2, 1, type);
        byte b3 = tvb.U8(offset + 3);
        int optFlags = b3 >> 5;
        int fn = optFlags != 0
            ? pkt.Add(GeneveFields.OptionFlags, opt, tvb, offset + 3, 1, (ulong)optFlags)
            : pkt.AddHidden(GeneveFields.OptionFlags, opt, tvb, offset + 3, 1, (ulong)optFlags);
        if (pkt.WantTree && optFlags != 0) pkt.Label(fn, $"Flags: 0x{optFlags:x2} (RSVD)");
        pkt.Add(GeneveFields.OptionFlagsReserved, fn, tvb, offset + 3, 1, b3);
        int ln = pkt.Add(GeneveFields.OptionLength, opt, tvb, offset + 3, 1, (ulong)length);
        if (pkt.WantTree) pkt.Label(ln, $"Length: {length} bytes");
        if (length > 4) pkt.AddBytes(GeneveFields.OptionUnknownData, opt, tvb, offset + 4, length - 4);
        else pkt.AddObject(GeneveFields.OptionUnknownData, opt, tvb, offset + 4, 0, "<MISSING>"); // tshark's text for it
    }

    /// <summary>proto_tree_add_expert_format: a text line carrying the message, with the expert item under it.</summary>
    private static void ExpertText(Packet pkt, int parent, in Tvb tvb, int offset, int length, ExpertDef e, string message)
    {
        int t = pkt.AddText(parent, tvb, offset, length, message);
        pkt.Expert(e, t, message);
    }

    private static string OptionName(ushort cls, byte type) => $"Unknown, Class: {ClassName(cls)} (0x{cls:x4}) Type: 0x{type:x2}";

    /// <summary>The option class registry as Wireshark 4.0 names it (a few vendor blocks; the rest unassigned).</summary>
    private static string ClassName(ushort cls) => cls switch
    {
        <= 0xff => "Standard",
        0x0100 => "Linux",
        0x0101 => "Open vSwitch",
        0x0102 => "Open Virtual Networking (OVN)",
        0x0103 => "In-band Network Telemetry (INT)",
        0x0104 => "VMware",
        >= 0xfff0 => "Experimental",
        _ => "Unknown",
    };
}
