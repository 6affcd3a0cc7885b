using Mako.Engine.Fields;

namespace Mako.Protocols.Udp;

/// <summary>UDP's expert items (ei_register_info in Wireshark), with tshark's groups, severities and messages.</summary>
public static partial class UdpFields
{
    public static readonly ExpertDef PossibleTracerouteExpert = Proto.Expert("udp.possible_traceroute", ExpertGroup.Sequence, ExpertSeverity.Chat, "Possible traceroute");
    public static readonly ExpertDef LengthBadExpert = Proto.Expert("udp.length.bad", ExpertGroup.Malformed, ExpertSeverity.Error, "Bad length value");
    public static readonly ExpertDef ChecksumZeroExpert = Proto.Expert("udp.checksum.zero", ExpertGroup.Checksum, ExpertSeverity.Error, "Illegal checksum value (0)");
    public static readonly ExpertDef ChecksumBadExpert = Proto.Expert("udp.checksum.bad", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
    public static readonly ExpertDef LengthBadZeroExpert = Proto.Expert("udp.length.bad_zero", ExpertGroup.Protocol, ExpertSeverity.Warn, "Length is zero but payload < 65536");
}
