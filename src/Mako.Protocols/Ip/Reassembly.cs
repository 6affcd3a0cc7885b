using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;

namespace Mako.Protocols.Ip;

/// <summary>Identifies one datagram being reassembled (addresses, IP ID or IPv6 fragment identification, protocol).</summary>
public readonly record struct FragmentKey(Address Src, Address Dst, uint Id, uint Proto);

/// <summary>What adding a fragment led to.</summary>
public readonly struct FragmentResult
{
    public FragmentResult(Datagram? completed, int reassembledIn)
    {
        Completed = completed;
        ReassembledIn = reassembledIn;
    }

    /// <summary>The datagram this frame completed, or null.</summary>
    public Datagram? Completed { get; }
    /// <summary>Frame that completed the datagram (0 while incomplete).</summary>
    public int ReassembledIn { get; }
}

/// <summary>A datagram whose fragments are being collected.</summary>
public sealed class Datagram
{
    internal readonly List<Piece> Pieces = new(4);
    internal int TotalLength = -1;
    internal long Held;
    /// <summary>Completed or dropped: no longer in the pending table.</summary>
    internal bool Gone;
    public byte[]? Data { get; internal set; }
    public bool Overlap { get; internal set; }
    public bool OverlapConflict { get; internal set; }
    public bool MultipleTails { get; internal set; }
    public bool TooLong { get; internal set; }
    public IReadOnlyList<Piece> Fragments => Pieces;
}

/// <summary>One received fragment: where it came from and which payload bytes it carries.</summary>
public sealed record Piece(long Frame, int Offset, byte[] Bytes)
{
    public int Length => Bytes.Length;
    /// <summary>Set while defragmenting: this piece overlaps earlier data (Wireshark's per-fragment FD_* flags).</summary>
    public bool Overlap { get; internal set; }
    public bool OverlapConflict { get; internal set; }
    public bool TooLong { get; internal set; }
}

/// <summary>
/// Per-capture fragment reassembly, as Wireshark's fragment_add_check does it on the first pass: fragments are
/// collected by key; the frame whose fragment completes the datagram (a last fragment seen and no hole before it)
/// carries the reassembled payload, and the datagram leaves the table. Memory is bounded: a datagram may not exceed
/// <see cref="MaxDatagram"/> bytes and all pending fragments together <see cref="MaxPendingBytes"/>; the oldest
/// pending datagrams are dropped (and counted) when the limit would be passed.
/// </summary>
public class FragmentTable : IRetainedState
{
    public const int MaxDatagram = 256 * 1024;

    /// <summary>Most bytes one datagram may have (IP's <see cref="MaxDatagram"/>; mail messages allow more).</summary>
    public int MaxLength { get; init; } = MaxDatagram;
    public long MaxPendingBytes { get; set; } = 64L * 1024 * 1024;
    private readonly Dictionary<FragmentKey, Datagram> _pending = new();
    private readonly Queue<(FragmentKey Key, Datagram D)> _age = new();
    private long _held;

    /// <summary>Datagrams dropped because of the memory limits.</summary>
    public long Dropped { get; private set; }
    public int PendingCount => _pending.Count;

    public IEnumerable<(string Name, long Count)> Retained()
    {
        yield return (GetType().Name, _pending.Count);
        yield return (GetType().Name + ".queue", _age.Count);
    }

    public FragmentResult Add(Packet pkt, in FragmentKey key, int offset, ReadOnlySpan<byte> data, bool more)
    {
        if (!_pending.TryGetValue(key, out var d))
        {
            d = new Datagram();
            _pending[key] = d;
            _age.Enqueue((key, d));
        }
        if (offset + (long)data.Length > MaxLength)
        {
            // A datagram this large cannot be legitimate for IP: forget it rather than hold the bytes.
            Forget(key, d);
            Dropped++;
            return default;
        }
        MakeRoom(data.Length);
        if (!more)
        {
            int end = offset + data.Length;
            if (d.TotalLength >= 0 && d.TotalLength != end) d.MultipleTails = true;
            d.TotalLength = end;
        }
        d.Pieces.Add(new Piece(pkt.Number, offset, data.ToArray()));
        d.Held += data.Length;
        _held += data.Length;
        if (d.TotalLength < 0 || !Covered(d)) return Later(pkt);
        return Defragment(pkt, key, d);
    }

