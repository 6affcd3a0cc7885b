using System.Globalization;
using Mako.Capture;
using Mako.Capture.Output;
using Mako.Files;

namespace Mako.Cli.Tools.Dumpcap;

/// <summary>dumpcap's command line, parsed. Per-interface flags (-f -s -p -B -y --time-stamp-type) apply to the
/// last -i before them, or, given before any -i, to every interface (dumpcap's rule).</summary>
internal sealed class DumpcapOptions
{
    public List<InterfaceOptions> Interfaces { get; } = new();
    public bool ListInterfaces, ListLinkTypes, ListTimestampTypes, MachineReadable, DumpBpf, Quiet, Help, Version, GroupRead;
    public string? WritePath;
    public CaptureFormat Format = CaptureFormat.PcapNg;
    public long PacketLimit;
    public double? Duration;
    public long? StopFileSizeKB;
    public int? StopFiles;
    public long? SwitchFileSizeKB, SwitchPackets;
    public double? SwitchDuration;
    public int? SwitchInterval, RingFiles;
    public string? PrintNameTo;
    public List<string> Comments { get; } = new();
    public string? TempDir;

    // Defaults given before the first -i.
    private string? _filter, _linkType, _tsType;
    private int? _snap, _buffer;
    private bool? _promisc;

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

    /// <summary>Applies the per-interface flags given before any -i.</summary>
    public InterfaceOptions DefaultsFor(InterfaceOptions io)
    {
        if (_filter is not null) io.Filter = _filter;
        if (_snap is int s) io.SnapLength = s;
        if (_promisc is bool pr) io.Promiscuous = pr;
        if (_buffer is int b) io.BufferSizeMiB = b;
        if (_linkType is not null) io.LinkType = _linkType;
        if (_tsType is not null) io.TimestampType = _tsType;
        return io;
    }

    private InterfaceOptions? Last => Interfaces.Count == 0 ? null : Interfaces[^1];

    private void Apply(ParsedOption p)
    {
        string v = p.Value ?? "";
        switch (p.Id)
        {
            case 'i':
                Interfaces.Add(DefaultsFor(new InterfaceOptions { Name = v }));
                break;
            case 'f':
                if (Last is { } li) li.Filter = v; else _filter = v;
                break;
            case 's':
                int snap = ParseInt(v, $"The specified snapshot length \"{v}\" isn't a decimal number");
                if (snap == 0) snap = InterfaceOptions.DefaultSnapLength;   // 0 means "the maximum", as in dumpcap
                if (snap < 0) throw new FormatException($"The specified snapshot length \"{v}\" is a negative number");
                if (Last is { } ls) ls.SnapLength = snap; else _snap = snap;
                break;
            case 'p':
                if (Last is { } lp) lp.Promiscuous = false; else _promisc = false;
                break;
            case 'B':
                int buf = ParseInt(v, $"The specified buffer size \"{v}\" isn't a decimal number");
                if (buf < 1) throw new FormatException($"The specified buffer size \"{v}\" is zero or negative");
                if (Last is { } lb) lb.BufferSizeMiB = buf; else _buffer = buf;
                break;
            case 'y':
                if (Last is { } ly) ly.LinkType = v; else _linkType = v;
                break;
            case OptTsType:
                if (Last is { } lt) lt.TimestampType = v; else _tsType = v;
                break;
            case 'c':
                PacketLimit = ParseLong(v, $"The specified packet count \"{v}\" isn't a decimal number");
                if (PacketLimit < 0) throw new FormatException($"The specified packet count \"{v}\" is a negative number");
                break;
            case 'a': ApplyAutostop(v); break;
            case 'b': ApplyRing(v); break;
            case 'w': WritePath = v; break;
            case 'n': Format = CaptureFormat.PcapNg; break;
            case 'P': Format = CaptureFormat.Pcap; break;
            case 'F':
                Format = v switch
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
            case OptComment: Comments.Add(v); break;
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

    private void ApplyAutostop(string v)
    {
        var (key, num) = SplitCondition(v, "-a");
        switch (key)
        {
            case "duration":
                Duration = ParseDouble(num, $"The specified capture duration \"{num}\" isn't a valid number");
                break;
            case "filesize":
                StopFileSizeKB = ParseLong(num, $"The specified file size \"{num}\" isn't a decimal number");
                break;
            case "files":
                StopFiles = ParseInt(num, $"The specified number of files \"{num}\" isn't a decimal number");
                break;
            case "packets":
                PacketLimit = ParseLong(num, $"The specified packet count \"{num}\" isn't a decimal number");
                break;
            default:
                throw new FormatException($"Invalid or unknown -a flag \"{v}\"");
        }
    }

    private void ApplyRing(string v)
    {
        var (key, num) = SplitCondition(v, "-b");
        switch (key)
        {
            case "duration":
                SwitchDuration = ParseDouble(num, $"The specified file duration \"{num}\" isn't a valid number");
                break;
            case "filesize":
                SwitchFileSizeKB = ParseLong(num, $"The specified file size \"{num}\" isn't a decimal number");
                break;
            case "files":
                RingFiles = ParseInt(num, $"The specified number of ring buffer files \"{num}\" isn't a decimal number");
                break;
            case "packets":
                SwitchPackets = ParseLong(num, $"The specified packet count \"{num}\" isn't a decimal number");
                break;
            case "interval":
                SwitchInterval = ParseInt(num, $"The specified interval \"{num}\" isn't a decimal number");
                break;
            case "printname":
                PrintNameTo = num;
                break;
            default:
                throw new FormatException($"Invalid or unknown -b arg \"{v}\"");
        }
    }

    private static (string Key, string Value) SplitCondition(string v, string flag)
    {
        int c = v.IndexOf(':');
        if (c <= 0)
            throw new FormatException(flag == "-a" ? $"Invalid or unknown -a flag \"{v}\"" : $"Invalid or unknown -b arg \"{v}\"");
        return (v[..c], v[(c + 1)..]);
    }

    private static int ParseInt(string s, string message)
        => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException(message);

    private static long ParseLong(string s, string message)
        => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw new FormatException(message);

    private static double ParseDouble(string s, string message)
        => double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && v > 0 && v < 1e9
            ? v : throw new FormatException(message);

    /// <summary>The file options for a capture to <paramref name="path"/>.</summary>
    public CaptureFileOptions FileOptions(string path, Stream? stream)
    {
        var f = new CaptureFileOptions { Path = path, Stream = stream, Format = Format };
        f.Comments.AddRange(Comments);
        f.SwitchFileSizeKB = SwitchFileSizeKB;
        f.SwitchPackets = SwitchPackets;
        f.SwitchDuration = SwitchDuration is double d ? TimeSpan.FromSeconds(d) : null;
        f.SwitchIntervalSeconds = SwitchInterval;
        f.RingFiles = RingFiles;
        f.StopFileSizeKB = StopFileSizeKB;
        f.StopFiles = StopFiles;
        return f;
    }

    /// <summary>True when -b asked for switching; files:N alone is not enough.</summary>
    public bool WantsRing => SwitchFileSizeKB is > 0 || SwitchPackets is > 0 || SwitchDuration is not null || SwitchInterval is > 0;
    public bool AnyRingFlag => WantsRing || RingFiles is not null || PrintNameTo is not null;
}
