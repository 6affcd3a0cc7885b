using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Icmpv6;

/// <summary>
/// Neighbor Discovery options (RFC 4861 section 4.6 and later RFCs): type, length in units of 8 octets, data.
/// The source/target link-layer address options add " from MAC" / " is at MAC" to Info as tshark does.
/// </summary>
internal static class NdOptions
{
    public static int Dissect(in Tvb tvb, int offset, Packet pkt, int parent, Icmpv6Dissector? owner)
    {
        while (tvb.ReportedLength > offset)
        {
            int optLen = tvb.U8(offset + 1) * 8;
            byte type = tvb.U8(offset);
            string name = Icmpv6Fields.OptType.Values!.Lookup(type) ?? $"Unknown {type}";
            int opt = pkt.Add(Icmpv6Fields.Opt, parent, tvb, offset, Math.Min(optLen, Math.Max(0, tvb.Length - offset)), 0);
            string? summary = null;
            pkt.Add(Icmpv6Fields.OptType, opt, tvb, offset, 1, type);
            int lenNode = pkt.Add(Icmpv6Fields.OptLength, opt, tvb, offset + 1, 1, tvb.U8(offset + 1));
            if (pkt.WantTree) pkt.Label(lenNode, $"Length: {tvb.U8(offset + 1)} ({optLen} bytes)");
            int o = offset + 2;
            if (optLen == 0)
            {
                pkt.Expert(Icmpv6Experts.InvalidOptionLength, lenNode, "Invalid option length (Zero)");
                if (pkt.WantTree) pkt.Label(opt, $"ICMPv6 Option ({name}");
                return o;
            }
            switch (type)
            {
                case 1:
                case 2:
                    summary = LinkAddress(tvb, ref o, optLen, pkt, opt, type == 1);
                    break;
                case 3:
                    {
                        byte plen = tvb.U8(o);
                        pkt.Add(Icmpv6Fields.OptPrefixLength, opt, tvb, o, 1, plen);
                        byte f = tvb.U8(o + 1);
                        int fl = pkt.Add(Icmpv6Fields.OptPrefixFlag, opt, tvb, o + 1, 1, f);
                        FieldDef[] pf = [Icmpv6Fields.OptPrefixFlagL, Icmpv6Fields.OptPrefixFlagA, Icmpv6Fields.OptPrefixFlagR, Icmpv6Fields.OptPrefixFlagReserved];
                        foreach (var b in pf) pkt.Add(b, fl, tvb, o + 1, 1, f);
                        if (fl != opt && pkt.WantTree) pkt.Label(fl, BitmaskLabel.Make("Flag", f, 2, pf));
                        Lifetime(pkt, opt, Icmpv6Fields.OptPrefixValidLifetime, tvb, o + 2, null);
                        Lifetime(pkt, opt, Icmpv6Fields.OptPrefixPreferredLifetime, tvb, o + 6, null);
                        pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o + 10, 4);
                        pkt.AddBytesChecked(Icmpv6Fields.OptPrefix, opt, tvb, o + 14, 16);
                        summary = $" : {Address.IPv6(tvb.Span(o + 14, 16))}/{plen}";
                        o += 30;
                        break;
                    }
                case 4:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 6);
                    o += 6;
                    if (optLen > 8)
                    {
                        pkt.AddBytesChecked(Icmpv6Fields.OptRedirectedPacket, opt, tvb, o, optLen - 8);
                        owner?.Contained(tvb.Slice(o, optLen - 8), pkt, opt);
                        o += optLen - 8;
                    }
                    break;
                case 5:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 2);
                    pkt.Add(Icmpv6Fields.OptMtu, opt, tvb, o + 2, 4, tvb.U32(o + 2));
                    summary = " : " + tvb.U32(o + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    o += 6;
                    break;
                case 6:
                    pkt.Add(Icmpv6Fields.OptNbmaShortcutLimit, opt, tvb, o, 1, tvb.U8(o));
                    summary = " : " + tvb.U8(o).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 1);
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o + 1, 4);
                    o += 5;
                    break;
                case 7:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 2);
                    pkt.Add(Icmpv6Fields.OptAdvertisementInterval, opt, tvb, o + 2, 4, tvb.U32(o + 2));
                    summary = " : " + tvb.U32(o + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    o += 6;
                    break;
                case 8:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 2);
                    pkt.Add(Icmpv6Fields.OptHomeAgentPreference, opt, tvb, o + 2, 2, tvb.U16(o + 2));
                    pkt.Add(Icmpv6Fields.OptHomeAgentLifetime, opt, tvb, o + 4, 2, tvb.U16(o + 4));
                    o += 6;
                    break;
                case 9:
                case 10:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 6);
                    o += 6;
                    while (o < offset + optLen)
                    {
                        pkt.AddBytesChecked(Icmpv6Fields.OptIpv6Address, opt, tvb, o, 16);
                        summary += " " + Address.IPv6(tvb.Span(o, 16));
                        o += 16;
                    }
                    break;
                case 14:
                    pkt.AddBytesChecked(Icmpv6Fields.OptNonce, opt, tvb, o, optLen - 2);
                    o += optLen - 2;
                    break;
                case 24:
                    o = RouteInfo(tvb, o, optLen, pkt, opt, lenNode, ref summary);
                    break;
                case 25:
                    pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 2);
                    Lifetime(pkt, opt, Icmpv6Fields.OptRdnssLifetime, tvb, o + 2, "RDNSS address MUST no longer be used");
                    o += 6;
                    while (o < offset + optLen)
                    {
                        pkt.AddBytesChecked(Icmpv6Fields.OptRdnss, opt, tvb, o, 16);
                        summary += " " + Address.IPv6(tvb.Span(o, 16));
                        o += 16;
                    }
                    break;
                case 26:
                    {
                        ushort f = tvb.U16(o);
                        int fl = pkt.Add(Icmpv6Fields.OptEfo, opt, tvb, o, 2, f);
                        foreach (var b in new[] { Icmpv6Fields.OptEfoM, Icmpv6Fields.OptEfoO, Icmpv6Fields.OptEfoH, Icmpv6Fields.OptEfoPrf, Icmpv6Fields.OptEfoP, Icmpv6Fields.OptEfoRsv })
                            pkt.Add(b, fl, tvb, o, 2, f);
                        if (fl != opt && pkt.WantTree)
                            pkt.Label(fl, BitmaskLabel.Make("Flags Expansion Option", f, 4, Icmpv6Fields.OptEfoM, Icmpv6Fields.OptEfoO, Icmpv6Fields.OptEfoH, Icmpv6Fields.OptEfoPrf, Icmpv6Fields.OptEfoP, Icmpv6Fields.OptEfoRsv));
                        pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o + 2, 4);
                        o += 6;
                        break;
                    }
                case 31:
                    o = SearchList(tvb, o, offset + optLen, pkt, opt, ref summary);
                    break;
                case 37:
                    pkt.AddBytesChecked(Icmpv6Fields.OptCaptivePortal, opt, tvb, o, optLen - 2);
                    o += optLen - 2;
                    break;
                case 38:
                    o = Pref64(tvb, o, pkt, opt, lenNode);
                    break;
                default:
                    pkt.Expert(Icmpv6Experts.UndecodedOption, opt,
                        $"Dissector for ICMPv6 Option ({type}) code not implemented, Contact Wireshark developers if you want this supported");
                    pkt.AddBytesChecked(Icmpv6Fields.Data, opt, tvb, o, optLen - 2);
                    o += optLen - 2;
                    break;
            }
            offset += optLen;
            if (offset > o)
            {
                int u = pkt.AddBytesChecked(Icmpv6Fields.UnknownData, opt, tvb, o, offset - o);
                pkt.Expert(Icmpv6Experts.UnknownData, u);
            }
            if (pkt.WantTree) pkt.Label(opt, $"ICMPv6 Option ({name}{summary})");
        }
        return offset;
    }

    private static string? LinkAddress(in Tvb tvb, ref int o, int optLen, Packet pkt, int opt, bool source)
    {
        var specific = source ? Icmpv6Fields.OptSrcLinkaddr : Icmpv6Fields.OptTargetLinkaddr;
        string? summary = null;
        if (optLen == 8)
        {
            int n = pkt.AddBytesChecked(Icmpv6Fields.OptLinkaddr, opt, tvb, o, 6);
            var mac = tvb.Span(o, 6);
            string text = Formatting.Hex(mac, ':');
            if (n != opt && pkt.WantTree)
            {
                string resolved = pkt.Session.Names.ResolveMac(mac) ?? text;
                pkt.Label(n, $"Link-layer address: {resolved} ({text})");
            }
            pkt.AddHiddenBytes(specific, opt, tvb, o, 6);
            if (pkt.WantColumns)
            {
                pkt.Info.Append(source ? " from " : " is at ");
                pkt.Info.Append(text);
            }
            summary = " : " + text;
        }
        else if (optLen == 16 && tvb.U32(o + 8) == 0 && tvb.U16(o + 12) == 0)
        {
            pkt.AddBytesChecked(Icmpv6Fields.OptLinkaddrEui64, opt, tvb, o, 8);
            pkt.AddHiddenBytes(source ? Icmpv6Fields.OptSrcLinkaddrEui64 : Icmpv6Fields.OptTargetLinkaddrEui64, opt, tvb, o, 8);
            if (source)
            {
                pkt.AddHiddenBytes(Icmpv6Fields.OptLinkaddr, opt, tvb, o, 8);
                pkt.AddHiddenBytes(specific, opt, tvb, o, 8);
            }
            pkt.AddBytesChecked(Icmpv6Fields.OptPadding, opt, tvb, o + 8, 6);
            string text = Formatting.Hex(tvb.Span(o, 8), ':');
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" from ");
                pkt.Info.Append(text);
            }
            summary = " : " + text;
        }
        else
        {
            pkt.AddBytesChecked(Icmpv6Fields.OptLinkaddr, opt, tvb, o, optLen - 2);
            pkt.AddHiddenBytes(specific, opt, tvb, o, optLen - 2);
        }
        o += optLen;
        return summary;
    }

    private static int RouteInfo(in Tvb tvb, int o, int optLen, Packet pkt, int opt, int lenNode, ref string? summary)
    {
        byte plen = tvb.U8(o);
        pkt.Add(Icmpv6Fields.OptPrefixLength, opt, tvb, o, 1, plen);
        byte f = tvb.U8(o + 1);
        int fl = pkt.Add(Icmpv6Fields.OptRouteInfoFlag, opt, tvb, o + 1, 1, f);
        pkt.Add(Icmpv6Fields.OptRouteInfoFlagRoutePreference, fl, tvb, o + 1, 1, f);
        pkt.Add(Icmpv6Fields.OptRouteInfoFlagReserved, fl, tvb, o + 1, 1, f);
        if (fl != opt && pkt.WantTree)
            pkt.Label(fl, BitmaskLabel.Make("Flag", f, 2, Icmpv6Fields.OptRouteInfoFlagRoutePreference, Icmpv6Fields.OptRouteInfoFlagReserved));
        string pref = Icmpv6Fields.OptRouteInfoFlagRoutePreference.Values?.Lookup((ulong)((f & 0x18) >> 3)) ?? $"Unknown {(f & 0x18) >> 3}";
        summary = " : " + pref;
        Lifetime(pkt, opt, Icmpv6Fields.OptRouteLifetime, tvb, o + 2, null);
        o += 6;
        switch (optLen)
        {
            case 8:
                summary += $" ::/{plen}";
                break;
            case 16:
                {
                    var prefix = new byte[16];
                    tvb.Span(o, 8).CopyTo(prefix);
                    pkt.AddObject(Icmpv6Fields.OptPrefix, opt, tvb, o, 8, prefix);
                    summary += $" {Address.IPv6(prefix)}/{plen}";
                    o += 8;
                    break;
                }
            case 24:
                pkt.AddBytesChecked(Icmpv6Fields.OptPrefix, opt, tvb, o, 16);
                summary += $" {Address.IPv6(tvb.Span(o, 16))}/{plen}";
                o += 16;
                break;
            default:
                pkt.Expert(Icmpv6Experts.InvalidOptionLength, lenNode);
                break;
        }
        return o;
    }

    /// <summary>DNS Search List (RFC 8106): uncompressed names, then zero padding.</summary>
    private static int SearchList(in Tvb tvb, int o, int end, Packet pkt, int opt, ref string? summary)
    {
        pkt.AddBytesChecked(Icmpv6Fields.OptReserved, opt, tvb, o, 2);
        Lifetime(pkt, opt, Icmpv6Fields.OptDnsslLifetime, tvb, o + 2, "DNSSL domain name MUST no longer be used");
        o += 6;
        while (o < end)
        {
            if (tvb.U8(o) == 0)
            {
                pkt.AddBytesChecked(Icmpv6Fields.OptPadding, opt, tvb, o, end - o);
                return end;
            }
            var sb = new StringBuilder();
            int p = o;
            while (true)
            {
                int l = tvb.U8(p);
                p++;
                if (l == 0) break;
                if (l >= 0xc0)
                {
                    // A compression pointer makes no sense here; stop the name as tshark would at its end.
                    p++;
                    break;
                }
                if (sb.Length > 0) sb.Append('.');
                var label = tvb.Span(p, l);
                foreach (byte b in label) sb.Append(b is >= 0x20 and < 0x7f ? (char)b : '\\');
                p += l;
            }
            string nameText = sb.Length == 0 ? "<Root>" : sb.ToString();
            pkt.AddObject(Icmpv6Fields.OptDnssl, opt, tvb, o, p - o, nameText);
            summary += " " + nameText;
            o = p;
        }
        return o;
    }

    /// <summary>Lifetimes with special values (BASE_SPECIAL_VALS): "Infinity (4294967295)", else the plain number.</summary>
    private static void Lifetime(Packet pkt, int parent, FieldDef f, in Tvb tvb, int o, string? zeroMeaning)
    {
        uint v = tvb.U32(o);
        int n = pkt.Add(f, parent, tvb, o, 4, v);
        if (n == parent || !pkt.WantTree) return;
        string text = v == 0xffffffff ? $"Infinity ({v})" : v == 0 && zeroMeaning is not null ? $"{zeroMeaning} ({v})" : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pkt.Label(n, $"{f.Name}: {text}");
    }

    private static int Pref64(in Tvb tvb, int o, Packet pkt, int opt, int lenNode)
    {
        ushort v = tvb.U16(o);
        pkt.Add(Icmpv6Fields.OptPref64ScaledLifetime, opt, tvb, o, 2, v);
        pkt.Add(Icmpv6Fields.OptPref64Plc, opt, tvb, o, 2, v);
        int plc = v & 7;
        o += 2;
        int bytes = plc switch { 0 => 12, 1 => 8, 2 => 7, 3 => 6, 4 => 5, 5 => 4, _ => -1 };
        if (bytes < 0)
        {
            pkt.Expert(Icmpv6Experts.InvalidOptionLength, lenNode);
        }
        else
        {
            var prefix = new byte[16];
            tvb.Span(o, bytes).CopyTo(prefix);
            pkt.AddObject(Icmpv6Fields.OptPref64Prefix, opt, tvb, o, bytes, prefix);
        }
        return o + 12;
    }
}

