namespace Mako.Protocols.Tcp;

/// <summary>What TCP decoded from one segment's header (Wireshark's struct tcpheader), passed to the options code.</summary>
internal struct TcpHeader
{
    public const ushort Fin = 0x01, Syn = 0x02, Rst = 0x04, Push = 0x08, AckFlag = 0x10, Urg = 0x20, Ece = 0x40, Cwr = 0x80, Ae = 0x100;

    public ushort SrcPort, DstPort;
    public uint RawSeq, RawAck;
    /// <summary>Sequence/ACK numbers as shown: relative to the initial sequence numbers by default.</summary>
    public uint Seq, Ack;
    public ushort Flags;
    public int HdrLen;
    /// <summary>The window after scaling (tcp.window_size).</summary>
    public uint Window;
    public bool HaveSeglen;
    public uint SegLen;
    public bool UseAce;
    public bool Mptcp;
    /// <summary>MPTCP subtypes in this segment's options, one bit each.</summary>
    public byte MptcpOps;
    /// <summary>SACK blocks of this segment (up to four), for the D-SACK test.</summary>
    public uint[] SackLeft, SackRight;
    public int SackCount;
}
