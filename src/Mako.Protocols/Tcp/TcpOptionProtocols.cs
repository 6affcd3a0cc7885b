using Mako.Engine.Fields;

namespace Mako.Protocols.Tcp;

/// <summary>
/// The TCP options as Wireshark registers them: "in name only" protocols of type FT_BYTES (so `-e tcp.options.mss`
/// prints the option's bytes), plus MPTCP, which is a real protocol layer. Names are `tshark -G protocols`'.
/// </summary>
public static class TcpOptionProtocols
{
    private static ProtocolDef Opt(string name, string shortName, string filter) => new(name, shortName, filter, FieldType.Bytes);

    public static readonly ProtocolDef Nop = Opt("TCP Option - No-Operation (NOP)", "No-Operation (NOP)", "tcp.options.nop");
    public static readonly ProtocolDef Eol = Opt("TCP Option - End of Option List (EOL)", "End of Option List (EOL)", "tcp.options.eol");
    public static readonly ProtocolDef Timestamp = Opt("TCP Option - Timestamps", "Timestamps", "tcp.options.timestamp");
    public static readonly ProtocolDef Mss = Opt("TCP Option - Maximum segment size", "Maximum segment size", "tcp.options.mss");
    public static readonly ProtocolDef Wscale = Opt("TCP Option - Window scale", "Window scale", "tcp.options.wscale");
    public static readonly ProtocolDef SackPerm = Opt("TCP Option - SACK permitted", "SACK permitted", "tcp.options.sack_perm");
    public static readonly ProtocolDef Sack = Opt("TCP Option - SACK", "SACK", "tcp.options.sack");
    public static readonly ProtocolDef Echo = Opt("TCP Option - Echo", "Echo", "tcp.options.echo");
    public static readonly ProtocolDef EchoReply = Opt("TCP Option - Echo reply", "Echo reply", "tcp.options.echoreply");
    public static readonly ProtocolDef Cc = Opt("TCP Option - CC", "CC", "tcp.options.cc");
    public static readonly ProtocolDef CcNew = Opt("TCP Option - CC.NEW", "CC.NEW", "tcp.options.ccnew");
    public static readonly ProtocolDef CcEcho = Opt("TCP Option - CC.ECHO", "CC.ECHO", "tcp.options.ccecho");
    public static readonly ProtocolDef Ao = Opt("TCP Option - TCP AO", "TCP AO", "tcp.options.ao");
    public static readonly ProtocolDef Md5 = Opt("TCP Option - TCP MD5 signature", "TCP MD5 signature", "tcp.options.md5");
    public static readonly ProtocolDef Scps = Opt("TCP Option - SCPS capabilities", "SCPS capabilities", "tcp.options.scps");
    public static readonly ProtocolDef Snack = Opt("TCP Option - Selective Negative Acknowledgment", "Selective Negative Acknowledgment", "tcp.options.snack");
    public static readonly ProtocolDef ScpsRec = Opt("TCP Option - SCPS record boundary", "SCPS record boundary", "tcp.options.scpsrec");
    public static readonly ProtocolDef ScpsCor = Opt("TCP Option - SCPS corruption experienced", "SCPS corruption experienced", "tcp.options.scpscor");
    public static readonly ProtocolDef Qs = Opt("TCP Option - Quick-Start", "Quick-Start", "tcp.options.qs");
    public static readonly ProtocolDef UserTo = Opt("TCP Option - User Timeout", "User Timeout", "tcp.options.user_to");
    public static readonly ProtocolDef Tfo = Opt("TCP Option - TCP Fast Open", "TCP Fast Open", "tcp.options.tfo");
    public static readonly ProtocolDef AccEcn = Opt("TCP Option - Accurate ECN", "Accurate ECN", "tcp.options.acc_ecn");
    public static readonly ProtocolDef RvbdProbe = Opt("TCP Option - Riverbed Probe", "Riverbed Probe", "tcp.options.rvbd.probe");
    public static readonly ProtocolDef RvbdTrpy = Opt("TCP Option - Riverbed Transparency", "Riverbed Transparency", "tcp.options.rvbd.trpy");
    public static readonly ProtocolDef Experimental = Opt("TCP Option - Experimental", "Experimental", "tcp.options.experimental");
    public static readonly ProtocolDef Unknown = Opt("TCP Option - Unknown", "Unknown", "tcp.options.unknown");

    public static readonly ProtocolDef Mptcp = new("Multipath Transmission Control Protocol", "MPTCP", "mptcp");

    public static readonly ProtocolDef[] All =
    [
        Nop, Eol, Timestamp, Mss, Wscale, SackPerm, Sack, Echo, EchoReply, Cc, CcNew, CcEcho, Ao, Md5, Scps, Snack, ScpsRec,
        ScpsCor, Qs, UserTo, Tfo, AccEcn, RvbdProbe, RvbdTrpy, Experimental, Unknown, Mptcp,
    ];
}
