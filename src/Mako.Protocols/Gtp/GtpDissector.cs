using Mako.Engine.Dissection;

namespace Mako.Protocols.Gtp;

/// <summary>
/// GPRS Tunneling Protocol, user plane (GTPv1-U, 3GPP TS 29.281), on UDP port 2152: the header, and for T-PDU
/// messages the tunnelled IPv4/IPv6 packet. Control-plane messages (GTPv1-C on 2123, GTPv2) and the information
/// elements of GTP-U signalling messages (echo, error indication) are not dissected: their bytes show as data.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Ver |P|R|E|S|N|  Message Type |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                Tunnel Endpoint Identifier (TEID)              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Sequence Number (if E|S|N)  | N-PDU Number  | Next Ext. Type|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The optional word is present when any of E, S, PN is set; each of its fields is shown only when its own flag is.
/// Extension headers: a length in 4-byte units covering the whole header, the last byte naming the next one.
/// </summary>
public sealed class GtpDissector() : Dissector(GtpFields.Proto)
{
    private const byte FlagE = 0x04, FlagS = 0x02, FlagPn = 0x01;
    private const byte TPdu = 0xff;
    private Dissector? _ip, _ipv6;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("udp.port", 2152, this);
        _ip = tables.ByName("ip");
        _ipv6 = tables.ByName("ipv6");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(GtpFields.Proto);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "GTP";
            pkt.Info.Clear();
        }
        int gtp = pkt.AddProtocol(GtpFields.Proto, parent, tvb, 0, tvb.Length);
        byte flags = tvb.U8(0);
        int fl = pkt.Add(GtpFields.Flags, gtp, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsVersion, fl, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsPayload, fl, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsReserved, fl, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsE, fl, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsS, fl, tvb, 0, 1, flags);
        pkt.Add(GtpFields.FlagsPn, fl, tvb, 0, 1, flags);
        byte message = tvb.U8(1);
        if (pkt.WantColumns) pkt.Info.Append(GtpFields.Message.Values?.Lookup(message) ?? "Unknown");
        pkt.Add(GtpFields.Message, gtp, tvb, 1, 1, message);
        pkt.Add(GtpFields.Length, gtp, tvb, 2, 2, tvb.U16(2));
        pkt.Add(GtpFields.Teid, gtp, tvb, 4, 4, tvb.U32(4));
        int offset = 8;
        if ((flags & (FlagE | FlagS | FlagPn)) != 0)
        {
            if ((flags & FlagS) != 0) pkt.Add(GtpFields.SeqNumber, gtp, tvb, offset, 2, tvb.U16(offset));
            if ((flags & FlagPn) != 0) pkt.Add(GtpFields.NpduNumber, gtp, tvb, offset + 2, 1, tvb.U8(offset + 2));
            byte next = tvb.U8(offset + 3);
            offset += 3;
            if ((flags & FlagE) != 0)
            {
                pkt.Add(GtpFields.ExtHdrNext, gtp, tvb, offset, 1, next);
                offset = ExtensionHeaders(tvb, pkt, gtp, offset + 1, next);
            }
            else offset += 1;
        }
        pkt.Tree[gtp].Length = Math.Min(offset, tvb.Length);

        var payload = tvb.Slice(offset);
        if (message != TPdu)
        {
            if (payload.Length > 0) pkt.Session.CallData(payload, pkt, -1);
            return tvb.Length;
        }
        Dissector? inner = null;
        if (payload.Length > 0)
        {
            byte first = payload.U8(0);
            if (first is >= 0x45 and <= 0x4e) inner = _ip;
            else if ((first & 0xf0) == 0x60) inner = _ipv6;
        }
        // A payload that is neither IPv4 nor IPv6 is left undissected (no data item), as tshark 4.0 does.
        if (inner is null)
        {
            // Shown at the top of the tree, not inside GTP, as Wireshark adds it.
            if (payload.Length > 0) pkt.AddBytes(GtpFields.TpduData, -1, payload, 0, payload.Length);
        }
        else if (!pkt.Session.IsEnabled(inner) || pkt.Session.Call(inner, payload, pkt, -1) == 0)
            pkt.Session.CallData(payload, pkt, -1);
        // Wireshark wraps the inner protocol's name: "GTP <ICMP>".
        if (pkt.WantColumns) pkt.Protocol = "GTP <" + pkt.Protocol + ">";
        return tvb.Length;
    }

    /// <summary>Walks the extension header chain (length in 4-byte units, next type in the last byte).</summary>
    private static int ExtensionHeaders(Tvb tvb, Packet pkt, int gtp, int offset, byte next)
    {
        while (next != 0)
        {
            int words = tvb.U8(offset);
            // One subtree per header, named by its type; the contents of the typed headers (PDU session container,
            // PDCP PDU number...) are not decoded.
            int hdr = pkt.Add(GtpFields.ExtHdr, gtp, tvb, offset, Math.Max(1, words * 4), 0);
            if (pkt.WantTree) pkt.Label(hdr, $"Extension header ({GtpFields.ExtHdrNext.Values?.Lookup(next) ?? "Unknown"})");
            pkt.Add(GtpFields.ExtHdrLength, hdr, tvb, offset, 1, (ulong)words);
            if (words == 0) break; // a zero length would never advance
            int end = offset + words * 4;
            next = tvb.U8(end - 1);
            pkt.Add(GtpFields.ExtHdrNext, hdr, tvb, end - 1, 1, next);
            offset = end;
        }
        return offset;
    }
}
