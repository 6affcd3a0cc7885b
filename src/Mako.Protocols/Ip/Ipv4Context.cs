using Mako.Engine.Dissection;

namespace Mako.Protocols.Ip;

/// <summary>
/// The IPv4 header facts a payload dissector may use (Wireshark passes them as the dissector's data argument): ICMP
/// shows the TTL in its Info. Valid only for the protocol dispatched directly by that header, which
/// <see cref="For"/> checks by frame number and layer position.
/// </summary>
public sealed class Ipv4Context
{
    private long _frame = -1;
    private int _layer = -1;

    public byte Ttl { get; private set; }

    internal void Set(Packet pkt, byte ttl)
    {
        _frame = pkt.Number;
        _layer = pkt.Layers.Count;
        Ttl = ttl;
    }

    /// <summary>The context if the current payload was dispatched by an IPv4 header (call before EnterLayer), else null.</summary>
    public static Ipv4Context? For(Packet pkt)
    {
        var c = pkt.Session.State<Ipv4Context>();
        return c._frame == pkt.Number && c._layer == pkt.Layers.Count ? c : null;
    }
}
