using Mako.Engine.Fields;

namespace Mako.Engine.Dissection;

/// <summary>The "frame" pseudo-protocol: capture metadata (times, lengths, interface, comments) for every packet.</summary>
public sealed class FrameDissector() : Dissector(FrameFields.Frame)
{
    private UIntTable _encap = null!;

    public override IEnumerable<ProtocolDef> ExtraProtocols => [FrameFields.PktComment];

    public override void Handoff(DissectorTables tables) => _encap = tables.UInt("wtap_encap");

    // Field order and labels follow tshark's Frame tree exactly (`-V`, PDML and JSON print it in this order).
    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        var rec = pkt.Record;
        var s = pkt.Session;
        pkt.CurrentProtocol = FrameFields.Frame;
        if (rec.Comments.Count > 0) AddComments(tvb, pkt);

        int frame = pkt.AddProtocol(FrameFields.Frame, -1, tvb, 0, tvb.Length);
        bool pcapng = s.IsPcapNg;
        InterfaceInfoLite? iface = pcapng ? s.Interface(rec.InterfaceId) : null;
        string ifName = iface?.Name ?? "unknown";
        if (pkt.WantTree)
        {
            long wire = rec.OriginalLength, cap = rec.CapturedLength;
            string label = $"Frame {rec.Number}: {wire} bytes on wire ({wire * 8} bits), {cap} bytes captured ({cap * 8} bits)";
            if (pcapng) label += $" on interface {ifName}, id {rec.InterfaceId}";
            if (rec.Flags is uint dir && (dir & 3) != 0) label += (dir & 3) == 1 ? " (inbound)" : " (outbound)";
            pkt.Label(frame, label);
        }

        if (pcapng)
        {
            pkt.Add(FrameFields.SectionNumber, frame, tvb, 0, 0, (ulong)(iface?.Section ?? 0) + 1);
            int idn = pkt.Add(FrameFields.InterfaceId, frame, tvb, 0, 0, (ulong)rec.InterfaceId);
            if (pkt.WantTree) pkt.Label(idn, $"Interface id: {rec.InterfaceId} ({ifName})");
            pkt.AddObject(FrameFields.InterfaceName, idn, tvb, 0, 0, ifName);
            if (iface?.Description is { } desc) pkt.AddObject(FrameFields.InterfaceDescription, idn, tvb, 0, 0, desc);
            if (rec.Queue is uint q) pkt.Add(FrameFields.InterfaceQueue, frame, tvb, 0, 0, q);
            if (rec.Flags is uint flags)
            {
                int fl = pkt.Add(FrameFields.PacketFlags, frame, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsDirection, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsReceptionType, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsFcsLength, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsReserved, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsCrcError, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsTooLong, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsTooShort, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsGap, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsUnaligned, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsSfd, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsPreamble, fl, tvb, 0, 0, flags);
                pkt.Add(FrameFields.PacketFlagsSymbol, fl, tvb, 0, 0, flags);
            }
            if (rec.PacketId is ulong pid) pkt.Add(FrameFields.PacketId, frame, tvb, 0, 0, pid);
        }
        pkt.Add(FrameFields.EncapType, frame, tvb, 0, 0, (ulong)(long)WtapEncap.ToWtap(rec.LinkType));
        long ts = rec.TimestampNs;
        pkt.Add(FrameFields.Time, frame, tvb, 0, 0, (ulong)ts);
        pkt.AddGenerated(FrameFields.OffsetShift, frame, 0);
        pkt.Add(FrameFields.TimeEpoch, frame, tvb, 0, 0, (ulong)ts);
        pkt.AddGenerated(FrameFields.TimeDelta, frame, (ulong)(ts - s.PreviousCapturedTs));
        pkt.AddGenerated(FrameFields.TimeDeltaDisplayed, frame, (ulong)(ts - s.PreviousDisplayedTs));
        pkt.AddGenerated(FrameFields.TimeRelative, frame, (ulong)(ts - s.FirstTs));
        pkt.Add(FrameFields.Number, frame, tvb, 0, 0, (ulong)rec.Number);
        int len = pkt.Add(FrameFields.Len, frame, tvb, 0, 0, rec.OriginalLength);
        int caplen = pkt.Add(FrameFields.CapLen, frame, tvb, 0, 0, (ulong)rec.CapturedLength);
        if (pkt.WantTree)
        {
            pkt.Label(len, $"Frame Length: {rec.OriginalLength} bytes ({rec.OriginalLength * 8L} bits)");
            pkt.Label(caplen, $"Capture Length: {rec.CapturedLength} bytes ({rec.CapturedLength * 8L} bits)");
        }
        if (pcapng && rec.DropCount is ulong drops) pkt.Add(FrameFields.DropCount, frame, tvb, 0, 0, drops);
        pkt.AddGenerated(FrameFields.Marked, frame, 0);
        pkt.AddGenerated(FrameFields.Ignored, frame, 0);
        if (rec.Flags is uint f2 && (f2 & 3) != 0)
            pkt.Add(FrameFields.P2pDir, frame, tvb, 0, 0, (f2 & 3) == 1 ? 1ul : 0ul);
        pkt.ProtocolsNode = pkt.AddGenerated(FrameFields.Protocols, frame, 0);

        var link = tvb;
        if (s.TryDispatch(_encap, (uint)rec.LinkType, link, pkt, -1) == 0)
        {
            // Unknown link type: tshark shows the bytes as data.
            s.CallData(link, pkt, -1);
            if (pkt.WantColumns)
            {
                pkt.Protocol = "WTAP_ENCAP = " + WtapEncap.ToWtap(rec.LinkType);
            }
        }
        return tvb.Length;
    }

    /// <summary>tshark's "Packet comments" tree: one item per comment, each with a Comment expert item.</summary>
    private static void AddComments(Tvb tvb, Packet pkt)
    {
        int tree = pkt.AddProtocol(FrameFields.PktComment, -1, tvb, 0, 0);
        foreach (var c in pkt.Record.Comments)
        {
            int cn = pkt.AddObject(FrameFields.Comment, tree, tvb, 0, 0, c);
            if (pkt.WantTree) pkt.Label(cn, c);
            pkt.Expert(FrameFields.CommentExpert, cn, c);
        }
    }
}

/// <summary>The "data" protocol: bytes no dissector claimed.</summary>
public sealed class DataDissector() : Dissector(DataFields.Data)
{
    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        if (tvb.ReportedLength == 0) return 0;
        pkt.EnterLayer(DataFields.Data);
        // Wireshark's data dissector counts only the captured bytes ("Data (6 bytes)" for a snapped payload).
        int bytes = tvb.Length;
        if (bytes == 0) return 0;
        int n = pkt.AddProtocol(DataFields.Data, parent, tvb, 0, bytes);
        if (pkt.WantTree) pkt.Label(n, bytes == 1 ? "Data (1 byte)" : $"Data ({bytes} bytes)");
        pkt.AddBytes(DataFields.Bytes, n, tvb, 0, bytes);
        pkt.AddGenerated(DataFields.Len, n, (ulong)bytes);
        return bytes;
    }
}

public static class DataFields
{
    public static readonly ProtocolDef Data = new("Data", "Data", "data");
    public static readonly FieldDef Bytes = Data.Field("data.data", "Data", FieldType.Bytes);
    public static readonly FieldDef Text = Data.Field("data.text", "Text", FieldType.String);
    public static readonly FieldDef Len = Data.Field("data.len", "Length", FieldType.Int32, FieldBase.Dec);
}
