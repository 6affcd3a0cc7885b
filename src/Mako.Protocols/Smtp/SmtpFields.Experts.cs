using Mako.Engine.Fields;

namespace Mako.Protocols.Smtp;

/// <summary>SMTP's expert items (Wireshark 4.0's ei_register_info).</summary>
public static partial class SmtpFields
{
    public static readonly ExpertDef EiBase64Decode = Proto.Expert("smtp.base64_decode", ExpertGroup.Protocol,
        ExpertSeverity.Warn, "base64 decode failed or is not enabled (check SMTP preferences)");
}
