using Mako.Cli.Stats;

namespace Mako.Cli.Export;

/// <summary>
/// `--export-objects &lt;protocol&gt;,&lt;destdir&gt;` as tshark 4.0 checks it while reading its options (same messages,
/// listing only the types Mako exports), and the exporters it makes once the capture is open. An exporter is a
/// statistic: it sees every packet and writes its files when the capture ends.
/// </summary>
internal static class ExportObjects
{
    /// <summary>The export object types Mako has, in tshark's (sorted) listing order.</summary>
    public static readonly string[] Types = ["imf"];

    /// <summary>Returns an exit code when the program must stop (help: 0, a bad argument: 1), else null.</summary>
    public static int? Validate(IReadOnlyList<string> args, CliIo io)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (arg == "help")
            {
                WriteTypes(io.Err);
                return 0;
            }
            int comma = arg.IndexOf(',');
            string type = comma < 0 ? arg : arg[..comma];
            if (comma < 0 || Array.IndexOf(Types, type) < 0)
            {
                io.Err.WriteLine("mako: \"--export-objects\" are specified as: <protocol>,<destdir>");
                WriteTypes(io.Err);
                return 1;
            }
            if (!seen.Add(type))
            {
                io.Err.WriteLine($"mako: \"--export-objects\" already specified protocol '{type}'");
                return 1;
            }
        }
        return null;
    }

    private static void WriteTypes(TextWriter w)
    {
        w.WriteLine("mako: The available export object types for the \"--export-objects\" option are:");
        foreach (var t in Types) w.WriteLine($"     {t}");
    }

    /// <summary>The exporters for the (validated) arguments.</summary>
    public static IEnumerable<IStatistic> Create(IReadOnlyList<string> args, TextWriter errors)
    {
        foreach (var arg in args)
        {
            int comma = arg.IndexOf(',');
            if (comma > 0 && arg[..comma] == "imf") yield return new ImfExport(new ObjectWriter(arg[(comma + 1)..], errors));
        }
    }
}