    /// <summary>
    /// Ends a datagram collected with "more" set, without adding a piece (Wireshark's fragment_end_seq_next): its
    /// length is where its pieces end. Nothing when no piece was added.
    /// </summary>
    public FragmentResult End(Packet pkt, in FragmentKey key)
    {
        if (!_pending.TryGetValue(key, out var d) || d.Pieces.Count == 0) return default;
        int end = 0;
        foreach (var p in d.Pieces) end = Math.Max(end, p.Offset + p.Length);
        d.TotalLength = end;
        if (!Covered(d)) return default;
        return Defragment(pkt, key, d);
    }

    private FragmentResult Defragment(Packet pkt, in FragmentKey key, Datagram d)
    {
        // Defragment in offset order: earlier bytes win; a piece reaching back into copied bytes overlaps, and
        // conflicts when those bytes differ (flags on the piece and on the datagram, as Wireshark reports them).
        var buf = new byte[d.TotalLength];
        d.Pieces.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Frame.CompareTo(b.Frame));
        int copied = 0;
        foreach (var p in d.Pieces)
        {
            int end = Math.Min(p.Offset + p.Length, d.TotalLength);
            if (p.Offset + p.Length > d.TotalLength)
            {
                p.TooLong = d.TooLong = true;
            }
            if (p.Offset < copied)
            {
                p.Overlap = d.Overlap = true;
                int ovEnd = Math.Min(copied, end);
                if (ovEnd > p.Offset && !p.Bytes.AsSpan(0, ovEnd - p.Offset).SequenceEqual(buf.AsSpan(p.Offset, ovEnd - p.Offset)))
                    p.OverlapConflict = d.OverlapConflict = true;
            }
            if (end > copied)
            {
                int from = Math.Max(copied, p.Offset);
                p.Bytes.AsSpan(from - p.Offset, end - from).CopyTo(buf.AsSpan(from));
                copied = end;
            }
        }
        d.Data = buf;
        Forget(key, d);
        foreach (var p in d.Pieces)
            pkt.Session.Note(GetType(), p.Frame, pkt.Number);   // -2: the earlier fragments learn where they went
        return new FragmentResult(d, (int)pkt.Number);
    }

    /// <summary>An incomplete datagram: in the second pass of -2, the frame the first pass saw complete it.</summary>
    private FragmentResult Later(Packet pkt) =>
        pkt.Session.Recall(GetType(), pkt.Number, out long inFrame) ? new FragmentResult(null, (int)inFrame) : default;

    private static bool Covered(Datagram d)
    {
        int reach = 0;
        bool progress = true;
        // Pieces arrive in any order; sweep until no piece extends the covered prefix.
        while (progress && reach < d.TotalLength)
        {
            progress = false;
            foreach (var p in d.Pieces)
            {
                if (p.Offset <= reach && p.Offset + p.Length > reach)
                {
                    reach = p.Offset + p.Length;
                    progress = true;
                }
            }
        }
        return reach >= d.TotalLength;
    }

    private void Forget(in FragmentKey key, Datagram d)
    {
        if (_pending.TryGetValue(key, out var cur) && ReferenceEquals(cur, d)) _pending.Remove(key);
        _held -= d.Held;
        d.Held = 0;
        d.Gone = true;
    }

    private void MakeRoom(int incoming)
    {
        while (_held + incoming > MaxPendingBytes && _age.Count > 0)
        {
            var (k, old) = _age.Dequeue();
            if (old.Gone) continue;
            Forget(k, old);
            Dropped++;
        }
        // Drop bookkeeping of datagrams already completed or forgotten so the queue stays bounded. A datagram that
        // never completes can sit at the head for the rest of the capture, so also sweep the whole queue once it is
        // mostly finished ones (they still hold their fragments' bytes): amortised constant work per fragment.
        while (_age.Count > 0 && _age.Peek().D.Gone) _age.Dequeue();
        if (_age.Count > 64 && _age.Count > 2 * _pending.Count)
        {
            int n = _age.Count;
            for (int i = 0; i < n; i++)
            {
                var e = _age.Dequeue();
                if (!e.D.Gone) _age.Enqueue(e);
            }
        }
    }
}

/// <summary>IPv4's per-capture fragment table.</summary>
public sealed class Ipv4FragmentTable : FragmentTable;

/// <summary>The fields a protocol uses to show its fragments (Wireshark's fragment_items).</summary>
public sealed record FragmentItems(FieldDef Fragments, FieldDef Fragment, FieldDef Overlap, FieldDef OverlapConflict,
    FieldDef MultipleTails, FieldDef TooLong, FieldDef Error, FieldDef Count, FieldDef ReassembledIn, FieldDef ReassembledLength,
    FieldDef? ReassembledData, string Name, string Tag);

