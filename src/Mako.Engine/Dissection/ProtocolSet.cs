using System.Reflection;
using Mako.Engine.Fields;

namespace Mako.Engine.Dissection;

/// <summary>
/// Every protocol, field and dissector table known to this process, built once from the dissector classes found in
/// the given assemblies. Immutable after construction and shared by all captures.
/// </summary>
public sealed class ProtocolSet
{
    private static readonly object Gate = new();
    private static ProtocolSet? _default;
    private static Assembly[] _defaultAssemblies = [];

    public FieldRegistry Fields { get; }
    public DissectorTables Tables { get; } = new();
    public IReadOnlyList<Dissector> Dissectors { get; }
    private readonly Dictionary<string, Dissector> _byProtocol = new();

    private ProtocolSet(IEnumerable<Assembly> assemblies)
    {
        var dissectors = new List<Dissector>();
        foreach (var asm in assemblies.Append(typeof(ProtocolSet).Assembly).Distinct())
        {
            foreach (var t in asm.GetTypes())
            {
                if (t.IsAbstract || !typeof(Dissector).IsAssignableFrom(t) || t.GetConstructor(Type.EmptyTypes) is null) continue;
                // Run static initializers now: expert items declared as static fields must exist before the registry is built.
                System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(t.TypeHandle);
                dissectors.Add((Dissector)Activator.CreateInstance(t)!);
            }
        }
        dissectors.Sort((a, b) => string.CompareOrdinal(a.Protocol.Abbrev, b.Protocol.Abbrev));
        Dissectors = dissectors;

        var protocols = new List<ProtocolDef>();
        foreach (var d in dissectors)
        {
            protocols.Add(d.Protocol);
            protocols.AddRange(d.ExtraProtocols);
        }
        protocols.AddRange(CoreProtocols.All);
        Fields = new FieldRegistry(protocols.Distinct(), [CoreProtocols.Text]);

        foreach (var d in dissectors)
        {
            _byProtocol.TryAdd(d.Protocol.Abbrev, d);
            Tables.Register(d.Protocol.Abbrev, d);
        }
        foreach (var d in dissectors) d.Handoff(Tables);
    }

    public Dissector? ForProtocol(string filterName) => _byProtocol.GetValueOrDefault(filterName);

    /// <summary>Call once at startup (the CLI does) with the assemblies holding dissectors.</summary>
    public static void Configure(params Assembly[] assemblies)
    {
        lock (Gate)
        {
            if (_default is not null) return;
            _defaultAssemblies = assemblies;
        }
    }

    /// <summary>The process-wide set: field ids are process-wide, so there is exactly one.</summary>
    public static ProtocolSet Default
    {
        get
        {
            if (_default is not null) return _default;
            lock (Gate)
            {
                return _default ??= new ProtocolSet(_defaultAssemblies);
            }
        }
    }
}
