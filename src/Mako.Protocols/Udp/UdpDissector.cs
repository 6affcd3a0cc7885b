using Mako.Engine.Conversations;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Udp;

/// <summary>
/// User Datagram Protocol (RFC 768).
/// <code>
///  0      7 8     15 16    23 24    31
/// +--------+--------+--------+--------+
/// |   Source Port   | Destination Port|
/// +--------+--------+--------+--------+
/// |     Length      |    Checksum     |
/// +--------+--------+--------+--------+
/// |          data octets ...
/// </code>
/// The payload goes, in tshark's order, to the conversation's dissector, Decode As entries for the low then the
/// high port, heuristics (when tried first), the "udp.port" table for the low then the high port, the "udp"
/// heuristics, and finally "data".
/// </summary>
public sealed class UdpDissector() : Dissector(UdpFields.Proto)
{
    private const int HeaderLength = 8;
    private UIntTable _ports = null!;
    private HeuristicList _heuristics = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 17, this);
        _ports = tables.UInt("udp.port");
        _heuristics = tables.Heuristic("udp");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(UdpFields.Proto);
        ushort sport = tvb.U16(0), dport = tvb.U16(2);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "UDP";
            pkt.Info.Clear();
            pkt.Info.Append((ulong)sport);
            pkt.Info.Append(" → ");
            pkt.Info.Append((ulong)dport);
        }
        // No up-front length check: like tshark, a cut header shows every field up to the cut.
        int reportedLen = tvb.ReportedLength;
        int capturedLen = tvb.Length;

        int udp = pkt.AddProtocol(UdpFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree) pkt.Label(udp, $"User Datagram Protocol, Src Port: {sport}, Dst Port: {dport}");
        int srcItem = pkt.Add(UdpFields.Srcport, udp, tvb, 0, 2, sport);
        int dstItem = pkt.Add(UdpFields.Dstport, udp, tvb, 2, 2, dport);
        pkt.AddHidden(UdpFields.Port, udp, tvb, 0, 2, sport);
        pkt.AddHidden(UdpFields.Port, udp, tvb, 2, 2, dport);
        Traceroute(pkt, srcItem, sport);
        Traceroute(pkt, dstItem, dport);

        int ulen = tvb.U16(4);
        int lenItem = pkt.Add(UdpFields.Length, udp, tvb, 4, 2, (ulong)ulen);
        bool jumbogram = false;
        if (ulen == 0 && pkt.Src.Type == AddressType.IPv6)
        {
            // RFC 2675 §4: a zero length over IPv6 means a jumbogram whose length is the IPv6 payload's.
            ulen = reportedLen;
            jumbogram = true;
        }
        if (ulen < HeaderLength)
        {
            if (pkt.WantTree) pkt.Label(lenItem, $"Length: {ulen} (bogus, must be >= 8)");
            pkt.Expert(UdpFields.LengthBadExpert, lenItem, $"Bad length value {ulen} < 8");
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" [BAD UDP LENGTH ");
                pkt.Info.Append((ulong)ulen);
                pkt.Info.Append(" < 8]");
            }
            return tvb.Length;
        }
        if (ulen > reportedLen && !pkt.Fragmented && !pkt.InErrorPacket)
        {
            if (pkt.WantTree) pkt.Label(lenItem, $"Length: {ulen} (bogus, payload length {reportedLen})");
            pkt.Expert(UdpFields.LengthBadExpert, lenItem, $"Bad length value {ulen} > IP payload length");
            if (pkt.WantColumns)
            {
                pkt.Info.Append(" [BAD UDP LENGTH ");
                pkt.Info.Append((ulong)ulen);
                pkt.Info.Append(" > IP PAYLOAD LENGTH]");
            }
        }
        if (jumbogram && ulen < 65536) pkt.Expert(UdpFields.LengthBadZeroExpert, lenItem);
        if (pkt.WantColumns)
        {
            pkt.Info.Append(" Len=");
            pkt.Info.Append((ulong)(ulen - HeaderLength));
            if (jumbogram) pkt.Info.Append(" [Jumbogram]");
        }

        var state = pkt.Session.State<UdpState>();
        state.Configure(pkt.Session);
        AddChecksum(tvb, pkt, udp, state, ulen, reportedLen, capturedLen);

        pkt.PortType = PortType.Udp;
        pkt.SrcPort = sport;
        pkt.DstPort = dport;

        var udpd = state.Streams.Of(pkt, state.Conversations, out var conv);
        Generated.At(pkt, UdpFields.Stream, udp, tvb, HeaderLength, 0, (ulong)udpd.Stream);

        if (ulen == HeaderLength) return tvb.Length;

        if (!pkt.InErrorPacket && state.CalculateTimestamps)
        {
            long ts = pkt.TimestampNs;
            long delta = ts - udpd.PreviousTs;
            udpd.PreviousTs = ts;
            // Under a "Timestamps" text item when a tree is built; directly under UDP otherwise.
            int times = pkt.AddText(udp, tvb, 0, 0, "Timestamps");
            if (times != udp) pkt.Tree[times].Flags |= Engine.Tree.NodeFlags.Generated;
            Generated.At(pkt, UdpFields.TimeRelative, times, tvb, 0, 0, (ulong)(ts - udpd.FirstTs));
            Generated.At(pkt, UdpFields.TimeDelta, times, tvb, 0, 0, (ulong)delta);
        }

        if (!pkt.InErrorPacket || capturedLen > HeaderLength)
            DecodePorts(tvb, pkt, udp, conv, sport, dport, ulen, state, udpd.Stream);
        return tvb.Length;
    }

    private static void Traceroute(Packet pkt, int item, ushort port)
    {
        // LBL traceroute's ports start at 32768 + 666 and make three attempts per hop.
        const int Base = 32768 + 666;
        if (port <= Base || port > Base + 30) return;
        int n = port - Base - 1;
        pkt.Expert(UdpFields.PossibleTracerouteExpert, item, $"Possible traceroute: hop #{n / 3 + 1}, attempt #{n % 3 + 1}");
    }

    private static void AddChecksum(Tvb tvb, Packet pkt, int udp, UdpState state, int ulen, int reportedLen, int capturedLen)
    {
        ushort sum = tvb.U16(6);
        if (sum == 0)
        {
            bool ignore = pkt.Src.Type == AddressType.IPv4 || (pkt.Src.Type == AddressType.IPv6 && state.IgnoreIpv6ZeroChecksum);
            int item = pkt.Add(UdpFields.Checksum, udp, tvb, 6, 2, 0);
            ulong status;
            if (ignore || pkt.InErrorPacket)
            {
                if (pkt.WantTree) pkt.Label(item, "Checksum: 0x0000 [zero-value ignored]");
                status = ChecksumStatus.NotPresent;
            }
            else
            {
                if (pkt.WantTree) pkt.Label(item, "Checksum: 0x0000 [zero-value illegal]");
                status = ChecksumStatus.Illegal;
                pkt.Expert(UdpFields.ChecksumZeroExpert, item);
                if (pkt.WantColumns) pkt.Info.Append(" [ILLEGAL CHECKSUM (0)]");
            }
            int st = Generated.At(pkt, UdpFields.ChecksumStatus, item, tvb, 6, 2, status);
            return;
        }
        bool whole = !pkt.Fragmented && capturedLen >= reportedLen && capturedLen >= ulen && reportedLen >= ulen;
        if (whole && state.CheckChecksum
            && TransportChecksum.TryCompute(pkt.Src, pkt.Dst, 17, tvb.Data[..ulen], ulen, out ushort computed))
        {
            ChecksumStatus.AddVerified(pkt, udp, tvb, 6, sum, computed, UdpFields.Checksum, UdpFields.ChecksumStatus,
                UdpFields.ChecksumCalculated, UdpFields.ChecksumBadExpert, " (maybe caused by \"UDP checksum offload\"?)", " [UDP CHECKSUM INCORRECT]");
            return;
        }
        ChecksumStatus.AddUnverified(pkt, udp, tvb, 6, sum, UdpFields.Checksum, UdpFields.ChecksumStatus);
    }

    /// <summary>Wireshark's decode_udp_ports: picks the payload's dissector in tshark's order.</summary>
    private void DecodePorts(Tvb tvb, Packet pkt, int udp, Conversation conv, ushort sport, ushort dport, int ulen, UdpState state, int stream)
    {
        int len = tvb.Length - HeaderLength;
        int reported = tvb.ReportedLength - HeaderLength;
        if (ulen - HeaderLength < reported) reported = ulen - HeaderLength;
        if (len > reported) len = reported;

        // Like proto_tree_add_bytes(..., -1): an empty captured remainder of a non-empty payload is a cut packet.
        if (tvb.Length - HeaderLength <= 0 && tvb.ReportedLength - HeaderLength > 0) tvb.Ensure(HeaderLength, 1);
        int payloadNode = pkt.AddBytes(UdpFields.Payload, udp, tvb, HeaderLength, tvb.Length - HeaderLength);
        if (pkt.WantTree) pkt.Label(payloadNode, len == 1 ? "UDP payload (1 byte)" : $"UDP payload ({len} bytes)");
        var next = tvb.Slice(HeaderLength, reported);
        var s = pkt.Session;
        // "Follow UDP stream" sees each datagram's payload as captured.
        var follow = s.State<Engine.Follow.FollowTaps>();
        if (follow.Active) follow.PublishChunk(pkt, "udp", stream, next.Data);

        if (conv.Dissector is { } pinned && s.IsEnabled(pinned) && s.Call(pinned, next, pkt, -1) != 0) return;

        uint low = Math.Min(sport, dport), high = Math.Max(sport, dport);
        if (low != 0 && s.IsOverridden(_ports, low) && s.TryDispatch(_ports, low, next, pkt, -1) != 0) return;
        if (high != 0 && s.IsOverridden(_ports, high) && s.TryDispatch(_ports, high, next, pkt, -1) != 0) return;
        if (state.TryHeuristicFirst && s.TryHeuristics(_heuristics, next, pkt, -1)) return;
        if (low != 0 && !s.IsOverridden(_ports, low) && s.TryDispatch(_ports, low, next, pkt, -1) != 0) return;
        if (high != 0 && !s.IsOverridden(_ports, high) && s.TryDispatch(_ports, high, next, pkt, -1) != 0) return;
        if (!state.TryHeuristicFirst && s.TryHeuristics(_heuristics, next, pkt, -1)) return;
        s.CallData(next, pkt, -1);
    }
}

