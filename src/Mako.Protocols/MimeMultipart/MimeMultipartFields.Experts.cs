using Mako.Engine.Fields;

namespace Mako.Protocols.MimeMultipart;

/// <summary>MIME multipart's expert items (Wireshark 4.0's ei_register_info).</summary>
public static partial class MimeMultipartFields
{
    public static readonly ExpertDef EiNoRequiredParameter = Proto.Expert("mime_multipart.no_required_parameter",
        ExpertGroup.Protocol, ExpertSeverity.Error, "The multipart dissector could not find a required parameter.");
}
