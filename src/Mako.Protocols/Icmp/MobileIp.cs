using Mako.Engine.Dissection;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Icmp;

/// <summary>Mobile IP agent advertisement extensions after a router advertisement (RFC 2002, RFC 3012).</summary>
internal static class MobileIp
{
    public static void Extensions(in Tvb tvb, int offset, Packet pkt, int icmp)
    {
        if (!pkt.WantTree && !pkt.Wants(IcmpFields.MipType)) return;
        while (tvb.ReportedLength - offset > 0)
        {
            byte type = tvb.U8(offset);
            int length = type != 0 ? tvb.U8(offset + 1) : 0;
            pkt.Add(IcmpFields.MipType, icmp, tvb, offset, 1, type);
            offset++;
            if (type != 0)
            {
                pkt.Add(IcmpFields.MipLength, icmp, tvb, offset, 1, (ulong)length);
                offset++;
            }
            switch (type)
            {
                case 0:
                    break;
                case 16:
                    {
                        pkt.Add(IcmpFields.MipSeq, icmp, tvb, offset, 2, tvb.U16(offset));
                        pkt.Add(IcmpFields.MipLife, icmp, tvb, offset + 2, 2, tvb.U16(offset + 2));
                        ushort flags = tvb.U16(offset + 4);
                        int f = pkt.Add(IcmpFields.MipFlags, icmp, tvb, offset + 4, 2, flags);
                        foreach (var b in new[] { IcmpFields.MipR, IcmpFields.MipB, IcmpFields.MipH, IcmpFields.MipF, IcmpFields.MipM, IcmpFields.MipG, IcmpFields.MipV, IcmpFields.MipRt, IcmpFields.MipU, IcmpFields.MipX, IcmpFields.MipReserved })
                            pkt.Add(b, f, tvb, offset + 4, 2, flags);
                        offset += 6;
                        for (int i = 0; i < (length - 6) / 4; i++, offset += 4)
                            pkt.Add(IcmpFields.MipCoa, icmp, tvb, offset, 4, tvb.U32(offset));
                        break;
                    }
                case 19:
                    for (int i = 0; i < length; i++, offset++)
                        pkt.Add(IcmpFields.MipPrefixlength, icmp, tvb, offset, 1, tvb.U8(offset));
                    break;
                case 24:
                    pkt.AddBytesChecked(IcmpFields.MipChallenge, icmp, tvb, offset, length);
                    offset += length;
                    break;
                default:
                    if (length != 0)
                    {
                        pkt.AddBytesChecked(IcmpFields.MipContent, icmp, tvb, offset, length - 4);
                        offset += length;
                    }
                    break;
            }
        }
    }
}
