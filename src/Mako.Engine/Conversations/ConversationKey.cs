using Mako.Engine.Dissection;

namespace Mako.Engine.Conversations;

/// <summary>
/// Identifies a conversation: two endpoints (address, port) and the port type. Normalised so that both directions of
/// a flow give the same key: endpoint A is the lower of the two (address first, then port), as Wireshark orders them
/// when it decides which flow of a conversation a packet belongs to.
/// </summary>
public readonly record struct ConversationKey(Address AddrA, Address AddrB, ushort PortA, ushort PortB, PortType Type)
{
    /// <summary>The key of the conversation a packet from (src, srcPort) to (dst, dstPort) belongs to.</summary>
    public static ConversationKey Of(Address src, Address dst, uint srcPort, uint dstPort, PortType type)
    {
        int c = Compare(src, dst);
        if (c == 0) c = srcPort.CompareTo(dstPort);
        return c <= 0
            ? new ConversationKey(src, dst, (ushort)srcPort, (ushort)dstPort, type)
            : new ConversationKey(dst, src, (ushort)dstPort, (ushort)srcPort, type);
    }

    /// <summary>
    /// Wireshark's direction test (cmp_address, then ports when the addresses are equal): &gt;= 0 means the packet
    /// travels in the conversation's "first" flow. Address bytes compare like memcmp because <see cref="Address"/>
    /// holds them big-endian in Hi/Lo.
    /// </summary>
    public static int Direction(Address src, Address dst, uint srcPort, uint dstPort)
    {
        int c = Compare(src, dst);
        if (c != 0) return c;
        return srcPort > dstPort ? 1 : -1;
    }

    /// <summary>Orders addresses as Wireshark's cmp_address does: by type, then by the address bytes.</summary>
    public static int Compare(Address a, Address b)
    {
        if (a.Type != b.Type) return a.Type.CompareTo(b.Type);
        int c = a.Hi.CompareTo(b.Hi);
        return c != 0 ? c : a.Lo.CompareTo(b.Lo);
    }
}
