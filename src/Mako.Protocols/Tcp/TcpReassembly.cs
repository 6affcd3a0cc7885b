using Mako.Engine.Dissection;

namespace Mako.Protocols.Tcp;

/// <summary>Flags of a multi-segment PDU (Wireshark's MSP_FLAGS_*).</summary>
[Flags]
internal enum MspFlags : byte
{
    None = 0,
    /// <summary>The dissector asked for "one more segment": take the whole next segment, whatever its length.</summary>
    ReassembleEntireSegment = 1,
    MissingFirstSegment = 2,
}

/// <summary>
/// A PDU that spans segments (Wireshark's tcp_multisegment_pdu): where it starts (relative sequence number), where
/// the next PDU is expected to start, the frames involved, and the bytes collected so far.
/// </summary>
internal sealed class Msp(uint seq, uint nxtPdu, long frame)
{
    public readonly uint Seq = seq;
    public uint NxtPdu = nxtPdu;
    public long FirstFrame = frame;
    public readonly long FirstFrameWithSeq = frame;
    public long LastFrame = frame;
    public MspFlags Flags;
    public readonly SegmentHead Head = new();
}

/// <summary>One segment's bytes in a PDU being reassembled (Wireshark's fragment_item).</summary>
internal sealed class SegmentPiece(long frame, uint offset, uint length, ReadOnlyMemory<byte> bytes)
{
    public readonly long Frame = frame;
    public readonly uint Offset = offset;
    public uint Length = length;
    /// <summary>The bytes while reassembly is pending; empty once they were copied into the PDU.</summary>
    public ReadOnlyMemory<byte> Bytes = bytes;
    public bool Overlap, OverlapConflict, TooLong, MultipleTails;
    public bool HasError => OverlapConflict || TooLong || MultipleTails;
}

/// <summary>
/// The collected segments of one PDU (Wireshark's fragment_head used through fragment_add): pieces kept in offset
/// order; once a tail fixes the length and the bytes before it are contiguous, they are copied into
/// <see cref="Data"/> and the frame that did it is <see cref="ReassembledIn"/>.
/// </summary>
internal sealed class SegmentHead
{
    public readonly List<SegmentPiece> Pieces = new(4);
    public bool DatalenSet;
    public uint Datalen;
    public bool Defragmented;
    /// <summary>The dissector wanted more after the PDU was complete: the next piece reopens it.</summary>
    public bool Partial;
    /// <summary>Highest frame number of the pieces.</summary>
    public long Frame;
    public long ReassembledIn;
    public byte[]? Data;
    /// <summary>Bytes this PDU holds in memory (counted against the limits).</summary>
    public long Held;
    public bool Overlap, OverlapConflict, TooLong, MultipleTails;
}

/// <summary>A segment that cannot be added to a completed PDU (Wireshark's ReassemblyError).</summary>
internal sealed class ReassemblyErrorException(string message) : Exception(message);

/// <summary>One direction's reassembly state: its multi-segment PDUs by starting sequence number.</summary>
internal sealed class TcpReassemblyFlow
{
    /// <summary>PDUs by relative start sequence number (Wireshark's multisegment_pdus tree).</summary>
    public readonly SortedList<uint, Msp> Msps = new();
    /// <summary>A dissector asked for everything until this direction's FIN (TCP_FLOW_REASSEMBLE_UNTIL_FIN).</summary>
    public bool UntilFin;
    /// <summary>Frame of the FIN that ended an until-FIN reassembly (0 = none yet).</summary>
    public long FinFrame;
    public long Held;

    /// <summary>The PDU starting exactly at <paramref name="seq"/> (wmem_tree_lookup32).</summary>
    public Msp? Exact(uint seq) => Msps.TryGetValue(seq, out var m) ? m : null;

    /// <summary>The PDU with the greatest start ≤ <paramref name="seq"/> (wmem_tree_lookup32_le, unsigned order).</summary>
    public Msp? AtOrBefore(uint seq)
    {
        var keys = Msps.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= seq)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found < 0 ? null : Msps.Values[found];
    }
}

/// <summary>
/// Per-capture TCP reassembly bookkeeping: limits and the bytes held by all streams. A PDU that would pass a limit is
/// dropped (its bytes are released) and the frame gets the `tcp.reassembly.limit` expert item; nothing grows without
/// bound, whatever the capture claims.
/// </summary>
public sealed class TcpReassemblyLimits
{
    /// <summary>Bytes one direction of a connection may hold in unfinished PDUs.</summary>
    public long MaxFlowBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Bytes all connections together may hold in unfinished PDUs.</summary>
    public long MaxTotalBytes { get; set; } = 512L * 1024 * 1024;
    /// <summary>Unfinished or finished PDUs remembered per direction (older finished ones are forgotten first).</summary>
    public int MaxPdusPerFlow { get; set; } = 4096;

    public long Held { get; internal set; }
    /// <summary>PDUs dropped because a limit was reached.</summary>
    public long Dropped { get; internal set; }
}

