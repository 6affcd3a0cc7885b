using Mako.Engine.Dissection;
using Mako.Engine.Names;

namespace Mako.Cli.Tshark;

/// <summary>Every tshark flag Mako understands, parsed once (getopt semantics, tshark 4.0 spellings).</summary>
internal sealed class TsharkOptions
{
    public string? ReadFile;
    public List<string> Interfaces { get; } = new();
    public string? CaptureFilter;
    public string? DisplayFilter;
    public string? ReadFilter;
    public bool TwoPass;
    public long Count = -1;
    public List<string> AutoStop { get; } = new();
    public List<string> RingBuffer { get; } = new();
    public string? WriteFile;
    public string? OutputFileType;
    public bool OutputFileTypeList;
    public string? CaptureComment;
    public bool Verbose;
    public List<string> OnlyProtocols { get; } = new();
    public bool PrintSummaryWhileWriting;
    public string? PacketSeparator;
    public bool Hex;
    public List<string> HexDumpOptions { get; } = new();
    public string OutputFormat = "text";
    /// <summary>-T was given (tshark then prints even with -q or -w).</summary>
    public bool OutputFormatSet;
    public List<string> JsonFilterLayers { get; } = new();
    public List<string> JsonTopLayers { get; } = new();
    public List<string> Fields { get; } = new();
    public Dictionary<string, string> FieldOptions { get; } = new();
    public string TimeFormat = "r";
    public string SecondsFormat = "s";
    public bool LineBuffered;
    public bool Quiet;
    public bool VeryQuiet;
    public List<string> Statistics { get; } = new();
    public ResolveFlags Resolve = ResolveFlags.Default;
    public DissectionOptions Dissection { get; } = new();
    public string? Glossary;
    public bool NoDuplicateKeys;
    public bool ListInterfaces, ListLinkTypes, ListTimeStampTypes;
    public int Snaplen = -1;
    public bool NoPromiscuous;
    public string? LinkType;
    public string? BufferSize;
    public bool Help, Version;
    public List<string> ExportObjects { get; } = new();
    public bool Color;
    /// <summary>--bpf-dump EXPR: print the compiled capture filter (Mako extension, like tcpdump -d).</summary>
    public string? BpfDump;
    /// <summary>--bpf-dump-format: "d" (tcpdump -d, the default), "dd" (C array) or "ddd" (decimal).</summary>
    public string BpfDumpFormat = "d";
    /// <summary>Every option in command-line order: capture flags bind to the -i before them (see TsharkCapture).</summary>
    public List<ParsedOption> Parsed { get; private set; } = new();
    /// <summary>Set by live capture when the capture itself writes -w (ring buffers, ISBs), so dissection must not.</summary>
    public bool CaptureWritesFile;
    /// <summary>A capture filter given as operands: it applies to every interface without its own -f.</summary>
    public string? OperandCaptureFilter;

    private const int OptEnableProto = 1000, OptDisableProto = 1001, OptEnableHeur = 1002, OptDisableHeur = 1003,
        OptCaptureComment = 1004, OptHexdump = 1005, OptNoDupKeys = 1006, OptColor = 1007, OptExportObjects = 1008,
        OptTimeStampType = 1009, OptListTsTypes = 1010, OptTempDir = 1011, OptLog = 1012, OptElastic = 1013, OptExportTls = 1014,
        OptBpfDump = 1015, OptBpfDumpFormat = 1016;

    /// <summary>The --time-stamp-type option's id in <see cref="Parsed"/>.</summary>
    internal const int TimeStampTypeId = OptTimeStampType;

