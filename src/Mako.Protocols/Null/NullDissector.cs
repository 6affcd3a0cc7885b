using Mako.Engine.Dissection;
using Mako.Protocols.Ethernet;

namespace Mako.Protocols.Null;

/// <summary>
/// BSD loopback (LINKTYPE_NULL 0) and OpenBSD loopback (LINKTYPE_LOOP 108), as Wireshark 4.0's packet-null.c: a 4-byte
/// header holding the address family (AF_INET 2, AF_INET6 24/28/30 on the various BSDs) in the capturing host's byte
/// order for NULL, in network order for LOOP. The byte order of NULL is guessed as Wireshark does: AF_ values are
/// small, so a value with its upper 16 bits set was written the other way round; IRIX writes a 2-byte family then
/// zeros; an old Linux loopback wrote an Ethertype. A value above 1500 is taken as an Ethertype.
/// </summary>
public sealed class NullDissector() : Dissector(NullFields.Proto)
{
    private UIntTable _ethertype = null!, _family = null!;
    private Dissector? _pppHdlc;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("wtap_encap", 0, this);
        tables.AddUInt("wtap_encap", 108, this);
        _ethertype = tables.UInt("ethertype");
        _family = tables.UInt("null.type");
        _pppHdlc = tables.ByName("ppp_hdlc");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(NullFields.Proto);
        bool loop = pkt.Record.LinkType == 108;
        if (!loop && tvb.U16(0) == 0xFF03 && _pppHdlc is not null && pkt.Session.IsEnabled(_pppHdlc))
            return pkt.Session.Call(_pppHdlc, tvb, pkt, parent);

        if (pkt.WantColumns)
        {
            pkt.SrcColumnFallback = "N/A";
            pkt.DstColumnFallback = "N/A";
            pkt.Protocol = "N/A";
            pkt.Info.Set("Null/Loopback");
        }
        uint family = loop ? tvb.U32(0) : Family(tvb.U32LE(0));

        int node = pkt.AddProtocol(NullFields.Proto, parent, tvb, 0, 4);
        var next = tvb.Slice(4);
        if (family > 1500)
        {
            pkt.Add(NullFields.Type, node, tvb, 0, 4, (ushort)family);
            if (!Ethertype.TryDirect(_ethertype, (ushort)family, next, pkt, -1)) pkt.Session.CallData(next, pkt, -1);
            return tvb.Length;
        }
        pkt.Add(NullFields.Family, node, tvb, 0, 4, family);
        if (pkt.Session.TryDispatch(_family, family, next, pkt, -1) != 0) return tvb.Length;
        // IP and IPv6 claim their families through the ethertype table if they did not register for null.type.
        ushort? type = family switch { 2 => 0x0800, 24 or 28 or 30 => 0x86dd, _ => null };
        if (type is ushort t && Ethertype.TryDirect(_ethertype, t, next, pkt, -1)) return tvb.Length;
        pkt.Session.CallData(next, pkt, -1);
        return tvb.Length;
    }

    /// <summary>
    /// The family from a NULL header read little-endian (Wireshark reads it in host order, which is little-endian on
    /// the machines this runs on): swaps it when it was written big-endian, and unpacks IRIX's 2-byte form.
    /// </summary>
    public static uint Family(uint header)
    {
        if ((header & 0xFFFF0000) != 0)
        {
            if ((header & 0xFF000000) == 0 && (header & 0x00FF0000) < 0x00060000) return header >> 16;
            return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(header);
        }
        if ((header & 0x000000FF) == 0 && (header & 0x0000FF00) < 0x00000600)
            return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)(header & 0xFFFF));
        return header;
    }
}
