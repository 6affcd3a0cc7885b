using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Ip;

/// <summary>
/// IPv4 options (RFC 791 section 3.1 and later RFCs). Each option is its own pseudo-protocol in Wireshark
/// ("IP Option - Router Alert", filter ip.options.routeralert) so it can be filtered by name; they do not appear
/// in frame.protocols. EOL and NOP are one byte; every other option is type, length (including both), data.
/// </summary>
public static class IpOptions
{
    public static readonly ProtocolDef Eol = new("IP Option - End of Options List (EOL)", "End of Options List (EOL)", "ip.options.eol");
    public static readonly ProtocolDef Nop = new("IP Option - No-Operation (NOP)", "No Operation (NOP)", "ip.options.nop");
    public static readonly ProtocolDef Security = new("IP Option - Security", "Security", "ip.options.security");
    public static readonly ProtocolDef LooseRoute = new("IP Option - Loose Source Route", "Loose Source Route", "ip.options.route");
    public static readonly ProtocolDef Timestamp = new("IP Option - Time Stamp", "Time Stamp", "ip.options.timestamp");
    public static readonly ProtocolDef ExtSecurity = new("IP Option - Extended Security", "Extended Security", "ip.options.ext_security");
    public static readonly ProtocolDef Cipso = new("IP Option - Commercial Security", "Commercial Security", "ip.options.cipso");
    public static readonly ProtocolDef RecordRoute = new("IP Option - Record Route", "Record Route", "ip.options.record_route");
    public static readonly ProtocolDef StreamId = new("IP Option - Stream ID", "Stream ID", "ip.options.sid");
    public static readonly ProtocolDef StrictRoute = new("IP Option - Strict Source Route", "Strict Source Route", "ip.options.source_route");
    public static readonly ProtocolDef MtuProbe = new("IP Option - MTU Probe", "MTU Probe", "ip.options.mtu_probe");
    public static readonly ProtocolDef MtuReply = new("IP Option - MTU Reply", "MTU Reply", "ip.options.mtu_reply");
    public static readonly ProtocolDef Traceroute = new("IP Option - Traceroute", "Traceroute", "ip.options.traceroute");
    public static readonly ProtocolDef RouterAlert = new("IP Option - Router Alert", "Router Alert", "ip.options.routeralert");
    public static readonly ProtocolDef Sdb = new("IP Option - Selective Directed Broadcast", "Selective Directed Broadcast", "ip.options.sdb");
    public static readonly ProtocolDef QuickStart = new("IP Option - Quick-Start", "Quick-Start", "ip.options.qs");

    public static readonly ProtocolDef[] All = [Eol, Nop, Security, LooseRoute, Timestamp, ExtSecurity, Cipso, RecordRoute, StreamId,
        StrictRoute, MtuProbe, MtuReply, Traceroute, RouterAlert, Sdb, QuickStart];

    private const int MaxOptionLength = 40;

    private static ProtocolDef? ForType(byte t) => t switch
    {
        0x82 => Security,
        0x83 => LooseRoute,
        0x44 => Timestamp,
        0x85 => ExtSecurity,
        0x86 => Cipso,
        0x07 => RecordRoute,
        0x88 => StreamId,
        0x89 => StrictRoute,
        0x0b => MtuProbe,
        0x0c => MtuReply,
        0x52 => Traceroute,
        0x94 => RouterAlert,
        0x95 => Sdb,
        0x19 => QuickStart,
        _ => null,
    };

    /// <summary>
    /// get_dst_offset: with a loose or strict source route whose pointer is still inside the route, the datagram's
    /// final destination is the route's last address; returns its offset relative to the header's destination field.
    /// </summary>
    public static int DestinationOffset(in Tvb tvb, int offset, int length)
    {
        int orig = offset;
        while (length > 0)
        {
            byte opt = tvb.U8(offset);
            length--;
            if (opt is not 0 and not 1)
            {
                if (length == 0) return 0;
                int len = tvb.U8(offset + 1);
                length--;
                if (len < 2 || len - 2 > length) return 0;
                if (opt is 0x83 or 0x89)
                {
                    int ptr = tvb.U8(offset + 2);
                    if (ptr < 4 || (ptr & 3) != 0 || ptr > len) return 0;
                    return offset - orig + 4 + (len - 4);
                }
                offset += len;
                length -= len - 2;
            }
            else
            {
                offset++;
            }
            if (opt == 0) return 0;
        }
        return 0;
    }

