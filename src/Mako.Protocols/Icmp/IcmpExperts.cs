using Mako.Engine.Fields;

namespace Mako.Protocols.Icmp;

/// <summary>ICMP expert items as Wireshark 4.0 registers them.</summary>
public static class IcmpExperts
{
    public static readonly ExpertDef RespNotFound = IcmpFields.Proto.Expert("icmp.resp_not_found", ExpertGroup.Sequence, ExpertSeverity.Warn, "Response not found");
    public static readonly ExpertDef ChecksumBad = IcmpFields.Proto.Expert("icmp.checksum_bad", ExpertGroup.Checksum, ExpertSeverity.Warn, "Bad checksum");
    public static readonly ExpertDef ExtChecksumBad = IcmpFields.Proto.Expert("icmp.ext.checksum_bad", ExpertGroup.Checksum, ExpertSeverity.Warn, "Bad checksum");
}
