using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Igmp;

/// <summary>
/// Internet Group Management Protocol: v1 (RFC 1112), v2 (RFC 2236), v3 (RFC 3376) and multicast traceroute.
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      | Max Resp Time |           Checksum            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Group Address                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// As in Wireshark the message types are sub-dissectors of IGMP itself, so frame.protocols shows "igmp:igmp".
/// A membership query is v3 when 12 bytes or more, else v2 when Max Resp Time is non-zero, else v1.
/// </summary>
public sealed class IgmpDissector() : Dissector(IgmpFields.Proto)
{
    static IgmpDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(IgmpExperts).TypeHandle);

    public override void Handoff(DissectorTables tables) => tables.AddUInt("ip.proto", 2, this);

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(IgmpFields.Proto);
        byte type = tvb.U8(0);
        switch (type)
        {
            case 0x11:
                pkt.EnterLayer(IgmpFields.Proto);
                if (tvb.ReportedLength >= 12) V3Query(tvb, pkt, parent);
                else if (tvb.U8(1) != 0) V2(tvb, pkt, parent);
                else V1(tvb, pkt, parent);
                break;
            case 0x12:
                pkt.EnterLayer(IgmpFields.Proto);
                V1(tvb, pkt, parent);
                break;
            case 0x16:
            case 0x17:
                pkt.EnterLayer(IgmpFields.Proto);
                V2(tvb, pkt, parent);
                break;
            case 0x22:
                pkt.EnterLayer(IgmpFields.Proto);
                V3Report(tvb, pkt, parent);
                break;
            case 0x1e:
            case 0x1f:
                pkt.EnterLayer(IgmpFields.Proto);
                Mtrace(tvb, pkt, parent);
                break;
            default:
                Unknown(tvb, pkt, parent);
                break;
        }
        return tvb.Length;
    }

    private static string TypeName(byte type) => IgmpFields.Type.Values!.Lookup(type) ?? $"Unknown Type:0x{type:x2}";

    /// <summary>dissect_igmp_common: columns, the IGMP node, the (generated) version and the type.</summary>
    private static int Common(in Tvb tvb, Packet pkt, int parent, int version)
    {
        byte type = tvb.U8(0);
        if (pkt.WantColumns)
        {
            pkt.Protocol = version switch { 1 => "IGMPv1", 2 => "IGMPv2", 3 => "IGMPv3", _ => "IGMPv0" };
            pkt.Info.Clear();
            pkt.Info.Set(TypeName(type));
        }
        int node = pkt.AddProtocol(IgmpFields.Proto, parent, tvb, 0, tvb.Length);
        int v = pkt.Add(IgmpFields.Version, node, tvb, 0, 0, (ulong)version);
        if (v != node) pkt.Tree[v].Flags |= NodeFlags.Generated;
        pkt.Add(IgmpFields.Type, node, tvb, 0, 1, type);
        return node;
    }

    /// <summary>Verified over <paramref name="len"/> bytes (0 = the whole message) when all are present.</summary>
    private static void Checksum(in Tvb tvb, Packet pkt, int node, int len)
    {
        if (len == 0) len = tvb.ReportedLength;
        ushort sum = tvb.U16(2);
        int n = pkt.Add(IgmpFields.Checksum, node, tvb, 2, 2, sum);
        ulong status = 2;
        if (!pkt.Fragmented && tvb.Length >= len)
        {
            ushort computed = InetChecksum.Compute(tvb.Data[..len]);
            status = computed == 0 ? 1UL : 0UL;
            if (computed == 0)
            {
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} [correct]");
            }
            else
            {
                ushort should = InetChecksum.ShouldBe(sum, computed);
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} incorrect, should be 0x{should:x4}");
                pkt.Expert(IgmpExperts.ChecksumBad, n, $"Bad checksum [should be 0x{should:x4}]");
            }
        }
        else if (pkt.WantTree)
        {
            pkt.Label(n, $"Checksum: 0x{sum:x4} [unverified]");
        }
        int st = pkt.Add(IgmpFields.ChecksumStatus, node, tvb, 2, 0, status);
        if (st != node) pkt.Tree[st].Flags |= NodeFlags.Generated;
    }

    private static void V1(in Tvb tvb, Packet pkt, int parent)
    {
        int node = Common(tvb, pkt, parent, 1);
        pkt.AddBytesChecked(IgmpFields.Reserved, node, tvb, 1, 1);
        Checksum(tvb, pkt, node, 8);
        pkt.Add(IgmpFields.Maddr, node, tvb, 4, 4, tvb.U32(4));
    }

    private static void V2(in Tvb tvb, Packet pkt, int parent)
    {
        int node = Common(tvb, pkt, parent, 2);
        byte type = tvb.U8(0);
        byte tsecs = tvb.U8(1);
        int mr = pkt.Add(IgmpFields.MaxResp, node, tvb, 1, 1, tsecs);
        if (pkt.WantTree) pkt.Label(mr, $"Max Resp Time: {TenthsText(tsecs)} sec (0x{tsecs:x2})");
        Checksum(tvb, pkt, node, 8);
        uint group = tvb.U32(4);
        pkt.Add(IgmpFields.Maddr, node, tvb, 4, 4, group);
        if (pkt.WantColumns)
        {
            if (group == 0)
            {
                pkt.Info.Append(", general");
            }
            else
            {
                pkt.Info.Append(type switch { 0x17 => " ", 0x11 => ", specific for group ", _ => " group " });
                pkt.Info.Append(Address.IPv4(group));
            }
        }
    }

    private static string TenthsText(uint tenths) =>
        (tenths * 0.1).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static void V3Query(in Tvb tvb, Packet pkt, int parent)
    {
        int node = Common(tvb, pkt, parent, 3);
        ushort num = tvb.U16(10);
        byte bits = tvb.U8(1);
        uint tsecs = (bits & 0x80) != 0 ? (uint)((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3) : bits;
        int mr = pkt.Add(IgmpFields.MaxResp, node, tvb, 1, 1, tsecs);
        if (pkt.WantTree) pkt.Label(mr, $"Max Resp Time: {TenthsText(tsecs)} sec (0x{bits:x2})");
        if ((bits & 0x80) != 0)
        {
            pkt.Add(IgmpFields.MaxRespExp, mr, tvb, 1, 1, bits);
            pkt.Add(IgmpFields.MaxRespMant, mr, tvb, 1, 1, bits);
        }
        Checksum(tvb, pkt, node, 0);
        uint group = tvb.U32(4);
        pkt.Add(IgmpFields.Maddr, node, tvb, 4, 4, group);
        if (pkt.WantColumns)
        {
            if (group == 0)
            {
                pkt.Info.Append(", general");
            }
            else
            {
                pkt.Info.Append(", specific for group ");
                pkt.Info.Append(Address.IPv4(group));
            }
        }
        byte sqrv = tvb.U8(8);
        pkt.Add(IgmpFields.S, node, tvb, 8, 1, sqrv);
        pkt.Add(IgmpFields.Qrv, node, tvb, 8, 1, sqrv);
        pkt.Add(IgmpFields.Qqic, node, tvb, 9, 1, tvb.U8(9));
        pkt.Add(IgmpFields.NumSrc, node, tvb, 10, 2, num);
        if (num != 0 && pkt.WantColumns) pkt.Info.Append(num > 1 ? ", sources {" : ", source {");
        int offset = 12;
        for (int left = num; left > 0; left--, offset += 4)
        {
            uint s = tvb.U32(offset);
            if (pkt.WantColumns)
            {
                pkt.Info.Append(Address.IPv4(s));
                pkt.Info.Append(left > 1 ? ", " : "}");
            }
            pkt.Add(IgmpFields.Saddr, node, tvb, offset, 4, s);
        }
    }

    private static void V3Report(in Tvb tvb, Packet pkt, int parent)
    {
        int node = Common(tvb, pkt, parent, 3);
        pkt.AddBytesChecked(IgmpFields.Reserved, node, tvb, 1, 1);
        Checksum(tvb, pkt, node, 0);
        pkt.AddBytesChecked(IgmpFields.Reserved, node, tvb, 4, 2);
        ushort num = tvb.U16(6);
        if (num == 0 && pkt.WantColumns) pkt.Info.Append(" - General query");
        pkt.Add(IgmpFields.NumGrpRecs, node, tvb, 6, 2, num);
        int offset = 8;
        for (int i = 0; i < num; i++) offset = GroupRecord(tvb, pkt, node, offset);
    }

    private static readonly string[] RecordTypes = ["", "Mode Is Include", "Mode Is Exclude", "Change To Include Mode", "Change To Exclude Mode", "Allow New Sources", "Block Old Sources"];

    private static int GroupRecord(in Tvb tvb, Packet pkt, int parent, int offset)
    {
        int start = offset;
        // Wireshark names the record's subtree after its group address first, so a cut record shows nothing.
        uint group = tvb.U32(offset + 4);
        byte rt = tvb.U8(offset);
        int outer = parent;
        parent = pkt.AddText(outer, tvb, offset, 0,
            $"Group Record : {Address.IPv4(group)}  {(rt is >= 1 and <= 6 ? RecordTypes[rt] : "")}");
        pkt.Add(IgmpFields.RecordType, parent, tvb, offset, 1, rt);
        byte adl = tvb.U8(offset + 1);
        pkt.Add(IgmpFields.AuxDataLen, parent, tvb, offset + 1, 1, adl);
        ushort num = tvb.U16(offset + 2);
        pkt.Add(IgmpFields.NumSrc, parent, tvb, offset + 2, 2, num);
        pkt.Add(IgmpFields.Maddr, parent, tvb, offset + 4, 4, group);
        offset += 8;
        if (pkt.WantColumns)
        {
            var info = pkt.Info;
            string g = Address.IPv4(group).ToString();
            if (num == 0)
            {
                info.Append(rt switch
                {
                    1 or 3 => $" / Leave group {g}",
                    2 or 4 => $" / Join group {g} for any sources",
                    5 => $" / Group {g}, ALLOW_NEW_SOURCES but no source specified (?)",
                    6 => $" / Group {g}, BLOCK_OLD_SOURCES but no source specified (?)",
                    _ => $" / Group {g}, unknown record type (?)",
                });
            }
            else
            {
                info.Append(rt switch
                {
                    1 or 3 => $" / Join group {g} for source{(num > 1 ? "s in" : "")} {{",
                    2 or 4 => $" / Join group {g}, for source{(num > 1 ? "s not in" : " not")} {{",
                    5 => $" / Group {g}, new source{(num > 1 ? "s" : "")} {{",
                    6 => $" / Group {g}, block source{(num > 1 ? "s" : "")} {{",
                    _ => $" / Group {g}, unknown record type (?), sources {{",
                });
            }
        }
        for (int left = num; left > 0; left--, offset += 4)
        {
            uint s = tvb.U32(offset);
            if (pkt.WantColumns)
            {
                pkt.Info.Append(Address.IPv4(s));
                pkt.Info.Append(left > 1 ? ", " : "}");
            }
            pkt.Add(IgmpFields.Saddr, parent, tvb, offset, 4, s);
        }
        if (adl != 0)
        {
            pkt.AddBytesChecked(IgmpFields.AuxData, parent, tvb, offset, adl * 4);
            offset += adl * 4;
        }
        if (parent != outer) pkt.Tree[parent].Length = offset - start;
        return offset;
    }

    private const int TraceHeader = 24, TraceBlock = 32;

    private static void Mtrace(in Tvb tvb, Packet pkt, int parent)
    {
        int node = pkt.AddProtocol(IgmpFields.Proto, parent, tvb, 0, tvb.Length);
        byte type = tvb.U8(0);
        string typeStr;
        string? blocks = null;
        if (type == 0x1e)
        {
            int i = (tvb.ReportedLength - TraceHeader) / TraceBlock;
            blocks = $", {i} block{(i == 1 ? "" : "s")}";
            typeStr = "Traceroute Response";
        }
        else
        {
            typeStr = tvb.ReportedLength == TraceHeader ? "Traceroute Query" : "Traceroute Request";
        }
        if (pkt.WantColumns)
        {
            pkt.Protocol = "IGMP";
            pkt.Info.Set(typeStr);
            if (blocks is not null) pkt.Info.Append(blocks);
        }
        int t = pkt.Add(IgmpFields.Type, node, tvb, 0, 1, type);
        if (pkt.WantTree) pkt.Label(t, $"Type: {typeStr} (0x{type:x2})");
        pkt.Add(IgmpFields.MtraceMaxHops, node, tvb, 1, 1, tvb.U8(1));
        Checksum(tvb, pkt, node, 0);
        pkt.Add(IgmpFields.Maddr, node, tvb, 4, 4, tvb.U32(4));
        pkt.Add(IgmpFields.MtraceSaddr, node, tvb, 8, 4, tvb.U32(8));
        pkt.Add(IgmpFields.MtraceRaddr, node, tvb, 12, 4, tvb.U32(12));
        pkt.Add(IgmpFields.MtraceRspaddr, node, tvb, 16, 4, tvb.U32(16));
        pkt.Add(IgmpFields.MtraceRespTtl, node, tvb, 20, 1, tvb.U8(20));
        pkt.Add(IgmpFields.MtraceQId, node, tvb, 21, 3, tvb.U24(21));
        for (int o = TraceHeader; tvb.ReportedLength - o >= TraceBlock; o += TraceBlock)
        {
            pkt.Add(IgmpFields.MtraceQArrival, node, tvb, o, 4, tvb.U32(o));
            pkt.Add(IgmpFields.MtraceQInaddr, node, tvb, o + 4, 4, tvb.U32(o + 4));
            pkt.Add(IgmpFields.MtraceQOutaddr, node, tvb, o + 8, 4, tvb.U32(o + 8));
            pkt.Add(IgmpFields.MtraceQPrevrtr, node, tvb, o + 12, 4, tvb.U32(o + 12));
            pkt.Add(IgmpFields.MtraceQInpkt, node, tvb, o + 16, 4, tvb.U32(o + 16));
            pkt.Add(IgmpFields.MtraceQOutpkt, node, tvb, o + 20, 4, tvb.U32(o + 20));
            pkt.Add(IgmpFields.MtraceQTotal, node, tvb, o + 24, 4, tvb.U32(o + 24));
            pkt.Add(IgmpFields.MtraceQRtgProto, node, tvb, o + 28, 1, tvb.U8(o + 28));
            pkt.Add(IgmpFields.MtraceQFwdTtl, node, tvb, o + 29, 1, tvb.U8(o + 29));
            byte b = tvb.U8(o + 30);
            pkt.Add(IgmpFields.MtraceQMbz, node, tvb, o + 30, 1, b);
            pkt.Add(IgmpFields.MtraceQS, node, tvb, o + 30, 1, b);
            pkt.Add(IgmpFields.MtraceQSrcMask, node, tvb, o + 30, 1, b);
            pkt.Add(IgmpFields.MtraceQFwdCode, node, tvb, o + 31, 1, tvb.U8(o + 31));
        }
    }

    private static void Unknown(in Tvb tvb, Packet pkt, int parent)
    {
        byte type = tvb.U8(0);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "IGMP";
            pkt.Info.Clear();
            pkt.Info.Set(TypeName(type));
        }
        int node = pkt.AddProtocol(IgmpFields.Proto, parent, tvb, 0, tvb.Length);
        pkt.Add(IgmpFields.Type, node, tvb, 0, 1, type);
        if (tvb.Length > 1) pkt.AddBytes(IgmpFields.Data, node, tvb, 1, tvb.Length - 1);
    }
}

/// <summary>IGMP expert items.</summary>
public static class IgmpExperts
{
    public static readonly ExpertDef ChecksumBad = IgmpFields.Proto.Expert("igmp.bad_checksum", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
}
