using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Mergecap;

/// <summary>`mako mergecap`: Wireshark 4.0's mergecap (chronological merge or concatenation of capture files).</summary>
internal sealed class MergecapCommand : ISubcommand
{
    public string Name => "mergecap";
    public string Summary => "Merge two or more capture files into one (as mergecap)";

    private const string Usage = """

        Usage: mergecap [options] -w <outfile>|- <infile> [<infile> ...]

        Output:
          -a                concatenate rather than merge files.
                            default is to merge based on frame timestamps.
          -s <snaplen>      truncate packets to <snaplen> bytes of data.
          -w <outfile>|-    set the output filename to <outfile> or '-' for stdout.
          -F <capture type> set the output file type; default is pcapng.
                            an empty "-F" option will list the file types.
          -I <IDB merge mode> set the merge mode for Interface Description Blocks; default is 'all'.
                            an empty "-I" option will list the merge modes.

        Miscellaneous:
          -h, --help        display this help and exit.
          -V                verbose output.
          -v, --version     print version information and exit.

        """;

    private static readonly LongOption[] LongOptions = [new("help", ArgKind.None, 'h'), new("version", ArgKind.None, 'v')];

    public int Run(string[] args, CliIo io)
    {
        var err = io.Err;
        var o = new MergeOptions();
        if (!new Getopt("aF:hI:s:vVw:", LongOptions).TryParse(args, out var parsed, out var operands, out string? error))
        {
            err.WriteLine("mergecap: " + GetoptErrors.ToWsGetopt(error!));
            switch (GetoptErrors.MissingArgumentOf(error!))
            {
                case 'F': FileTypes.List(err, "mergecap"); break;
                case 'I': ListModes(err); break;
                default: err.Write(Usage); break;
            }
            return 2;
        }
        try
        {
            foreach (var p in parsed)
            {
                string v = p.Value ?? "";
                switch (p.Id)
                {
                    case 'a': o.Append = !o.Append; break;
                    case 'F':
                        if (!FileTypes.TryParse(v, out var f))
                        {
                            err.WriteLine($"mergecap: \"{v}\" isn't a valid capture file type");
                            FileTypes.List(err, "mergecap");
                            return 2;
                        }
                        o.Format = f;
                        break;
                    case 'h':
                        io.Out.WriteLine(SystemInfo.Banner("Mergecap"));
                        io.Out.WriteLine("Merge two or more capture files into one.");
                        io.Out.WriteLine("See https://www.wireshark.org for more information.");
                        io.Out.Write(Usage);
                        return 0;
                    case 'I':
                        if (!TryParseMode(v, out var mode))
                        {
                            err.WriteLine($"mergecap: \"{v}\" isn't a valid IDB merge mode");
                            ListModes(err);
                            return 2;
                        }
                        o.Mode = mode;
                        break;
                    case 's': o.SnapLength = NumberArgs.NonZeroUInt32(v, "snapshot length"); break;
                    case 'V': o.Verbose = true; break;
                    case 'v':
                        io.Out.WriteLine(SystemInfo.Banner("Mergecap"));
                        return 0;
                    case 'w': o.OutFile = v; break;
                }
            }
        }
        catch (ToolError e)
        {
            err.WriteLine("mergecap: " + e.Message);
            return e.ExitCode;
        }

        if (o.OutFile is null)
        {
            err.WriteLine("mergecap: an output filename must be set with -w");
            err.WriteLine("          run with -h for help");
            return 2;
        }
        if (operands.Count < 1)
        {
            err.WriteLine("mergecap: No input files were specified");
            return 1;
        }
        if (o.Mode is not null && o.Format != CaptureFormat.PcapNg)
        {
            err.WriteLine("The IDB merge mode can only be used with an output format that identifies interfaces");
            return 2;
        }
        o.InFiles.AddRange(operands);
        return new MergecapRun(o, io).Execute();
    }

    private static readonly string[] ModeNames = ["none", "all", "any"];

    private static bool TryParseMode(string v, out IdbMergeMode mode)
    {
        mode = v switch { "none" => IdbMergeMode.None, "all" => IdbMergeMode.All, "any" => IdbMergeMode.Any, _ => (IdbMergeMode)(-1) };
        return (int)mode >= 0;
    }

    private static void ListModes(TextWriter w)
    {
        w.WriteLine("mergecap: The available IDB merge modes for the \"-I\" flag are:");
        foreach (var m in ModeNames)
            w.WriteLine($"    {m}");
    }
}

/// <summary>How mergecap combines the inputs' interfaces (-I).</summary>
internal enum IdbMergeMode
{
    /// <summary>Every input interface becomes an output interface.</summary>
    None,
    /// <summary>When all files have the same interfaces (pairwise identical), keep one set; otherwise as None.</summary>
    All,
    /// <summary>An interface identical to one already in the output is merged into it.</summary>
    Any,
}

internal sealed class MergeOptions
{
    public bool Append;
    public bool Verbose;
    public CaptureFormat Format = CaptureFormat.PcapNg;
    public IdbMergeMode? Mode;
    public uint SnapLength;
    public string? OutFile;
    public readonly List<string> InFiles = new();
}
