using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Ipv6;

/// <summary>The data of each known IPv6 option (after type and length); returns the offset after what it read.</summary>
internal static class Ipv6OptionBodies
{
    public static int Dissect(byte type, in Tvb tvb, int offset, byte optLen, Packet pkt, int opt, int typeNode, int lenNode)
    {
        switch (type)
        {
            case 0xc2: // Jumbo Payload, RFC 2675
                {
                    if (optLen != 4) Invalid(pkt, lenNode, $"Jumbo Payload: Invalid length ({optLen} bytes)");
                    uint jumbo = tvb.U32(offset);
                    int j = pkt.Add(Ipv6Fields.OptJumbo, opt, tvb, offset, 4, jumbo);
                    var chain = pkt.Session.State<Ipv6Chain>();
                    if (chain.Active && chain.Plen != 0) pkt.Expert(Ipv6Experts.JumboProhibitedExpert, opt);
                    if (jumbo < 65536) pkt.Expert(Ipv6Experts.JumboTruncatedExpert, j);
                    return offset + 4;
                }
            case 0x05: // Router Alert, RFC 2711
                if (optLen != 2) Invalid(pkt, lenNode, $"Router alert: Invalid Length ({optLen} bytes)");
                pkt.Add(Ipv6Fields.OptRouterAlert, opt, tvb, offset, 2, tvb.U16(offset));
                return offset + 2;
            case 0x04: // Tunnel Encapsulation Limit, RFC 2473
                if (optLen != 1) Invalid(pkt, lenNode, $"Tunnel Encapsulation Limit: Invalid length ({optLen} bytes)");
                pkt.Add(Ipv6Fields.OptTel, opt, tvb, offset, 1, tvb.U8(offset));
                return offset + 1;
            case 0x30: // Path MTU, RFC 9268
                {
                    if (optLen != 4) Invalid(pkt, lenNode, $"PMTU Option: Invalid Length ({optLen} bytes)");
                    pkt.Add(Ipv6Fields.OptPmtuMin, opt, tvb, offset, 2, tvb.U16(offset));
                    ushort v = tvb.U16(offset + 2);
                    pkt.Add(Ipv6Fields.OptPmtuRtn, opt, tvb, offset + 2, 2, (ulong)(v & 0xfffe));
                    pkt.Add(Ipv6Fields.OptPmtuRFlag, opt, tvb, offset + 3, 1, (ulong)(v & 1));
                    return offset + 4;
                }
            case 0x26: // Quick-Start, RFC 4782
                return QuickStart(tvb, offset, optLen, pkt, opt, lenNode);
            case 0x07: // CALIPSO, RFC 5570
                {
                    if (optLen < 8) Invalid(pkt, lenNode, $"CALIPSO: Invalid Length ({optLen} bytes)");
                    pkt.Add(Ipv6Fields.OptCalipsoDoi, opt, tvb, offset, 4, tvb.U32(offset));
                    byte cmpt = tvb.U8(offset + 4);
                    pkt.Add(Ipv6Fields.OptCalipsoCmptLength, opt, tvb, offset + 4, 1, cmpt);
                    pkt.Add(Ipv6Fields.OptCalipsoSensLevel, opt, tvb, offset + 5, 1, tvb.U8(offset + 5));
                    pkt.Add(Ipv6Fields.OptCalipsoChecksum, opt, tvb, offset + 6, 2, tvb.U16(offset + 6));
                    pkt.AddBytesChecked(Ipv6Fields.OptCalipsoCmptBitmap, opt, tvb, offset + 8, cmpt * 4);
                    tvb.Ensure(offset + 8, cmpt * 4);
                    return offset + 8 + cmpt * 4;
                }
            case 0x08: // SMF_DPD, RFC 6621
                return SmfDpd(tvb, offset, optLen, pkt, opt);
            case 0x0f: // Performance and Diagnostic Metrics, RFC 8250
                if (optLen != 10) Invalid(pkt, lenNode, $"PDM: Invalid length ({optLen} bytes)");
                pkt.Add(Ipv6Fields.OptPdmScaleDtlr, opt, tvb, offset, 1, tvb.U8(offset));
                pkt.Add(Ipv6Fields.OptPdmScaleDtls, opt, tvb, offset + 1, 1, tvb.U8(offset + 1));
                pkt.Add(Ipv6Fields.OptPdmPsnThisPkt, opt, tvb, offset + 2, 2, tvb.U16(offset + 2));
                pkt.Add(Ipv6Fields.OptPdmPsnLastRecv, opt, tvb, offset + 4, 2, tvb.U16(offset + 4));
                pkt.Add(Ipv6Fields.OptPdmDeltaLastRecv, opt, tvb, offset + 6, 2, tvb.U16(offset + 6));
                pkt.Add(Ipv6Fields.OptPdmDeltaLastSent, opt, tvb, offset + 8, 2, tvb.U16(offset + 8));
                return offset + 10;
            case 0xc9: // Home Address, RFC 6275: the mobile node's home address is the real source
                if (optLen != 16) Invalid(pkt, lenNode, $"Home Address: Invalid length ({optLen} bytes)");
                pkt.AddBytesChecked(Ipv6Fields.OptMipv6HomeAddress, opt, tvb, offset, 16);
                pkt.Src = Address.IPv6(tvb.Span(offset, 16));
                return offset + 16;
            case 0x8b: // ILNP Nonce, RFC 6744
                pkt.AddBytesChecked(Ipv6Fields.OptIlnpNonce, opt, tvb, offset, optLen);
                tvb.Ensure(offset, optLen);
                return offset + optLen;
            case 0x8c: // Line-Identification, RFC 6788
                {
                    byte lid = tvb.U8(offset);
                    pkt.Add(Ipv6Fields.OptLioLength, opt, tvb, offset, 1, lid);
                    int n = lid + 1 > optLen ? optLen - 1 : lid;
                    pkt.AddBytesChecked(Ipv6Fields.OptLioLineId, opt, tvb, offset + 1, n);
                    tvb.Ensure(offset + 1, n);
                    return offset + 1 + n;
                }
            case 0x6d: // MPL, RFC 7731
                {
                    byte f = tvb.U8(offset);
                    int fl = pkt.Add(Ipv6Fields.OptMplFlag, opt, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptMplFlagS, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptMplFlagM, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptMplFlagV, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptMplFlagRsv, fl, tvb, offset, 1, f);
                    int seedLen = (f >> 6) switch { 0 => 0, 1 => 2, 2 => 8, _ => 16 };
                    pkt.Add(Ipv6Fields.OptMplSequence, opt, tvb, offset + 1, 1, tvb.U8(offset + 1));
                    if (seedLen > 0)
                    {
                        pkt.AddBytesChecked(Ipv6Fields.OptMplSeedId, opt, tvb, offset + 2, seedLen);
                        tvb.Ensure(offset + 2, seedLen);
                    }
                    else
                    {
                        pkt.Expert(Ipv6Experts.MplSeedIdExpert, typeNode);
                    }
                    return offset + 2 + seedLen;
                }
            case 0xee: // IP_DFF, RFC 6971
                {
                    if (optLen != 3) Invalid(pkt, lenNode, $"IPv6 DFF: Invalid length ({optLen} bytes)");
                    byte f = tvb.U8(offset);
                    int fl = pkt.Add(Ipv6Fields.OptDffFlags, opt, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptDffFlagVer, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptDffFlagDup, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptDffFlagRet, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptDffFlagRsv, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptDffSequenceNumber, opt, tvb, offset + 1, 2, tvb.U16(offset + 1));
                    return offset + 3;
                }
            case 0x63: // RPL, RFC 6553
                {
                    if (optLen < 4) Invalid(pkt, lenNode, $"RPL Option: Invalid length ({optLen} bytes)");
                    byte f = tvb.U8(offset);
                    int fl = pkt.Add(Ipv6Fields.OptRplFlag, opt, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptRplFlagO, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptRplFlagR, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptRplFlagF, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptRplFlagRsv, fl, tvb, offset, 1, f);
                    pkt.Add(Ipv6Fields.OptRplInstanceId, opt, tvb, offset + 1, 1, tvb.U8(offset + 1));
                    pkt.Add(Ipv6Fields.OptRplSenderRank, opt, tvb, offset + 2, 2, tvb.U16(offset + 2));
                    return offset + 4;
                }
            case 0x41: // Tunnel Payload Forwarding
                if (optLen != 4) Invalid(pkt, lenNode, $"TPF: Invalid Length ({optLen} bytes)");
                pkt.Add(Ipv6Fields.OptTpfInformation, opt, tvb, offset, 4, tvb.U32(offset));
                return offset + 4;
            case 0x8a: // Endpoint Identification (deprecated)
                offset = Unknown(tvb, offset, optLen, pkt, opt);
                pkt.Expert(Ipv6Experts.OptDeprecatedExpert, typeNode);
                return offset;
            case 0x1e or 0x3e or 0x5e or 0x7e or 0x9e or 0xbe or 0xde or 0xfe: // RFC 4727 experiments
                pkt.AddBytesChecked(Ipv6Fields.OptExperimental, opt, tvb, offset, optLen);
                tvb.Ensure(offset, optLen);
                return offset + optLen;
            default:
                return Unknown(tvb, offset, optLen, pkt, opt);
        }
    }