/// <summary>process_reassembled_data: the reassembled data source and the fragment list for the completing frame.</summary>
public static class Reassembly
{
    public static readonly FragmentItems Ipv4Items = new(IpFields.Fragments, IpFields.Fragment, IpFields.FragmentOverlap,
        IpFields.FragmentOverlapConflict, IpFields.FragmentMultipletails, IpFields.FragmentToolongfragment, IpFields.FragmentError,
        IpFields.FragmentCount, IpFields.ReassembledIn, IpFields.ReassembledLength, IpFields.ReassembledData, "IPv4 Fragments", "IPv4 fragments");

    /// <summary>
    /// When this frame completed the datagram: adds the reassembled data source and the fragment list, and returns
    /// the payload to dissect next. <paramref name="updateInfo"/> is false when the fragments were illegal.
    /// </summary>
    public static bool Process(Packet pkt, int parent, FragmentResult r, FragmentItems items, string sourceName, out byte[] data, out int source, out bool updateInfo)
    {
        data = [];
        source = 0;
        updateInfo = true;
        if (r.Completed is not { Data: { } bytes } d) return false;
        data = bytes;
        source = pkt.Tree.AddSource(bytes, sourceName);
        updateInfo = !ShowTree(pkt, parent, d, new Tvb(bytes, 0, bytes.Length, source), items);
        return true;
    }

    /// <summary>show_fragment_tree; returns true when the fragments were illegal (Info then says so).</summary>
    private static bool ShowTree(Packet pkt, int parent, Datagram d, in Tvb tvb, FragmentItems items)
    {
        var pieces = d.Pieces;
        int ft = pkt.AddBytes(items.Fragments, parent, tvb, 0, tvb.Length);
        if (ft != parent) pkt.Tree[ft].Flags |= NodeFlags.Generated;
        if (pkt.WantTree)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append(pieces.Count).Append(' ').Append(pieces.Count == 1 ? items.Fragment.Name : items.Name).Append(" (").Append(tvb.Length).Append(" byte").Append(tvb.Length == 1 ? "" : "s").Append("): ");
            for (int i = 0; i < pieces.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append('#').Append(pieces[i].Frame).Append('(').Append(pieces[i].Length).Append(')');
            }
            pkt.Label(ft, sb.ToString());
        }
        int parentForPieces = ft;
        foreach (var p in pieces)
        {
            int len = Math.Max(0, Math.Min(p.Length, tvb.Length - p.Offset));
            // A fragment with errors is listed under the error field, so ip.fragment lists only the good ones.
            var field = p.OverlapConflict || p.TooLong ? items.Error : items.Fragment;
            int n = pkt.Add(field, parentForPieces, tvb, Math.Min(p.Offset, tvb.Length), len, (ulong)p.Frame);
            if (n != parentForPieces) pkt.Tree[n].Flags |= NodeFlags.Generated;
            if (n != parentForPieces && pkt.WantTree)
                pkt.Label(n, p.Length > 0
                    ? $"Frame: {p.Frame}, payload: {p.Offset}-{p.Offset + p.Length - 1} ({p.Length} byte{(p.Length == 1 ? "" : "s")})"
                    : $"Frame: {p.Frame} (no data)");
            if (p.Overlap) pkt.AddGenerated(items.Overlap, n, 1);
            if (p.OverlapConflict) pkt.AddGenerated(items.OverlapConflict, n, 1);
            if (p.TooLong) pkt.AddGenerated(items.TooLong, n, 1);
        }
        if (d.MultipleTails) pkt.AddGenerated(items.MultipleTails, parentForPieces, 1);
        pkt.AddGenerated(items.Count, parentForPieces, (ulong)pieces.Count);
        pkt.AddGenerated(items.ReassembledLength, parentForPieces, (ulong)tvb.Length);
        if (items.ReassembledData is { } rd)
        {
            int n = pkt.AddBytes(rd, parentForPieces, tvb, 0, tvb.Length);
            if (n != parentForPieces) pkt.Tree[n].Flags |= NodeFlags.Generated;
        }
        bool illegal = d.OverlapConflict || d.MultipleTails || d.TooLong;
        if (illegal && pkt.WantColumns) pkt.Info.Set($"[Illegal {items.Tag}]");
        return illegal;
    }
}
