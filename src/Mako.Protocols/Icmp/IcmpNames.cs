namespace Mako.Protocols.Icmp;

/// <summary>ICMP type and code names, worded as tshark shows them in Info and in the tree.</summary>
public static class IcmpNames
{
    public static string Type(byte type) => type switch
    {
        0 => "Echo (ping) reply",
        1 or 2 => "Reserved",
        3 => "Destination unreachable",
        4 => "Source quench (flow control)",
        5 => "Redirect",
        6 => "Alternate host address",
        8 => "Echo (ping) request",
        9 => "Router advertisement",
        10 => "Router solicitation",
        11 => "Time-to-live exceeded",
        12 => "Parameter problem",
        13 => "Timestamp request",
        14 => "Timestamp reply",
        15 => "Information request",
        16 => "Information reply",
        17 => "Address mask request",
        18 => "Address mask reply",
        19 => "Reserved (for security)",
        30 => "Traceroute",
        31 => "Datagram Conversion Error",
        32 => "Mobile Host Redirect",
        33 => "IPv6 Where-Are-You",
        34 => "IPv6 I-Am-Here",
        35 => "Mobile Registration Request",
        36 => "Mobile Registration Reply",
        37 => "Domain Name Request",
        38 => "Domain Name Reply",
        39 => "SKIP",
        40 => "Photuris",
        41 => "Experimental mobility protocols",
        42 => "Extended Echo request",
        43 => "Extended Echo reply",
        _ => "Unknown ICMP (obsolete or malformed?)",
    };

    /// <summary>The code's name for the types that have named codes (null otherwise); may rename the type.</summary>
    public static string? Code(byte type, byte code, ref string typeStr)
    {
        string? name;
        switch (type)
        {
            case 3:
                name = code switch
                {
                    0 => "Network unreachable",
                    1 => "Host unreachable",
                    2 => "Protocol unreachable",
                    3 => "Port unreachable",
                    4 => "Fragmentation needed",
                    5 => "Source route failed",
                    6 => "Destination network unknown",
                    7 => "Destination host unknown",
                    8 => "Source host isolated",
                    9 => "Network administratively prohibited",
                    10 => "Host administratively prohibited",
                    11 => "Network unreachable for TOS",
                    12 => "Host unreachable for TOS",
                    13 => "Communication administratively filtered",
                    14 => "Host precedence violation",
                    15 => "Precedence cutoff in effect",
                    _ => null,
                };
                break;
            case 5:
                name = code switch
                {
                    0 => "Redirect for network",
                    1 => "Redirect for host",
                    2 => "Redirect for TOS and network",
                    3 => "Redirect for TOS and host",
                    _ => null,
                };
                break;
            case 6:
                name = code == 0 ? "Alternate address for host" : null;
                break;
            case 9:
                if (code is 0 or 16) typeStr = "Mobile IP Advertisement";
                name = code switch { 0 => "Normal router advertisement", 16 => "Does not route common traffic", _ => null };
                break;
            case 11:
                name = code switch { 0 => "Time to live exceeded in transit", 1 => "Fragment reassembly time exceeded", _ => null };
                break;
            case 12:
                name = code switch { 0 => "Pointer indicates the error", 1 => "Required option missing", 2 => "Bad length", _ => null };
                break;
            case 40:
                name = code switch
                {
                    0 => "Bad SPI",
                    1 => "Authentication Failed",
                    2 => "Decompression Failed",
                    3 => "Decryption Failed",
                    4 => "Need Authentication",
                    5 => "Need Authorization",
                    _ => null,
                };
                break;
            case 42:
                name = code == 0 ? "No error" : null;
                break;
            case 43:
                name = code switch
                {
                    0 => "No error",
                    1 => "Malformed Query",
                    2 => "No Such Interface",
                    3 => "No Such Table Entry",
                    4 => "Multiple Interfaces Satisfy Query",
                    _ => null,
                };
                break;
            default:
                return null;
        }
        return name ?? $"Unknown code: {code}";
    }
}