/// <summary>Multicast Listener Discovery: MLDv1 (RFC 2710) and MLDv2 (RFC 3810) queries and reports.</summary>
internal static class Mld
{
    public static void Listener(in Tvb tvb, int offset, Packet pkt, int node, byte type)
    {
        if (type == 130 && tvb.Length >= 28)
        {
            uint mrc = tvb.U16(offset);
            if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) << (int)(((mrc & 0x7000) >> 12) + 3);
            pkt.Add(Icmpv6Fields.MldMaximumResponseCode, node, tvb, offset, 2, mrc);
            pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset + 2, 2);
            pkt.AddBytesChecked(Icmpv6Fields.MldMulticastAddress, node, tvb, offset + 4, 16);
            byte f = tvb.U8(offset + 20);
            int fl = pkt.Add(Icmpv6Fields.MldFlag, node, tvb, offset + 20, 1, f);
            pkt.Add(Icmpv6Fields.MldFlagS, fl, tvb, offset + 20, 1, f);
            pkt.Add(Icmpv6Fields.MldFlagQrv, fl, tvb, offset + 20, 1, f);
            pkt.Add(Icmpv6Fields.MldFlagReserved, fl, tvb, offset + 20, 1, f);
            if (fl != node && pkt.WantTree) pkt.Label(fl, BitmaskLabel.Make("Flags", f, 2, Icmpv6Fields.MldFlagS, Icmpv6Fields.MldFlagQrv, Icmpv6Fields.MldFlagReserved));
            uint qqi = tvb.U8(offset + 21);
            if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (int)(((qqi & 0x70) >> 4) + 3);
            pkt.Add(Icmpv6Fields.MldQqi, node, tvb, offset + 21, 1, qqi);
            ushort n = tvb.U16(offset + 22);
            pkt.Add(Icmpv6Fields.MldNbSources, node, tvb, offset + 22, 2, n);
            int o = offset + 24;
            for (int i = 0; i < n; i++, o += 16) pkt.AddBytesChecked(Icmpv6Fields.MldSourceAddress, node, tvb, o, 16);
        }
        else
        {
            pkt.Add(Icmpv6Fields.MldMaximumResponseDelay, node, tvb, offset, 2, tvb.U16(offset));
            pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset + 2, 2);
            pkt.AddBytesChecked(Icmpv6Fields.MldMulticastAddress, node, tvb, offset + 4, 16);
        }
    }

    private static readonly string[] RecordTypes = ["", "Include", "Exclude", "Changed to include", "Changed to exclude", "Allow new sources", "Block old sources"];

    public static void ReportV2(in Tvb tvb, int offset, Packet pkt, int node)
    {
        pkt.AddBytesChecked(Icmpv6Fields.Reserved, node, tvb, offset, 2);
        pkt.Add(Icmpv6Fields.MldrNbMcastRecords, node, tvb, offset + 2, 2, tvb.U16(offset + 2));
        int o = offset + 4;
        while (o < tvb.ReportedLength)
        {
            int mar = pkt.Add(Icmpv6Fields.MldrMar, node, tvb, o, 0, 0);
            byte rt = tvb.U8(o);
            pkt.Add(Icmpv6Fields.MldrMarRecordType, mar, tvb, o, 1, rt);
            byte aux = tvb.U8(o + 1);
            pkt.Add(Icmpv6Fields.MldrMarAuxDataLen, mar, tvb, o + 1, 1, aux);
            ushort n = tvb.U16(o + 2);
            pkt.Add(Icmpv6Fields.MldrMarNbSources, mar, tvb, o + 2, 2, n);
            pkt.AddBytesChecked(Icmpv6Fields.MldrMarMulticastAddress, mar, tvb, o + 4, 16);
            if (mar != node)
            {
                pkt.Tree[mar].Length = 4 + 16 + 16 * n + aux * 4;
                if (pkt.WantTree)
                {
                    string rtName = rt is >= 1 and <= 6 ? RecordTypes[rt] : $"Unknown Record Type ({rt})";
                    pkt.Label(mar, $"Multicast Address Record {rtName}: {Address.IPv6(tvb.Span(o + 4, 16))}");
                }
            }
            o += 20;
            for (int i = 0; i < n; i++, o += 16) pkt.AddBytesChecked(Icmpv6Fields.MldrMarSourceAddress, mar, tvb, o, 16);
            if (aux != 0)
            {
                pkt.AddBytesChecked(Icmpv6Fields.MldrMarAuxiliaryData, mar, tvb, o, aux * 4);
                o += aux * 4;
            }
        }
    }
}
