using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Ipv6;

/// <summary>IPv6's per-capture fragment table.</summary>
public sealed class Ipv6FragmentTable : FragmentTable;

/// <summary>
/// IPv6 Fragment header (RFC 8200 section 4.5), next header 44.
/// <code>
/// +---------------+---------------+-------------------------+-+-+-+
/// |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
/// +---------------+---------------+-------------------------+-+-+-+
/// |                         Identification                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Fragments are reassembled per (source, destination, identification); the frame completing a datagram
/// dissects the rest of the chain on the reassembled bytes, the others show their payload as data.
/// </summary>
public sealed class Ipv6FragmentDissector() : Dissector(Ipv6FraghdrFields.Proto)
{
    private const int Size = 8;
    private UIntTable _ipProto = null!;

    public static readonly FragmentItems Items = new(Ipv6Fields.Fragments, Ipv6Fields.Fragment, Ipv6Fields.FragmentOverlap,
        Ipv6Fields.FragmentOverlapConflict, Ipv6Fields.FragmentMultipletails, Ipv6Fields.FragmentToolongfragment, Ipv6Fields.FragmentError,
        Ipv6Fields.FragmentCount, Ipv6Fields.ReassembledIn, Ipv6Fields.ReassembledLength, Ipv6Fields.ReassembledData, "IPv6 Fragments", "IPv6 fragments");

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 44, this);
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ipv6FraghdrFields.Proto);
        byte nxt = tvb.U8(0);
        ushort offlg = tvb.U16(2);
        int fragOff = offlg & 0xfff8;
        bool more = (offlg & 1) != 0;
        uint ident = tvb.U32(4);
        if (pkt.WantColumns)
        {
            pkt.Info.Set("IPv6 fragment (off=");
            pkt.Info.Append((long)fragOff);
            pkt.Info.Append(more ? " more=y ident=" : " more=n ident=");
            pkt.Info.AppendHex(ident, 8);
            pkt.Info.Append(" nxt=");
            pkt.Info.Append((long)nxt);
            pkt.Info.Append(')');
        }
        var chain = pkt.Session.State<Ipv6Chain>();
        int root = Ipv6Dissector.Root(pkt, parent, Size);
        int fh = pkt.AddProtocol(Ipv6FraghdrFields.Proto, root, tvb, 0, Math.Min(Size, tvb.Length));
        if (chain.Active && chain.JumboPlen != 0) pkt.Expert(Ipv6Experts.JumboFragmentExpert, fh);
        int n = pkt.Add(Ipv6FraghdrFields.Nxt, fh, tvb, 0, 1, nxt);
        if (pkt.WantTree) pkt.Label(n, $"Next header: {IpDissector.IpProtoName(nxt)} ({nxt})");
        pkt.Add(Ipv6FraghdrFields.ReservedOctet, fh, tvb, 1, 1, tvb.U8(1));
        n = pkt.Add(Ipv6FraghdrFields.Offset, fh, tvb, 2, 2, offlg);
        if (pkt.WantTree) pkt.Label(n, $"{Bits.Pattern(offlg, 0xfff8, 16)} = Offset: {fragOff >> 3} ({fragOff} bytes)");
        pkt.Add(Ipv6FraghdrFields.ReservedBits, fh, tvb, 2, 2, offlg);
        pkt.Add(Ipv6FraghdrFields.More, fh, tvb, 2, 2, offlg);
        n = pkt.Add(Ipv6FraghdrFields.Ident, fh, tvb, 4, 4, ident);
        tvb.Ensure(0, Size);

        int plen = chain.Active ? chain.FragPlen : 0;
        if (plen > 0 && (fragOff != 0 || more))
        {
            pkt.Fragmented = true;
            if (tvb.Has(Size, plen))
            {
                var key = new FragmentKey(pkt.Src, pkt.Dst, ident, 0);
                var result = pkt.Session.State<Ipv6FragmentTable>().Add(pkt, key, fragOff, tvb.Span(Size, plen), more);
                int reassembleRoot = chain.Ipv6Node >= 0 ? chain.Ipv6Node : parent;
                if (Reassembly.Process(pkt, reassembleRoot, result, Items, "Reassembled IPv6", out var data, out int source, out _))
                {
                    pkt.Fragmented = false;
                    chain.FragPlen = 0;
                    Ipv6Dissector.DissectNext(nxt, new Tvb(data, 0, data.Length, source), pkt, parent, _ipProto);
                    return tvb.Length;
                }
                if (result.ReassembledIn != 0)   // known in the second pass of -2 only
                    pkt.AddGenerated(Ipv6Fields.ReassembledIn, reassembleRoot, tvb, 0, 0, (ulong)result.ReassembledIn);
            }
            pkt.Session.CallData(tvb.Slice(Size), pkt, parent);
            return tvb.Length;
        }
        Ipv6Dissector.DissectNext(nxt, tvb.Slice(Size), pkt, parent, _ipProto);
        return tvb.Length;
    }
}
