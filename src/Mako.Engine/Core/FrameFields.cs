using Mako.Engine.Fields;

namespace Mako.Engine.Dissection;

/// <summary>The "frame" pseudo-protocol's fields (names and types as `tshark -G fields`).</summary>
public static class FrameFields
{
    public static readonly ProtocolDef Frame = new("Frame", "Frame", "frame");
    /// <summary>The "Packet comments" tree tshark shows before the frame tree when a packet has comments.</summary>
    public static readonly ProtocolDef PktComment = new("Packet comments", "Pkt_Comment", "pkt_comment");
    public static readonly FieldDef SectionNumber = Frame.Field("frame.section_number", "Section number", FieldType.UInt32, FieldBase.Dec, blurb: "The number of the file section this frame is in");
    public static readonly FieldDef InterfaceId = Frame.Field("frame.interface_id", "Interface id", FieldType.UInt32, FieldBase.Dec);
    public static readonly FieldDef InterfaceName = Frame.Field("frame.interface_name", "Interface name", FieldType.String, blurb: "The friendly name for this interface");
    public static readonly FieldDef InterfaceDescription = Frame.Field("frame.interface_description", "Interface description", FieldType.String, blurb: "The description for this interface");
    public static readonly FieldDef InterfaceQueue = Frame.Field("frame.interface_queue", "Interface queue", FieldType.UInt32, FieldBase.Dec);
    public static readonly FieldDef PacketFlags = Frame.Field("frame.packet_flags", "Packet flags", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef PacketFlagsDirection = Frame.Field("frame.packet_flags_direction", "Direction", FieldType.UInt32, FieldBase.Hex, 0x3,
        values: ValueNames.Of((0, "Information not available"), (1, "Inbound"), (2, "Outbound")));
    public static readonly FieldDef PacketFlagsReceptionType = Frame.Field("frame.packet_flags_reception_type", "Reception type", FieldType.UInt32, FieldBase.Dec, 0x1c,
        values: ValueNames.Of((0, "Not specified"), (1, "Unicast"), (2, "Multicast"), (3, "Broadcast"), (4, "Promiscuous")));
    public static readonly FieldDef PacketFlagsFcsLength = Frame.Field("frame.packet_flags_fcs_length", "FCS length", FieldType.UInt32, FieldBase.Dec, 0x1e0);
    public static readonly FieldDef PacketFlagsReserved = Frame.Field("frame.packet_flags_reserved", "Reserved", FieldType.UInt32, FieldBase.Dec, 0xfe00);
    public static readonly FieldDef PacketFlagsCrcError = Frame.Bool("frame.packet_flags_crc_error", "CRC error", 32, 0x1000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsTooLong = Frame.Bool("frame.packet_flags_packet_too_error", "Packet too long error", 32, 0x2000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsTooShort = Frame.Bool("frame.packet_flags_packet_too_short_error", "Packet too short error", 32, 0x4000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsGap = Frame.Bool("frame.packet_flags_wrong_inter_frame_gap_error", "Wrong interframe gap error", 32, 0x8000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsUnaligned = Frame.Bool("frame.packet_flags_unaligned_frame_error", "Unaligned frame error", 32, 0x10000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsSfd = Frame.Bool("frame.packet_flags_start_frame_delimiter_error", "Start frame delimiter error", 32, 0x20000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsPreamble = Frame.Bool("frame.packet_flags_preamble_error", "Preamble error", 32, 0x40000000, TrueFalse.SetNotSet);
    public static readonly FieldDef PacketFlagsSymbol = Frame.Bool("frame.packet_flags_symbol_error", "Symbol error", 32, 0x80000000, TrueFalse.SetNotSet);
    public static readonly FieldDef Comment = Frame.Field("frame.comment", "Comment", FieldType.String);
    public static readonly FieldDef PacketId = Frame.Field("frame.packet_id", "Packet id", FieldType.UInt64, FieldBase.Dec);
    public static readonly FieldDef DropCount = Frame.Field("frame.drop_count", "Drop Count", FieldType.UInt64, FieldBase.Dec, blurb: "Number of frames lost between this frame and the preceding one on the same interface");
    public static readonly FieldDef EncapType = Frame.Field("frame.encap_type", "Encapsulation type", FieldType.Int16, FieldBase.Dec, values: WtapEncap.Descriptions);
    public static readonly FieldDef Time = Frame.Field("frame.time", "Arrival Time", FieldType.AbsoluteTime, FieldBase.AbsLocal, blurb: "Absolute time when this frame was captured");
    public static readonly FieldDef OffsetShift = Frame.Field("frame.offset_shift", "Time shift for this packet", FieldType.RelativeTime, blurb: "Time shift applied to this packet");
    public static readonly FieldDef TimeEpoch = Frame.Field("frame.time_epoch", "Epoch Time", FieldType.RelativeTime, blurb: "Epoch time when this frame was captured");
    public static readonly FieldDef TimeDelta = Frame.Field("frame.time_delta", "Time delta from previous captured frame", FieldType.RelativeTime);
    public static readonly FieldDef TimeDeltaDisplayed = Frame.Field("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldType.RelativeTime);
    public static readonly FieldDef TimeRelative = Frame.Field("frame.time_relative", "Time since reference or first frame", FieldType.RelativeTime, blurb: "Time relative to time reference or first frame");
    public static readonly FieldDef Number = Frame.Field("frame.number", "Frame Number", FieldType.UInt32, FieldBase.Dec);
    public static readonly FieldDef Len = Frame.Field("frame.len", "Frame length on the wire", FieldType.UInt32, FieldBase.Dec);
    public static readonly FieldDef CapLen = Frame.Field("frame.cap_len", "Frame length stored into the capture file", FieldType.UInt32, FieldBase.Dec);
    public static readonly FieldDef Marked = Frame.Bool("frame.marked", "Frame is marked", 0, blurb: "Frame is marked in the GUI");
    public static readonly FieldDef Ignored = Frame.Bool("frame.ignored", "Frame is ignored", 0, blurb: "Frame is ignored by the dissectors");
    public static readonly FieldDef Protocols = Frame.Field("frame.protocols", "Protocols in frame", FieldType.String, blurb: "Protocols carried by this frame");
    public static readonly FieldDef P2pDir = Frame.Field("frame.p2p_dir", "Point-to-Point Direction", FieldType.Int8, FieldBase.Dec,
        values: ValueNames.Of((0, "Sent"), (1, "Received")));
    public static readonly FieldDef FileOffset = Frame.Field("frame.file_off", "File Offset", FieldType.Int64, FieldBase.Dec);
    public static readonly FieldDef Md5Hash = Frame.Field("frame.md5_hash", "Frame MD5 Hash", FieldType.String);

    public static readonly ExpertDef CommentExpert = Frame.Expert("frame.comment.expert", ExpertGroup.Comments, ExpertSeverity.Comment, "Formatted comment");
}
