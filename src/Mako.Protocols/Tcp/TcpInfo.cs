using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>
/// What a dissector above TCP may want to know about the segment it is handed (Wireshark's struct tcpinfo, passed
/// as the dissector's data): sequence numbers, flags, and whether the bytes are a reassembled PDU. Read it with
/// <see cref="Of"/> while dissecting a TCP payload; TCP fills it before every call.
/// </summary>
public sealed class TcpInfo
{
    /// <summary>Sequence number of the first byte handed over (relative unless relative numbers are off).</summary>
    public uint Seq { get; internal set; }
    /// <summary>Sequence number after the segment.</summary>
    public uint NxtSeq { get; internal set; }
    public uint LastAckSeq { get; internal set; }
    /// <summary>The segment's flags (TcpHeader.Fin, Syn, Rst, Psh, AckFlag, Urg, ...).</summary>
    public ushort Flags { get; internal set; }
    public ushort UrgentPointer { get; internal set; }
    /// <summary>The bytes are a PDU reassembled from several segments.</summary>
    public bool IsReassembled { get; internal set; }
    /// <summary>The TCP tree node of the segment (for items a PDU helper adds to TCP, such as tcp.pdu.size).</summary>
    public int TreeNode { get; internal set; } = -1;

    public bool Fin => (Flags & TcpHeader.Fin) != 0;

    /// <summary>The current segment's information (per capture; valid while a TCP payload is being dissected).</summary>
    public static TcpInfo Of(Packet pkt) => pkt.Session.State<TcpInfo>();
}
