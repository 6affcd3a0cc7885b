using Mako.Engine.Fields;

namespace Mako.Protocols.Icmpv6;

/// <summary>ICMPv6 names worded as tshark shows them, and the experts Wireshark 4.0 registers.</summary>
public static class Icmpv6Names
{
    /// <summary>The code's name for the types whose codes are named (null otherwise).</summary>
    public static string? Code(byte type, byte code) => type switch
    {
        1 => code switch
        {
            0 => "no route to destination",
            1 => "Administratively prohibited",
            2 => "Beyond scope of source address",
            3 => "Address unreachable",
            4 => "Port unreachable",
            5 => "Source address failed ingress/egress policy",
            6 => "Reject route to destination",
            7 => "Error in Source Routing Header",
            _ => "Unknown",
        },
        3 => code switch { 0 => "hop limit exceeded in transit", 1 => "fragment reassembly time exceeded", _ => $"Unknown ({code})" },
        4 => code switch
        {
            0 => "erroneous header field encountered",
            1 => "unrecognized Next Header type encountered",
            2 => "unrecognized IPv6 option encountered",
            3 => "IPv6 First Fragment has incomplete IPv6 Header Chain",
            _ => $"Unknown ({code})",
        },
        138 => code switch { 0 => "Command", 1 => "Result", 255 => "Sequence number reset", _ => $"Unknown ({code})" },
        139 => code switch
        {
            0 => "Query subject = IPv6 addresses",
            1 => "Query subject = DNS name or empty",
            2 => "Query subject = IPv4 addresses",
            _ => $"Unknown ({code})",
        },
        140 => code switch
        {
            0 => "Successful",
            1 => "Refused",
            2 => "Unknown query type",
            _ => $"Unknown ({code})",
        },
        155 => code switch
        {
            0x00 => "DODAG Information Solicitation",
            0x01 => "DODAG Information Object",
            0x02 => "Destination Advertisement Object",
            0x03 => "Destination Advertisement Object Acknowledgement",
            0x04 => "Point-to-Point Discovery Reply Object",
            0x05 => "Point-to-Point Discovery Reply Object Acknowledgement",
            0x0A => "Consistency Check",
            0x80 => "Secure DODAG Information Solicitation",
            0x81 => "Secure DODAG Information Object",
            0x82 => "Secure Destination Advertisement Object",
            0x83 => "Secure Destination Advertisement Object Acknowledgement",
            0x8A => "Consistency Check",
            _ => $"Unknown ({code})",
        },
        160 => code == 0 ? "No error" : $"Unknown ({code})",
        161 => code switch
        {
            0 => "No error",
            1 => "Malformed Query",
            2 => "No Such Interface",
            3 => "No Such Table Entry",
            4 => "Multiple Interfaces Satisfy Query",
            _ => $"Unknown ({code})",
        },
        _ => null,
    };
}

/// <summary>ICMPv6 expert items.</summary>
public static class Icmpv6Experts
{
    public static readonly ExpertDef InvalidOptionLength = Icmpv6Fields.Proto.Expert("icmpv6.invalid_option_length", ExpertGroup.Malformed, ExpertSeverity.Error, "Invalid Option Length");
    public static readonly ExpertDef UndecodedOption = Icmpv6Fields.Proto.Expert("icmpv6.undecoded.option", ExpertGroup.Undecoded, ExpertSeverity.Note, "Undecoded option");
    public static readonly ExpertDef UnknownData = Icmpv6Fields.Proto.Expert("icmpv6.unknown_data.expert", ExpertGroup.Malformed, ExpertSeverity.Error, "Unknown Data (not interpreted)");
    public static readonly ExpertDef UndecodedType = Icmpv6Fields.Proto.Expert("icmpv6.undecoded.type", ExpertGroup.Undecoded, ExpertSeverity.Note, "Undecoded type");
    public static readonly ExpertDef ChecksumBad = Icmpv6Fields.Proto.Expert("icmpv6.checksum_bad.expert", ExpertGroup.Checksum, ExpertSeverity.Warn, "Bad checksum");
    public static readonly ExpertDef RespNotFound = Icmpv6Fields.Proto.Expert("icmpv6.resp_not_found", ExpertGroup.Sequence, ExpertSeverity.Warn, "Response not found");
}
