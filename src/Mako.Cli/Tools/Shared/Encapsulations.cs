using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>The encapsulation names "-T" / "-E" accept and list (Wireshark's wtap_encap_name), from <see cref="LinkTypes"/>.</summary>
internal static class Encapsulations
{
    /// <summary>Prints "tool: The available encapsulation types for the "-T" flag are:" and the sorted list.</summary>
    public static void List(TextWriter w, string tool, string flag)
    {
        w.WriteLine($"{tool}: The available encapsulation types for the \"{flag}\" flag are:");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, name, description) in LinkTypes.All)
            seen.TryAdd(name, description);
        var names = new List<string>(seen.Keys);
        names.Sort(NaturalCompare);
        foreach (var n in names)
            w.WriteLine($"    {n} - {seen[n]}");
    }

    /// <summary>Natural ASCII order as Wireshark's ws_ascii_strnatcmp: runs of digits compare by value.</summary>
    public static int NaturalCompare(string? a, string? b)
    {
        if (a is null || b is null)
            return string.CompareOrdinal(a, b);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                if (na.Length != nb.Length)
                    return na.Length.CompareTo(nb.Length);
                int c = na.SequenceCompareTo(nb);
                if (c != 0)
                    return c;
                continue;
            }
            char ca = char.ToLowerInvariant(a[i]), cb = char.ToLowerInvariant(b[j]);
            if (ca != cb)
                return ca.CompareTo(cb);
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
