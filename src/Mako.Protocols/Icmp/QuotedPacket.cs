using Mako.Engine.Dissection;

namespace Mako.Protocols.Icmp;

/// <summary>
/// Dissects the datagram quoted in an ICMP/ICMPv6 error under the ICMP node. Like Wireshark, the packet list keeps
/// describing the ICMP message: the columns and addresses the inner IP/transport layers set are put back afterwards.
/// </summary>
public static class QuotedPacket
{
    public static void Call(Dissector ip, Tvb tvb, Packet pkt, int parent)
    {
        string protocol = pkt.Protocol;
        var info = pkt.WantColumns ? pkt.Info.Snapshot() : default;
        var (src, dst, netSrc, netDst) = (pkt.Src, pkt.Dst, pkt.NetSrc, pkt.NetDst);
        var (ptype, sport, dport) = (pkt.PortType, pkt.SrcPort, pkt.DstPort);
        try
        {
            pkt.Session.Call(ip, tvb, pkt, parent);
        }
        finally
        {
            pkt.Protocol = protocol;
            if (pkt.WantColumns) pkt.Info.Restore(info);
            (pkt.Src, pkt.Dst, pkt.NetSrc, pkt.NetDst) = (src, dst, netSrc, netDst);
            (pkt.PortType, pkt.SrcPort, pkt.DstPort) = (ptype, sport, dport);
        }
    }
}
