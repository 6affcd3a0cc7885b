using Mako.Capture;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Dumpcap;

/// <summary>dumpcap's command line, parsed. The capture flags proper (interfaces and their per-interface flags, stop
/// conditions, ring buffer, output) live in <see cref="CaptureArgs"/>, which tshark mode shares.</summary>
internal sealed class DumpcapOptions
{
    public CaptureArgs Capture { get; } = new();
    public bool ListInterfaces, ListLinkTypes, ListTimestampTypes, MachineReadable, DumpBpf, Quiet, Help, Version, GroupRead;
    public string? TempDir;

    private const int OptTsType = 1000, OptListTs = 1001, OptComment = 1002, OptTempDir = 1003, OptIfName = 1004, OptIfDescr = 1005, OptLog = 1006;

    private static readonly LongOption[] Longs =
    [
        new("interface", ArgKind.Required, 'i'),
        new("snapshot-length", ArgKind.Required, 's'),
        new("no-promiscuous-mode", ArgKind.None, 'p'),
        new("monitor-mode", ArgKind.None, 'I'),
        new("buffer-size", ArgKind.Required, 'B'),
        new("linktype", ArgKind.Required, 'y'),
        new("time-stamp-type", ArgKind.Required, OptTsType),
        new("list-interfaces", ArgKind.None, 'D'),
        new("list-data-link-types", ArgKind.None, 'L'),
        new("list-time-stamp-types", ArgKind.None, OptListTs),
        new("autostop", ArgKind.Required, 'a'),
        new("ring-buffer", ArgKind.Required, 'b'),
        new("capture-comment", ArgKind.Required, OptComment),
        new("temp-dir", ArgKind.Required, OptTempDir),
        new("ifname", ArgKind.Required, OptIfName),
        new("ifdescr", ArgKind.Required, OptIfDescr),
        new("log-level", ArgKind.Required, OptLog),
        new("log-fatal", ArgKind.Required, OptLog),
        new("log-domains", ArgKind.Required, OptLog),
        new("log-debug", ArgKind.Required, OptLog),
        new("log-noisy", ArgKind.Required, OptLog),
        new("log-file", ArgKind.Required, OptLog),
        new("help", ArgKind.None, 'h'),
        new("version", ArgKind.None, 'v'),
    ];

    /// <summary>Parses; on error returns null with dumpcap's message (without the "dumpcap: " prefix).</summary>
    public static DumpcapOptions? Parse(string[] args, out string? error, out bool usage)
    {
        usage = false;
        var g = new Getopt("a:b:B:c:C:dDf:F:ghi:Ik:LMnN:pPqs:St:vw:y:Z:", Longs);
        if (!g.TryParse(args, out var opts, out var operands, out error))
        {
            error = error!.StartsWith("invalid option -- '", StringComparison.Ordinal)
                ? "unrecognized option: " + error[19..^1] : error;
            usage = true;
            return null;
        }
        var o = new DumpcapOptions();
        try
        {
            foreach (var p in opts)
                o.Apply(p);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
        if (operands.Count > 0)
        {
            error = $"Invalid argument: {operands[0]}";
            usage = true;
            return null;
        }
        return o;
    }

    private void Apply(ParsedOption p)
    {
        string v = p.Value ?? "";
        switch (p.Id)
        {
            case 'i': Capture.AddInterface(v); break;
            case 'f': Capture.SetFilter(v); break;
            case 's': Capture.SetSnapLength(v); break;
            case 'p': Capture.SetNoPromiscuous(); break;
            case 'B': Capture.SetBufferSize(v); break;
            case 'y': Capture.SetLinkType(v); break;
            case OptTsType: Capture.SetTimestampType(v); break;
            case 'c': Capture.SetPacketCount(v); break;
            case 'a': Capture.ApplyAutostop(v); break;
            case 'b': Capture.ApplyRing(v); break;
            case 'w': Capture.WritePath = v; break;
            case 'n': Capture.Format = CaptureFormat.PcapNg; break;
            case 'P': Capture.Format = CaptureFormat.Pcap; break;
            case 'F':
                Capture.Format = v switch
                {
                    "pcapng" => CaptureFormat.PcapNg,
                    "pcap" or "libpcap" => CaptureFormat.Pcap,
                    "nsecpcap" => CaptureFormat.PcapNanosecond,
                    _ => throw new FormatException($"The file format \"{v}\" isn't supported for capturing (use pcapng or pcap)"),
                };
                break;
            case 'D': ListInterfaces = true; break;
            case 'L': ListLinkTypes = true; break;
            case OptListTs: ListTimestampTypes = true; break;
            case 'M': MachineReadable = true; break;
            case 'd': DumpBpf = true; break;
            case 'q': Quiet = true; break;
            case 'g': GroupRead = true; break;
            case 'h': Help = true; break;
            case 'v': Version = true; break;
            case OptComment: Capture.Comments.Add(v); break;
            case OptTempDir: TempDir = v; break;
            case 't' or 'N' or 'C' or OptLog:
                break;   // threading and buffering knobs of dumpcap's own queue, and logging: accepted, no effect
            case 'I':
                throw new FormatException("Monitor mode (-I) is not supported by Mako.");
            case 'k':
                throw new FormatException("Setting a Wi-Fi channel (-k) is not supported by Mako.");
            case 'S':
                throw new FormatException("Per-second interface statistics (-S) are not supported by Mako.");
            case 'Z':
                throw new FormatException("Capture-child mode (-Z) is internal to Wireshark and not supported.");
            case OptIfName or OptIfDescr:
                throw new FormatException($"{p.Spelling} applies to capture from pipes, which Mako does not support.");
        }
    }
}
