using Mako.Engine.Fields;

namespace Mako.Protocols.Ipv6;

/// <summary>IPv6 expert items as Wireshark 4.0 registers them (name, group, severity, default message).</summary>
public static class Ipv6Experts
{
    public static readonly ExpertDef JumboMissingExpert = Ipv6Fields.Proto.Expert("ipv6.opt.jumbo.missing", ExpertGroup.Malformed, ExpertSeverity.Error, "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing");
    public static readonly ExpertDef JumboProhibitedExpert = Ipv6Fields.Proto.Expert("ipv6.opt.jumbo.prohibited", ExpertGroup.Protocol, ExpertSeverity.Warn, "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present");
    public static readonly ExpertDef JumboTruncatedExpert = Ipv6Fields.Proto.Expert("ipv6.opt.jumbo.truncated", ExpertGroup.Protocol, ExpertSeverity.Warn, "Jumbo Payload option present and jumbo length < 65536");
    public static readonly ExpertDef JumboFragmentExpert = Ipv6Fields.Proto.Expert("ipv6.opt.jumbo.fragment", ExpertGroup.Protocol, ExpertSeverity.Warn, "Jumbo Payload option cannot be used with a fragment header");
    public static readonly ExpertDef OptInvalidLenExpert = Ipv6Fields.Proto.Expert("ipv6.opt.invalid_len", ExpertGroup.Malformed, ExpertSeverity.Error, "Invalid IPv6 option length");
    public static readonly ExpertDef OptUnknownDataExpert_ = Ipv6Fields.Proto.Expert("ipv6.opt.unknown_data.expert", ExpertGroup.Undecoded, ExpertSeverity.Note, "Unknown Data (not interpreted)");
    public static readonly ExpertDef PlenExceedsFramingExpert = Ipv6Fields.Proto.Expert("ipv6.plen_exceeds_framing", ExpertGroup.Protocol, ExpertSeverity.Warn, "IPv6 payload length does not match expected framing length");
    public static readonly ExpertDef PlenZeroExpert = Ipv6Fields.Proto.Expert("ipv6.plen_zero", ExpertGroup.Protocol, ExpertSeverity.Chat, "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))");
    public static readonly ExpertDef BogusVersionExpert = Ipv6Fields.Proto.Expert("ipv6.bogus_ipv6_version", ExpertGroup.Malformed, ExpertSeverity.Error, "Bogus IP version");
    public static readonly ExpertDef InvalidHeaderExpert = Ipv6Fields.Proto.Expert("ipv6.invalid_header", ExpertGroup.Malformed, ExpertSeverity.Error, "Invalid IPv6 header");
    public static readonly ExpertDef OptHeaderMismatchExpert = Ipv6Fields.Proto.Expert("ipv6.opt.header_mismatch", ExpertGroup.Protocol, ExpertSeverity.Warn, "Wrong options extension header for type");
    public static readonly ExpertDef OptDeprecatedExpert = Ipv6Fields.Proto.Expert("ipv6.opt.deprecated", ExpertGroup.Deprecated, ExpertSeverity.Note, "Option type is deprecated");
    public static readonly ExpertDef MplSeedIdExpert = Ipv6Fields.Proto.Expert("ipv6.opt.mpl.ipv6_src_seed_id", ExpertGroup.Protocol, ExpertSeverity.Comment, "Seed ID is the IPv6 Source Address");
}

public static class Ipv6HopoptsExperts
{
    public static readonly ExpertDef NotFirstExpert = Ipv6HopoptsFields.Proto.Expert("ipv6.hopopts.not_first", ExpertGroup.Protocol, ExpertSeverity.Error, "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header");
}

public static class Ipv6RoutingExperts
{
    public static readonly ExpertDef DstNotMulticastExpert = Ipv6RoutingFields.Proto.Expert("ipv6.dst_addr.not_multicast", ExpertGroup.Protocol, ExpertSeverity.Warn, "Destination address must not be a multicast address");
    public static readonly ExpertDef SameAddrExpert = Ipv6RoutingFields.Proto.Expert("ipv6.src_route_list.mult_inst_same_addr", ExpertGroup.Protocol, ExpertSeverity.Warn, "Multiple instances of the same address must not appear in the source route list");
    public static readonly ExpertDef SrcAddrExpert = Ipv6RoutingFields.Proto.Expert("ipv6.src_route_list.src_addr", ExpertGroup.Protocol, ExpertSeverity.Warn, "Source address must not appear in the source route list");
    public static readonly ExpertDef DstAddrExpert = Ipv6RoutingFields.Proto.Expert("ipv6.src_route_list.dst_addr", ExpertGroup.Protocol, ExpertSeverity.Warn, "Destination address must not appear in the source route list");
    public static readonly ExpertDef MulticastAddrExpert = Ipv6RoutingFields.Proto.Expert("ipv6.src_route_list.multicast_addr", ExpertGroup.Protocol, ExpertSeverity.Warn, "Multicast addresses must not appear in the source route list");
    public static readonly ExpertDef RplPadExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.rpl.cmprI_cmprE_pad", ExpertGroup.Protocol, ExpertSeverity.Warn, "When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was X");
    public static readonly ExpertDef RplAddrCountExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.rpl.addr_count_ge0", ExpertGroup.Malformed, ExpertSeverity.Error, "Calculated total address count must be greater than or equal to 0, instead was X");
    public static readonly ExpertDef RplReservedExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.rpl.reserved_not0", ExpertGroup.Protocol, ExpertSeverity.Note, "Reserved field must equal 0 but instead was X");
    public static readonly ExpertDef InvalidLengthExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.invalid_length", ExpertGroup.Malformed, ExpertSeverity.Error, "Invalid IPv6 Routing header length");
    public static readonly ExpertDef InvalidSegleftExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.invalid_segleft", ExpertGroup.Protocol, ExpertSeverity.Warn, "IPv6 Routing Header segments left field must not exceed address count");
    public static readonly ExpertDef UndecodedExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.undecoded", ExpertGroup.Undecoded, ExpertSeverity.Note, "Undecoded IPv6 routing header field");
    public static readonly ExpertDef DeprecatedExpert = Ipv6RoutingFields.Proto.Expert("ipv6.routing.deprecated", ExpertGroup.Deprecated, ExpertSeverity.Note, "Routing header type is deprecated");
}
