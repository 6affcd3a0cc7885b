using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;

namespace Mako.Protocols.Ipv6;

/// <summary>IPv6 Hop-by-Hop Options header (RFC 8200 section 4.3), next header 0.</summary>
public sealed class Ipv6HopoptsDissector() : Dissector(Ipv6HopoptsFields.Proto)
{
    // Expert items register on first use of their class; force it before the field registry is built.
    static Ipv6HopoptsDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Ipv6HopoptsExperts).TypeHandle);

    private UIntTable _ipProto = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 0, this);
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        bool first = pkt.Layers.Count > 0 && pkt.Layers[^1] == "ipv6";
        pkt.EnterLayer(Ipv6HopoptsFields.Proto);
        if (pkt.WantColumns) pkt.Info.AppendSep(" , ", "IPv6 hop-by-hop options");
        return Ipv6OptionHeaders.Dissect(tvb, pkt, parent, hopByHop: true, first, _ipProto);
    }
}

/// <summary>IPv6 Destination Options header (RFC 8200 section 4.6), next header 60.</summary>
public sealed class Ipv6DstoptsDissector() : Dissector(Ipv6DstoptsFields.Proto)
{
    private UIntTable _ipProto = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 60, this);
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(Ipv6DstoptsFields.Proto);
        if (pkt.WantColumns) pkt.Info.AppendSep(" , ", "IPv6 destination options");
        return Ipv6OptionHeaders.Dissect(tvb, pkt, parent, hopByHop: false, true, _ipProto);
    }
}

/// <summary>
/// The TLV-encoded options shared by the hop-by-hop and destination options headers.
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
/// |  Option Type  |  Opt Data Len |  Option Data
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
/// </code>
/// Pad1 is a single zero byte. The two high bits of the type say what a node that does not know it must do.
/// </summary>
internal static class Ipv6OptionHeaders
{
    public static int Dissect(Tvb tvb, Packet pkt, int parent, bool hopByHop, bool first, UIntTable ipProto)
    {
        byte nxt = tvb.U8(0);
        int len = (tvb.U8(1) + 1) << 3;
        int root = Ipv6Dissector.Root(pkt, parent, len);
        var proto = hopByHop ? Ipv6HopoptsFields.Proto : Ipv6DstoptsFields.Proto;
        int hdr = pkt.AddProtocol(proto, root, tvb, 0, Math.Min(len, tvb.Length));
        if (pkt.WantTree) pkt.Label(hdr, proto.Name);
        if (hopByHop && !first) pkt.Expert(Ipv6HopoptsExperts.NotFirstExpert, hdr);

        int n = pkt.Add(hopByHop ? Ipv6HopoptsFields.Nxt : Ipv6DstoptsFields.Nxt, hdr, tvb, 0, 1, nxt);
        if (pkt.WantTree) pkt.Label(n, $"Next Header: {Ip.IpDissector.IpProtoName(nxt)} ({nxt})");
        pkt.Add(hopByHop ? Ipv6HopoptsFields.Len : Ipv6DstoptsFields.Len, hdr, tvb, 1, 1, tvb.U8(1));
        n = pkt.Add(hopByHop ? Ipv6HopoptsFields.LenOct : Ipv6DstoptsFields.LenOct, hdr, tvb, 1, 1, (ulong)len);
        if (n != hdr)
        {
            pkt.Tree[n].Flags |= NodeFlags.Generated;
            if (pkt.WantTree) pkt.Label(n, $"Length: {len} bytes");
        }

        int offset = 2;
        while (offset < len)
        {
            byte type = tvb.U8(offset);
            byte optLen = tvb.U8(offset + 1);
            string name = Ipv6Fields.OptType.Values!.Lookup(type) ?? $"Unknown IPv6 Option ({type})";
            int opt = pkt.Add(Ipv6Fields.Opt, hdr, tvb, offset, type == 0 ? 2 + optLen : 2 + optLen, 0);
            if (opt != hdr && pkt.WantTree) pkt.Label(opt, name);
            int typeNode = pkt.Add(Ipv6Fields.OptType, opt, tvb, offset, 1, type);
            if (type == 0)
            {
                pkt.Add(Ipv6Fields.OptPad1, opt, tvb, offset, 1, 0);
                offset++;
                continue;
            }
            int scope = Scope(type);
            if (hopByHop && scope == 2) pkt.Expert(Ipv6Experts.OptHeaderMismatchExpert, typeNode, $"{name} must use a destination options header");
            else if (!hopByHop && scope == 1) pkt.Expert(Ipv6Experts.OptHeaderMismatchExpert, typeNode, $"{name} must use a hop-by-hop options header");
            pkt.Add(Ipv6Fields.OptTypeAction, typeNode, tvb, offset, 1, type);
            pkt.Add(Ipv6Fields.OptTypeChange, typeNode, tvb, offset, 1, type);
            pkt.Add(Ipv6Fields.OptTypeRest, typeNode, tvb, offset, 1, type);
            offset++;
            int lenNode = pkt.Add(Ipv6Fields.OptLength, opt, tvb, offset, 1, optLen);
            offset++;
            if (type == 1)
            {
                int pn = pkt.AddBytesChecked(Ipv6Fields.OptPadn, opt, tvb, offset, optLen);
                if (optLen == 0 && pn != opt && pkt.WantTree) pkt.Label(pn, "PadN: <none>");
                tvb.Ensure(offset, optLen);
                offset += optLen;
                continue;
            }
            int start = offset;
            offset = Ipv6OptionBodies.Dissect(type, tvb, offset, optLen, pkt, opt, typeNode, lenNode);
            if (offset < start + optLen)
            {
                int u = pkt.AddBytesChecked(Ipv6Fields.OptUnknownData, opt, tvb, offset, start + optLen - offset);
                pkt.Expert(Ipv6Experts.OptUnknownDataExpert_, u);
                offset = start + optLen;
            }
        }

        Ipv6Dissector.DissectNext(nxt, tvb.Slice(len), pkt, parent, ipProto);
        return tvb.Length;
    }

    /// <summary>Which header an option belongs in: 1 hop-by-hop only, 2 destination only, 0 either.</summary>
    private static int Scope(byte type) => type switch
    {
        0x04 or 0xc9 or 0x8b or 0x0f => 2,
        0x05 or 0xc2 or 0x07 or 0x26 or 0x30 or 0x63 or 0x6d or 0xee or 0x8c or 0x08 => 1,
        _ => 0,
    };
}
