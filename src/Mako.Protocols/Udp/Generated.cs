using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Udp;

/// <summary>Generated ("[...]") items that still point at a place in the packet, as Wireshark's do (PDML pos/size).</summary>
public static class Generated
{
    public static int At(Packet pkt, FieldDef f, int parent, in Tvb tvb, int offset, int length, ulong value)
    {
        if (!pkt.Wants(f)) return parent;
        int n = pkt.Add(f, parent, tvb, offset, length, value);
        pkt.Tree[n].Flags |= NodeFlags.Generated;
        return n;
    }
}