    internal static readonly LongOption[] Longs =
    [
        new("interface", ArgKind.Required, 'i'), new("snapshot-length", ArgKind.Required, 's'),
        new("no-promiscuous-mode", ArgKind.None, 'p'), new("monitor-mode", ArgKind.None, 'I'),
        new("buffer-size", ArgKind.Required, 'B'), new("linktype", ArgKind.Required, 'y'),
        new("time-stamp-type", ArgKind.Required, OptTimeStampType), new("list-interfaces", ArgKind.None, 'D'),
        new("list-data-link-types", ArgKind.None, 'L'), new("list-time-stamp-types", ArgKind.None, OptListTsTypes),
        new("autostop", ArgKind.Required, 'a'), new("ring-buffer", ArgKind.Required, 'b'),
        new("read-file", ArgKind.Required, 'r'), new("read-filter", ArgKind.Required, 'R'),
        new("display-filter", ArgKind.Required, 'Y'), new("enable-protocol", ArgKind.Required, OptEnableProto),
        new("disable-protocol", ArgKind.Required, OptDisableProto), new("enable-heuristic", ArgKind.Required, OptEnableHeur),
        new("disable-heuristic", ArgKind.Required, OptDisableHeur), new("capture-comment", ArgKind.Required, OptCaptureComment),
        new("print", ArgKind.None, 'P'), new("hexdump", ArgKind.Required, OptHexdump), new("export-objects", ArgKind.Required, OptExportObjects),
        new("export-tls-session-keys", ArgKind.Required, OptExportTls), new("color", ArgKind.None, OptColor),
        new("no-duplicate-keys", ArgKind.None, OptNoDupKeys), new("elastic-mapping-filter", ArgKind.Required, OptElastic),
        new("temp-dir", ArgKind.Required, OptTempDir), new("log-level", ArgKind.Required, OptLog), new("log-fatal", ArgKind.Required, OptLog),
        new("log-domains", ArgKind.Required, OptLog), new("log-debug", ArgKind.Required, OptLog), new("log-noisy", ArgKind.Required, OptLog),
        new("log-file", ArgKind.Required, OptLog), new("help", ArgKind.None, 'h'), new("version", ArgKind.None, 'v'),
        new("bpf-dump", ArgKind.Required, OptBpfDump), new("bpf-dump-format", ArgKind.Required, OptBpfDumpFormat),
    ];

    /// <summary>tshark's optstring (4.0).</summary>
    internal const string ShortSpec = "2a:b:B:c:C:d:De:E:f:F:gG::hH:i:IJ:j:K:lLM:nN:o:O:pPqQr:R:s:S:t:T:u:U:vVw:W:xX:y:Y:z:";

