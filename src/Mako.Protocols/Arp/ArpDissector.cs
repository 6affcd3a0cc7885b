using System.Buffers.Binary;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Arp;

/// <summary>
/// ARP (RFC 826), RARP (RFC 903), Inverse ARP (RFC 2390) and the other opcodes sharing the format, as Wireshark 4.0's
/// packet-arp.c with default preferences (duplicate-address detection on, request-storm detection off).
/// <code>
/// +----------+----------+-----+-----+----------+
/// | hw type  | protocol | hln | pln | opcode   |   8 bytes, then sender hw (hln), sender protocol (pln),
/// +----------+----------+-----+-----+----------+   target hw (hln), target protocol (pln)
/// </code>
/// The datagram's size comes from hln and pln; what follows it in the frame is the link layer's padding or trailer.
/// </summary>
public sealed class ArpDissector() : Dissector(ArpFields.Proto)
{
    private const int Header = 8;
    private const ushort Request = 1, Reply = 2, RRequest = 3, RReply = 4, DrarpRequest = 5, DrarpReply = 6, DrarpError = 7,
        IRequest = 8, IReply = 9, AtmNak = 10, MarsRequest = 11, MarsRedirectMap = 22, MaposUnarp = 23, Exp1 = 24, Exp2 = 25;

    private UIntTable _hwType = null!;