/// <summary>UDP's data on a conversation: its udp.stream index and the times for udp.time_relative/time_delta.</summary>
public sealed class UdpConversation(int stream, long firstTs)
{
    public int Stream { get; } = stream;
    public long FirstTs { get; } = firstTs;
    public long PreviousTs { get; set; } = firstTs;
}

/// <summary>UDP preferences for one capture (read once from `-o udp.*`).</summary>
public sealed class UdpState
{
    private bool _configured;
    public bool CheckChecksum { get; private set; }
    public bool TryHeuristicFirst { get; private set; }
    public bool IgnoreIpv6ZeroChecksum { get; private set; }
    public bool CalculateTimestamps { get; private set; } = true;

    public void Configure(CaptureSession s)
    {
        if (_configured) return;
        _configured = true;
        var p = s.Options.Preferences;
        CheckChecksum = Pref(p, "udp.check_checksum", false);
        TryHeuristicFirst = Pref(p, "udp.try_heuristic_first", false);
        IgnoreIpv6ZeroChecksum = Pref(p, "udp.ignore_ipv6_zero_checksum", false);
        CalculateTimestamps = Pref(p, "udp.calculate_timestamps", true);
        Conversations = s.State<ConversationTable>();
        Streams = s.State<UdpStreams>();
    }

    /// <summary>The capture's conversation table and UDP's stream bookkeeping, looked up once.</summary>
    internal ConversationTable Conversations { get; private set; } = null!;
    internal UdpStreams Streams { get; private set; } = null!;

    /// <summary>A boolean preference as tshark's `-o name:TRUE|FALSE` spells it.</summary>
    public static bool Pref(Dictionary<string, string> prefs, string name, bool fallback) =>
        prefs.TryGetValue(name, out var v) ? v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || v == "1" : fallback;
}
