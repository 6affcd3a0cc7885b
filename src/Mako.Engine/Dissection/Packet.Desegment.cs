namespace Mako.Engine.Dissection;

/// <summary>
/// Reassembly requests from a dissector to the stream transport below it (Wireshark's pinfo->can_desegment,
/// desegment_offset and desegment_len). See docs/reassembly.md.
/// <para>
/// A dissector on top of TCP that finds its PDU incomplete calls <see cref="NeedMore"/>,
/// <see cref="NeedOneMoreSegment"/> or <see cref="NeedUntilFin"/> with the offset where the unfinished PDU starts,
/// and returns. TCP buffers the bytes from there on and calls the dissector again, once, with the whole PDU in a
/// new data source ("Reassembled TCP") when enough bytes have arrived. Only ask when <see cref="CanDesegment"/> is
/// true: otherwise (a segment cut by the snap length, an IP fragment, a segment inside an ICMP error, reassembly
/// switched off) dissect what is there.
/// </para>
/// </summary>
public sealed partial class Packet
{
    /// <summary>Wireshark's DESEGMENT_ONE_MORE_SEGMENT: "I need more, but I cannot tell how much".</summary>
    public const int DesegmentOneMoreSegment = 0x0fffffff;

    /// <summary>Wireshark's DESEGMENT_UNTIL_FIN: the PDU runs to the end of this direction of the connection.</summary>
    public const int DesegmentUntilFin = 0x0ffffffe;

    /// <summary>
    /// The transport will reassemble if asked (Wireshark's pinfo->can_desegment != 0). Only the dissector the
    /// transport calls directly may ask: <see cref="CaptureSession.Call"/> lowers the level for each nested call,
    /// as Wireshark's call_dissector_work does.
    /// </summary>
    public bool CanDesegment
    {
        get => DesegmentLevel > 0;
        set => DesegmentLevel = value ? 2 : 0;
    }

    /// <summary>Wireshark's can_desegment counter (2 at the transport, 1 in the dissector it calls, 0 deeper).</summary>
    public int DesegmentLevel { get; set; }

    /// <summary>Offset, in the tvb the dissector was given, of the first byte it could not dissect.</summary>
    public int DesegmentOffset { get; set; }

    /// <summary>Bytes still needed after the end of the tvb (0 = nothing requested), or one of the two constants.</summary>
    public int DesegmentLen { get; set; }

    /// <summary>False while a transport forbids changes to the Protocol column (see <see cref="Protocol"/>).</summary>
    public bool ProtocolWritable { get; set; } = true;

    /// <summary>Asks for <paramref name="moreBytes"/> more bytes after the end of the tvb, for the PDU starting at
    /// <paramref name="offset"/>. Returns false (and asks nothing) when the transport cannot reassemble.</summary>
    public bool NeedMore(int offset, int moreBytes)
    {
        if (!CanDesegment || moreBytes <= 0) return false;
        DesegmentOffset = offset;
        DesegmentLen = moreBytes;
        return true;
    }

    /// <summary>Asks for at least one more segment for the PDU starting at <paramref name="offset"/> (e.g. a line
    /// without its end yet). Returns false when the transport cannot reassemble.</summary>
    public bool NeedOneMoreSegment(int offset)
    {
        if (!CanDesegment) return false;
        DesegmentOffset = offset;
        DesegmentLen = DesegmentOneMoreSegment;
        return true;
    }

    /// <summary>Asks for everything up to the end of the stream (FIN) for the PDU starting at
    /// <paramref name="offset"/>. Returns false when the transport cannot reassemble.</summary>
    public bool NeedUntilFin(int offset)
    {
        if (!CanDesegment) return false;
        DesegmentOffset = offset;
        DesegmentLen = DesegmentUntilFin;
        return true;
    }

    /// <summary>Moves the nodes added since <paramref name="from"/> to index <paramref name="to"/> (see
    /// <see cref="Mako.Engine.Tree.PacketTree.MoveTail"/>), keeping the packet's own node references right.</summary>
    public int MoveTreeTail(int from, int to)
    {
        int block = Tree.Count - from;
        int r = Tree.MoveTail(from, to);
        if (r != from && ProtocolsNode >= 0) ProtocolsNode = Mako.Engine.Tree.PacketTree.Remap(ProtocolsNode, from, to, block);
        return r;
    }

    private void ResetDesegment()
    {
        DesegmentLevel = 0;
        DesegmentOffset = 0;
        DesegmentLen = 0;
    }
}
