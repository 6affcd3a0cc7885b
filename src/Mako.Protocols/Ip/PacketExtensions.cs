using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Ip;

/// <summary>Adding helpers with Wireshark's proto_tree_add_item bounds rule.</summary>
public static class PacketExtensions
{
    /// <summary>
    /// Adds a byte-valued field only when all its bytes are present; otherwise throws the truncation or malformed
    /// error, as proto_tree_add_item does, so the item is not shown and dissection stops where tshark stops.
    /// </summary>
    public static int AddBytesChecked(this Packet pkt, FieldDef f, int parent, in Tvb tvb, int offset, int length)
    {
        tvb.Ensure(offset, length);
        return pkt.AddBytes(f, parent, tvb, offset, length);
    }
}
