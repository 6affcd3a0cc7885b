using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Icmp;

/// <summary>
/// ICMP multi-part extensions (RFC 4884): a version/checksum header then objects (length, class, C-type): MPLS
/// label stacks (RFC 4950), interface information (RFC 5837) and interface identification (RFC 8335).
/// </summary>
public static class IcmpExtensions
{
    public static void Dissect(Tvb tvb, Packet pkt, int icmp)
    {
        int reported = tvb.ReportedLength;
        int ext = pkt.Add(IcmpFields.Ext, icmp, tvb, 0, Math.Min(reported, tvb.Length), 0);
        if (ext != icmp && pkt.WantTree) pkt.Label(ext, "ICMP Multi-Part Extensions");
        if (reported < 4) return;
        byte version = (byte)(tvb.U8(0) >> 4);
        pkt.Add(IcmpFields.ExtVersion, ext, tvb, 0, 1, version);
        pkt.Add(IcmpFields.ExtRes, ext, tvb, 0, 2, tvb.U16(0));
        ushort sum = tvb.U16(2);
        int cn = pkt.Add(IcmpFields.ExtChecksum, ext, tvb, 2, 2, sum);
        ulong status;
        if (sum == 0)
        {
            status = 3;
            if (cn != ext)
            {
                pkt.Tree[cn].Flags |= NodeFlags.Generated;
                pkt.Label(cn, "Checksum: [missing]");
            }
        }
        else if (tvb.Length >= reported)
        {
            ushort computed = InetChecksum.Compute(tvb.Data);
            status = computed == 0 ? 1UL : 0UL;
            if (computed != 0) pkt.Expert(IcmpExperts.ExtChecksumBad, cn, $"Bad checksum [should be 0x{InetChecksum.ShouldBe(sum, computed):x4}]");
        }
        else
        {
            status = 2;
        }
        int st = pkt.Add(IcmpFields.ExtChecksumStatus, ext, tvb, 2, 0, status);
        if (st != ext) pkt.Tree[st].Flags |= NodeFlags.Generated;
        if (version is not 1 and not 2) return;

        int offset = 4;
        int infoObjects = 0;
        while (reported - offset >= 4)
        {
            int objLen = tvb.U16(offset);
            int trunc = Math.Min(objLen, reported - offset);
            int end = offset + trunc;
            // Each object is a text item whose wording is decided by its class (set again below).
            int objNode = pkt.AddText(ext, tvb, offset, Math.Max(trunc, 4), "Unknown object");
            int outer = ext;
            ext = objNode;
            pkt.Add(IcmpFields.ExtLength, ext, tvb, offset, 2, (ulong)objLen);
            byte cls = tvb.U8(offset + 2);
            pkt.Add(IcmpFields.ExtClass, ext, tvb, offset + 2, 1, cls);
            byte ctype = tvb.U8(offset + 3);
            if (objLen < 4)
            {
                if (objNode != outer) pkt.Label(objNode, "Object with bad length");
                break;
            }
            string text = cls switch
            {
                1 when ctype == 1 => "MPLS Stack Entry",
                0 when ctype == 1 => "Extended Payload",
                2 => "Interface Information Object",
                3 => "Interface Identification Object",
                _ => $"Unknown object ({cls}/{ctype})",
            };
            if (cls == 2 && ++infoObjects > 4) text = "More than 4 Interface Information Objects";
            bool unknown;
            switch (cls)
            {
                case 1:
                    unknown = MplsStack(tvb, offset, end, ctype, pkt, ext);
                    break;
                case 2:
                    unknown = InterfaceInformation(tvb, offset, end, ctype, pkt, ext);
                    break;
                case 0:
                    pkt.Add(IcmpFields.ExtCtype, ext, tvb, offset + 3, 1, ctype);
                    unknown = ctype != 1;
                    if (!unknown && trunc > 4) pkt.AddBytesChecked(IcmpFields.ExtData, ext, tvb, offset + 4, trunc - 4);
                    break;
                case 3:
                    unknown = InterfaceIdentification(tvb, offset, objLen, ctype, pkt, ext);
                    break;
                default:
                    unknown = true;
                    break;
            }
            if (unknown)
            {
                pkt.Add(IcmpFields.ExtCtype, ext, tvb, offset + 3, 1, ctype);
                if (trunc > 4) pkt.AddBytesChecked(IcmpFields.ExtData, ext, tvb, offset + 4, trunc - 4);
                text = $"Unknown object ({cls}/{ctype})";
            }
            if (trunc < objLen) text += " (truncated)";
            if (objNode != outer) pkt.Label(objNode, text);
            ext = outer;
            offset = end;
        }
    }