    /// <summary>dissect_ip_options: walks the option list; returns the names of the options found ("Record Route, ...").</summary>
    public static string? Dissect(Tvb tvb, int offset, int length, Packet pkt, int ip, byte ttl)
    {
        int nopCount = 0;
        string? summary = null;
        int optionsNode = ip;
        while (length > 0)
        {
            byte opt = tvb.U8(offset);
            length--;
            if (opt is 0 or 1)
            {
                if (opt == 1)
                {
                    if (nopCount == 0 || offset % 4 != 0)
                    {
                        nopCount++;
                        if (nopCount == 4) pkt.Expert(IpExperts.NopExpert, ip);
                    }
                    else
                    {
                        nopCount = 0;
                    }
                }
                var p = opt == 0 ? Eol : Nop;
                int n = pkt.AddProtocol(p, optionsNode, tvb, offset, 1);
                if (pkt.WantTree) pkt.Label(n, p.Name);
                AddType(pkt, n, tvb, offset);
                offset++;
                if (opt == 0) break;
                continue;
            }

            var proto = ForType(opt);
            string name = proto?.ShortName ?? $"Unknown (0x{opt:x2})";
            if (length == 0)
            {
                pkt.Expert(IpExperts.OptLenInvalidExpert, optionsNode, $"{name} (length byte past end of options)");
                break;
            }
            int optlen = tvb.U8(offset + 1);
            length--;
            if (optlen < 2)
            {
                pkt.Expert(IpExperts.OptLenInvalidExpert, optionsNode, $"{name} (with too-short option length = {optlen} byte{(optlen == 1 ? "" : "s")})");
                break;
            }
            if (optlen - 2 > length)
            {
                pkt.Expert(IpExperts.OptLenInvalidExpert, optionsNode, $"{name} (option length = {optlen} byte{(optlen == 1 ? "" : "s")} says option goes past end of options)");
                break;
            }
            if (proto is not null)
            {
                var o = tvb.Slice(offset, optlen);
                DissectOption(o, pkt, optionsNode, opt, proto, ttl);
                summary = summary is null ? name : summary + ", " + name;
            }
            offset += optlen;
            length -= optlen - 2;
        }
        return summary;
    }

    private static void AddType(Packet pkt, int parent, in Tvb tvb, int offset)
    {
        byte t = tvb.U8(offset);
        int n = pkt.Add(IpFields.OptType, parent, tvb, offset, 1, t);
        pkt.Add(IpFields.OptTypeCopy, n, tvb, offset, 1, t);
        pkt.Add(IpFields.OptTypeClass, n, tvb, offset, 1, t);
        pkt.Add(IpFields.OptTypeNumber, n, tvb, offset, 1, t);
    }

    /// <summary>The option's protocol node, type and length; checks a fixed length when the option has one.</summary>
    private static int Header(Packet pkt, int parent, in Tvb o, ProtocolDef proto, int fixedLen)
    {
        int optlen = o.ReportedLength;
        int node = pkt.AddProtocol(proto, parent, o, 0, o.Length);
        if (pkt.WantTree) pkt.Label(node, $"{proto.Name} ({(fixedLen > 0 ? fixedLen : optlen)} bytes)");
        AddType(pkt, node, o, 0);
        int len = pkt.Add(IpFields.OptLen, node, o, 1, 1, o.U8(1));
        if (fixedLen > 0 && fixedLen != optlen)
            pkt.Expert(IpExperts.OptLenInvalidExpert, len, $"{proto.ShortName} (with option length = {optlen} byte{(optlen == 1 ? "" : "s")}; should be {fixedLen})");
        else if (fixedLen == 0 && optlen > MaxOptionLength)
            pkt.Expert(IpExperts.OptLenInvalidExpert, len);
        return node;
    }