    public static readonly ExpertDef DuplicateAddress = ArpFields.Proto.Expert("arp.duplicate-address-detected", ExpertGroup.Sequence,
        ExpertSeverity.Warn, "Duplicate IP address configured");
    public static readonly ExpertDef PacketStorm = ArpFields.Proto.Expert("arp.packet-storm-detected", ExpertGroup.Sequence,
        ExpertSeverity.Note, "ARP packet storm detected");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x0806, this);
        tables.AddUInt("ethertype", 0x8035, this);   // RARP
        _hwType = tables.UInt("arp.hw.type");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(ArpFields.Proto);
        if (pkt.WantColumns)
        {
            // So that a damaged packet shows up as ARP with an empty Info.
            pkt.Protocol = "ARP";
            pkt.Info.Clear();
        }
        ushort hrd = tvb.U16(0);
        if (pkt.Session.Lookup(_hwType, hrd) is { } hw) return pkt.Session.Call(hw, tvb, pkt, parent);

        int arp = pkt.AddProtocol(ArpFields.Proto, parent, tvb, 0, -1);
        pkt.Add(ArpFields.HwType, arp, tvb, 0, 2, hrd);
        ushort pro = tvb.U16(2);
        pkt.Add(ArpFields.ProtoType, arp, tvb, 2, 2, pro);
        byte hln = tvb.U8(4);
        pkt.Add(ArpFields.HwSize, arp, tvb, 4, 1, hln);
        byte pln = tvb.U8(5);
        pkt.Add(ArpFields.ProtoSize, arp, tvb, 5, 1, pln);
        ushort op = tvb.U16(6);
        pkt.Add(ArpFields.Opcode, arp, tvb, 6, 2, op);

        int totLen = Header + 2 * hln + 2 * pln;
        pkt.Tree[arp].Length = Math.Min(totLen, tvb.Length);
        // tvb_set_reported_length: the link layer sees the rest as padding; a size past the frame is malformed.
        if (totLen > tvb.ReportedLength) throw new DissectorException(DissectorErrorKind.Malformed);
        pkt.SetPayloadLength(tvb, totLen);
        tvb = new Tvb(tvb.Data[..Math.Min(tvb.Length, totLen)], tvb.Base, totLen, tvb.Source);

        if (pkt.WantColumns) pkt.Protocol = ProtocolColumn(op);

        int sha = Header, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
        bool isEther = hrd is 1 or 6 && hln == 6;
        bool isIPv4 = pro is 0x0800 or 0xCC && pln == 4;

        bool duplicate = false;
        uint duplicateIp = 0;
        if (op is Request or Reply && isEther && isIPv4)
        {
            var state = pkt.Session.State<ArpState>();
            uint ip = tvb.U32(spa);
            var mac = tvb.Span(sha, 6);
            if ((mac[0] & 1) == 0 && !IsZero(mac) && ip != 0)
                duplicate = CheckDuplicate(pkt, state, parent, arp, mac, ip, ref duplicateIp);
            ip = tvb.U32(tpa);
            mac = tvb.Span(tha, 6);
            if ((mac[0] & 1) == 0 && !IsZero(mac) && ip != 0 && op != Request && duplicateIp != ip)
                duplicate = CheckDuplicate(pkt, state, parent, arp, mac, ip, ref duplicateIp);
            if (pkt.Number > state.LastFrame) state.LastFrame = pkt.Number;
        }

        bool gratuitous = false, probe = false, announcement = false;
        if (op is Request or Reply)
        {
            var target = tvb.Span(tpa, pln);
            if (tvb.Has(spa, pln) && tvb.Data.Slice(spa, pln).SequenceEqual(target))
            {
                gratuitous = true;
                announcement = op == Request && IsZeroAt(tvb, tha, 6);
            }
            else
            {
                probe = op == Request && IsZeroAt(tvb, tha, 6) && tvb.U32(spa) == 0;
            }
        }

        if (pkt.WantColumns) SetInfo(pkt, tvb, op, hrd, pro, hln, pln, sha, spa, tha, tpa, gratuitous, probe, announcement);

        if (pkt.WantTree)
        {
            string? opName = ArpFields.Opcode.Values?.Lookup(op);
            if (opName is not null)
            {
                if (gratuitous && op == Request) opName = "request/gratuitous ARP";
                if (gratuitous && op == Reply) opName = "reply/gratuitous ARP";
                if (probe) opName = "ARP Probe";
                if (announcement) opName = "ARP Announcement";
                pkt.Label(arp, $"Address Resolution Protocol ({opName})");
            }
            else
            {
                pkt.Label(arp, $"Address Resolution Protocol (opcode 0x{op:x4})");
            }
        }
        if (gratuitous) pkt.AddGenerated(ArpFields.Isgratuitous, arp, 1);
        if (probe) pkt.AddGenerated(ArpFields.Isprobe, arp, 1);
        if (announcement) pkt.AddGenerated(ArpFields.Isannouncement, arp, 1);
        if (hln != 0) AddHardware(pkt, arp, tvb, sha, hln, isEther, ArpFields.SrcHwMac, ArpFields.SrcHw);
        if (pln != 0) AddProtocolAddress(pkt, arp, tvb, spa, pln, isIPv4, ArpFields.SrcProtoIpv4, ArpFields.SrcProto);
        if (hln != 0) AddHardware(pkt, arp, tvb, tha, hln, isEther, ArpFields.DstHwMac, ArpFields.DstHw);
        if (pln != 0 && op != DrarpError) AddProtocolAddress(pkt, arp, tvb, tpa, pln, isIPv4, ArpFields.DstProtoIpv4, ArpFields.DstProto);
        else if (pln != 0) pkt.Add(ArpFields.DstDrarpErrorStatus, arp, tvb, tpa, 1, tvb.U8(tpa));

        if (duplicate && pkt.WantColumns)
        {
            pkt.Info.Append(" (duplicate use of ");
            AppendIPv4(pkt.Info, duplicateIp);
            pkt.Info.Append(" detected!)");
        }
        return totLen;
    }

    private static string ProtocolColumn(ushort op) => op switch
    {
        RRequest or RReply => "RARP",
        DrarpRequest or DrarpReply or DrarpError => "DRARP",
        IRequest or IReply => "Inverse ARP",
        >= MarsRequest and <= MarsRedirectMap => "MARS",
        MaposUnarp => "MAPOS",
        _ => "ARP",
    };

    private static void SetInfo(Packet pkt, in Tvb tvb, ushort op, ushort hrd, ushort pro, int hln, int pln,
        int sha, int spa, int tha, int tpa, bool gratuitous, bool probe, bool announcement)
    {
        string text = op switch
        {
            Request when gratuitous && announcement => $"ARP Announcement for {ProtoAddr(tvb, tpa, pln, pro)}",
            Request when gratuitous => $"Gratuitous ARP for {ProtoAddr(tvb, tpa, pln, pro)} (Request)",
            Request when probe => $"Who has {ProtoAddr(tvb, tpa, pln, pro)}? (ARP Probe)",
            Request => $"Who has {ProtoAddr(tvb, tpa, pln, pro)}? Tell {ProtoAddr(tvb, spa, pln, pro)}",
            Reply when gratuitous => $"Gratuitous ARP for {ProtoAddr(tvb, spa, pln, pro)} (Reply)",
            Reply => $"{ProtoAddr(tvb, spa, pln, pro)} is at {HwAddr(tvb, sha, hln, hrd)}",
            RRequest or IRequest or DrarpRequest => $"Who is {HwAddr(tvb, tha, hln, hrd)}? Tell {HwAddr(tvb, sha, hln, hrd)}",
            RReply or DrarpReply => $"{HwAddr(tvb, tha, hln, hrd)} is at {ProtoAddr(tvb, tpa, pln, pro)}",
            DrarpError => "DRARP Error",
            IReply => $"{HwAddr(tvb, sha, hln, hrd)} is at {ProtoAddr(tvb, spa, pln, pro)}",
            AtmNak => "ARP NAK",
            >= MarsRequest and <= MaposUnarp => $"{MarsText(op)} from {HwAddr(tvb, sha, hln, hrd)} at {ProtoAddr(tvb, spa, pln, pro)}",
            Exp1 => $"Experimental 1 ( opcode {op} )",
            Exp2 => $"Experimental 2 ( opcode {op} )",
            0 or 65535 => $"Reserved opcode {op}",
            _ => $"Unknown ARP opcode 0x{op:x4}",
        };
        pkt.Info.Set(text);
    }

    private static string MarsText(ushort op) => op switch
    {
        11 => "MARS request",
        12 => "MARS MULTI request",
        13 => "MARS MSERV request",
        14 => "MARS JOIN request",
        15 => "MARS LEAVE",
        16 => "MARS NAK",
        17 => "MARS UNSERV request",
        18 => "MARS SJOIN request",
        19 => "MARS SLEAVE",
        20 => "MARS grouplist request",
        21 => "MARS grouplist reply",
        22 => "MARS redirect map",
        _ => "MAPOS UNARP request",
    };

    /// <summary>A protocol address as Wireshark writes it in Info: dotted IPv4, else hex (36 bytes at most, then "…").</summary>
    private static string ProtoAddr(in Tvb tvb, int off, int len, ushort pro)
    {
        var b = tvb.Span(off, len);
        if (len == 0) return "<No address>";
        if (pro is 0x0800 or 0xCC && len == 4) return $"{b[0]}.{b[1]}.{b[2]}.{b[3]}";
        return HexTruncated(b);
    }

    /// <summary>A hardware address: colon form for Ethernet/IEEE 802 (no name resolution), else hex.</summary>
    private static string HwAddr(in Tvb tvb, int off, int len, ushort hrd)
    {
        if (len == 0) return "<No address>";
        var b = tvb.Span(off, len);
        return hrd is 1 or 6 && len == 6 ? Formatting.Hex(b, ':') : HexTruncated(b);
    }

    private static string HexTruncated(ReadOnlySpan<byte> b) =>
        b.Length > 36 ? Formatting.Hex(b[..36]) + "\u2026" : Formatting.Hex(b);

    private static void AddHardware(Packet pkt, int arp, in Tvb tvb, int off, int len, bool isEther, FieldDef mac, FieldDef bytes)
    {
        tvb.Ensure(off, len);
        int n = pkt.AddBytes(isEther ? mac : bytes, arp, tvb, off, len);
        if (isEther && pkt.WantTree) pkt.Label(n, $"{mac.Name}: {MacNames.Describe(pkt, tvb.Span(off, 6))}");
    }

    private static void AddProtocolAddress(Packet pkt, int arp, in Tvb tvb, int off, int len, bool isIPv4, FieldDef v4, FieldDef bytes)
    {
        if (isIPv4) pkt.Add(v4, arp, tvb, off, 4, tvb.U32(off));
        else
        {
            tvb.Ensure(off, len);
            pkt.AddBytes(bytes, arp, tvb, off, len);
        }
    }

    private static bool IsZero(ReadOnlySpan<byte> b) => b.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>tvb_memeql against zeros: false (not an exception) when the bytes are not all there.</summary>
    private static bool IsZeroAt(in Tvb tvb, int off, int len) => tvb.Has(off, len) && IsZero(tvb.Data.Slice(off, len));

    /// <summary>
    /// Wireshark's check_for_duplicate_addresses: remembers the MAC that claims <paramref name="ip"/>, and reports a
    /// different MAC claiming it later. Returns whether this call found a duplicate.
    /// </summary>
    private static bool CheckDuplicate(Packet pkt, ArpState state, int parent, int arp, ReadOnlySpan<byte> mac, uint ip, ref uint duplicateIp)
    {
        ulong macValue = (ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32 | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);
        long seconds = Math.DivRem(pkt.TimestampNs, 1_000_000_000L, out long rem);
        if (rem < 0) seconds--;
        ArpState.Entry? result = null;
        if (pkt.Number <= state.LastFrame)
        {
            if (state.Duplicates.TryGetValue((pkt.Number, ip), out var r)) result = r;
        }
        else if (state.ByAddress.TryGetValue(ip, out var value))
        {
            if (pkt.Number > value.Frame)
            {
                if (value.Mac == macValue)
                {
                    value.Frame = pkt.Number;
                    value.Seconds = seconds;
                    state.ByAddress[ip] = value;
                }
                else
                {
                    result = value;
                    state.Duplicates[(pkt.Number, ip)] = value;
                }
            }
        }
        else
        {
            state.ByAddress[ip] = new ArpState.Entry { Mac = macValue, Frame = pkt.Number, Seconds = seconds };
        }
        if (result is not { } found) return false;

        // A text item beside the ARP tree, as Wireshark's check_for_duplicate_addresses adds it to the parent tree.
        string ipText = IPv4Text(ip);
        var none = new Tvb(default, 0, 0);
        int sub = pkt.WantTree
            ? pkt.AddText(parent, none, 0, 0, $"Duplicate IP address detected for {ipText} ({Formatting.Hex(mac, ':')}) - also in use by " +
                $"{MacText(found.Mac)} (frame {found.Frame})", generated: true)
            : arp;
        int f = pkt.AddGenerated(ArpFields.DuplicateAddressFrame, sub, (ulong)found.Frame);
        pkt.Expert(DuplicateAddress, f, $"Duplicate IP address configured ({ipText})");
        pkt.AddGenerated(ArpFields.SecondsSinceDuplicateAddressFrame, sub, (ulong)(uint)(seconds - found.Seconds));
        duplicateIp = ip;
        return true;
    }

    private static string MacText(ulong mac)
    {
        Span<char> b = stackalloc char[17];
        return new string(b[..Formatting.FormatEther(mac, b)]);
    }

    private static string IPv4Text(uint ip) => $"{ip >> 24}.{(ip >> 16) & 0xFF}.{(ip >> 8) & 0xFF}.{ip & 0xFF}";

    private static void AppendIPv4(ColumnText info, uint ip)
    {
        Span<char> b = stackalloc char[15];
        info.Append(b[..Formatting.FormatIPv4(ip, b)]);
    }
}
