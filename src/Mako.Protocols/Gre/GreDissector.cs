using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Gre;

/// <summary>
/// Generic Routing Encapsulation (RFC 1701, RFC 2784, key and sequence number RFC 2890; PPTP's enhanced header
/// RFC 2637 §4.1).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Checksum (optional)      |       Offset (optional)       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Key (optional)                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Sequence Number (optional)                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Acknowledgment Number (PPTP, optional)             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Routing (optional) ...
/// </code>
/// The payload is dispatched by protocol type through the "gre.proto" table, whose keys are Ethertypes.
/// </summary>
public sealed class GreDissector() : Dissector(GreFields.Proto)
{
    private const ushort Checksum = 0x8000, Routing = 0x4000, Key = 0x2000, Sequence = 0x1000, Ack = 0x0080, Version = 0x0007;
    private const ushort Ppp = 0x880b, Wccp = 0x883e, Cdma2000Ubs = 0x8881, Gpp2 = 0x88d2;
    private UIntTable _greProto = null!;

    public static readonly ExpertDef ChecksumIncorrectExpert = GreFields.Proto.Expert("gre.checksum.incorrect", ExpertGroup.Protocol, ExpertSeverity.Warn, "Incorrect GRE Checksum");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 47, this);
        _greProto = tables.UInt("gre.proto");
        // Wireshark's IPv4, IPv6, ARP and Ethernet dissectors register themselves here; ours live in other folders,
        // so GRE wires the ones that exist by name.
        Wire(tables, 0x0800, "ip");
        Wire(tables, Wccp, "ip");
        Wire(tables, 0x86dd, "ipv6");
        Wire(tables, 0x0806, "arp");
        Wire(tables, 0x6558, "eth");
        Wire(tables, 0x6400, "eth"); // MikroTik EoIP
    }

    private void Wire(DissectorTables tables, uint type, string name)
    {
        if (!_greProto.Entries.ContainsKey(type) && tables.ByName(name) is { } d) _greProto.Entries[type] = d;
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(GreFields.Proto);
        ushort fv = tvb.U16(0);
        ushort type = tvb.U16(2);
        string? typeName = GreFields.Proto_.Values?.Lookup(type);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "GRE";
            pkt.Info.Clear();
            pkt.Info.Append("Encapsulated ");
            if (typeName is not null) pkt.Info.Append(typeName);
            else
            {
                Span<char> b = stackalloc char[16];
                "0x".AsSpan().CopyTo(b);
                type.TryFormat(b[2..], out int w, "X4");
                pkt.Info.Append(b[..(2 + w)]);
                pkt.Info.Append(" (unknown)");
            }
        }
        bool isPpp = type == Ppp ? (fv & Version) != 0 : type == Cdma2000Ubs || type == Gpp2;
        bool isWccp2 = type == Wccp && (tvb.U8(4) & 0xf0) != 0x40;

        int gre = pkt.AddProtocol(GreFields.Proto, parent, tvb, 0, -1);
        if (pkt.WantTree) pkt.Label(gre, $"Generic Routing Encapsulation ({typeName ?? $"0x{type:X4} - unknown"})");
        int flags = pkt.Add(GreFields.FlagsAndVersion, gre, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsChecksum, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsRouting, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsKey, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsSequenceNumber, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsStrictSourceRoute, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsRecursionControl, flags, tvb, 0, 2, fv);
        if (isPpp)
        {
            pkt.Add(GreFields.FlagsAck, flags, tvb, 0, 2, fv);
            // PPTP's reserved field is 0x0078 under the same name as the usual 0x00f8; keep only its bits.
            int r = pkt.Add(GreFields.FlagsReserved, flags, tvb, 0, 2, (ulong)(fv & 0x0078));
            if (pkt.WantTree)
            {
                int v = (fv & 0x0078) >> 3;
                pkt.Label(r, $".... .... .{(v >> 3) & 1}{(v >> 2) & 1}{(v >> 1) & 1} {v & 1}... = Flags (Reserved): {v}");
            }
        }
        else pkt.Add(GreFields.FlagsReserved, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.FlagsVersion, flags, tvb, 0, 2, fv);
        pkt.Add(GreFields.Proto_, gre, tvb, 2, 2, type);
        int offset = 4;

        if ((fv & (Checksum | Routing)) != 0)
        {
            ushort sum = tvb.U16(offset);
            int captured = tvb.Length, reported = tvb.ReportedLength;
            if ((fv & Checksum) != 0 && !pkt.Fragmented && captured >= reported)
            {
                ushort computed = InternetChecksum(tvb.Data[..reported]);
                ChecksumStatus.AddVerified(pkt, gre, tvb, offset, sum, computed, GreFields.Checksum, GreFields.ChecksumStatus,
                    null, ChecksumIncorrectExpert, "", "");
            }
            else ChecksumStatus.AddUnverified(pkt, gre, tvb, offset, sum, GreFields.Checksum, GreFields.ChecksumStatus);
            offset += 2;
            pkt.Add(GreFields.Offset, gre, tvb, offset, 2, tvb.U16(offset));
            offset += 2;
        }
        if ((fv & Key) != 0)
        {
            if (isPpp && type != Cdma2000Ubs)
            {
                pkt.Add(GreFields.KeyPayloadLength, gre, tvb, offset, 2, tvb.U16(offset));
                pkt.Add(GreFields.KeyCallId, gre, tvb, offset + 2, 2, tvb.U16(offset + 2));
            }
            else pkt.Add(GreFields.Key, gre, tvb, offset, 4, tvb.U32(offset));
            offset += 4;
        }
        if ((fv & Sequence) != 0)
        {
            pkt.Add(GreFields.SequenceNumber, gre, tvb, offset, 4, tvb.U32(offset));
            offset += 4;
        }
        if (isPpp && (fv & Ack) != 0)
        {
            pkt.Add(GreFields.AckNumber, gre, tvb, offset, 4, tvb.U32(offset));
            offset += 4;
        }
        if ((fv & Routing) != 0) offset = SourceRoutes(tvb, pkt, gre, offset);
        if (type == Wccp && isWccp2)
        {
            int rh = pkt.AddBytes(GreFields.WccpRedirectHeader, gre, tvb, offset, 4);
            byte b0 = tvb.U8(offset);
            pkt.Add(GreFields.WccpDynamicService, rh, tvb, offset, 1, b0);
            pkt.Add(GreFields.WccpAlternativeBucketUsed, rh, tvb, offset, 1, b0);
            pkt.Add(GreFields.WccpRedirectHeaderValid, rh, tvb, offset, 1, b0);
            pkt.Add(GreFields.WccpServiceId, rh, tvb, offset + 1, 1, tvb.U8(offset + 1));
            pkt.Add(GreFields.WccpAlternativeBucket, rh, tvb, offset + 2, 1, tvb.U8(offset + 2));
            pkt.Add(GreFields.WccpPrimaryBucket, rh, tvb, offset + 3, 1, tvb.U8(offset + 3));
            offset += 4;
        }
        pkt.Tree[gre].Length = Math.Min(offset, tvb.Length);

        // Without a sequence number a GRE packet may be a bare keepalive.
        if ((fv & Sequence) == 0 && tvb.ReportedLength - offset <= 0) return offset;
        var next = tvb.Slice(offset);
        var s = pkt.Session;
        if (s.TryDispatch(_greProto, type, next, pkt, -1) == 0) s.CallData(next, pkt, gre);
        return tvb.Length;
    }

    /// <summary>RFC 1701 source route entries, up to the NULL entry (address family 0, length 0).</summary>
    private static int SourceRoutes(Tvb tvb, Packet pkt, int gre, int offset)
    {
        while (true)
        {
            int r = pkt.AddBytes(GreFields.Routing, gre, tvb, offset, 0);
            ushort af = tvb.U16(offset);
            pkt.Add(GreFields.RoutingAddressFamily, gre, tvb, offset, 2, af);
            pkt.Add(GreFields.RoutingSreOffset, gre, tvb, offset + 2, 1, tvb.U8(offset + 2));
            byte len = tvb.U8(offset + 3);
            pkt.Add(GreFields.RoutingSrcLength, gre, tvb, offset + 3, 1, len);
            if (r != gre) pkt.Tree[r].Length = 4 + len;
            offset += 4;
            if (af == 0 && len == 0) return offset;
            pkt.AddBytes(GreFields.RoutingInformation, gre, tvb, offset, len);
            tvb.Ensure(offset, len);
            offset += len;
        }
    }

    private static ushort InternetChecksum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2) sum += (uint)(data[i] << 8 | data[i + 1]);
        if (i < data.Length) sum += (uint)data[i] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
