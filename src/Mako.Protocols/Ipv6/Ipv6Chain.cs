namespace Mako.Protocols.Ipv6;

/// <summary>
/// What the IPv6 header shares with the extension headers that follow it in the same packet (Wireshark's
/// ipv6_pinfo_t): payload lengths, and the IPv6 node the extension headers are shown under until the chain ends.
/// The IPv6 dissector saves and restores it around its dispatch, so an IPv6 packet tunnelled in another sees its own.
/// </summary>
public sealed class Ipv6Chain
{
    public bool Active;
    /// <summary>Payload length field as sent.</summary>
    public int Plen;
    /// <summary>Jumbo payload length (RFC 2675) when the hop-by-hop header carries one, else 0.</summary>
    public uint JumboPlen;
    /// <summary>Payload length left after the extension headers seen so far: the fragmentable part.</summary>
    public int FragPlen;
    /// <summary>The IPv6 protocol node extension headers attach to (-1 once the chain ended).</summary>
    public int Ipv6Node = -1;
    /// <summary>Bytes the IPv6 node covers: 40 plus the extension headers.</summary>
    public int ItemLen;
    /// <summary>The header's hop limit (Quick-Start's TTL difference needs it).</summary>
    public byte HopLimit;

    private long _upperFrame = -1;
    private int _upperLayer = -1;

    /// <summary>Marks that the upper-layer protocol about to run was dispatched by this header chain.</summary>
    internal void MarkUpper(Mako.Engine.Dissection.Packet pkt)
    {
        _upperFrame = pkt.Number;
        _upperLayer = pkt.Layers.Count;
    }

    /// <summary>The chain that dispatched the current payload (call before EnterLayer), or null (Wireshark's ws_ip6 data argument).</summary>
    public static Ipv6Chain? For(Mako.Engine.Dissection.Packet pkt)
    {
        var c = pkt.Session.State<Ipv6Chain>();
        return c._upperFrame == pkt.Number && c._upperLayer == pkt.Layers.Count ? c : null;
    }

    public Ipv6Chain Save() => (Ipv6Chain)MemberwiseClone();

    public void Restore(Ipv6Chain s)
    {
        Active = s.Active;
        Plen = s.Plen;
        JumboPlen = s.JumboPlen;
        FragPlen = s.FragPlen;
        Ipv6Node = s.Ipv6Node;
        ItemLen = s.ItemLen;
        HopLimit = s.HopLimit;
    }
}