    public static TsharkOptions Parse(string[] args, out string? error)
    {
        var o = new TsharkOptions();
        error = null;
        // -G takes an optional argument only when attached or when it is the last-but-one word, as tshark does.
        var g = new Getopt(ShortSpec, Longs);
        if (!g.TryParse(args, out var opts, out var operands, out error)) return o;
        o.Parsed = opts;
        foreach (var p in opts)
        {
            string v = p.Value ?? "";
            switch (p.Id)
            {
                case '2': o.TwoPass = true; break;
                case 'a': o.AutoStop.Add(v); break;
                case 'b': o.RingBuffer.Add(v); break;
                case 'B': o.BufferSize = v; break;
                case 'c':
                    if (!long.TryParse(v, out o.Count) || o.Count <= 0)
                    {
                        error = $"The specified packet count \"{v}\" isn't a decimal number";
                        return o;
                    }
                    break;
                case 'C': break; // configuration profiles: accepted, Mako has no profiles yet
                case 'd':
                    if (!ParseDecodeAs(o, v, out error)) return o;
                    break;
                case 'D': o.ListInterfaces = true; break;
                case 'e': o.Fields.Add(v); break;
                case 'E':
                    {
                        int eq = v.IndexOf('=');
                        if (eq <= 0)
                        {
                            error = $"Invalid -E parameter \"{v}\"";
                            return o;
                        }
                        o.FieldOptions[v[..eq]] = v[(eq + 1)..];
                        break;
                    }
                case 'f': o.CaptureFilter = v; break;
                case 'F':
                    o.OutputFileType = v;
                    break;
                case 'g': break;
                case 'G': o.Glossary = p.Value ?? "fields"; break;
                case 'h': o.Help = true; break;
                case 'H': break;
                case 'i': o.Interfaces.Add(v); break;
                case 'I': break;
                case 'j': o.JsonFilterLayers.AddRange(v.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case 'J': o.JsonTopLayers.AddRange(v.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case 'K': break;
                case 'l': o.LineBuffered = true; break;
                case 'L': o.ListLinkTypes = true; break;
                case 'M': break;
                case 'n': o.Resolve = ResolveFlags.None; break;
                case 'N':
                    foreach (char c in v)
                    {
                        o.Resolve |= c switch
                        {
                            'm' => ResolveFlags.Mac,
                            'n' => ResolveFlags.Network,
                            't' => ResolveFlags.Transport,
                            'v' => ResolveFlags.Vlan,
                            'N' or 'd' or 's' => ResolveFlags.None,
                            _ => ResolveFlags.None,
                        };
                        if ("mntvNds".IndexOf(c) < 0)
                        {
                            error = $"-N specifies unknown resolving option '{c}'; valid options are:\n\t'd' to enable address resolution from captured DNS packets\n\t'm' to enable MAC address resolution\n\t'n' to enable network address resolution\n\t'N' to enable using external resolvers (e.g., DNS)\n\t    for network address resolution\n\t's' to enable address resolution using SNI information found in captured\n\t    handshake packets\n\t't' to enable transport-layer port number resolution\n\t'v' to enable VLAN IDs to names resolution";
                            return o;
                        }
                    }
                    break;
                case 'o':
                    {
                        int colon = v.IndexOf(':');
                        if (colon <= 0)
                        {
                            error = $"Invalid -o flag \"{v}\"";
                            return o;
                        }
                        o.Dissection.Preferences[v[..colon]] = v[(colon + 1)..];
                        break;
                    }
                case 'O': o.OnlyProtocols.AddRange(v.Split(',', StringSplitOptions.RemoveEmptyEntries)); o.Verbose = true; break;
                case 'p': o.NoPromiscuous = true; break;
                case 'P': o.PrintSummaryWhileWriting = true; break;
                case 'q': o.Quiet = true; break;
                case 'Q': o.Quiet = o.VeryQuiet = true; break;
                case 'r': o.ReadFile = v; break;
                case 'R': o.ReadFilter = v; break;
                case 's':
                    if (!int.TryParse(v, out o.Snaplen) || o.Snaplen < 0)
                    {
                        error = $"The specified snapshot length \"{v}\" isn't a decimal number";
                        return o;
                    }
                    break;
                case 'S': o.PacketSeparator = v; break;
                case 't':
                    if (v is not ("a" or "ad" or "adoy" or "d" or "dd" or "e" or "r" or "u" or "ud" or "udoy"))
                    {
                        error = $"Invalid time stamp type \"{v}\"; it must be one of:\n\t\"a\"    for absolute\n\t\"ad\"   for absolute with YYYY-MM-DD date\n\t\"adoy\" for absolute with YYYY/DOY date\n\t\"d\"    for delta\n\t\"dd\"   for delta displayed\n\t\"e\"    for epoch\n\t\"r\"    for relative\n\t\"u\"    for absolute UTC\n\t\"ud\"   for absolute UTC with YYYY-MM-DD date\n\t\"udoy\" for absolute UTC with YYYY/DOY date";
                        return o;
                    }
                    o.TimeFormat = v;
                    break;
                case 'T':
                    o.OutputFormat = v;
                    o.OutputFormatSet = true;
                    break;
                case 'u':
                    if (v is not ("s" or "hms"))
                    {
                        error = $"Invalid -u parameter \"{v}\"; it must be one of:\n\t\"s\"   for seconds\n\t\"hms\" for hours, minutes and seconds";
                        return o;
                    }
                    o.SecondsFormat = v;
                    break;
                case 'U': break;
                case 'v': o.Version = true; break;
                case 'V': o.Verbose = true; break;
                case 'w': o.WriteFile = v; break;
                case 'W': break;
                case 'x': o.Hex = true; break;
                case 'X': break;
                case 'y': o.LinkType = v; break;
                case 'Y': o.DisplayFilter = v; break;
                case 'z': o.Statistics.Add(v); break;
                case OptEnableProto: o.Dissection.EnabledProtocols.Add(v); break;
                case OptDisableProto: o.Dissection.DisabledProtocols.Add(v); break;
                case OptEnableHeur: o.Dissection.EnabledHeuristics.Add(v); break;
                case OptDisableHeur: o.Dissection.DisabledHeuristics.Add(v); break;
                case OptCaptureComment: o.CaptureComment = v; break;
                case OptHexdump: o.HexDumpOptions.Add(v); o.Hex = true; break;
                case OptNoDupKeys: o.NoDuplicateKeys = true; break;
                case OptColor: o.Color = true; break;
                case OptExportObjects: o.ExportObjects.Add(v); break;
                case OptListTsTypes: o.ListTimeStampTypes = true; break;
                case OptBpfDump: o.BpfDump = v; break;
                case OptBpfDumpFormat:
                    if (v is not ("d" or "dd" or "ddd"))
                    {
                        error = $"Invalid --bpf-dump-format \"{v}\"; it must be d, dd or ddd (as tcpdump's -d, -dd, -ddd)";
                        return o;
                    }
                    o.BpfDumpFormat = v;
                    break;
                default: break;
            }
        }
        // Remaining operands, joined, are a display filter when reading a file and a capture filter when capturing,
        // as in `tshark -r f.pcap tcp` and `tshark -i eth0 tcp port 80`.
        if (operands.Count > 0)
        {
            string joined = string.Join(' ', operands);
            if (o.ReadFile is not null)
            {
                if (o.DisplayFilter is not null)
                {
                    error = "Display filters were specified both with \"-Y\" and with additional command-line arguments.";
                    return o;
                }
                o.DisplayFilter = joined;
            }
            else
            {
                if (o.CaptureFilter is not null)
                {
                    error = "A capture filter was specified both with \"-f\" and with additional command-line arguments.";
                    return o;
                }
                o.CaptureFilter = o.OperandCaptureFilter = joined;
            }
        }
        o.Dissection.Resolve = o.Resolve;
        return o;
    }

    /// <summary>`-d tcp.port==8888,http` (also `tcp.port==8888-8890,http` and `:` separators).</summary>
    private static bool ParseDecodeAs(TsharkOptions o, string v, out string? error)
    {
        error = null;
        int eq = v.IndexOf("==", StringComparison.Ordinal);
        int comma = v.LastIndexOf(',');
        if (eq <= 0 || comma < eq)
        {
            error = $"\"{v}\" isn't a valid decode-as specification: it must be of the form <layer type>==<selector>,<decode-as protocol>";
            return false;
        }
        string table = v[..eq];
        string sel = v[(eq + 2)..comma];
        string proto = v[(comma + 1)..];
        uint lo, hi;
        int dash = sel.IndexOfAny(['-', ':']);
        if (dash > 0)
        {
            if (!TryUInt(sel[..dash], out lo) || !TryUInt(sel[(dash + 1)..], out hi))
            {
                error = $"Invalid selector numeric range \"{sel}\"";
                return false;
            }
            if (sel[dash] == ':') hi = lo + hi - 1;
        }
        else
        {
            if (!TryUInt(sel, out lo))
            {
                error = $"Invalid selector number \"{sel}\"";
                return false;
            }
            hi = lo;
        }
        for (uint k = lo; k <= hi && k - lo < 65536; k++) o.Dissection.DecodeAs[(table, k)] = proto;
        return true;
    }

    private static bool TryUInt(string s, out uint v) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(s.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out v)
            : uint.TryParse(s, out v);
}
