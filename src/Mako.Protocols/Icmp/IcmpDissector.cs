using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Icmp;

/// <summary>
/// Internet Control Message Protocol (RFC 792; RFC 1191 MTU, RFC 1256 router discovery, RFC 4884 extensions,
/// RFC 8335 extended echo).
/// <code>
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 type-specific (identifier/sequence, ...)      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   data, or the IP header + first bytes of the offending packet |
/// </code>
/// Error messages carry the start of the datagram that caused them; it is dissected as a nested IP layer with the
/// "inside an error packet" flag set, and the columns keep showing the ICMP message.
/// </summary>
public sealed class IcmpDissector() : Dissector(IcmpFields.Proto)
{
    static IcmpDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(IcmpExperts).TypeHandle);

    private Dissector? _ip;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 1, this);
        _ip = tables.ByName("ip");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        var ipv4 = Ipv4Context.For(pkt);
        pkt.EnterLayer(IcmpFields.Proto);
        byte type = tvb.U8(0);
        byte code = tvb.U8(1);
        int origLen = tvb.U8(5);
        string typeStr = IcmpNames.Type(type);
        string? codeStr = IcmpNames.Code(type, code, ref typeStr);
        if (type == 6) origLen = 0;
        if (pkt.WantColumns)
        {
            pkt.Protocol = "ICMP";
            pkt.Info.Clear();
            pkt.Info.Append(typeStr);
            for (int i = typeStr.Length; i < 20; i++) pkt.Info.Append(' ');
            if (codeStr is not null)
            {
                pkt.Info.Append(" (");
                pkt.Info.Append(codeStr);
                pkt.Info.Append(')');
            }
        }

        int icmp = pkt.AddProtocol(IcmpFields.Proto, parent, tvb, 0, tvb.Length);
        int n = pkt.Add(IcmpFields.Type, icmp, tvb, 0, 1, type);
        if (pkt.WantTree) pkt.Label(n, $"Type: {type} ({typeStr})");
        n = pkt.Add(IcmpFields.Code, icmp, tvb, 1, 1, code);
        if (pkt.WantTree && codeStr is not null) pkt.Label(n, $"Code: {code} ({codeStr})");
        Checksum(tvb, pkt, icmp);

        switch (type)
        {
            case 0 or 8 or 13 or 14 or 15 or 16 or 17 or 18:
                {
                    ushort id = tvb.U16(4);
                    pkt.Add(IcmpFields.Ident, icmp, tvb, 4, 2, id);
                    pkt.Add(IcmpFields.IdentLe, icmp, tvb, 4, 2, tvb.U16LE(4));
                    ushort seq = tvb.U16(6);
                    pkt.Add(IcmpFields.Seq, icmp, tvb, 6, 2, seq);
                    pkt.Add(IcmpFields.SeqLe, icmp, tvb, 6, 2, tvb.U16LE(6));
                    if (pkt.WantColumns)
                    {
                        pkt.Info.Append(" id=");
                        pkt.Info.AppendHex(id, 4);
                        pkt.Info.Append(", seq=");
                        pkt.Info.Append((long)seq);
                        pkt.Info.Append('/');
                        pkt.Info.Append((long)tvb.U16LE(6));
                        if (ipv4 is not null)
                        {
                            pkt.Info.Append(", ttl=");
                            pkt.Info.Append((long)ipv4.Ttl);
                        }
                    }
                    break;
                }
            case 3:
                if (origLen > 0)
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 4, 1);
                    OriginalLength(tvb, pkt, icmp, origLen);
                    if (code == 4) pkt.Add(IcmpFields.Mtu, icmp, tvb, 6, 2, tvb.U16(6));
                    else pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 6, 2);
                }
                else if (code == 4)
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 4, 2);
                    pkt.Add(IcmpFields.Mtu, icmp, tvb, 6, 2, tvb.U16(6));
                }
                else
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 4, 4);
                }
                break;
            case 9:
                {
                    pkt.Add(IcmpFields.NumAddrs, icmp, tvb, 4, 1, tvb.U8(4));
                    pkt.Add(IcmpFields.AddrEntrySize, icmp, tvb, 5, 1, tvb.U8(5));
                    ushort life = tvb.U16(6);
                    n = pkt.Add(IcmpFields.Lifetime, icmp, tvb, 6, 2, life);
                    if (pkt.WantTree) pkt.Label(n, $"Lifetime: {life} ({TimeText.Seconds(life)})");
                    break;
                }
            case 12:
                pkt.Add(IcmpFields.Pointer, icmp, tvb, 4, 1, tvb.U8(4));
                if (origLen > 0)
                {
                    OriginalLength(tvb, pkt, icmp, origLen);
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 6, 2);
                }
                else
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 5, 3);
                }
                break;
            case 5:
                pkt.Add(IcmpFields.RedirGw, icmp, tvb, 4, 4, tvb.U32(4));
                break;
            case 11:
                if (origLen > 0)
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 4, 1);
                    OriginalLength(tvb, pkt, icmp, origLen);
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 6, 2);
                }
                else
                {
                    pkt.AddBytesChecked(IcmpFields.Unused, icmp, tvb, 4, 4);
                }
                break;
            case 42:
            case 43:
                {
                    pkt.Add(IcmpFields.Ident, icmp, tvb, 4, 2, tvb.U16(4));
                    pkt.Add(IcmpFields.IdentLe, icmp, tvb, 4, 2, tvb.U16LE(4));
                    pkt.Add(IcmpFields.ExtEchoSeq, icmp, tvb, 6, 1, tvb.U8(6));
                    byte b = tvb.U8(7);
                    if (type == 42)
                    {
                        pkt.Add(IcmpFields.ExtEchoReqRes, icmp, tvb, 7, 1, b);
                        pkt.Add(IcmpFields.ExtEchoReqLocal, icmp, tvb, 7, 1, b);
                    }
                    else
                    {
                        pkt.Add(IcmpFields.ExtEchoRspState, icmp, tvb, 7, 1, b);
                        pkt.Add(IcmpFields.ExtEchoRspRes, icmp, tvb, 7, 1, b);
                        pkt.Add(IcmpFields.ExtEchoRspActive, icmp, tvb, 7, 1, b);
                        pkt.Add(IcmpFields.ExtEchoRspIpv4, icmp, tvb, 7, 1, b);
                        pkt.Add(IcmpFields.ExtEchoRspIpv6, icmp, tvb, 7, 1, b);
                    }
                    break;
                }
        }

        switch (type)
        {
            case 3 or 11 or 12 or 4 or 5:
                ErrorPayload(tvb, pkt, icmp, type, origLen);
                break;
            case 0 or 8:
                Echo(tvb, pkt, icmp, type);
                break;
            case 9:
                RouterAdvert(tvb, pkt, icmp, code);
                break;
            case 13 or 14:
                Timestamps(tvb, pkt, icmp);
                break;
            case 17 or 18:
                pkt.Add(IcmpFields.AddressMask, icmp, tvb, 8, 4, tvb.U32(8));
                break;
            case 42:
                if (tvb.ReportedLength > 8) IcmpExtensions.Dissect(tvb.Slice(8), pkt, icmp);
                break;
        }
        return tvb.ReportedLength;
    }

    /// <summary>Verified when the whole message is here and it is not a fragment or a quoted packet.</summary>
    private static void Checksum(in Tvb tvb, Packet pkt, int icmp)
    {
        ushort sum = tvb.U16(2);
        int n = pkt.Add(IcmpFields.Checksum, icmp, tvb, 2, 2, sum);
        if (!pkt.Fragmented && tvb.Length >= tvb.ReportedLength && !pkt.InErrorPacket)
        {
            ushort computed = InetChecksum.Compute(tvb.Data);
            bool good = computed == 0;
            int st = pkt.Add(IcmpFields.ChecksumStatus, icmp, tvb, 2, 0, good ? 1UL : 0UL);
            if (st != icmp) pkt.Tree[st].Flags |= NodeFlags.Generated;
            if (good)
            {
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} [correct]");
            }
            else
            {
                ushort should = InetChecksum.ShouldBe(sum, computed);
                if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} incorrect, should be 0x{should:x4}");
                pkt.Expert(IcmpExperts.ChecksumBad, n, $"Bad checksum [should be 0x{should:x4}]");
            }
        }
        else
        {
            int st = pkt.Add(IcmpFields.ChecksumStatus, icmp, tvb, 2, 0, 2);
            if (st != icmp) pkt.Tree[st].Flags |= NodeFlags.Generated;
            if (pkt.WantTree) pkt.Label(n, $"Checksum: 0x{sum:x4} [{(pkt.InErrorPacket ? "in ICMP error packet" : "fragmented datagram")}]");
        }
    }

    private static void OriginalLength(in Tvb tvb, Packet pkt, int icmp, int origLen)
    {
        pkt.Add(IcmpFields.Length, icmp, tvb, 5, 1, tvb.U8(5));
        int n = pkt.Add(IcmpFields.LengthOriginalDatagram, icmp, tvb, 5, 1, (ulong)(origLen * 4));
        if (n != icmp) pkt.Tree[n].Flags |= NodeFlags.Generated;
    }

    /// <summary>The quoted datagram of an error message, then RFC 4884 / MPLS extensions when present.</summary>
    private void ErrorPayload(in Tvb tvb, Packet pkt, int icmp, byte type, int origLen)
    {
        bool savedError = pkt.InErrorPacket;
        pkt.InErrorPacket = true;
        var next = tvb.Slice(8);
        if (type == 5)
        {
            next = Limit(next, ((tvb.U8(8) & 0x0f) * 4) + 8);
        }
        else if (origLen != 0 && tvb.ReportedLength > 8 + origLen * 4 && tvb.U16(10) > origLen * 4)
        {
            next = Limit(next, ((tvb.U8(8) & 0x0f) + origLen) * 4);
        }
        if (_ip is not null) QuotedPacket.Call(_ip, next, pkt, icmp);
        pkt.InErrorPacket = savedError;

        if (tvb.ReportedLength > 8 + 128 && tvb.U16(10) <= 128)
        {
            int extOffset = (origLen != 0 ? origLen * 4 : 128) + 8;
            IcmpExtensions.Dissect(tvb.Slice(extOffset), pkt, icmp);
        }
    }

    /// <summary>set_actual_length: shrink a buffer's reported length (never grow it).</summary>
    internal static Tvb Limit(Tvb t, int length) => length < t.ReportedLength ? t.Slice(0, length) : t;

    private static void Echo(in Tvb tvb, Packet pkt, int icmp, byte type)
    {
        if (!pkt.InErrorPacket)
        {
            var tracker = pkt.Session.State<IcmpEchoTracker>();
            uint k1 = (uint)tvb.U16(4) << 16 | tvb.U16(6);
            if (type == 0)
            {
                uint k0 = tvb.U16(2);
                if (k0 == 0xffff) k0 = 0;
                if (tracker.Reply(pkt, k0, k1) is { } t)
                {
                    EchoLookAhead.Answered(pkt, IcmpFields.RespIn, t.RequestFrame);
                    Matched(pkt, icmp, t);
                }
            }
            else
            {
                // The reply's checksum is the request's plus 0x0800 (type 8 became 0), in one's complement.
                uint s = (uint)(ushort)~tvb.U16(2) + 0xf7ffu;
                s = (s & 0xffff) + (s >> 16);
                s = (s & 0xffff) + (s >> 16);
                tracker.Request(pkt, (ushort)~s, k1);
                if (type == 8)
                    EchoLookAhead.Request(pkt, icmp, IcmpFields.RespIn, IcmpFields.NoResp, IcmpExperts.RespNotFound, "No response seen to ICMP request", Group(pkt.Dst));
            }
        }
        DataWithTimestamp(tvb, pkt, icmp, 8, IcmpFields.DataTime, IcmpFields.DataTimeRelative);
    }

    /// <summary>An IPv4 destination no single host answers for: multicast (224/4) or the limited broadcast.</summary>
    private static string? Group(in Address dst) =>
        dst.Type != AddressType.IPv4 ? null : dst.Lo == 0xffffffff ? "broadcast" : (dst.Lo >> 28) == 0xe ? "multicast" : null;

    internal static void Matched(Packet pkt, int node, EchoTracker.Transaction t)
    {
        pkt.AddGenerated(IcmpFields.RespTo, node, (ulong)t.RequestFrame);
        double ms = (pkt.TimestampNs - t.RequestTimeNs) / 1e6;
        int r = pkt.AddGenerated(IcmpFields.Resptime, node, (ulong)BitConverter.DoubleToInt64Bits(ms));
        if (r != node && pkt.WantTree) pkt.Label(r, $"Response time: {ms.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)} ms");
        if (pkt.WantColumns)
        {
            pkt.Info.Append(" (request in ");
            pkt.Info.Append(t.RequestFrame);
            pkt.Info.Append(')');
        }
    }

    /// <summary>
    /// Echo data often starts with the sender's timestamp (seconds, microseconds; big- or little-endian); show it when
    /// it is within a day of the capture time, then the rest as data.
    /// </summary>
    internal static void DataWithTimestamp(in Tvb tvb, Packet pkt, int node, int offset, FieldDef dataTime, FieldDef relative)
    {
        int remaining = tvb.Length - offset;
        if (remaining < 8)
        {
            if (remaining > 0) pkt.Session.CallData(tvb.Slice(offset), pkt, node);
            return;
        }
        long frameSecs = Math.DivRem(pkt.TimestampNs, 1_000_000_000L, out long frameFrac);
        if (frameFrac < 0) frameSecs--;
        long secs = tvb.U32(offset);
        long usecs = tvb.U32(offset + 4);
        if (Math.Abs((int)(secs - frameSecs)) >= 86400 || usecs >= 1_000_000)
        {
            secs = tvb.U32LE(offset);
            usecs = tvb.U32LE(offset + 4);
        }
        if (Math.Abs((int)(secs - frameSecs)) < 86400 && usecs < 1_000_000)
        {
            long ns = secs * 1_000_000_000L + usecs * 1000;
            pkt.Add(dataTime, node, tvb, offset, 8, (ulong)ns);
            int r = pkt.Add(relative, node, tvb, offset, 8, (ulong)(pkt.TimestampNs - ns));
            if (r != node) pkt.Tree[r].Flags |= NodeFlags.Generated;
            pkt.Session.CallData(tvb.Slice(offset + 8), pkt, node);
        }
        else
        {
            pkt.Session.CallData(tvb.Slice(offset), pkt, node);
        }
    }

    private static void RouterAdvert(in Tvb tvb, Packet pkt, int icmp, byte code)
    {
        int num = tvb.U8(4), size = tvb.U8(5);
        if (size != 2)
        {
            pkt.Session.CallData(tvb.Slice(8), pkt, icmp);
            return;
        }
        int i = 0;
        for (; i < num; i++)
        {
            pkt.Add(IcmpFields.RouterAddress, icmp, tvb, 8 + i * 8, 4, tvb.U32(8 + i * 8));
            pkt.Add(IcmpFields.PrefLevel, icmp, tvb, 12 + i * 8, 4, tvb.U32(12 + i * 8));
        }
        if (code is 0 or 16) MobileIp.Extensions(tvb, 8 + i * 8, pkt, icmp);
    }

    private static void Timestamps(in Tvb tvb, Packet pkt, int icmp)
    {
        long ms = pkt.TimestampNs / 1_000_000;
        uint frameTs = (uint)(((ms % 86400000) + 86400000) % 86400000);
        Ts(tvb, pkt, icmp, 8, IcmpFields.OriginateTimestamp, "Originate Timestamp", frameTs);
        Ts(tvb, pkt, icmp, 12, IcmpFields.ReceiveTimestamp, "Receive Timestamp", frameTs);
        Ts(tvb, pkt, icmp, 16, IcmpFields.TransmitTimestamp, "Transmit Timestamp", frameTs);
    }

    private static void Ts(in Tvb tvb, Packet pkt, int icmp, int off, FieldDef f, string name, uint frameTs)
    {
        uint v = tvb.U32(off);
        int n = pkt.Add(f, icmp, tvb, off, 4, v);
        if (pkt.WantTree) pkt.Label(n, $"{name}: {v} ({TimeText.Milliseconds(BestGuessMsOfDay(tvb, off, frameTs))} after midnight UTC)");
    }

    private const uint MsPerDay = 86400000;

    /// <summary>get_best_guess_mstimeofday: timestamps are often sent little-endian; pick the plausible byte order.</summary>
    private static uint BestGuessMsOfDay(in Tvb tvb, int off, uint comp)
    {
        uint be = tvb.U32(off) & 0x7fffffff, le = tvb.U32LE(off) & 0x7fffffff;
        if (be < MsPerDay && le >= MsPerDay) return be;
        if (le < MsPerDay && be >= MsPerDay) return le;
        if (be < MsPerDay && le < MsPerDay)
        {
            uint sb = be, sl = le;
            if (be < comp && be <= MsPerDay / 4 && comp >= MsPerDay - MsPerDay / 4) be += MsPerDay;
            if (le < comp && le <= MsPerDay / 4 && comp >= MsPerDay - MsPerDay / 4) le += MsPerDay;
            return be - comp < le - comp ? sb : sl;
        }
        return be - comp < le - comp ? be : le;
    }
}
