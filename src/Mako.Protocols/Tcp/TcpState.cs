using Mako.Engine.Dissection;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tcp;

/// <summary>
/// Per-capture TCP settings (`-o tcp.*`, read once) and text caches: the flag names ("SYN, ACK") and the
/// tcp.flags.str picture ("·······A··S·") depend only on the 12 flag bits, so each is built once per capture.
/// </summary>
public sealed class TcpState
{
    private bool _configured;
    private readonly Dictionary<int, string> _flagNames = new();
    private readonly Dictionary<int, string> _flagLetters = new();

    public bool AnalyzeSeq { get; private set; } = true;
    public bool RelativeSeq { get; private set; } = true;
    public bool CalculateTimestamps { get; private set; } = true;
    public bool CheckChecksum { get; private set; }
    public bool TryHeuristicFirst { get; private set; }
    public bool Desegment { get; private set; } = true;
    public bool NoSubdissectorOnError { get; private set; } = true;
    public bool IgnoreTimestamps { get; private set; }
    public bool FastRetransmissionFirst { get; private set; } = true;
    public bool TrackBytesInFlight { get; private set; } = true;
    /// <summary>Window shift assumed when the handshake was not seen (-1 = unknown, the default).</summary>
    public int DefaultWindowScaling { get; private set; } = -1;

    internal Engine.Follow.FollowTaps Follow { get; private set; } = null!;
    internal TcpInfo Info { get; private set; } = null!;
    internal TcpReassemblyLimits Limits { get; private set; } = null!;
    internal Engine.Conversations.ConversationTable Conversations { get; private set; } = null!;
    internal TcpStreams Streams { get; private set; } = null!;

    public void Configure(CaptureSession s)
    {
        if (_configured) return;
        _configured = true;
        // Per-capture objects TCP touches on every segment, looked up once.
        Follow = s.State<Engine.Follow.FollowTaps>();
        Info = s.State<TcpInfo>();
        Limits = s.State<TcpReassemblyLimits>();
        Conversations = s.State<Engine.Conversations.ConversationTable>();
        Streams = s.State<TcpStreams>();
        var p = s.Options.Preferences;
        AnalyzeSeq = UdpState.Pref(p, "tcp.analyze_sequence_numbers", true);
        RelativeSeq = UdpState.Pref(p, "tcp.relative_sequence_numbers", true);
        CalculateTimestamps = UdpState.Pref(p, "tcp.calculate_timestamps", true);
        CheckChecksum = UdpState.Pref(p, "tcp.check_checksum", false);
        TryHeuristicFirst = UdpState.Pref(p, "tcp.try_heuristic_first", false);
        Desegment = UdpState.Pref(p, "tcp.desegment_tcp_streams", true);
        NoSubdissectorOnError = UdpState.Pref(p, "tcp.no_subdissector_on_error", true);
        IgnoreTimestamps = UdpState.Pref(p, "tcp.ignore_tcp_timestamps", false);
        FastRetransmissionFirst = UdpState.Pref(p, "tcp.fastrt_supersedes_ooo", true);
        TrackBytesInFlight = UdpState.Pref(p, "tcp.track_bytes_in_flight", true);
        if (p.TryGetValue("tcp.default_window_scaling", out var ws) && int.TryParse(ws, out int w) && w >= -1 && w <= 14)
            DefaultWindowScaling = w;
    }

    /// <summary>Scratch for one segment's SACK blocks (reused; a segment's options are done before the next one).</summary>
    internal uint[] SackLeftScratch { get; } = new uint[TcpAnalysis.MaxSackRanges];
    internal uint[] SackRightScratch { get; } = new uint[TcpAnalysis.MaxSackRanges];

    private static readonly string[] Names = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"];

    /// <summary>The flags as the Info column and the Flags line name them: "SYN, ACK", "&lt;None&gt;", "ACE=3".</summary>
    public string FlagNames(int flags, bool useAce)
    {
        int key = flags | (useAce ? 0x10000 : 0);
        if (_flagNames.TryGetValue(key, out var s)) return s;
        var b = new System.Text.StringBuilder();
        for (int i = 0; i < (useAce ? 6 : 9); i++)
        {
            if ((flags & (1 << i)) == 0) continue;
            if (b.Length > 0) b.Append(", ");
            b.Append(Names[i]);
        }
        if (useAce) b.Append(", ACE=").Append(Ace(flags));
        if ((flags & 0xe00) != 0)
        {
            if (b.Length > 0) b.Append(", ");
            b.Append("Reserved");
        }
        if (b.Length == 0) b.Append("<None>");
        return _flagNames[key] = b.ToString();
    }

    /// <summary>tcp.flags.str: one letter or a middle dot per bit, reserved bits first ("RRRACEUAPRSF").</summary>
    public string FlagLetters(int flags, bool useAce)
    {
        int key = flags | (useAce ? 0x10000 : 0);
        if (_flagLetters.TryGetValue(key, out var s)) return s;
        const string letters = "RRRACEUAPRSF";
        var c = new char[12];
        for (int i = 0; i < 12; i++)
        {
            if (useAce && i >= 3 && i <= 5) c[i] = i == 4 ? (char)('0' + Ace(flags)) : '-';
            else c[i] = ((flags >> (11 - i)) & 1) != 0 ? letters[i] : '·';
        }
        return _flagLetters[key] = new string(c);
    }

    /// <summary>The AccECN counter carried in the AE, CWR and ECE bits.</summary>
    public static int Ace(int flags) => ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x80) != 0 ? 2 : 0) + ((flags & 0x40) != 0 ? 1 : 0);
}
