namespace Mako.Engine.Fields;

/// <summary>
/// All fields by id and by abbreviation. Ids are dense and stable within a process: protocols, then their fields, in
/// protocol order. A duplicate abbreviation with a different type is a programming error and fails at startup.
/// </summary>
public sealed class FieldRegistry
{
    private readonly List<FieldDef> _byId = new();
    private readonly Dictionary<string, FieldDef> _byName = new(StringComparer.Ordinal);
    private readonly List<ProtocolDef> _protocols = new();

    public FieldRegistry(IEnumerable<ProtocolDef> protocols, IEnumerable<FieldDef>? standalone = null)
    {
        // Fields outside any protocol (the "text" item) come first so their ids do not depend on the protocols.
        if (standalone is not null) foreach (var f in standalone) Register(f);
        foreach (var p in protocols.OrderBy(p => p.Abbrev, StringComparer.Ordinal))
        {
            _protocols.Add(p);
            Register(p);
            foreach (var f in p.Fields) Register(f);
            foreach (var e in p.Experts) Register(e);
        }
    }

    private void Register(FieldDef f)
    {
        if (_byName.TryGetValue(f.Abbrev, out var existing))
        {
            if (existing.Type != f.Type)
                throw new InvalidOperationException($"Field '{f.Abbrev}' registered twice with types {existing.Type} and {f.Type}");
            // Same name and type declared twice (Wireshark allows this, e.g. ip.addr under src and dst): share one id.
            if (f.Id < 0) f.Id = existing.Id;
            return;
        }
        if (f.Id >= 0 && f.Id != _byId.Count)
            throw new InvalidOperationException($"Field '{f.Abbrev}' already has id {f.Id}; only one registry may exist per process");
        f.Id = _byId.Count;
        _byId.Add(f);
        _byName[f.Abbrev] = f;
    }

    public int Count => _byId.Count;
    public FieldDef this[int id] => _byId[id];
    public IReadOnlyList<FieldDef> All => _byId;
    public IReadOnlyList<ProtocolDef> Protocols => _protocols;
    public FieldDef? Find(string abbrev) => _byName.GetValueOrDefault(abbrev);
    public bool TryFind(string abbrev, out FieldDef field) => _byName.TryGetValue(abbrev, out field!);
}
