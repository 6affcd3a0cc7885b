using Mako.Engine.Fields;
using Mako.Files;

namespace Mako.Engine.Dissection;

/// <summary>The few interface facts dissection needs (frame.interface_name etc.).</summary>
/// <param name="FcsLength">Bytes of FCS at the end of each frame when the file says (pcap header FCS bits, pcapng
/// if_fcslen read as bytes, as Wireshark does); -1 when unknown.</param>
public sealed record InterfaceInfoLite(int Section, string? Name, string? Description, int LinkType, int Precision, int FcsLength = -1);

/// <summary>User choices that change dissection: Decode As, disabled protocols and heuristics.</summary>
public sealed class DissectionOptions
{
    /// <summary>(table, key) → dissector name, from `-d tcp.port==8888,http`.</summary>
    public Dictionary<(string Table, uint Key), string> DecodeAs { get; } = new();
    public HashSet<string> DisabledProtocols { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> EnabledProtocols { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> DisabledHeuristics { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> EnabledHeuristics { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Name resolution (`-n`, `-N`).</summary>
    public Names.ResolveFlags Resolve { get; set; } = Names.ResolveFlags.Default;

    /// <summary>Preferences as `-o name:value` (protocols read what they know).</summary>
    public Dictionary<string, string> Preferences { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Everything one capture's dissection remembers between packets: timestamps for frame.time_*, per-protocol state
/// (conversations, TCP streams, reassembly), and the user's dissection options. Create one per capture; nothing is
/// static, so two captures can be dissected side by side.
/// </summary>
public sealed class CaptureSession
{
    private readonly Dictionary<Type, object> _state = new();
    private readonly Dictionary<UIntTable, Dictionary<uint, Dissector>>? _overrides;
    private readonly HashSet<Dissector> _disabled = new();
    private readonly List<InterfaceInfoLite> _interfaces = new();
    private readonly Dissector _data;
    private readonly Dissector _frame;

    public CaptureSession(ProtocolSet? protocols = null, DissectionOptions? options = null)
    {
        Protocols = protocols ?? ProtocolSet.Default;
        Options = options ?? new DissectionOptions();
        Names = new Names.NameResolver(Options.Resolve);
        _data = Protocols.ForProtocol("data")!;
        _frame = Protocols.ForProtocol("frame")!;
        foreach (var ((table, key), name) in Options.DecodeAs)
        {
            var d = Protocols.ForProtocol(name) ?? throw new ArgumentException($"unknown protocol {name}");
            _overrides ??= new();
            var t = Protocols.Tables.UInt(table);
            if (!_overrides.TryGetValue(t, out var m)) _overrides[t] = m = new();
            m[key] = d;
        }
        foreach (var name in Options.DisabledProtocols)
        {
            if (Options.EnabledProtocols.Contains(name)) continue;
            if (Protocols.ForProtocol(name) is { } d) _disabled.Add(d);
        }
    }

    public ProtocolSet Protocols { get; }
    public DissectionOptions Options { get; }
    public FieldRegistry Fields => Protocols.Fields;
    public Names.NameResolver Names { get; }

    /// <summary>Called for every expert item (expert statistics taps).</summary>
    public Action<Packet, ExpertDef, string>? ExpertTap { get; set; }

    public bool IsPcapNg { get; set; }

    /// <summary>First pass of -2: where dissectors leave notes for the second pass (null otherwise).</summary>
    public LookAhead? Notes { get; init; }
    /// <summary>Second pass of -2: the first pass's notes (null otherwise).</summary>
    public LookAhead? Recalled { get; init; }

    /// <summary>Leaves a note for the second pass of -2 (nothing happens in a single pass).</summary>
    public void Note(object scope, long key, long value) => Notes?.Set(scope, key, value);

    /// <summary>In the second pass of -2: what the first pass noted under this scope and key.</summary>
    public bool Recall(object scope, long key, out long value)
    {
        value = 0;
        return Recalled is { } r && r.TryGet(scope, key, out value);
    }
    public long FirstTs { get; private set; }
    public long PreviousCapturedTs { get; private set; }
    /// <summary>The previous displayed frame's time; the current packet's own time until one is displayed (delta 0, as tshark).</summary>
    public long PreviousDisplayedTs => _hasDisplayed ? _previousDisplayedTs : _lastPacket?.TimestampNs ?? FirstTs;
    private long _previousDisplayedTs;
    private bool _hasDisplayed;
    /// <summary>Alias used by the delta time column: the previous captured frame's time, as seen by the packet.</summary>
    public long PreviousCapturedTsForColumns => _lastPacket?.PreviousCapturedTs ?? PreviousCapturedTs;
    private Packet? _lastPacket;
    private bool _started;

    public void SetInterfaces(IReadOnlyList<InterfaceInfo> interfaces)
    {
        for (int i = _interfaces.Count; i < interfaces.Count; i++)
        {
            var f = interfaces[i];
            int fcs = f.FcsLength is byte b ? (IsPcapNg ? b : b / 8) : -1;
            _interfaces.Add(new InterfaceInfoLite(f.SectionIndex, f.Name, f.Description, f.LinkType, PrecisionOf(f.TsResolution), fcs));
        }
    }

    /// <summary>Decimal digits that show a timestamp resolution (if_tsresol: 10^-n, or 2^-n when bit 7 is set).</summary>
    public static int PrecisionOf(byte tsresol)
    {
        int n = tsresol & 0x7f;
        if ((tsresol & 0x80) == 0) return Math.Min(n, 9);
        return Math.Min(9, (int)Math.Ceiling(n * Math.Log10(2)));
    }

    public InterfaceInfoLite? Interface(int id) => (uint)id < (uint)_interfaces.Count ? _interfaces[id] : null;

    /// <summary>Per-capture state of type <typeparamref name="T"/> (created on first use).</summary>
    public T State<T>() where T : class, new()
    {
        if (!_state.TryGetValue(typeof(T), out var o)) _state[typeof(T)] = o = new T();
        return (T)o;
    }

    /// <summary>What each per-capture state object holds (see <see cref="IRetainedState"/>), for diagnostics and tests.</summary>
    public IEnumerable<(string Name, long Count)> RetainedState()
    {
        foreach (var o in _state.Values)
            if (o is IRetainedState r)
                foreach (var item in r.Retained()) yield return item;
    }

    /// <summary>Dissects one packet into <paramref name="pkt"/>. Never throws for bad packet data.</summary>
    public void Dissect(PacketRecord rec, Packet pkt)
    {
        if (!_started)
        {
            _started = true;
            FirstTs = PreviousCapturedTs = rec.TimestampNs;
        }
        if (PreviousCapturedTs == long.MinValue)
            PreviousCapturedTs = rec.TimestampNs;   // nothing kept before this packet (SetPreviousCaptured)
        pkt.Reset(rec);
        pkt.PreviousCapturedTs = PreviousCapturedTs;
        _lastPacket = pkt;
        var tvb = new Tvb(rec.Data.Span, 0, (int)Math.Max(rec.OriginalLength, (uint)rec.CapturedLength));
        try
        {
            _frame.Dissect(tvb, pkt, -1);
        }
        catch (DissectorException ex)
        {
            MarkException(pkt, ex.Kind, -1);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MarkBug(pkt, ex);
        }
        PreviousCapturedTs = rec.TimestampNs;
        FinishFrame(pkt);
    }

    /// <summary>
    /// Two-pass read filtering (-2 -R): a packet the read filter drops leaves the capture, so the next packet's
    /// frame.time_delta is measured from the last packet kept (<paramref name="ts"/>), or is 0 before any was kept.
    /// </summary>
    public void SetPreviousCaptured(long? ts)
    {
        if (_started) PreviousCapturedTs = ts ?? long.MinValue;
    }

    /// <summary>Tells the session the packet was displayed (frame.time_delta_displayed of the next one).</summary>
    public void MarkDisplayed(Packet pkt)
    {
        _previousDisplayedTs = pkt.TimestampNs;
        _hasDisplayed = true;
    }

    private static void FinishFrame(Packet pkt)
    {
        int node = pkt.ProtocolsNode;
        if (node >= 0 && pkt.Tree[node].FieldId == FrameFields.Protocols.Id)
            pkt.Tree.SetObject(node, string.Join(':', pkt.Layers));
    }

    /// <summary>Wireshark's show_exception: the marker node, the expert item and the Info suffix.</summary>
    public static void MarkException(Packet pkt, DissectorErrorKind kind, int parent) =>
        MarkException(pkt, kind, parent, new Tvb(default, 0, 0));

    /// <summary>
    /// <see cref="MarkException(Packet, DissectorErrorKind, int)"/> with the marker placed at the start of the buffer
    /// whose dissection failed (Wireshark passes that tvb to show_exception; PDML and JSON print its offset).
    /// </summary>
    public static void MarkException(Packet pkt, DissectorErrorKind kind, int parent, in Tvb at)
    {
        string proto = pkt.CurrentProtocol?.ShortName ?? "Frame";
        var tvb = new Tvb(default, at.Base, 0, at.Source);
        if (kind == DissectorErrorKind.Short)
        {
            int n = pkt.AddProtocol(CoreProtocols.ShortProto, parent, tvb, 0, 0);
            pkt.Tree.SetObject(n, $"[Packet size limited during capture: {proto} truncated]");
            pkt.Label(n, $"[Packet size limited during capture: {proto} truncated]");
            if (pkt.WantColumns) pkt.Info.Append("[Packet size limited during capture]");
        }
        else
        {
            pkt.Malformed = true;
            int n = pkt.AddProtocol(CoreProtocols.MalformedProto, parent, tvb, 0, 0);
            pkt.Tree.SetObject(n, $"[Malformed Packet: {proto}]");
            pkt.Label(n, $"[Malformed Packet: {proto}]");
            // The expert item (group Malformed) also adds Wireshark's hidden, label-less _ws.malformed item.
            pkt.Expert(CoreProtocols.MalformedExpert, n);
            if (pkt.WantColumns) pkt.Info.Append("[Malformed Packet]");
        }
    }

    private static void MarkBug(Packet pkt, Exception ex)
    {
        pkt.Malformed = true;
        pkt.DissectorBug = ex;
        string proto = pkt.CurrentProtocol?.ShortName ?? "Frame";
        var tvb = new Tvb(default, 0, 0);
        int n = pkt.AddProtocol(CoreProtocols.MalformedProto, -1, tvb, 0, 0);
        pkt.Tree.SetObject(n, $"[Malformed Packet: {proto}]");
        pkt.Label(n, $"[Dissector bug, protocol {proto}: {ex.Message}]");
        pkt.Expert(CoreProtocols.MalformedExpert, n, $"Dissector bug, protocol {proto}: {ex.Message}");
        if (pkt.WantColumns) pkt.Info.Append("[Malformed Packet]");
    }

    // ---- Dispatch ---------------------------------------------------------------------------------------------

    public Dissector? Lookup(UIntTable table, uint key)
    {
        if (_overrides is not null && _overrides.TryGetValue(table, out var o) && o.TryGetValue(key, out var od)) return od;
        if (!table.Entries.TryGetValue(key, out var d)) return null;
        return _disabled.Count > 0 && _disabled.Contains(d) ? null : d;
    }

    /// <summary>True when Decode As changed the entry for <paramref name="key"/> (dissector_is_uint_changed): such
    /// entries are tried before heuristics in the TCP/UDP port lookup order.</summary>
    public bool IsOverridden(UIntTable table, uint key) =>
        _overrides is not null && _overrides.TryGetValue(table, out var o) && o.ContainsKey(key);

    public bool IsEnabled(Dissector d) => _disabled.Count == 0 || !_disabled.Contains(d);

    /// <summary>Calls the dissector registered for <paramref name="key"/>; returns bytes consumed (0 = none found / declined).</summary>
    public int TryDispatch(UIntTable table, uint key, Tvb tvb, Packet pkt, int parent)
    {
        var d = Lookup(table, key);
        if (d is null) return 0;
        uint saved = pkt.MatchUInt;
        pkt.MatchUInt = key;
        int n = Call(d, tvb, pkt, parent);
        if (n == 0) pkt.MatchUInt = saved;
        return n;
    }

    /// <summary>Calls a dissector, keeping the current protocol right for error markers.</summary>
    public int Call(Dissector d, Tvb tvb, Packet pkt, int parent)
    {
        var saved = pkt.CurrentProtocol;
        int level = pkt.DesegmentLevel;
        int layers = pkt.Layers.Count;
        if (level > 0) pkt.DesegmentLevel = level - 1;
        int n;
        try
        {
            n = d.Dissect(tvb, pkt, parent);
        }
        finally
        {
            pkt.DesegmentLevel = level;
        }
        if (n == 0)
        {
            pkt.CurrentProtocol = saved;
            // call_dissector_work: a dissector that took nothing (e.g. text lines of an empty body) leaves
            // frame.protocols, though what it added to the tree stays.
            if (pkt.Layers.Count > layers) pkt.Layers.RemoveAt(pkt.Layers.Count - 1);
        }
        return n;
    }

    /// <summary>Tries the enabled heuristics of a list in order.</summary>
    public bool TryHeuristics(HeuristicList list, Tvb tvb, Packet pkt, int parent)
    {
        foreach (var e in list.Entries)
        {
            bool enabled = e.EnabledByDefault ? !Options.DisabledHeuristics.Contains(e.Name) : Options.EnabledHeuristics.Contains(e.Name);
            if (!enabled || !IsEnabled(e.Dissector)) continue;
            var saved = pkt.CurrentProtocol;
            int level = pkt.DesegmentLevel;
            if (level > 0) pkt.DesegmentLevel = level - 1;
            bool claimed;
            try
            {
                claimed = e.Dissector.Heuristic(tvb, pkt, parent);
            }
            finally
            {
                pkt.DesegmentLevel = level;
            }
            if (claimed) return true;
            pkt.CurrentProtocol = saved;
        }
        return false;
    }

    /// <summary>Shows bytes nobody claimed as "data".</summary>
    public int CallData(Tvb tvb, Packet pkt, int parent) => tvb.ReportedLength > 0 ? _data.Dissect(tvb, pkt, parent) : 0;

    /// <summary>
    /// Calls a sub-dissector and contains its exceptions (as Wireshark's TCP/UDP do for their payload), so a damaged
    /// payload marks the packet malformed without undoing the caller's own work.
    /// </summary>
    public int CallContained(Dissector d, Tvb tvb, Packet pkt, int parent)
    {
        try
        {
            return Call(d, tvb, pkt, parent);
        }
        catch (DissectorException ex)
        {
            MarkException(pkt, ex.Kind, -1, tvb);
            return tvb.Length;
        }
    }
}
