using System.Collections.Frozen;

namespace Mako.Engine.Fields;

/// <summary>A value_string / range_string: maps integer values to names for display and for filters.</summary>
public sealed class ValueNames
{
    private readonly FrozenDictionary<ulong, string> _exact;
    private readonly (ulong Lo, ulong Hi, string Name)[] _ranges;

    public ValueNames(IEnumerable<KeyValuePair<ulong, string>> exact, IEnumerable<(ulong Lo, ulong Hi, string Name)>? ranges = null)
    {
        _exact = exact.ToFrozenDictionary();
        _ranges = ranges?.ToArray() ?? [];
    }

    public static ValueNames Of(params (ulong Value, string Name)[] pairs)
    {
        var d = new Dictionary<ulong, string>();
        foreach (var (v, n) in pairs) d.TryAdd(v, n);
        return new ValueNames(d);
    }

    public static ValueNames Ranges(params (ulong Lo, ulong Hi, string Name)[] ranges) => new([], ranges);

    public string? Lookup(ulong value)
    {
        if (_exact.TryGetValue(value, out var s)) return s;
        foreach (var r in _ranges)
            if (value >= r.Lo && value <= r.Hi) return r.Name;
        return null;
    }

    /// <summary>All (value, name) pairs, for filters that accept names and for `-G values`.</summary>
    public IEnumerable<(ulong Value, string Name)> Entries()
    {
        foreach (var kv in _exact) yield return (kv.Key, kv.Value);
        foreach (var r in _ranges) yield return (r.Lo, r.Name);
    }

    public bool TryFindValue(string name, out ulong value)
    {
        foreach (var kv in _exact)
            if (string.Equals(kv.Value, name, StringComparison.OrdinalIgnoreCase)) { value = kv.Key; return true; }
        foreach (var r in _ranges)
            if (string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) { value = r.Lo; return true; }
        value = 0;
        return false;
    }
}

/// <summary>true_false_string: what a boolean shows when set and clear.</summary>
public sealed record TrueFalse(string True, string False)
{
    public static readonly TrueFalse SetNotSet = new("Set", "Not set");
    public static readonly TrueFalse TrueFalseDefault = new("True", "False");
    public static readonly TrueFalse YesNo = new("Yes", "No");
}
