using System.Globalization;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Editcap;

/// <summary>Everything editcap's command line can ask for, validated as editcap 4.0 validates it.</summary>
internal sealed class EditcapOptions
{
    public const int DefaultDupWindow = 5;
    public const int MaxDupWindow = 1_000_000;

    public string InFile = "";
    public string OutFile = "";
    public List<string> SelectionArgs = new();

    public bool KeepSelected;
    public bool Verbose;
    public CaptureFormat? OutFormat;
    public int OutLinkType = -1;
    public long? StartNs, StopNs;
    public bool DupByCount, DupByTime;
    public int DupWindow = DefaultDupWindow;
    public long DupTimeWindowNs;
    public bool RemoveVlan, SkipRadiotap;
    public uint IgnoredBytes;
    public uint SnapLength;
    public Chopper.Spec Chop;
    public bool AdjustLength;
    public long TimeAdjustNs;            // signed
    public bool StrictAdjust;
    public long StrictAdjustNs;          // magnitude
    public bool StrictNegative;
    public double ErrorProbability = -1;
    public uint ChangeOffset;
    public uint? Seed;
    public readonly SortedDictionary<uint, string> FrameComments = new();
    public readonly List<string> CaptureComments = new();
    public bool DiscardCaptureComments, DiscardPacketComments, DiscardSecrets;
    public readonly List<(uint Type, string File)> Secrets = new();
    public uint SplitPacketCount;
    public long SplitIntervalNs;         // 0 = not splitting by time

    private const int LongNoVlan = 1001, LongSkipRadiotap = 1002, LongSeed = 1003, LongInjectSecrets = 1004,
        LongDiscardSecrets = 1005, LongCaptureComment = 1006, LongDiscardCaptureComment = 1007, LongDiscardPacketComments = 1008;

    private static readonly LongOption[] LongOptions =
    [
        new("novlan", ArgKind.None, LongNoVlan),
        new("skip-radiotap-header", ArgKind.None, LongSkipRadiotap),
        new("seed", ArgKind.Required, LongSeed),
        new("inject-secrets", ArgKind.Required, LongInjectSecrets),
        new("discard-all-secrets", ArgKind.None, LongDiscardSecrets),
        new("help", ArgKind.None, 'h'),
        new("version", ArgKind.None, 'v'),
        new("capture-comment", ArgKind.Required, LongCaptureComment),
        new("discard-capture-comment", ArgKind.None, LongDiscardCaptureComment),
        // Not in editcap 4.0 (added in 4.2); accepted because users ask for it.
        new("discard-packet-comments", ArgKind.None, LongDiscardPacketComments),
    ];

    private static readonly (string Name, uint Id)[] SecretTypes =
    [
        ("tls", DecryptionSecrets.TlsKeyLog),
        ("ssh", 0x5353484b),
        ("wg", DecryptionSecrets.WireGuardKeyLog),
    ];

    /// <summary>What the command line asked for besides editing.</summary>
    public enum Action { Edit, Exit }

    /// <summary>
    /// Parses the arguments. Returns <see cref="Action.Exit"/> with <paramref name="exitCode"/> set when the run is
    /// over (help, version, a listing or an error, already printed).
    /// </summary>
    public static Action Parse(string[] args, CliIo io, out EditcapOptions opts, out int exitCode)
    {
        opts = new EditcapOptions();
        exitCode = 0;
        var getopt = new Getopt(":a:A:B:c:C:dD:E:F:hi:I:Lo:rs:S:t:T:vVw:", LongOptions);
        if (!getopt.TryParse(args, out var parsed, out var operands, out string? error))
        {
            // editcap's ':' optstring: a missing value for -F or -T lists the choices on stdout and exits 0.
            if (error == "option requires an argument -- 'F'")
            {
                FileTypes.List(io.Out, "editcap");
                return Action.Exit;
            }
            if (error == "option requires an argument -- 'T'")
            {
                Encapsulations.List(io.Out, "editcap", "-T");
                return Action.Exit;
            }
            io.Err.WriteLine("editcap: " + error);
            EditcapHelp.WriteUsage(io.Err);
            exitCode = 1;
            return Action.Exit;
        }

        try
        {
            foreach (var o in parsed)
            {
                if (!opts.Apply(o, io, out bool stop))
                {
                    exitCode = 1;
                    return Action.Exit;
                }
                if (stop)
                    return Action.Exit;
            }
        }
        catch (ToolError e)
        {
            io.Err.WriteLine("editcap: " + e.Message);
            exitCode = e.ExitCode;
            return Action.Exit;
        }

        if (operands.Count < 2)
        {
            EditcapHelp.WriteUsage(io.Err);
            exitCode = 1;
            return Action.Exit;
        }
        opts.InFile = operands[0];
        opts.OutFile = operands[1];
        opts.SelectionArgs.AddRange(operands.Skip(2));
        opts.OutFormat ??= CaptureFormat.PcapNg;

        if (opts.StartNs is { } a && opts.StopNs is { } b && a > b)
        {
            io.Err.WriteLine("editcap: start time is after the stop time");
            exitCode = 1;
            return Action.Exit;
        }
        if (opts.SplitPacketCount != 0 && opts.SplitIntervalNs != 0)
        {
            io.Err.WriteLine("editcap: can't split on both packet count and time interval");
            io.Err.WriteLine("editcap: at the same time");
            exitCode = 1;
            return Action.Exit;
        }
        return Action.Edit;
    }

