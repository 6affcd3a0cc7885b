using Mako.Engine.Dissection;

namespace Mako.Cli.Stats;

/// <summary>The statistics of one run: created once the capture is open, fed every packet, printed at the end.</summary>
internal sealed class StatRunner
{
    private readonly IStatistic[] _stats;

    private StatRunner(IStatistic[] stats) => _stats = stats;

    public bool IsEmpty => _stats.Length == 0;

    /// <summary>
    /// Creates the statistics for the (already validated) -z arguments. A statistic that cannot start (a bad filter)
    /// prints tshark's message and makes this return null: the run then exits with 1.
    /// </summary>
    public static StatRunner? Start(IReadOnlyList<string> args, StatContext context, CliIo io)
    {
        var stats = new List<IStatistic>(args.Count);
        foreach (var arg in args)
        {
            var found = StatRegistry.Find(arg);
            if (found is not { } f)
            {
                io.Err.WriteLine($"mako: Invalid -z argument \"{arg}\"");
                return null;
            }
            var s = f.Provider.Create(f.Name, arg, context, out var error);
            if (s is null)
            {
                io.Err.WriteLine($"mako: {error}");
                return null;
            }
            stats.Add(s);
        }
        stats.AddRange(Export.ExportObjects.Create(context.Options.ExportObjects, io.Err));
        return new StatRunner(stats.ToArray());
    }

    /// <summary>Marks the fields the statistics read (null = some statistic wants the whole tree).</summary>
    public bool AddInterest(bool[] interest)
    {
        foreach (var s in _stats)
        {
            if (s.FieldIds is not { } ids) return false;
            foreach (int id in ids) interest[id] = true;
        }
        return true;
    }

    public bool NeedsColumns
    {
        get
        {
            foreach (var s in _stats)
            {
                if (s.NeedsColumns) return true;
            }
            return false;
        }
    }

    public void Packet(Packet pkt)
    {
        foreach (var s in _stats) s.Packet(pkt);
    }

    /// <summary>Prints the reports. tshark keeps its tap listeners in a list it prepends to, so the last -z given is
    /// printed first.</summary>
    public void Write(TextWriter output)
    {
        for (int i = _stats.Length - 1; i >= 0; i--) _stats[i].Write(output);
    }
}
