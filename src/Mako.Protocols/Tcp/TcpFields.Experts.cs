using Mako.Engine.Fields;

namespace Mako.Protocols.Tcp;

/// <summary>TCP's expert items (Wireshark 4.0's ei_register_info): name, group, severity and default message.</summary>
public static partial class TcpFields
{
    public static readonly ExpertDef EiTcpOptLenInvalid = Proto.Expert("tcp.option.len.invalid", ExpertGroup.Sequence, ExpertSeverity.Note, "Invalid length for option");
    public static readonly ExpertDef EiTcpAnalysisRetransmission = Proto.Expert("tcp.analysis.retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) retransmission");
    public static readonly ExpertDef EiTcpAnalysisFastRetransmission = Proto.Expert("tcp.analysis.fast_retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) fast retransmission");
    public static readonly ExpertDef EiTcpAnalysisSpuriousRetransmission = Proto.Expert("tcp.analysis.spurious_retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) spurious retransmission");
    public static readonly ExpertDef EiTcpAnalysisOutOfOrder = Proto.Expert("tcp.analysis.out_of_order", ExpertGroup.Sequence, ExpertSeverity.Warn, "This frame is a (suspected) out-of-order segment");
    public static readonly ExpertDef EiTcpAnalysisReusedPorts = Proto.Expert("tcp.analysis.reused_ports", ExpertGroup.Sequence, ExpertSeverity.Note, "A new tcp session is started with the same ports as an earlier session in this trace");
    public static readonly ExpertDef EiTcpAnalysisLostPacket = Proto.Expert("tcp.analysis.lost_segment", ExpertGroup.Sequence, ExpertSeverity.Warn, "Previous segment(s) not captured (common at capture start)");
    public static readonly ExpertDef EiTcpAnalysisAckLostPacket = Proto.Expert("tcp.analysis.ack_lost_segment", ExpertGroup.Sequence, ExpertSeverity.Warn, "ACKed segment that wasn't captured (common at capture start)");
    public static readonly ExpertDef EiTcpAnalysisWindowUpdate = Proto.Expert("tcp.analysis.window_update", ExpertGroup.Sequence, ExpertSeverity.Chat, "TCP window update");
    public static readonly ExpertDef EiTcpAnalysisWindowFull = Proto.Expert("tcp.analysis.window_full", ExpertGroup.Sequence, ExpertSeverity.Warn, "TCP window specified by the receiver is now completely full");
    public static readonly ExpertDef EiTcpAnalysisKeepAlive = Proto.Expert("tcp.analysis.keep_alive", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP keep-alive segment");
    public static readonly ExpertDef EiTcpAnalysisKeepAliveAck = Proto.Expert("tcp.analysis.keep_alive_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "ACK to a TCP keep-alive segment");
    public static readonly ExpertDef EiTcpAnalysisDuplicateAck = Proto.Expert("tcp.analysis.duplicate_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "Duplicate ACK");
    public static readonly ExpertDef EiTcpAnalysisZeroWindowProbe = Proto.Expert("tcp.analysis.zero_window_probe", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP Zero Window Probe");
    public static readonly ExpertDef EiTcpAnalysisZeroWindow = Proto.Expert("tcp.analysis.zero_window", ExpertGroup.Sequence, ExpertSeverity.Warn, "TCP Zero Window segment");
    public static readonly ExpertDef EiTcpAnalysisZeroWindowProbeAck = Proto.Expert("tcp.analysis.zero_window_probe_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "ACK to a TCP Zero Window Probe");
    public static readonly ExpertDef EiTcpAnalysisTfoSyn = Proto.Expert("tcp.analysis.tfo_syn", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP SYN with TFO Cookie");
    public static readonly ExpertDef EiTcpAnalysisTfoAck = Proto.Expert("tcp.analysis.tfo_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP SYN-ACK accepting TFO data");
    public static readonly ExpertDef EiTcpAnalysisTfoIgnored = Proto.Expert("tcp.analysis.tfo_ignored", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP SYN-ACK ignoring TFO data");
    public static readonly ExpertDef EiTcpConnectionFinActive = Proto.Expert("tcp.connection.fin_active", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame initiates the connection closing");
    public static readonly ExpertDef EiTcpConnectionFinPassive = Proto.Expert("tcp.connection.fin_passive", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame undergoes the connection closing");
    public static readonly ExpertDef EiTcpOptionSackDsack = Proto.Expert("tcp.options.sack.dsack", ExpertGroup.Sequence, ExpertSeverity.Warn, "D-SACK Sequence");
    public static readonly ExpertDef EiTcpOptionSnackSequence = Proto.Expert("tcp.options.snack.sequence", ExpertGroup.Sequence, ExpertSeverity.Note, "SNACK Sequence");
    public static readonly ExpertDef EiTcpOptionWscaleShiftInvalid = Proto.Expert("tcp.options.wscale.shift.invalid", ExpertGroup.Protocol, ExpertSeverity.Warn, "Window scale shift exceeds 14");
    public static readonly ExpertDef EiTcpOptionMssAbsent = Proto.Expert("tcp.options.mss.absent", ExpertGroup.Protocol, ExpertSeverity.Note, "The SYN packet does not contain a MSS option");
    public static readonly ExpertDef EiTcpOptionMssPresent = Proto.Expert("tcp.options.mss.present", ExpertGroup.Protocol, ExpertSeverity.Warn, "The non-SYN packet does contain a MSS option");
    public static readonly ExpertDef EiTcpShortSegment = Proto.Expert("tcp.short_segment", ExpertGroup.Malformed, ExpertSeverity.Warn, "Short segment");
    public static readonly ExpertDef EiTcpAckNonzero = Proto.Expert("tcp.ack.nonzero", ExpertGroup.Protocol, ExpertSeverity.Note, "The acknowledgment number field is nonzero while the ACK flag is not set");
    public static readonly ExpertDef EiTcpConnectionSynack = Proto.Expert("tcp.connection.synack", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection establish acknowledge (SYN+ACK)");
    public static readonly ExpertDef EiTcpConnectionSyn = Proto.Expert("tcp.connection.syn", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection establish request (SYN)");
    public static readonly ExpertDef EiTcpConnectionFin = Proto.Expert("tcp.connection.fin", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection finish (FIN)");
    public static readonly ExpertDef EiTcpConnectionRst = Proto.Expert("tcp.connection.rst", ExpertGroup.Sequence, ExpertSeverity.Warn, "Connection reset (RST)");
    public static readonly ExpertDef EiTcpChecksumFfff = Proto.Expert("tcp.checksum.ffff", ExpertGroup.Checksum, ExpertSeverity.Warn, "TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)");
    public static readonly ExpertDef EiTcpChecksumBad = Proto.Expert("tcp.checksum_bad.expert", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
    public static readonly ExpertDef EiTcpUrgentPointerNonZero = Proto.Expert("tcp.urgent_pointer.non_zero", ExpertGroup.Protocol, ExpertSeverity.Note, "The urgent pointer field is nonzero while the URG flag is not set");
    public static readonly ExpertDef EiTcpSuboptionMalformed = Proto.Expert("tcp.suboption_malformed", ExpertGroup.Malformed, ExpertSeverity.Error, "suboption would go past end of option");
    public static readonly ExpertDef EiTcpNop = Proto.Expert("tcp.nop", ExpertGroup.Protocol, ExpertSeverity.Warn, "4 NOP in a row - a router may have removed some options");
    public static readonly ExpertDef EiTcpNonZeroBytesAfterEol = Proto.Expert("tcp.non_zero_bytes_after_eol", ExpertGroup.Protocol, ExpertSeverity.Error, "Non zero bytes in option space after EOL option");
    public static readonly ExpertDef EiTcpBogusHeaderLength = Proto.Expert("tcp.bogus_header_length", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus TCP Header length");
}
