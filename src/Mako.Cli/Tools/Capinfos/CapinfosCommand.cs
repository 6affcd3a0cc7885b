using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// `mako capinfos`: Wireshark 4.0's capinfos, same flags and byte-for-byte the same report. Exit status as capinfos:
/// 0 when every file was read, 1 for a bad flag or when a file was cut short (its report is still printed),
/// 2 when a file could not be opened or read (no report); the status of the last failing file wins.
/// </summary>
public sealed class CapinfosCommand : ISubcommand
{
    private const string ShortFlags = "abcdehiklmnoqrstuvxyzABCDEFHIKLMNQRST";
    private static readonly LongOption[] LongFlags = [new("help", ArgKind.None, 'h'), new("version", ArgKind.None, 'v')];

    public string Name => "capinfos";
    public string Summary => "print information about capture files (Wireshark capinfos)";

    public int Run(string[] args, CliIo io)
    {
        var opt = new CapinfosOptions();
        if (!new Getopt(ShortFlags, LongFlags).TryParse(args, out var flags, out var files, out string? error))
        {
            io.Err.Write($"capinfos: {CapinfosHelp.GetoptMessage(error!)}\n");
            CapinfosHelp.WriteUsage(io.Err);
            return 1;
        }
        foreach (var f in flags)
        {
            switch ((char)f.Id)
            {
                case 'h':
                    CapinfosHelp.WriteHelp(io.Out);
                    return 0;
                case 'v':
                    CapinfosHelp.WriteVersion(io.Out);
                    return 0;
                default:
                    Apply(opt, (char)f.Id);
                    break;
            }
        }
        if (files.Count == 0)
        {
            CapinfosHelp.WriteUsage(io.Err);
            return 1;
        }

        var table = opt.LongReport ? null : new TableReport(io.Out, opt);
        if (table is not null && opt.TableHeader)
            table.WriteHeader();

        int overall = 0;
        bool needSeparator = false;
        foreach (string file in files)
        {
            int status = new FileProcessor(io, opt, table).Process(file, needSeparator);
            if (status != 0)
            {
                overall = status;
                if (opt.StopAfterFailure)
                    break;
            }
            if (status != 2)
                needSeparator = true;
        }
        return overall;
    }

    private static void Apply(CapinfosOptions o, char flag)
    {
        switch (flag)
        {
            case 't': o.Select(x => x.FileType = true); break;
            case 'E': o.Select(x => x.FileEncap = true); break;
            case 'l': o.Select(x => x.SnapLength = true); break;
            case 'c': o.Select(x => x.PacketCount = true); break;
            case 's': o.Select(x => x.FileSize = true); break;
            case 'd': o.Select(x => x.DataSize = true); break;
            case 'u': o.Select(x => x.Duration = true); break;
            case 'a': o.Select(x => x.StartTime = true); break;
            case 'e': o.Select(x => x.EndTime = true); break;
            case 'y': o.Select(x => x.DataRateBytes = true); break;
            case 'i': o.Select(x => x.DataRateBits = true); break;
            case 'z': o.Select(x => x.PacketSize = true); break;
            case 'x': o.Select(x => x.PacketRate = true); break;
            case 'H': o.Select(x => x.Hashes = true); break;
            case 'o': o.Select(x => x.Order = true); break;
            case 'k': o.Select(x => x.Comment = true); break;
            case 'F': o.Select(x => x.MoreInfo = true); break;
            case 'I': o.Select(x => x.Interfaces = true); break;
            case 'n': o.Select(x => x.NameResolution = true); break;
            case 'D': o.Select(x => x.DecryptionSecrets = true); break;
            case 'S': o.TimeAsSeconds = true; break;
            case 'K': o.Comment = false; break;
            case 'C': o.StopAfterFailure = true; break;
            case 'A': o.EnableAll(); break;
            case 'L': o.LongReport = true; break;
            case 'T': o.LongReport = false; break;
            case 'M': o.MachineReadable = true; break;
            case 'R': o.TableHeader = true; break;
            case 'r': o.TableHeader = false; break;
            case 'N': o.Quote = '\0'; break;
            case 'q': o.Quote = '\''; break;
            case 'Q': o.Quote = '"'; break;
            case 'B': o.Separator = '\t'; break;
            case 'm': o.Separator = ','; break;
            case 'b': o.Separator = ' '; break;
        }
    }
}
