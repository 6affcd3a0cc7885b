using Mako.Engine.Fields;

namespace Mako.Engine.Dissection;

/// <summary>Pseudo-protocols the engine itself owns: expert info, malformed/short markers.</summary>
public static class CoreProtocols
{
    public static readonly ProtocolDef ExpertProto = new("Expert Info", "Expert", "_ws.expert");
    public static readonly FieldDef Expert = ExpertProto; // the _ws.expert node itself
    public static readonly FieldDef ExpertMessage = ExpertProto.Field("_ws.expert.message", "Message", FieldType.String, blurb: "Wireshark expert information");
    public static readonly FieldDef ExpertGroup = ExpertProto.Field("_ws.expert.group", "Group", FieldType.UInt32, FieldBase.BaseNone, blurb: "Wireshark expert group",
        values: ValueNames.Of((0x01000000, "Checksum"), (0x02000000, "Sequence"), (0x03000000, "Response"), (0x04000000, "Request"),
            (0x05000000, "Undecoded"), (0x06000000, "Reassemble"), (0x07000000, "Malformed"), (0x08000000, "Debug"), (0x09000000, "Protocol"),
            (0x0a000000, "Security"), (0x0b000000, "Comment"), (0x0c000000, "Decryption"), (0x0d000000, "Assumption"), (0x0e000000, "Deprecated")));
    public static readonly FieldDef ExpertSeverity = ExpertProto.Field("_ws.expert.severity", "Severity level", FieldType.UInt32, FieldBase.BaseNone, blurb: "Wireshark expert severity level",
        values: ValueNames.Of((0x00100000, "Comment"), (0x00200000, "Chat"), (0x00400000, "Note"), (0x00600000, "Warning"), (0x00800000, "Error")));

    public static readonly ProtocolDef MalformedProto = new("Malformed Packet", "Malformed", "_ws.malformed");
    public static readonly ExpertDef MalformedExpert = MalformedProto.Expert("_ws.malformed.expert", Fields.ExpertGroup.Malformed, Fields.ExpertSeverity.Error, "Malformed Packet (Exception occurred)");

    public static readonly ProtocolDef ShortProto = new("Short Frame", "Short frame", "_ws.short");

    public static readonly ProtocolDef[] All = [ExpertProto, MalformedProto, ShortProto];

    /// <summary>
    /// Wireshark's "text" item (hf_text_only): a label-only tree line such as "Timestamps" or an HTTP header line,
    /// added with <see cref="Packet.AddText"/>. It belongs to no protocol, so `-G fields` does not list it.
    /// </summary>
    public static readonly FieldDef Text = new(null, "text", "Text item", FieldType.None);
}