    private static void Invalid(Packet pkt, int lenNode, string message) => pkt.Expert(Ipv6Experts.OptInvalidLenExpert, lenNode, message);

    private static int Unknown(in Tvb tvb, int offset, byte optLen, Packet pkt, int opt)
    {
        int n = pkt.AddBytesChecked(Ipv6Fields.OptUnknown, opt, tvb, offset, optLen);
        pkt.Expert(Ipv6Experts.OptUnknownDataExpert_, n);
        tvb.Ensure(offset, optLen);
        return offset + optLen;
    }

    private static int QuickStart(in Tvb tvb, int offset, byte optLen, Packet pkt, int opt, int lenNode)
    {
        if (optLen != 6) Invalid(pkt, lenNode, $"Quick-Start: Invalid Length ({optLen} bytes)");
        byte command = tvb.U8(offset);
        int function = command >> 4;
        pkt.Add(Ipv6Fields.OptQsFunc, opt, tvb, offset, 1, command);
        if (function == 0)
        {
            pkt.Add(Ipv6Fields.OptQsRate, opt, tvb, offset, 1, command);
            byte ttl = tvb.U8(offset + 1);
            pkt.Add(Ipv6Fields.OptQsTtl, opt, tvb, offset + 1, 1, ttl);
            int d = pkt.Add(Ipv6Fields.OptQsTtlDiff, opt, tvb, offset + 1, 1, (byte)(HopLimit(pkt) - ttl));
            if (d != opt) pkt.Tree[d].Flags |= NodeFlags.Generated;
            pkt.Add(Ipv6Fields.OptQsNonce, opt, tvb, offset + 2, 4, tvb.U32(offset + 2));
            pkt.Add(Ipv6Fields.OptQsReserved, opt, tvb, offset + 2, 4, tvb.U32(offset + 2));
        }
        else if (function == 8)
        {
            pkt.Add(Ipv6Fields.OptQsRate, opt, tvb, offset, 1, command);
            pkt.Add(Ipv6Fields.OptQsUnused, opt, tvb, offset + 1, 1, tvb.U8(offset + 1));
            pkt.Add(Ipv6Fields.OptQsNonce, opt, tvb, offset + 2, 4, tvb.U32(offset + 2));
            pkt.Add(Ipv6Fields.OptQsReserved, opt, tvb, offset + 2, 4, tvb.U32(offset + 2));
        }
        return offset + 6;
    }