    private static void DissectOption(Tvb o, Packet pkt, int parent, byte type, ProtocolDef proto, byte ttl)
    {
        switch (type)
        {
            case 0x82:
                SecurityOption(o, pkt, Header(pkt, parent, o, proto, 0));
                break;
            case 0x85:
                {
                    int node = Header(pkt, parent, o, proto, 0);
                    pkt.Add(IpFields.OptExtSecAddSecInfoFormatCode, node, o, 2, 1, o.U8(2));
                    if (o.ReportedLength > 3) pkt.AddBytesChecked(IpFields.OptExtSecAddSecInfo, node, o, 3, o.ReportedLength - 3);
                    break;
                }
            case 0x86:
                CipsoOption(o, pkt, Header(pkt, parent, o, proto, 0));
                break;
            case 0x83:
            case 0x89:
                Route(o, pkt, Header(pkt, parent, o, proto, 0), sourceRoute: true);
                break;
            case 0x07:
                Route(o, pkt, Header(pkt, parent, o, proto, 0), sourceRoute: false);
                break;
            case 0x44:
                TimestampOption(o, pkt, Header(pkt, parent, o, proto, 0));
                break;
            case 0x88:
                {
                    int node = Header(pkt, parent, o, proto, 4);
                    pkt.Add(IpFields.OptSid, node, o, 2, 2, o.U16(2));
                    break;
                }
            case 0x0b:
            case 0x0c:
                {
                    int node = Header(pkt, parent, o, proto, 4);
                    pkt.Add(IpFields.OptMtu, node, o, 2, 2, o.U16(2));
                    break;
                }
            case 0x52:
                {
                    int node = Header(pkt, parent, o, proto, 12);
                    pkt.Add(IpFields.OptIdNumber, node, o, 2, 2, o.U16(2));
                    pkt.Add(IpFields.OptOhc, node, o, 4, 2, o.U16(4));
                    pkt.Add(IpFields.OptRhc, node, o, 6, 2, o.U16(6));
                    pkt.Add(IpFields.OptOriginator, node, o, 8, 4, o.U32(8));
                    break;
                }
            case 0x94:
                {
                    int node = Header(pkt, parent, o, proto, 4);
                    ushort v = o.U16(2);
                    pkt.Add(IpFields.OptRa, node, o, 2, 2, v);
                    if (pkt.WantTree) pkt.Label(node, $"{proto.Name} (4 bytes): {(v == 0 ? "Router shall examine packet" : "Reserved")} ({v})");
                    break;
                }
            case 0x95:
                {
                    int node = Header(pkt, parent, o, proto, 0);
                    int off = 2, len = o.ReportedLength - 2;
                    for (; len >= 4; off += 4, len -= 4) pkt.Add(IpFields.OptAddr, node, o, off, 4, o.U32(off));
                    if (len > 0) pkt.AddBytesChecked(IpFields.OptPadding, node, o, off, len);
                    break;
                }
            case 0x19:
                QuickStartOption(o, pkt, Header(pkt, parent, o, proto, 8), ttl);
                break;
        }
    }

    private static void SecurityOption(in Tvb o, Packet pkt, int node)
    {
        int optlen = o.ReportedLength;
        int off = 2;
        if (optlen == 11)
        {
            ushort val = o.U16(off);
            if (IpFields.OptSecRfc791Sec.Values!.Lookup(val) is not null)
            {
                pkt.Add(IpFields.OptSecRfc791Sec, node, o, off, 2, val);
                pkt.Add(IpFields.OptSecRfc791Comp, node, o, off + 2, 2, o.U16(off + 2));
                pkt.AddBytesChecked(IpFields.OptSecRfc791Hr, node, o, off + 4, 2);
                pkt.AddBytesChecked(IpFields.OptSecRfc791Tcc, node, o, off + 6, 3);
                return;
            }
        }
        pkt.Add(IpFields.OptSecCl, node, o, off, 1, o.U8(off));
        off++;
        if (off >= optlen) return;
        byte v = o.U8(off);
        AuthFlags(pkt, node, o, off, v, first: true);
        off++;
        while ((v & 1) != 0)
        {
            if (off == optlen) break;
            v = o.U8(off);
            AuthFlags(pkt, node, o, off, v, first: false);
            off++;
        }
    }

    private static void AuthFlags(Packet pkt, int node, in Tvb o, int off, byte v, bool first)
    {
        int f = pkt.Add(IpFields.OptSecProtAuthFlags, node, o, off, 1, v);
        if (first)
        {
            pkt.Add(IpFields.OptSecProtAuthGenser, f, o, off, 1, v);
            pkt.Add(IpFields.OptSecProtAuthSiopEsi, f, o, off, 1, v);
            pkt.Add(IpFields.OptSecProtAuthSci, f, o, off, 1, v);
            pkt.Add(IpFields.OptSecProtAuthNsa, f, o, off, 1, v);
            pkt.Add(IpFields.OptSecProtAuthDoe, f, o, off, 1, v);
            pkt.Add(IpFields.OptSecProtAuthUnassigned, f, o, off, 1, v);
        }
        pkt.Add(IpFields.OptSecProtAuthFti, f, o, off, 1, v);
    }

