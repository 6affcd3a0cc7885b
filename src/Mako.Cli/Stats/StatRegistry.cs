using System.Reflection;

namespace Mako.Cli.Stats;

/// <summary>
/// The `-z` names Mako knows, and tshark's rules for matching an argument to one of them: the names are kept in
/// ordinal order and tried from the last one back, and the first name the argument starts with wins. So
/// "conv,ipv6,..." picks "conv,ipv6" before "conv,ip", and (as in tshark) "conv,tcpx" is conv,tcp.
/// </summary>
internal static class StatRegistry
{
    private static readonly Lazy<(string Name, IStatProvider Provider)[]> Entries = new(Discover);

    /// <summary>All registered names in tshark's listing order.</summary>
    public static IEnumerable<string> Names => Entries.Value.Select(e => e.Name);

    private static (string, IStatProvider)[] Discover()
    {
        var list = new List<(string, IStatProvider)>();
        foreach (var t in typeof(StatRegistry).Assembly.GetTypes())
        {
            if (t.IsAbstract || t.IsInterface || !typeof(IStatProvider).IsAssignableFrom(t)) continue;
            if (t.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is null) continue;
            var p = (IStatProvider)Activator.CreateInstance(t, nonPublic: true)!;
            foreach (var n in p.Names) list.Add((n, p));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return list.ToArray();
    }

    /// <summary>The provider whose name <paramref name="arg"/> starts with, as tshark's process_stat_cmd_arg finds it.</summary>
    public static (string Name, IStatProvider Provider)? Find(string arg)
    {
        var entries = Entries.Value;
        for (int i = entries.Length - 1; i >= 0; i--)
        {
            if (arg.StartsWith(entries[i].Name, StringComparison.Ordinal)) return entries[i];
        }
        return null;
    }

    /// <summary>
    /// Checks every -z argument as tshark does while reading its options: `-z help` lists the names (exit 0), an
    /// unknown one prints "Invalid -z argument" and the list (exit 1). Returns null when all are known.
    /// </summary>
    public static int? Validate(IEnumerable<string> args, CliIo io)
    {
        foreach (var arg in args)
        {
            if (arg == "help")
            {
                io.Err.WriteLine("mako: The available statistics for the \"-z\" option are:");
                WriteList(io.Err);
                return 0;
            }
            if (Find(arg) is null)
            {
                io.Err.WriteLine($"mako: Invalid -z argument \"{arg}\"; it must be one of:");
                WriteList(io.Err);
                return 1;
            }
        }
        return null;
    }

    private static void WriteList(TextWriter w)
    {
        foreach (var n in Names) w.WriteLine($"     {n}");
    }
}