    private static bool MplsStack(in Tvb tvb, int offset, int end, byte ctype, Packet pkt, int ext)
    {
        pkt.Add(IcmpFields.ExtCtype, ext, tvb, offset + 3, 1, ctype);
        if (ctype != 1) return true;
        offset += 4;
        while (offset + 4 <= end && tvb.ReportedLength - offset >= 4)
        {
            uint label = (uint)tvb.U16(offset) << 4 | (uint)(tvb.U8(offset + 2) >> 4);
            byte tmp = tvb.U8(offset + 2);
            byte ttl = tvb.U8(offset + 3);
            int entry = pkt.AddText(ext, tvb, offset, 4, $"Label: {label}, Exp: {(tmp >> 1) & 7}, S: {tmp & 1}, TTL: {ttl}");
            pkt.Add(IcmpFields.MplsLabel, entry, tvb, offset, 3, label << 4);
            pkt.Add(IcmpFields.MplsExp, entry, tvb, offset + 2, 1, tmp);
            pkt.Add(IcmpFields.MplsS, entry, tvb, offset + 2, 1, tmp);
            pkt.Add(IcmpFields.MplsTtl, entry, tvb, offset + 3, 1, ttl);
            offset += 4;
        }
        if (offset < end) pkt.AddBytesChecked(IcmpFields.MplsData, ext, tvb, offset, end - offset);
        return false;
    }

    private static bool InterfaceInformation(in Tvb tvb, int offset, int end, byte ctype, Packet pkt, int ext)
    {
        if (tvb.ReportedLength - offset < 4) return true;
        int ct = pkt.Add(IcmpFields.ExtCtype, ext, tvb, offset + 3, 1, ctype);
        foreach (var f in new[] { IcmpFields.IntInfoRole, IcmpFields.IntInfoReserved, IcmpFields.IntInfoIfindex, IcmpFields.IntInfoIpaddr, IcmpFields.IntInfoNamePresent, IcmpFields.IntInfoMtuPresent })
            pkt.Add(f, ct, tvb, offset + 3, 1, ctype);
        offset += 4;
        if ((ctype & 0x08) != 0)
        {
            pkt.Add(IcmpFields.IntInfoIndex, ext, tvb, offset, 4, tvb.U32(offset));
            offset += 4;
        }
        if ((ctype & 0x04) != 0 && end >= offset + 2)
        {
            ushort afi = tvb.U16(offset);
            pkt.Add(IcmpFields.IntInfoAfi, ext, tvb, offset, 2, afi);
            pkt.AddBytesChecked(IcmpFields.Reserved, ext, tvb, offset + 2, 2);
            offset += 4;
            switch (afi)
            {
                case 1:
                    pkt.Add(IcmpFields.IntInfoIpv4, ext, tvb, offset, 4, tvb.U32(offset));
                    offset += 4;
                    break;
                case 2:
                    pkt.AddBytesChecked(IcmpFields.IntInfoIpv6, ext, tvb, offset, 16);
                    offset += 16;
                    break;
                default:
                    return false;
            }
        }
        int nameLen = 0;
        if ((ctype & 0x02) != 0)
        {
            if (end >= offset + 1)
            {
                nameLen = tvb.U8(offset);
                pkt.Add(IcmpFields.IntInfoNameLength, ext, tvb, offset, 1, (ulong)nameLen);
                offset++;
            }
            if (end >= offset + nameLen && nameLen > 0)
            {
                pkt.AddBytesChecked(IcmpFields.IntInfoName, ext, tvb, offset, nameLen - 1);
                offset += nameLen - 1;
            }
        }
        if ((ctype & 0x01) != 0) pkt.Add(IcmpFields.IntInfoMtu, ext, tvb, offset, 4, tvb.U32(offset));
        return false;
    }

    private static bool InterfaceIdentification(in Tvb tvb, int offset, int objLen, byte ctype, Packet pkt, int ext)
    {
        if (tvb.ReportedLength - offset < 5) return true;
        pkt.Add(IcmpFields.ExtCtype, ext, tvb, offset + 3, 1, ctype);
        offset += 4;
        switch (ctype)
        {
            case 1:
                pkt.AddBytesChecked(IcmpFields.IntIdentName, ext, tvb, offset, objLen - 4);
                break;
            case 2:
                pkt.Add(IcmpFields.IntIdentIndex, ext, tvb, offset, 4, tvb.U32(offset));
                break;
            case 3:
                {
                    ushort afi = tvb.U16(offset);
                    pkt.Add(IcmpFields.IntIdentAfi, ext, tvb, offset, 2, afi);
                    int addrLen = tvb.U8(offset + 2);
                    pkt.Add(IcmpFields.IntIdentAddrLength, ext, tvb, offset + 2, 1, (ulong)addrLen);
                    pkt.AddBytesChecked(IcmpFields.IntIdentReserved, ext, tvb, offset + 3, 1);
                    offset += 4;
                    if (afi == 1)
                    {
                        for (; addrLen >= 4 && tvb.ReportedLength - offset >= 4; addrLen -= 4, offset += 4)
                            pkt.Add(IcmpFields.IntIdentIpv4, ext, tvb, offset, 4, tvb.U32(offset));
                    }
                    else if (afi == 2)
                    {
                        for (; addrLen >= 16 && tvb.ReportedLength - offset >= 16; addrLen -= 16, offset += 16)
                            pkt.AddBytesChecked(IcmpFields.IntIdentIpv6, ext, tvb, offset, 16);
                    }
                    else
                    {
                        pkt.AddBytesChecked(IcmpFields.IntIdentAddress, ext, tvb, offset, tvb.ReportedLength - offset);
                    }
                    break;
                }
        }
        return false;
    }
}