    private const int CipsoTagMax = 34;

    private static void CipsoOption(in Tvb o, Packet pkt, int node)
    {
        int max = o.ReportedLength;
        int off = 2;
        pkt.Add(IpFields.CipsoDoi, node, o, off, 4, o.U32(off));
        off += 4;
        while (off < max)
        {
            byte tag = o.U8(off);
            int tagNode = pkt.Add(IpFields.CipsoTagType, node, o, off, 1, tag);
            int taglen = off + 1 < max ? o.U8(off + 1) : 1;
            if (tag == 0)
            {
                off++;
                continue;
            }
            if (tag is 1 or 2 or 5 or 6 or 7)
            {
                int min = tag == 7 ? 2 : 4;
                if (taglen < min || taglen > CipsoTagMax || off + taglen - 1 > max)
                {
                    pkt.Expert(IpExperts.CipsoMalformedExpert, tagNode);
                    return;
                }
            }
            switch (tag)
            {
                case 1:
                case 2:
                case 5:
                    off += 3;
                    pkt.Add(IpFields.CipsoSensitivityLevel, node, o, off, 1, o.U8(off));
                    off++;
                    if (taglen > 4)
                    {
                        int start = off;
                        string cats;
                        if (tag == 1)
                        {
                            cats = BitmapCategories(o.Span(off, taglen - 4));
                            off += taglen - 4;
                        }
                        else
                        {
                            cats = tag == 2 ? EnumeratedCategories(o, ref off, start + taglen - 4) : RangedCategories(o, ref off, start + taglen - 4);
                        }
                        pkt.AddObject(IpFields.CipsoCategories, node, o, start, taglen - 4, cats);
                    }
                    break;
                case 6:
                case 7:
                    pkt.AddBytesChecked(IpFields.CipsoTagData, node, o, off + 2, taglen - 2);
                    off += taglen;
                    break;
                default:
                    return;
            }
        }
    }

