using Mako.Engine.Fields;

namespace Mako.Engine.Dissection;

/// <summary>
/// A protocol dissector. Instances are stateless and shared by every capture; per-capture state lives in
/// <see cref="CaptureSession"/> (conversations, per-protocol state objects). Concrete dissectors in the protocol
/// assemblies are discovered by reflection when the <see cref="ProtocolSet"/> is built: adding a protocol touches
/// only its own folder.
/// </summary>
public abstract class Dissector
{
    protected Dissector(ProtocolDef protocol) => Protocol = protocol;

    public ProtocolDef Protocol { get; }

    /// <summary>Other protocols this module declares (pseudo-protocols, sub-protocols), besides <see cref="Protocol"/>.</summary>
    public virtual IEnumerable<ProtocolDef> ExtraProtocols => [];

    /// <summary>
    /// Dissects <paramref name="tvb"/>, attaching nodes under <paramref name="parent"/> (-1 = top level).
    /// Returns the bytes consumed; 0 means "not mine" (the caller then tries the next candidate or shows data).
    /// </summary>
    public abstract int Dissect(Tvb tvb, Packet pkt, int parent);

    /// <summary>For heuristic lists: a quick look that must not throw when it says no; dissects and returns true when yes.</summary>
    public virtual bool Heuristic(Tvb tvb, Packet pkt, int parent) => false;

    /// <summary>Phase 2 of registration: attach to other protocols' tables and heuristic lists (once per process).</summary>
    public virtual void Handoff(DissectorTables tables) { }
}

/// <summary>A named uint-keyed dispatch table (ethertype, ip.proto, tcp.port...).</summary>
public sealed class UIntTable(string name)
{
    public string Name { get; } = name;
    public Dictionary<uint, Dissector> Entries { get; } = new();
}

/// <summary>A named string-keyed dispatch table (media_type...).</summary>
public sealed class StringTable(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, Dissector> Entries { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed record HeuristicEntry(string Name, Dissector Dissector, bool EnabledByDefault);

/// <summary>An ordered heuristic list (tcp, udp...).</summary>
public sealed class HeuristicList(string name)
{
    public string Name { get; } = name;
    public List<HeuristicEntry> Entries { get; } = new();
}

/// <summary>All dispatch tables and heuristic lists, by name.</summary>
public sealed class DissectorTables
{
    private readonly Dictionary<string, UIntTable> _uint = new();
    private readonly Dictionary<string, StringTable> _string = new();
    private readonly Dictionary<string, HeuristicList> _heur = new();
    private readonly Dictionary<string, Dissector> _byName = new();

    public UIntTable UInt(string name) => _uint.TryGetValue(name, out var t) ? t : _uint[name] = new UIntTable(name);
    public StringTable String(string name) => _string.TryGetValue(name, out var t) ? t : _string[name] = new StringTable(name);
    public HeuristicList Heuristic(string name) => _heur.TryGetValue(name, out var t) ? t : _heur[name] = new HeuristicList(name);

    public void AddUInt(string table, uint key, Dissector d) => UInt(table).Entries[key] = d;
    public void AddString(string table, string key, Dissector d) => String(table).Entries[key] = d;
    public void AddHeuristic(string list, string name, Dissector d, bool enabledByDefault = true) =>
        Heuristic(list).Entries.Add(new HeuristicEntry(name, d, enabledByDefault));

    public void Register(string name, Dissector d) => _byName[name] = d;
    public Dissector? ByName(string name) => _byName.GetValueOrDefault(name);

    public bool HasUIntTable(string name) => _uint.ContainsKey(name);
    public IEnumerable<UIntTable> UIntTables => _uint.Values;
    public IEnumerable<HeuristicList> HeuristicLists => _heur.Values;
    public IEnumerable<string> DissectorNames => _byName.Keys;
}
