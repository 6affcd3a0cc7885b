using Mako.Engine.Fields;

namespace Mako.Protocols.Ip;

/// <summary>
/// IPv4 expert items: names, groups, severities and default messages as Wireshark 4.0 registers them. A class of
/// its own (not part of the generated IpFields) so its initialisation order is defined; the dissector forces it
/// before the field registry is built.
/// </summary>
public static class IpExperts
{
    public static readonly ExpertDef BogusVersionExpert = IpFields.Proto.Expert("ip.bogus_ip_version", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus IP version");
    public static readonly ExpertDef BogusHeaderLengthExpert = IpFields.Proto.Expert("ip.bogus_header_length", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus IP header length");
    public static readonly ExpertDef BogusLengthExpert = IpFields.Proto.Expert("ip.bogus_ip_length", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus IP length");
    public static readonly ExpertDef TtlLncbExpert = IpFields.Proto.Expert("ip.ttl.lncb", ExpertGroup.Sequence, ExpertSeverity.Note, "Time To Live");
    public static readonly ExpertDef TtlTooSmallExpert = IpFields.Proto.Expert("ip.ttl.too_small", ExpertGroup.Sequence, ExpertSeverity.Note, "Time To Live");
    public static readonly ExpertDef ChecksumBad = IpFields.Proto.Expert("ip.checksum_bad.expert", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
    public static readonly ExpertDef OptLenInvalidExpert = IpFields.Proto.Expert("ip.opt.len.invalid", ExpertGroup.Protocol, ExpertSeverity.Warn, "Invalid length for option");
    public static readonly ExpertDef OptPtrBeforeAddressExpert = IpFields.Proto.Expert("ip.opt.ptr.before_address", ExpertGroup.Protocol, ExpertSeverity.Warn, "Pointer points before first address");
    public static readonly ExpertDef OptPtrMiddleAddressExpert = IpFields.Proto.Expert("ip.opt.ptr.middle_address", ExpertGroup.Protocol, ExpertSeverity.Warn, "Pointer points to middle of address");
    public static readonly ExpertDef SuboptTooLongExpert = IpFields.Proto.Expert("ip.subopt_too_long", ExpertGroup.Malformed, ExpertSeverity.Warn, "Suboption would go past end of option");
    public static readonly ExpertDef NopExpert = IpFields.Proto.Expert("ip.nop", ExpertGroup.Protocol, ExpertSeverity.Warn, "4 NOP in a row - a router may have removed some options");
    public static readonly ExpertDef CipsoMalformedExpert = IpFields.Proto.Expert("ip.cipso.malformed", ExpertGroup.Sequence, ExpertSeverity.Error, "Malformed CIPSO tag");
    public static readonly ExpertDef EvilPacketExpert = IpFields.Proto.Expert("ip.evil_packet", ExpertGroup.Protocol, ExpertSeverity.Warn, "Packet has evil intent");
}
