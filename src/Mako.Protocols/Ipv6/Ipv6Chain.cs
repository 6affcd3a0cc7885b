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
