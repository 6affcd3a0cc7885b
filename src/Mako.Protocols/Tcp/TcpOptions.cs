using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tcp;

/// <summary>
/// TCP options (RFC 9293 §3.1; MSS RFC 879, window scale and timestamps RFC 7323, SACK RFC 2018/2883, TFO RFC 7413,
/// MPTCP RFC 8684, experimental options RFC 6994). Each option is shown as its own item named after the option
/// protocol, and appends to the Info column in the order it appears ("MSS=1460 SACK_PERM TSval=… TSecr=… WS=128").
/// </summary>
internal static class TcpOptions
{
    private const byte Eol = 0, Nop = 1;

    /// <summary>Dissects <paramref name="length"/> bytes of options at <paramref name="offset"/> of the TCP header.</summary>
    public static void Dissect(Tvb tvb, int offset, int length, Packet pkt, int opts, ref TcpHeader h, TcpStream tcpd,
        TcpFlow fwd, TcpFlow rev, TcpState st)
    {
        StringBuilder? label = pkt.WantTree ? new StringBuilder().Append("Options: (").Append(h.HdrLen - 20).Append(" bytes)") : null;
        int nopCount = 0;
        bool mssSeen = false, eolSeen = false;
        while (length > 0)
        {
            byte kind = tvb.U8(offset);
            if (eolSeen && kind != Eol)
            {
                ExpertText(pkt, opts, tvb, offset, length, TcpFields.EiTcpNonZeroBytesAfterEol, "Non-zero header padding");
                return;
            }
            length--;
            if (kind == Eol || kind == Nop)
            {
                var proto = kind == Eol ? TcpOptionProtocols.Eol : TcpOptionProtocols.Nop;
                if (kind == Nop)
                {
                    // Four NOPs in one 32-bit word suggest a middlebox blanked out an option.
                    if (nopCount == 0 || offset % 4 != 0)
                    {
                        if (++nopCount == 4) pkt.Expert(TcpFields.EiTcpNop, opts);
                    }
                    else nopCount = 0;
                }
                int item = pkt.AddProtocol(proto, opts, tvb, offset, 1);
                if (pkt.WantTree) pkt.Label(item, proto.Name);
                pkt.Add(TcpFields.OptionKind, item, tvb, offset, 1, kind);
                Append(pkt, opts, label, proto.ShortName);
                offset++;
            }
            else
            {
                var proto = ProtocolFor(kind);
                string name = proto?.ShortName ?? $"Unknown (0x{kind:x2})";
                if (length == 0)
                {
                    ExpertText(pkt, opts, tvb, offset, 1, TcpFields.EiTcpOptLenInvalid, $"{name} (length byte past end of options)");
                    return;
                }
                int optlen = tvb.U8(offset + 1);
                length--;
                if (optlen < 2)
                {
                    ExpertText(pkt, opts, tvb, offset, 2, TcpFields.EiTcpOptLenInvalid, $"{name} (with too-short option length = {optlen} byte{(optlen == 1 ? "" : "s")})");
                    return;
                }
                if (optlen - 2 > length)
                {
                    ExpertText(pkt, opts, tvb, offset, length, TcpFields.EiTcpOptLenInvalid, $"{name} (option length = {optlen} byte{(optlen == 1 ? "" : "s")} says option goes past end of options)");
                    return;
                }
                if (kind == 2) mssSeen = true;
                var opt = tvb.Slice(offset, optlen);
                // Options are "in name only" protocols: damage inside one is still reported against TCP.
                One(opt, kind, proto, pkt, opts, ref h, tcpd, fwd, rev, st);
                Append(pkt, opts, label, name);
                offset += optlen;
                length -= optlen - 2;
            }
            if (kind == Eol) eolSeen = true;
        }
        if ((h.Flags & TcpHeader.Syn) != 0 && !mssSeen) pkt.Expert(TcpFields.EiTcpOptionMssAbsent, opts);
    }

    private static void Append(Packet pkt, int opts, StringBuilder? label, string name)
    {
        if (label is null) return;
        label.Append(", ").Append(name);
        pkt.Label(opts, label.ToString());
    }