/// <summary>fragment_add for TCP: adds a segment's bytes to a PDU, completing it when the bytes are all there.</summary>
internal static class SegmentTable
{
    /// <summary>
    /// Adds <paramref name="length"/> bytes of <paramref name="tvb"/> at <paramref name="tvbOffset"/> as the piece at
    /// <paramref name="pduOffset"/> of the PDU. Returns true when this completed the PDU (Data and ReassembledIn set).
    /// Throws <see cref="ReassemblyErrorException"/> as Wireshark does for pieces that cannot fit a completed PDU.
    /// </summary>
    public static bool Add(SegmentHead h, in Tvb tvb, int tvbOffset, long frame, uint pduOffset, uint length, bool more)
    {
        // Already added (the same frame and offset, e.g. a dissector called twice on one segment)?
        if (h.Pieces.Count > 0 && frame <= h.Frame)
        {
            foreach (var p in h.Pieces)
            {
                if (p.Frame == frame && p.Offset == pduOffset)
                {
                    if (h.Defragmented) throw new ReassemblyErrorException("Frame already added in first pass");
                    return false;
                }
            }
        }

        if (h.Defragmented)
        {
            if (pduOffset + (long)length >= h.Datalen)
            {
                if (!h.Partial)
                    throw new ReassemblyErrorException(pduOffset >= h.Datalen ? "New fragment past old data limits" : "New fragment overlaps old data (retransmission?)");
                ResetDefragmentation(h);
            }
            else throw new ReassemblyErrorException("New fragment overlaps old data (retransmission?)");
        }

        if (frame > h.Frame) h.Frame = frame;
        var piece = new SegmentPiece(frame, pduOffset, length, default);
        if (!more)
        {
            uint end = pduOffset + length;
            if (h.DatalenSet)
            {
                if (h.Datalen != end) piece.MultipleTails = h.MultipleTails = true;
            }
            else
            {
                h.Datalen = end;
                h.DatalenSet = true;
            }
        }

        if (!tvb.Has(tvbOffset, (int)length)) throw new DissectorException(DissectorErrorKind.Short);
        piece.Bytes = tvb.Data.Slice(tvbOffset, (int)length).ToArray();
        h.Held += length;
        Link(h, piece);

        if (!h.DatalenSet) return false;
        uint max = 0;
        foreach (var p in h.Pieces)
        {
            if (p.Offset <= max && p.Offset + p.Length > max) max = p.Offset + p.Length;
        }
        if (max < h.Datalen) return false;
        Defragment(h, frame);
        return true;
    }

    /// <summary>Inserts after every piece with an offset ≤ its own (LINK_FRAG keeps arrival order among equals).</summary>
    private static void Link(SegmentHead h, SegmentPiece piece)
    {
        var list = h.Pieces;
        int i = list.Count;
        while (i > 0 && piece.Offset < list[i - 1].Offset) i--;
        list.Insert(i, piece);
    }

    private static void Defragment(SegmentHead h, long frame)
    {
        var data = new byte[h.Datalen];
        uint pos = 0;
        foreach (var p in h.Pieces)
        {
            if (p.Length == 0) continue;
            if (p.Offset > pos && p.Offset < h.Datalen) continue; // cannot happen after the contiguity check
            if (p.Offset >= h.Datalen)
            {
                p.TooLong = h.TooLong = true;
            }
            else
            {
                uint len = p.Length;
                if (p.Offset + len > h.Datalen)
                {
                    p.TooLong = h.TooLong = true;
                    len = h.Datalen - p.Offset;
                }
                uint overlap = pos - p.Offset;
                if (overlap != 0)
                {
                    // A duplicate or retransmission: earlier bytes win; differing bytes are a conflict.
                    uint cmp = Math.Min(p.Length, overlap);
                    p.Overlap = h.Overlap = true;
                    if (!data.AsSpan((int)p.Offset, (int)cmp).SequenceEqual(p.Bytes.Span[..(int)cmp]))
                        p.OverlapConflict = h.OverlapConflict = true;
                }
                if (p.Offset + len > pos)
                {
                    p.Bytes.Span.Slice((int)overlap, (int)(len - overlap)).CopyTo(data.AsSpan((int)pos));
                    pos = p.Offset + len;
                }
            }
            p.Bytes = default;
        }
        h.Data = data;
        h.Held = data.Length;
        h.Defragmented = true;
        h.ReassembledIn = frame;
    }

    /// <summary>fragment_reset_defragmentation: reopen a completed PDU whose dissector wanted more.</summary>
    private static void ResetDefragmentation(SegmentHead h)
    {
        var data = h.Data;
        foreach (var p in h.Pieces)
        {
            if (p.Bytes.IsEmpty && data is not null && p.Offset < data.Length)
                p.Bytes = data.AsMemory((int)p.Offset, (int)Math.Min(p.Length, (uint)data.Length - p.Offset));
            p.TooLong = p.MultipleTails = false;
        }
        h.Defragmented = h.Partial = h.DatalenSet = false;
        h.TooLong = h.MultipleTails = false;
        h.Datalen = 0;
        h.ReassembledIn = 0;
    }

    /// <summary>fragment_truncate: keep only the first <paramref name="length"/> bytes of a completed PDU.</summary>
    public static void Truncate(SegmentHead h, uint length)
    {
        h.Partial = false;
        if (length == h.Datalen || h.Data is null) return;
        h.Data = h.Data.AsSpan(0, (int)length).ToArray();
        h.Datalen = length;
        h.Held = length;
        h.Overlap = h.OverlapConflict = h.TooLong = h.MultipleTails = false;
        int keep = 0;
        foreach (var p in h.Pieces)
        {
            if (p.Offset >= length) break;
            p.TooLong = p.MultipleTails = false;
            if (p.Offset + p.Length > length) p.Length = length - p.Offset;
            h.Overlap |= p.Overlap;
            h.OverlapConflict |= p.OverlapConflict;
            keep++;
        }
        h.Pieces.RemoveRange(keep, h.Pieces.Count - keep);
    }
}
