namespace Mako.Protocols.Tcp;

/// <summary>
/// One TCP conversation (Wireshark's tcp_analysis): its tcp.stream index, the two flows, and what sequence analysis
/// and (later) reassembly remember between packets. Attached to the capture's conversation table under
/// <see cref="TcpFields.Proto"/>; a new SYN with a different initial sequence number on the same four-tuple replaces
/// the conversation (port reuse), so old streams are dropped when nothing refers to them.
/// </summary>
public sealed class TcpStream(int index, long firstTs)
{
    public int Index { get; } = index;
    /// <summary>Flow 1 is the direction whose source sorts first (Wireshark's cmp_address, then ports).</summary>
    public TcpFlow Flow1 { get; } = new();
    public TcpFlow Flow2 { get; } = new();

    /// <summary>tcp.completeness bits seen so far (SYN 1, SYN-ACK 2, ACK 4, DATA 8, FIN 16, RST 32).</summary>
    public byte Completeness;
    public long FirstTs = firstTs;
    public long PreviousTs = firstTs;
    /// <summary>Time of the most recent SYN (0 = none), for tcp.analysis.initial_rtt.</summary>
    public long MruSynTs;
    /// <summary>Handshake round trip (0 = not known yet): SYN to the first pure ACK.</summary>
    public long FirstRttNs;
    /// <summary>Server port learned from the SYN or SYN-ACK (tried first when choosing the payload's dissector).</summary>
    public ushort ServerPort;
    public bool TfoSynData;
    public bool HadAccEcnSetupSyn, HadAccEcnSetupSynAck, HadAccEcnOption;
    /// <summary>An MPTCP connection is attached (Wireshark's mptcp_analysis); only its duplicate-ACK tolerance is modelled.</summary>
    public bool HasMptcpAnalysis;
    /// <summary>MPTCP option subtypes seen on this stream, one bit each (RFC 8684 tolerates duplicate ACKs around them).</summary>
    public byte MpOperations;

    /// <summary>The flow a packet travels in, given Wireshark's direction test (&gt;= 0: flow 1).</summary>
    public TcpFlow Forward(int direction) => direction >= 0 ? Flow1 : Flow2;
    public TcpFlow Reverse(int direction) => direction >= 0 ? Flow2 : Flow1;
}

/// <summary>One direction of a TCP conversation (Wireshark's tcp_flow_t).</summary>
public sealed class TcpFlow
{
    /// <summary>Initial sequence number (relative numbers are raw - BaseSeq).</summary>
    public uint BaseSeq;
    public bool BaseSeqSet, SawSyn, SawSynAck;
    /// <summary>Window shift from the WS option: -1 unknown, -2 window scaling not used.</summary>
    public int WinScale = -1;
    /// <summary>Last window advertised by this side (unscaled header value once seen; uint.MaxValue before).</summary>
    public uint Window = uint.MaxValue;
    public bool IsFirstAck;
    public bool ClosingInitiator;
    /// <summary>The stream's <see cref="TcpStream.MpOperations"/> as of this flow's last segment.</summary>
    public byte MpOperations;
    /// <summary>This side sent a FIN (with an RST, what makes a stream finished and so retirable; see TcpStreams).</summary>
    public bool FinSeen;
    /// <summary>PDUs being reassembled in this direction (created when a dissector first asks; see TcpReassembly.cs).</summary>
    internal TcpReassemblyFlow? Reassembly;
    /// <summary>Highest contiguous next sequence number (reassembly's out-of-order detection).</summary>
    public uint MaxNextSeq;

    // ---- Sequence analysis (tcp_analyze_seq_flow_info_t) --------------------------------------------------
    public uint NextSeq;
    public long NextSeqFrame;
    public long NextSeqTime;
    public uint MaxSeqToBeAcked;
    public uint LastAck;
    public long LastAckTime;
    public long LastNonDupAck;
    public int DupAckNum;
    /// <summary>Analysis flags of this flow's last segment (keep-alive / zero-window-probe ACK detection).</summary>
    public TcpAnalysisFlags LastSegmentFlags;
    public bool ValidBytesInFlight = true;
    public uint PushBytesSent;
    public bool PushSetLast;
    /// <summary>SACK blocks of this flow's last segment (relative), for the other side's bytes in flight.</summary>
    public int SackRanges;
    public SackEdges SackLeft;
    public SackEdges SackRight;
    /// <summary>Segments sent but not yet acknowledged, oldest first (capped like Wireshark's list).</summary>
    public UnackedList Unacked;
}

/// <summary>Up to <see cref="TcpAnalysis.MaxSackRanges"/> SACK edges, stored inline (no array per flow).</summary>
[System.Runtime.CompilerServices.InlineArray(TcpAnalysis.MaxSackRanges)]
public struct SackEdges
{
    private uint _first;
}

/// <summary>
/// The segments a flow still waits to see acknowledged, oldest first. A plain growable array kept inline in the
/// flow (no list object per flow); a large array is given back once everything is acknowledged, so an idle stream
/// costs a few bytes however big its last burst was. At most <see cref="Capacity"/> entries, like Wireshark.
/// </summary>
public struct UnackedList
{
    public const int Capacity = 10000;
    private const int KeepWhenEmpty = 8;
    private UnackedSegment[]? _items;

    public int Count { get; private set; }

    public readonly ref UnackedSegment this[int index] => ref _items![index];

    /// <summary>Appends a segment; false (nothing stored) when the list is full.</summary>
    public bool Add(in UnackedSegment s)
    {
        if (Count == Capacity) return false;
        if (_items is null || Count == _items.Length)
        {
            var bigger = new UnackedSegment[Math.Min(Capacity, Math.Max(2, Count * 2))];
            if (_items is not null) Array.Copy(_items, bigger, Count);
            _items = bigger;
        }
        _items[Count++] = s;
        return true;
    }

    /// <summary>Keeps the first <paramref name="count"/> entries.</summary>
    public void Truncate(int count)
    {
        Count = count;
        if (count == 0 && _items is { Length: > KeepWhenEmpty }) _items = null;
    }
}

/// <summary>A segment waiting for its ACK: where it starts and ends and when it was sent.</summary>
public struct UnackedSegment
{
    public long Frame;
    public uint Seq;
    public uint NextSeq;
    public long Ts;
}