    private static ProtocolDef? ProtocolFor(byte kind) => kind switch
    {
        2 => TcpOptionProtocols.Mss,
        3 => TcpOptionProtocols.Wscale,
        4 => TcpOptionProtocols.SackPerm,
        5 => TcpOptionProtocols.Sack,
        6 => TcpOptionProtocols.Echo,
        7 => TcpOptionProtocols.EchoReply,
        8 => TcpOptionProtocols.Timestamp,
        11 => TcpOptionProtocols.Cc,
        12 => TcpOptionProtocols.CcNew,
        13 => TcpOptionProtocols.CcEcho,
        19 => TcpOptionProtocols.Md5,
        20 => TcpOptionProtocols.Scps,
        21 => TcpOptionProtocols.Snack,
        22 => TcpOptionProtocols.ScpsRec,
        23 => TcpOptionProtocols.ScpsCor,
        27 => TcpOptionProtocols.Qs,
        28 => TcpOptionProtocols.UserTo,
        29 => TcpOptionProtocols.Ao,
        30 => TcpOptionProtocols.Mptcp,
        34 => TcpOptionProtocols.Tfo,
        76 => TcpOptionProtocols.RvbdProbe,
        78 => TcpOptionProtocols.RvbdTrpy,
        0xac or 0xae => TcpOptionProtocols.AccEcn,
        0xfd or 0xfe => TcpOptionProtocols.Experimental,
        _ => null,
    };