    private static string BitmapCategories(ReadOnlySpan<byte> bits)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < bits.Length; i++)
            for (int b = 0; b < 8; b++)
                if ((bits[i] & (0x80 >> b)) != 0)
                {
                    if (sb.Length > 0) sb.Append(',');
                    sb.Append(i * 8 + b);
                }
        return sb.ToString();
    }

    private static string EnumeratedCategories(in Tvb o, ref int off, int end)
    {
        var sb = new System.Text.StringBuilder();
        while (off + 2 <= end)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(o.U16(off));
            off += 2;
        }
        return sb.ToString();
    }

    private static string RangedCategories(in Tvb o, ref int off, int end)
    {
        var sb = new System.Text.StringBuilder();
        while (off + 2 <= end)
        {
            int high = o.U16(off), low = 0;
            if (off + 4 <= end)
            {
                low = o.U16(off + 2);
                off += 4;
            }
            else
            {
                off += 2;
            }
            if (sb.Length > 0) sb.Append(',');
            sb.Append(high);
            if (low != high) sb.Append('-').Append(low);
        }
        return sb.ToString();
    }

    /// <summary>Record route and the two source routes: the pointer splits recorded hops from those still to visit.</summary>
    private static void Route(in Tvb o, Packet pkt, int node, bool sourceRoute)
    {
        int optlen = o.ReportedLength;
        byte ptr = o.U8(2);
        int ptrNode = pkt.Add(IpFields.OptPtr, node, o, 2, 1, ptr);
        if (ptr < 4 || (ptr & 3) != 0)
        {
            pkt.Expert(ptr < 4 ? IpExperts.OptPtrBeforeAddressExpert : IpExperts.OptPtrMiddleAddressExpert, ptrNode);
            return;
        }
        int len = optlen;
        int off = 3;
        for (int rest = optlen - 3; rest > 0; rest -= 4, off += 4)
        {
            if (rest < 4)
            {
                pkt.Expert(IpExperts.SuboptTooLongExpert, ptrNode);
                break;
            }
            uint a = o.U32(off);
            if (ptr > len || off + 1 < ptr)
            {
                RouteAddress(pkt, node, o, off, a, IpFields.RecRt, IpFields.RecRtHost, false);
            }
            else if (sourceRoute && off == len - 4)
            {
                pkt.Add(IpFields.Dst, node, o, off, 4, a);
                pkt.AddHidden(IpFields.Addr, node, o, off, 4, a);
                if (pkt.Wants(IpFields.DstHost) || pkt.Wants(IpFields.Host))
                {
                    string host = IpDissector.HostName(pkt, a);
                    pkt.AddObject(IpFields.DstHost, node, o, off, 4, host, NodeFlags.Hidden | NodeFlags.Generated);
                    pkt.AddObject(IpFields.Host, node, o, off, 4, host, NodeFlags.Hidden | NodeFlags.Generated);
                }
            }
            else if (off + 1 == ptr)
            {
                if (sourceRoute) RouteAddress(pkt, node, o, off, a, IpFields.SrcRt, IpFields.SrcRtHost, true);
                else RouteAddress(pkt, node, o, off, a, IpFields.EmptyRt, IpFields.EmptyRtHost, true);
            }
            else
            {
                if (sourceRoute) RouteAddress(pkt, node, o, off, a, IpFields.SrcRt, IpFields.SrcRtHost, false);
                else RouteAddress(pkt, node, o, off, a, IpFields.EmptyRt, IpFields.EmptyRtHost, false);
            }
        }
    }

    private static void RouteAddress(Packet pkt, int node, in Tvb o, int off, uint a, FieldDef f, FieldDef host, bool next)
    {
        int n = pkt.Add(f, node, o, off, 4, a);
        if (next && pkt.WantTree) pkt.Label(n, $"{f.Name}: {Address.IPv4(a)} <- (next)");
        if (pkt.Wants(host)) pkt.AddObject(host, node, o, off, 4, IpDissector.HostName(pkt, a), NodeFlags.Hidden | NodeFlags.Generated);
    }

    private static void TimestampOption(in Tvb o, Packet pkt, int node)
    {
        int off = 2, rest = o.ReportedLength - 2;
        int ptr = o.U8(off);
        int p = pkt.Add(IpFields.OptPtr, node, o, off, 1, (ulong)ptr);
        if (pkt.WantTree)
            pkt.Label(p, $"Pointer: {ptr}{(ptr == 1 ? " (header is full)" : ptr < 5 ? " (points before first address)" : ((ptr - 1) & 3) != 0 ? " (points to middle of field)" : "")}");
        off++;
        rest--;
        byte flg = o.U8(off);
        pkt.Add(IpFields.OptOverflow, node, o, off, 1, flg);
        pkt.Add(IpFields.OptFlag, node, o, off, 1, flg);
        flg &= 0xf;
        off++;
        rest--;
        while (rest > 0)
        {
            if (flg is 1 or 3)
            {
                if (rest < 8)
                {
                    pkt.Expert(IpExperts.SuboptTooLongExpert, node);
                    break;
                }
                uint a = o.U32(off);
                int an = pkt.Add(IpFields.OptTimeStampAddr, node, o, off, 4, a);
                if (pkt.WantTree) pkt.Label(an, $"Address: {(a == 0 ? "-" : Address.IPv4(a).ToString())}");
                off += 4;
                rest -= 4;
            }
            else if (rest < 4)
            {
                pkt.Expert(IpExperts.SuboptTooLongExpert, node);
                break;
            }
            pkt.Add(IpFields.OptTimeStamp, node, o, off, 4, o.U32(off));
            off += 4;
            rest -= 4;
        }
    }

    private static void QuickStartOption(in Tvb o, Packet pkt, int node, byte ttl)
    {
        byte command = o.U8(2);
        int function = command >> 4;
        pkt.Add(IpFields.OptQsFunc, node, o, 2, 1, command);
        if (function == 0)
        {
            pkt.Add(IpFields.OptQsRate, node, o, 2, 1, command);
            byte qsTtl = o.U8(3);
            pkt.Add(IpFields.OptQsTtl, node, o, 3, 1, qsTtl);
            int diff = pkt.Add(IpFields.OptQsTtlDiff, node, o, 3, 1, (byte)(ttl - qsTtl));
            if (diff != node) pkt.Tree[diff].Flags |= NodeFlags.Generated;
            pkt.Add(IpFields.OptQsNonce, node, o, 4, 4, o.U32(4));
            pkt.Add(IpFields.OptQsReserved, node, o, 4, 4, o.U32(4));
        }
        else if (function == 8)
        {
            pkt.Add(IpFields.OptQsRate, node, o, 2, 1, command);
            pkt.Add(IpFields.OptQsUnused, node, o, 3, 1, o.U8(3));
            pkt.Add(IpFields.OptQsNonce, node, o, 4, 4, o.U32(4));
            pkt.Add(IpFields.OptQsReserved, node, o, 4, 4, o.U32(4));
        }
    }
}
