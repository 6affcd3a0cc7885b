namespace Mako.Engine.Fields;

/// <summary>Expert severities; the numeric values are Wireshark's (what `-e _ws.expert.severity` prints).</summary>
public enum ExpertSeverity
{
    Comment = 0x00100000,
    Chat = 0x00200000,
    Note = 0x00400000,
    Warn = 0x00600000,
    Error = 0x00800000,
}

/// <summary>Expert groups; numeric values are Wireshark's.</summary>
public enum ExpertGroup
{
    Checksum = 0x01000000,
    Sequence = 0x02000000,
    ResponseCode = 0x03000000,
    RequestCode = 0x04000000,
    Undecoded = 0x05000000,
    Reassemble = 0x06000000,
    Malformed = 0x07000000,
    Debug = 0x08000000,
    Protocol = 0x09000000,
    Security = 0x0a000000,
    Comments = 0x0b000000,
    Decryption = 0x0c000000,
    Assumption = 0x0d000000,
    Deprecated = 0x0e000000,
}

/// <summary>An expert info item (ei_register_info). It is also a filterable FT_NONE field named <see cref="FieldDef.Abbrev"/>.</summary>
public sealed class ExpertDef : FieldDef
{
    public ExpertDef(ProtocolDef parent, string abbrev, ExpertGroup group, ExpertSeverity severity, string message)
        : base(parent, abbrev, message, FieldType.None)
    {
        Group = group;
        Severity = severity;
        Message = message;
    }

    public ExpertGroup Group { get; }
    public ExpertSeverity Severity { get; }
    /// <summary>The message; dissectors may supply a formatted one per packet instead.</summary>
    public string Message { get; }

    public static string SeverityName(ExpertSeverity s) => s switch
    {
        ExpertSeverity.Comment => "Comment",
        ExpertSeverity.Chat => "Chat",
        ExpertSeverity.Note => "Note",
        ExpertSeverity.Warn => "Warning",
        _ => "Error",
    };

    public static string GroupName(ExpertGroup g) => g switch
    {
        ExpertGroup.Checksum => "Checksum",
        ExpertGroup.Sequence => "Sequence",
        ExpertGroup.ResponseCode => "Response",
        ExpertGroup.RequestCode => "Request",
        ExpertGroup.Undecoded => "Undecoded",
        ExpertGroup.Reassemble => "Reassemble",
        ExpertGroup.Malformed => "Malformed",
        ExpertGroup.Debug => "Debug",
        ExpertGroup.Protocol => "Protocol",
        ExpertGroup.Security => "Security",
        ExpertGroup.Comments => "Comment",
        ExpertGroup.Decryption => "Decryption",
        ExpertGroup.Assumption => "Assumption",
        _ => "Deprecated",
    };
}