    /// <summary>Applies one option. Returns false after printing an error; <paramref name="stop"/> ends the run with 0.</summary>
    private bool Apply(ParsedOption o, CliIo io, out bool stop)
    {
        stop = false;
        string v = o.Value ?? "";
        var err = io.Err;
        switch (o.Id)
        {
            case LongNoVlan: RemoveVlan = true; break;
            case LongSkipRadiotap: SkipRadiotap = true; break;
            case LongSeed:
                if (!uint.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint seed))
                {
                    err.WriteLine($"editcap: \"{v}\" isn't a valid seed");
                    err.WriteLine();
                    return false;
                }
                Seed = seed;
                break;
            case LongInjectSecrets:
                if (v == "help")
                {
                    foreach (var (name, _) in SecretTypes)
                        io.Out.WriteLine($"    {name}");
                    stop = true;
                    return true;
                }
                return AddSecrets(v, err);
            case LongDiscardSecrets: DiscardSecrets = true; break;
            case LongCaptureComment:
                if (v.Length > 65535)
                {
                    err.WriteLine($"editcap: Capture comment {CaptureComments.Count + 1} is too large to save in a capture file.");
                    return false;
                }
                CaptureComments.Add(v);
                break;
            case LongDiscardCaptureComment: DiscardCaptureComments = true; break;
            case LongDiscardPacketComments: DiscardPacketComments = true; break;
            case 'a': return AddFrameComment(v, err);
            case 'A':
            case 'B':
                if (TimeArgs.ParseAbsolute(v) is not { } t)
                {
                    err.WriteLine($"editcap: \"{v}\" isn't a valid date and time");
                    err.WriteLine();
                    return false;
                }
                if (o.Id == 'A') StartNs = t; else StopNs = t;
                break;
            case 'c': SplitPacketCount = NumberArgs.NonZeroUInt32(v, "packet count"); break;
            case 'C':
                if (!Chop.Add(v))
                {
                    err.WriteLine($"editcap: \"{v}\" isn't a valid chop length or offset:length");
                    return false;
                }
                break;
            case 'd':
                DupByCount = true;
                DupByTime = false;
                DupWindow = DefaultDupWindow;
                break;
            case 'D':
                DupByCount = true;
                DupByTime = false;
                uint w = NumberArgs.UInt32(v, "duplicate window");
                if (w > MaxDupWindow)
                {
                    err.WriteLine($"editcap: \"{w}\" duplicate window value must be between 0 and {MaxDupWindow} inclusive.");
                    return false;
                }
                DupWindow = (int)w;
                break;
            case 'E':
                double p = NumberArgs.StrtodPrefix(v, out int used);
                if (used == 0 || p < 0.0 || p > 1.0)
                {
                    err.WriteLine($"editcap: probability \"{v}\" must be between 0.0 and 1.0");
                    return false;
                }
                ErrorProbability = p;
                break;
            case 'F':
                if (!FileTypes.TryParse(v, out var fmt))
                {
                    err.WriteLine($"editcap: \"{v}\" isn't a valid capture file type");
                    err.WriteLine();
                    FileTypes.List(err, "editcap");
                    return false;
                }
                OutFormat = fmt;
                break;
            case 'h':
                EditcapHelp.WriteHeader(io.Out);
                EditcapHelp.WriteUsage(io.Out);
                stop = true;
                break;
            case 'i':
                double spb = NumberArgs.PositiveDouble(v, "time interval");
                if (spb == 0.0)
                {
                    err.WriteLine("editcap: The specified interval is zero");
                    return false;
                }
                SplitIntervalNs = (long)Math.Truncate(spb) * 1_000_000_000 + (long)((spb - Math.Truncate(spb)) * 1_000_000_000);
                if (SplitIntervalNs <= 0)
                {
                    err.WriteLine("editcap: The specified interval is zero");
                    return false;
                }
                break;
            case 'I': IgnoredBytes = NumberArgs.UInt32(v, "number of bytes to ignore"); break;
            case 'L': AdjustLength = true; break;
            case 'o': ChangeOffset = NumberArgs.UInt32(v, "change offset"); break;
            case 'r':
                if (KeepSelected)
                {
                    err.WriteLine("editcap: -r was specified twice");
                    return false;
                }
                KeepSelected = true;
                break;
            case 's': SnapLength = NumberArgs.NonZeroUInt32(v, "snapshot length"); break;
            case 'S':
                if (TimeArgs.ParseRelative(v) is not { } strict)
                {
                    err.WriteLine($"editcap: \"{TrimSign(v)}\" isn't a valid time adjustment");
                    return false;
                }
                StrictAdjust = true;
                StrictAdjustNs = strict.Ns;
                StrictNegative = strict.Negative;
                break;
            case 't':
                if (TimeArgs.ParseRelative(v) is not { } adj)
                {
                    err.WriteLine($"editcap: \"{TrimSign(v)}\" isn't a valid time adjustment");
                    return false;
                }
                TimeAdjustNs = adj.Negative ? -adj.Ns : adj.Ns;
                break;
            case 'T':
                int lt = LinkTypes.FromShortName(v);
                if (lt < 0)
                {
                    err.WriteLine($"editcap: \"{v}\" isn't a valid encapsulation type");
                    err.WriteLine();
                    Encapsulations.List(err, "editcap", "-T");
                    return false;
                }
                OutLinkType = lt;
                break;
            case 'V':
                if (Verbose)
                {
                    err.WriteLine("editcap: -V was specified twice");
                    return false;
                }
                Verbose = true;
                break;
            case 'v':
                io.Out.WriteLine(SystemInfo.Banner("Editcap"));
                stop = true;
                break;
            case 'w':
                DupByCount = false;
                DupByTime = true;
                DupWindow = MaxDupWindow;
                if (TimeArgs.ParseRelative(v, allowNegative: false, out bool inFraction) is not { } rel)
                {
                    err.WriteLine($"{(inFraction ? 3 : 1)}: editcap: \"{TrimSign(v)}\" isn't a valid rel time value");
                    return false;
                }
                DupTimeWindowNs = rel.Ns;
                break;
        }
        return true;
    }

    // editcap prints the value after skipping leading blanks and the sign.
    private static string TrimSign(string v)
    {
        string s = v.TrimStart(' ', '\t');
        return s.StartsWith('-') ? s[1..] : s;
    }

    private bool AddSecrets(string v, TextWriter err)
    {
        int comma = v.IndexOf(',');
        string type = comma < 0 ? v : v[..comma];
        if (type.Length == 0)
        {
            err.WriteLine("editcap: no secrets type was specified for --inject-secrets");
            return false;
        }
        uint id = 0;
        foreach (var (name, tid) in SecretTypes)
        {
            if (name == type) id = tid;
        }
        if (id == 0)
        {
            err.WriteLine($"editcap: \"{type}\" isn't a valid secrets type");
            return false;
        }
        if (comma < 0)
        {
            // editcap 4.0 crashes here (null file name); say what is missing instead.
            err.WriteLine("editcap: no secrets file was specified for --inject-secrets");
            return false;
        }
        Secrets.Add((id, v[(comma + 1)..]));
        return true;
    }

    private bool AddFrameComment(string v, TextWriter err)
    {
        // sscanf("%u:%n"): optional blanks, digits, then ':'; the comment is the rest.
        int i = 0;
        while (i < v.Length && char.IsWhiteSpace(v[i])) i++;
        if (i < v.Length && v[i] == '+') i++;
        int start = i;
        while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
        if (i == start || i >= v.Length || v[i] != ':'
            || !uint.TryParse(v.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out uint frame))
        {
            err.WriteLine($"editcap: \"{v}\" isn't a valid <frame>:<comment>");
            err.WriteLine();
            return false;
        }
        string comment = v[(i + 1)..];
        if (comment.Length > 65535)
        {
            err.WriteLine($"editcap: A comment for frame {frame} is too large to save in a capture file.");
            return false;
        }
        FrameComments[frame] = comment;
        return true;
    }
}
