using Mako.Engine.Dissection;

namespace Mako.Protocols.Udp;

/// <summary>When formatted expert messages are worth building (they allocate a string).</summary>
public static class ExpertText
{
    /// <summary>
    /// True when someone can see an expert item's own message: the tree is printed, `_ws.expert.message` is asked for,
    /// or an expert statistics tap listens. Otherwise the default message is attached and nothing is formatted.
    /// </summary>
    public static bool Wanted(Packet pkt) =>
        pkt.WantTree || pkt.Wants(CoreProtocols.ExpertMessage) || pkt.Session.ExpertTap is not null;
}