    /// <summary>One option with a length byte; <paramref name="opt"/> covers exactly the option.</summary>
    private static void One(Tvb opt, byte kind, ProtocolDef? proto, Packet pkt, int opts, ref TcpHeader h, TcpStream tcpd,
        TcpFlow fwd, TcpFlow rev, TcpState st)
    {
        int len = opt.ReportedLength;
        if (kind == 30)
        {
            Mptcp(opt, pkt, opts, ref h, tcpd);
            return;
        }
        if (proto is null)
        {
            int u = pkt.AddProtocol(TcpOptionProtocols.Unknown, opts, opt, 0, opt.Length);
            if (pkt.WantTree) pkt.Label(u, TcpOptionProtocols.Unknown.Name);
            KindAndLength(opt, pkt, u);
            if (len > 2) pkt.AddBytes(TcpFields.OptionsUnknownPayload, u, opt, 2, len - 2);
            return;
        }
        // Wireshark shows echo reply under the echo option's item, CC.NEW and CC.ECHO under CC's.
        var shown = kind switch { 7 => TcpOptionProtocols.Echo, 12 or 13 => TcpOptionProtocols.Cc, _ => proto };
        int item = pkt.AddProtocol(shown, opts, opt, 0, opt.Length);
        if (pkt.WantTree) pkt.Label(item, shown.Name);
        switch (kind)
        {
            case 2:
                {
                    if ((h.Flags & TcpHeader.Syn) == 0) pkt.Expert(TcpFields.EiTcpOptionMssPresent, item);
                    if (!KindAndLength(opt, pkt, item, 4)) return;
                    ushort mss = opt.U16(2);
                    pkt.Add(TcpFields.OptionsMssVal, item, opt, 2, 2, mss);
                    if (pkt.WantTree) pkt.Label(item, $"{proto.Name}: {mss} bytes");
                    Info(pkt, " MSS=", mss);
                    return;
                }
            case 3:
                {
                    if (!KindAndLength(opt, pkt, item, 3)) return;
                    byte val = opt.U8(2);
                    int shiftItem = pkt.Add(TcpFields.OptionsWscaleShift, item, opt, 2, 1, val);
                    int shift = val;
                    if (shift > 14)
                    {
                        // RFC 7323 §2.3: log it, use 14.
                        shift = 14;
                        pkt.Expert(TcpFields.EiTcpOptionWscaleShiftInvalid, shiftItem);
                    }
                    Generated.At(pkt, TcpFields.OptionsWscaleMultiplier, item, opt, 2, 1, 1u << shift);
                    if (pkt.WantTree) pkt.Label(item, $"{proto.Name}: {val} (multiply by {1 << shift})");
                    Info(pkt, " WS=", 1u << shift);
                    // Remembered for this direction: later segments' windows are scaled by it.
                    fwd.WinScale = shift;
                    return;
                }
            case 4:
                KindAndLength(opt, pkt, item);
                if (pkt.WantColumns) pkt.Info.Append(" SACK_PERM");
                LengthCheck(opt, pkt, item, 2);
                return;
            case 5:
                Sack(opt, pkt, item, ref h, tcpd, fwd, rev, st);
                return;
            case 6:
            case 7:
                {
                    if (!KindAndLength(opt, pkt, item, 6)) return;
                    uint echo = opt.U32(2);
                    pkt.Add(TcpFields.OptionsEchoValue, item, opt, 2, 4, echo);
                    if (pkt.WantTree) pkt.Label(item, $"{TcpOptionProtocols.Echo.Name}: {echo}");
                    Info(pkt, " ECHO=", echo);
                    return;
                }
            case 8:
                {
                    if (!KindAndLength(opt, pkt, item, 10)) return;
                    uint tsval = opt.U32(2);
                    pkt.Add(TcpFields.OptionsTimestampTsval, item, opt, 2, 4, tsval);
                    uint tsecr = opt.U32(6);
                    pkt.Add(TcpFields.OptionsTimestampTsecr, item, opt, 6, 4, tsecr);
                    if (pkt.WantTree) pkt.Label(item, $"{proto.Name}: TSval {tsval}, TSecr {tsecr}");
                    if (!st.IgnoreTimestamps)
                    {
                        Info(pkt, " TSval=", tsval);
                        Info(pkt, " TSecr=", tsecr);
                    }
                    return;
                }
            case 11:
            case 12:
            case 13:
                {
                    if (!KindAndLength(opt, pkt, item, 6)) return;
                    uint cc = opt.U32(2);
                    pkt.Add(TcpFields.OptionsCcValue, item, opt, 2, 4, cc);
                    Info(pkt, " CC=", cc);
                    return;
                }
            case 19:
                if (pkt.WantColumns) pkt.Info.Append(" MD5");
                if (!KindAndLength(opt, pkt, item, 18)) return;
                pkt.AddBytes(TcpFields.OptionsMd5Digest, item, opt, 2, len - 2);
                return;
            case 22:
            case 23:
                KindAndLength(opt, pkt, item, 2);
                return;
            case 20:
            case 21:
            case 76:
            case 78:
                // SCPS, SNACK and Riverbed options: named, with kind and length; their contents are not decoded.
                KindAndLength(opt, pkt, item);
                return;
            case 27:
                {
                    if (!KindAndLength(opt, pkt, item, 8)) return;
                    int rate = opt.U8(2) & 0x0f;
                    if (pkt.WantColumns)
                    {
                        pkt.Info.Append(" QSresp=");
                        pkt.Info.Append(TcpFields.OptionsQsRate.Values?.Lookup((ulong)rate) ?? "Unknown");
                    }
                    pkt.Add(TcpFields.OptionsQsRate, item, opt, 2, 1, opt.U8(2));
                    pkt.Add(TcpFields.OptionsQsTtlDiff, item, opt, 3, 1, opt.U8(3));
                    return;
                }
            case 28:
                {
                    if (!KindAndLength(opt, pkt, item, 4)) return;
                    ushort v = opt.U16(2);
                    pkt.Add(TcpFields.OptionsUserToGranularity, item, opt, 2, 2, v);
                    pkt.Add(TcpFields.OptionsUserToVal, item, opt, 2, 2, v);
                    Info(pkt, " USER_TO=", (uint)(v & 0x7fff));
                    return;
                }
            case 29:
                {
                    if (pkt.WantColumns) pkt.Info.Append("TCP AO");
                    int lenItem = KindAndLengthItem(opt, pkt, item);
                    if (len < 4)
                    {
                        pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, "option length should be >= than 4");
                        return;
                    }
                    pkt.Add(TcpFields.OptionsAoKeyid, item, opt, 2, 1, opt.U8(2));
                    pkt.Add(TcpFields.OptionsAoRnextkeyid, item, opt, 3, 1, opt.U8(3));
                    if (len > 4) pkt.AddBytes(TcpFields.OptionsAoMac, item, opt, 4, len - 4);
                    return;
                }
            case 34:
                KindAndLength(opt, pkt, item);
                FastOpen(opt, 0, len, pkt, item, ref h, tcpd);
                return;
            case 0xac:
            case 0xae:
                {
                    int lenItem = KindAndLengthItem(opt, pkt, item);
                    int l = opt.U8(1);
                    if (l != 2 && l != 5 && l != 8 && l != 11)
                    {
                        pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, $"option length should be 2, 5, 8, or 11 instead of {l}");
                        return;
                    }
                    AccEcn(opt, 2, l - 2, kind == 0xac, pkt, item, proto.Name, tcpd);
                    return;
                }
            case 0xfd:
            case 0xfe:
                Experimental(opt, pkt, item, ref h, tcpd);
                return;
        }
    }

    /// <summary>proto_tree_add_expert: a text line carrying the message, with the expert item under it.</summary>
    private static void ExpertText(Packet pkt, int parent, Tvb tvb, int offset, int length, ExpertDef e, string? message)
    {
        int t = pkt.AddText(parent, tvb, offset, Math.Max(0, length), message ?? e.Message);
        pkt.Expert(e, t, message);
    }

    private static void Info(Packet pkt, string prefix, uint v)
    {
        if (!pkt.WantColumns) return;
        pkt.Info.Append(prefix);
        pkt.Info.Append((ulong)v);
    }

    /// <summary>Adds the kind and length items; returns false (with the expert item) when the length is not <paramref name="expected"/>.</summary>
    private static bool KindAndLength(Tvb opt, Packet pkt, int item, int expected = -1)
    {
        int lenItem = KindAndLengthItem(opt, pkt, item);
        return expected < 0 || LengthCheck(opt, pkt, lenItem, expected);
    }

    private static int KindAndLengthItem(Tvb opt, Packet pkt, int item)
    {
        pkt.Add(TcpFields.OptionKind, item, opt, 0, 1, opt.U8(0));
        return pkt.Add(TcpFields.OptionLen, item, opt, 1, 1, opt.U8(1));
    }

    private static bool LengthCheck(Tvb opt, Packet pkt, int lenItem, int expected)
    {
        if (opt.ReportedLength == expected) return true;
        pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, $"option length should be {expected}");
        return false;
    }

    /// <summary>SACK blocks (RFC 2018), edges relative to the peer's initial sequence number; D-SACK (RFC 2883).</summary>
    private static void Sack(Tvb opt, Packet pkt, int item, ref TcpHeader h, TcpStream tcpd, TcpFlow fwd, TcpFlow rev, TcpState st)
    {
        bool relative = st.AnalyzeSeq && st.RelativeSeq;
        uint baseAck = relative ? rev.BaseSeq : 0;
        if (st.AnalyzeSeq && st.TrackBytesInFlight) fwd.SackRanges = 0;
        KindAndLengthItem(opt, pkt, item);
        int offset = 2, optlen = opt.ReportedLength - 2;
        int ranges = 0;
        StringBuilder? label = pkt.WantTree ? new StringBuilder(TcpOptionProtocols.Sack.Name) : null;
        while (optlen > 0)
        {
            if (optlen < 4)
            {
                ExpertText(pkt, item, opt, offset, optlen, TcpFields.EiTcpSuboptionMalformed, null);
                break;
            }
            uint left = opt.U32(offset) - baseAck;
            int le = pkt.Add(TcpFields.OptionsSackLe, item, opt, offset, 4, left);
            if (pkt.WantTree) pkt.Label(le, $"left edge = {left}{(relative ? " (relative)" : "")}");
            optlen -= 4;
            if (optlen < 4)
            {
                ExpertText(pkt, item, opt, offset, optlen, TcpFields.EiTcpSuboptionMalformed, null);
                break;
            }
            uint right = opt.U32(offset + 4) - baseAck;
            optlen -= 4;
            int re = pkt.Add(TcpFields.OptionsSackRe, item, opt, offset + 4, 4, right);
            if (pkt.WantTree) pkt.Label(re, $"right edge = {right}{(relative ? " (relative)" : "")}");
            Info(pkt, " SLE=", left);
            Info(pkt, " SRE=", right);
            ranges++;
            if (st.AnalyzeSeq && st.TrackBytesInFlight && ranges < TcpAnalysis.MaxSackRanges)
            {
                fwd.SackRanges = ranges;
                fwd.SackLeft[ranges] = left;
                fwd.SackRight[ranges] = right;
            }
            if (h.SackCount < TcpAnalysis.MaxSackRanges)
            {
                h.SackLeft[h.SackCount] = left;
                h.SackRight[h.SackCount] = right;
                h.SackCount++;
            }
            label?.Append(' ').Append(left).Append('-').Append(right);
            offset += 8;
        }
        if (label is not null) pkt.Label(item, label.ToString());
        Generated.At(pkt, TcpFields.OptionsSackCount, item, opt, 0, 0, (ulong)ranges);

        // D-SACK: the first block lies below the ACK, or inside the second block.
        if (Le(h.SackRight[0], h.Ack) || (h.SackCount > 1 && Lt(h.SackLeft[1], h.SackRight[0]) && Ge(h.SackRight[1], h.SackRight[0])))
        {
            uint left = opt.U32(2) - baseAck;
            int dl = Generated.At(pkt, TcpFields.OptionsSackDsackLe, item, opt, 2, 4, left);
            if (pkt.WantTree) pkt.Label(dl, $"D-SACK Left Edge = {left}{(relative ? " (relative)" : "")}");
            uint right = opt.U32(6) - baseAck;
            int dr = Generated.At(pkt, TcpFields.OptionsSackDsackRe, item, opt, 6, 4, right);
            if (pkt.WantTree) pkt.Label(dr, $"D-SACK Right Edge = {right}{(relative ? " (relative)" : "")}");
            ExpertText(pkt, item, opt, 2, 8, TcpFields.EiTcpOptionSackDsack, null);
        }
    }

    private static bool Lt(uint x, uint y) => (int)(x - y) < 0;
    private static bool Le(uint x, uint y) => (int)(x - y) <= 0;
    private static bool Ge(uint x, uint y) => (int)(y - x) <= 0;

    /// <summary>TCP Fast Open cookie or cookie request (RFC 7413), standalone (kind 34) or as experiment 0xF989.</summary>
    private static void FastOpen(Tvb opt, int offset, int optlen, Packet pkt, int item, ref TcpHeader h, TcpStream tcpd)
    {
        if (optlen == 2)
        {
            pkt.Add(TcpFields.OptionsTfoRequest, item, opt, offset, 2, 0);
            if (pkt.WantColumns) pkt.Info.Append(" TFO=R");
        }
        else if (optlen > 2)
        {
            int c = pkt.AddBytes(TcpFields.OptionsTfoCookie, item, opt, offset + 2, optlen - 2);
            if (pkt.WantColumns) pkt.Info.Append(" TFO=C");
            if ((h.Flags & (TcpHeader.Syn | TcpHeader.AckFlag)) == TcpHeader.Syn)
            {
                pkt.Expert(TcpFields.EiTcpAnalysisTfoSyn, c);
                if (h.HaveSeglen && h.SegLen != 0) tcpd.TfoSynData = true;
            }
        }
    }

    private static void AccEcn(Tvb opt, int off, int dataLen, bool order0, Packet pkt, int item, string name, TcpStream tcpd)
    {
        var first = order0 ? TcpFields.OptionsAccEcnEe0b : TcpFields.OptionsAccEcnEe1b;
        var last = order0 ? TcpFields.OptionsAccEcnEe1b : TcpFields.OptionsAccEcnEe0b;
        string firstName = order0 ? "EE0B" : "EE1B", lastName = order0 ? "EE1B" : "EE0B";
        var text = pkt.WantTree ? new StringBuilder(name).Append(order0 ? " (Order 0): " : " (Order 1): ") : null;
        if (dataLen == 0)
        {
            if (pkt.WantColumns) pkt.Info.Append(" AccECN");
        }
        else if (dataLen == 3 || dataLen == 6 || dataLen == 9)
        {
            uint a = opt.U24(off);
            pkt.Add(first, item, opt, off, 3, a);
            Info(pkt, $" {firstName}=", a);
            text?.Append(firstName).Append(' ').Append(a);
            if (dataLen >= 6)
            {
                uint e = opt.U24(off + 3);
                pkt.Add(TcpFields.OptionsAccEcnEceb, item, opt, off + 3, 3, e);
                Info(pkt, " ECEB=", e);
                text?.Append(", ECEB ").Append(e);
            }
            if (dataLen == 9)
            {
                uint b = opt.U24(off + 6);
                pkt.Add(last, item, opt, off + 6, 3, b);
                Info(pkt, $" {lastName}=", b);
                text?.Append(", ").Append(lastName).Append(' ').Append(b);
            }
            if (text is not null) pkt.Label(item, text.ToString());
        }
        tcpd.HadAccEcnOption = true;
        TcpDissector.NoteAccEcn(pkt, tcpd);
    }

    /// <summary>Experimental options 253/254 with an RFC 6994 experiment identifier.</summary>
    private static void Experimental(Tvb opt, Packet pkt, int item, ref TcpHeader h, TcpStream tcpd)
    {
        int lenItem = KindAndLengthItem(opt, pkt, item);
        int optlen = opt.ReportedLength;
        if (optlen < 4)
        {
            pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, $"option length {optlen} smaller than 4");
            return;
        }
        ushort exid = opt.U16(2);
        pkt.Add(TcpFields.OptionsExperimentalExid, item, opt, 2, 2, exid);
        string name = TcpOptionProtocols.Experimental.Name + ": " + ExidName(exid);
        if (pkt.WantTree) pkt.Label(item, name);
        switch (exid)
        {
            case 0x00ac:
                if (optlen != 4 && optlen != 5)
                {
                    pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, $"option length should be 4 or 5 instead of {optlen}");
                }
                else if (optlen == 4)
                {
                    if (pkt.WantColumns) pkt.Info.Append(" TARR");
                }
                else
                {
                    byte v = opt.U8(4);
                    pkt.Add(TcpFields.OptionsTarrRate, item, opt, 4, 1, v);
                    pkt.Add(TcpFields.OptionsTarReserved, item, opt, 4, 1, v);
                    Info(pkt, " TARR=", (uint)(v >> 1));
                    if (pkt.WantTree) pkt.Label(item, $"{name} {v >> 1}");
                }
                break;
            case 0xacc0:
            case 0xacc1:
                if (optlen != 4 && optlen != 7 && optlen != 10 && optlen != 13)
                    pkt.Expert(TcpFields.EiTcpOptLenInvalid, lenItem, $"option length should be 4, 7, 10, or 13 instead of {optlen}");
                else
                    AccEcn(opt, 4, optlen - 4, exid == 0xacc0, pkt, item, name + ": Accurate ECN", tcpd);
                break;
            case 0xf989:
                FastOpen(opt, 2, optlen - 2, pkt, item, ref h, tcpd);
                break;
            default:
                if (optlen > 4) pkt.AddBytes(TcpFields.OptionsExperimentalData, item, opt, 4, optlen - 4);
                if (pkt.WantColumns)
                {
                    pkt.Info.Append(" ExID=");
                    Span<char> b = stackalloc char[4];
                    exid.TryFormat(b, out int w, "X");
                    pkt.Info.Append(b[..w]);
                }
                break;
        }
    }

    private static string ExidName(ushort exid) => exid switch
    {
        0x00ac => "TCP ACK Rate Request",
        0x0348 => "Host ID",
        0x0a0d => "Autonomous System Compensation",
        0x0ca0 => "Capability Option",
        0x0ed0 => "Extended Data Offset",
        0x454e => "Encryption Negotiation",
        0x5323 => "Service Number",
        0x75ec => "Timestamp Interval",
        0xacc0 => "Accurate ECN - Order 0",
        0xacc1 => "Accurate ECN - Order 1",
        0xacce => "Accurate ECN",
        0xe2d4 => "Shared Memory communications over RMDA protocol",
        0xf989 => "Fast Open",
        0xf990 => "Low Latency",
        _ => "Unknown",
    };

    private static readonly string[] MptcpSubtypes =
    [
        "Multipath Capable", "Join Connection", "Data Sequence Signal", "Add Address", "Remove Address",
        "Change Subflow Priority", "TCP Fallback", "Fast Close", "TCP Reset",
    ];

    /// <summary>
    /// Multipath TCP (RFC 8684): a protocol layer of its own ("mptcp"), which also names the Protocol column.
    /// Only the option's kind, length and subtype are decoded; MPTCP's connection analysis is not implemented.
    /// </summary>
    private static void Mptcp(Tvb opt, Packet pkt, int opts, ref TcpHeader h, TcpStream tcpd)
    {
        h.Mptcp = true;
        // A real protocol layer: frame.protocols shows "tcp:mptcp", and damage in it is reported against MPTCP.
        var saved = pkt.CurrentProtocol;
        pkt.EnterLayer(TcpOptionProtocols.Mptcp);
        if (pkt.WantColumns) pkt.Protocol = "MPTCP";
        int item = pkt.AddProtocol(TcpOptionProtocols.Mptcp, opts, opt, 0, opt.Length);
        pkt.Add(TcpFields.OptionKind, item, opt, 0, 1, opt.U8(0));
        pkt.Add(TcpFields.OptionLen, item, opt, 1, 1, opt.U8(1));
        byte b = opt.U8(2);
        pkt.Add(TcpFields.OptionsMptcpSubtype, item, opt, 2, 1, b);
        int subtype = b >> 4;
        if (subtype < 8) h.MptcpOps |= (byte)(1 << subtype);
        // Wireshark attaches an MPTCP connection for every option except an MP_CAPABLE without keys (v1 SYN).
        int len = opt.ReportedLength;
        if (subtype != 0 || len == 12 || len == 20 || len == 22 || len == 24) tcpd.HasMptcpAnalysis = true;
        if (pkt.WantTree)
            pkt.Label(item, $"{TcpOptionProtocols.Mptcp.Name}: {(subtype < MptcpSubtypes.Length ? MptcpSubtypes[subtype] : $"Unknown ({subtype})")}");
        pkt.CurrentProtocol = saved;
    }
}