    private static byte HopLimit(Packet pkt) => pkt.Session.State<Ipv6Chain>().HopLimit;

    private static int SmfDpd(in Tvb tvb, int offset, byte optLen, Packet pkt, int opt)
    {
        byte h = tvb.U8(offset);
        pkt.Add(Ipv6Fields.OptSmfDpdHashBit, opt, tvb, offset, 1, h);
        if ((h & 0x80) != 0)
        {
            pkt.AddBytesChecked(Ipv6Fields.OptSmfDpdHav, opt, tvb, offset, optLen);
            tvb.Ensure(offset, optLen);
            return offset + optLen;
        }
        pkt.Add(Ipv6Fields.OptSmfDpdTidType, opt, tvb, offset, 1, h);
        pkt.Add(Ipv6Fields.OptSmfDpdTidLen, opt, tvb, offset, 1, h);
        offset++;
        int identLen = optLen - 1;
        if ((h & 0x70) != 0)
        {
            int tidLen = (h & 0x0f) + 1;
            pkt.AddBytesChecked(Ipv6Fields.OptSmfDpdTaggerId, opt, tvb, offset, tidLen);
            tvb.Ensure(offset, tidLen);
            offset += tidLen;
            identLen -= tidLen;
        }
        if (identLen > 0)
        {
            pkt.AddBytesChecked(Ipv6Fields.OptSmfDpdIdent, opt, tvb, offset, identLen);
            tvb.Ensure(offset, identLen);
            offset += identLen;
        }
        return offset;
    }
}
