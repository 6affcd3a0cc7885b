using System.Globalization;
using Mako.Capture;
using Mako.Capture.Output;
using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>
/// The capture flags dumpcap and tshark share (Wireshark's capture_opts): interfaces with their per-interface flags,
/// stop conditions, ring buffer, output file. Per-interface flags (-f -s -p -B -y --time-stamp-type) apply to the
/// last -i before them, or, given before any -i, to every interface. Each setter throws
/// <see cref="FormatException"/> with the tools' common wording for a bad value.
/// </summary>
internal sealed class CaptureArgs
{
    public List<InterfaceOptions> Interfaces { get; } = new();
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

    // Defaults given before the first -i.
    private string? _filter, _linkType, _tsType;
    private int? _snap, _buffer;
    private bool? _promisc;

    private InterfaceOptions? Last => Interfaces.Count == 0 ? null : Interfaces[^1];

    public void AddInterface(string name) => Interfaces.Add(DefaultsFor(new InterfaceOptions { Name = name }));

    /// <summary>Applies the per-interface flags given before any -i (also to a default interface picked later).</summary>
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

    /// <summary>True when -f was given (before or after an -i).</summary>
    public bool HasFilter => _filter is not null || Interfaces.Exists(i => i.Filter is not null);

    public void SetFilter(string v)
    {
        if (Last is { } li) li.Filter = v; else _filter = v;
    }

    public void SetSnapLength(string v)
    {
        int snap = ParseInt(v, $"The specified snapshot length \"{v}\" isn't a decimal number");
        if (snap == 0) snap = InterfaceOptions.DefaultSnapLength;   // 0 means "the maximum", as in dumpcap
        if (snap < 0) throw new FormatException($"The specified snapshot length \"{v}\" is a negative number");
        if (Last is { } ls) ls.SnapLength = snap; else _snap = snap;
    }

    public void SetNoPromiscuous()
    {
        if (Last is { } lp) lp.Promiscuous = false; else _promisc = false;
    }

    public void SetBufferSize(string v)
    {
        int buf = ParseInt(v, $"The specified buffer size \"{v}\" isn't a decimal number");
        if (buf < 0) throw new FormatException($"The specified buffer size \"{v}\" is a negative number");
        if (buf == 0) throw new FormatException("The specified buffer size is zero");
        if (Last is { } lb) lb.BufferSizeMiB = buf; else _buffer = buf;
    }

    public void SetLinkType(string v)
    {
        if (Last is { } ly) ly.LinkType = v; else _linkType = v;
    }

    public void SetTimestampType(string v)
    {
        if (Last is { } lt) lt.TimestampType = v; else _tsType = v;
    }

    public void SetPacketCount(string v)
    {
        PacketLimit = ParseLong(v, $"The specified packet count \"{v}\" isn't a decimal number");
        if (PacketLimit < 0) throw new FormatException($"The specified packet count \"{v}\" is a negative number");
    }

    /// <summary>-a duration:|filesize:|files:|packets:</summary>
    public void ApplyAutostop(string v)
    {
        var (key, num) = SplitCondition(v, "-a");
        switch (key)
        {
            case "duration":
                Duration = ParseDouble(num, $"The specified capture duration \"{num}\" isn't a valid number");
                break;
            case "filesize":
                StopFileSizeKB = ParseUnsigned(num, $"The specified autostop filesize \"{num}\" isn't a decimal number");
                break;
            case "files":
                StopFiles = (int)Math.Min(int.MaxValue, ParseUnsigned(num, $"The specified autostop files \"{num}\" isn't a decimal number"));
                break;
            case "packets":
                PacketLimit = ParseLong(num, $"The specified packet write count \"{num}\" isn't a decimal number");
                if (PacketLimit < 0) throw new FormatException($"The specified packet write count \"{num}\" is a negative number");
                break;
            default:
                throw new FormatException($"Invalid or unknown -a flag \"{key}\"");
        }
    }

    /// <summary>-b duration:|filesize:|files:|packets:|interval:|printname:</summary>
    public void ApplyRing(string v)
    {
        var (key, num) = SplitCondition(v, "-b");
        switch (key)
        {
            case "duration":
                if (num.StartsWith('-'))
                    throw new FormatException($"The specified ring buffer duration \"{num}\" is a negative number");
                SwitchDuration = ParseDouble(num, $"The specified ring buffer duration \"{num}\" isn't a valid number");
                break;
            case "filesize":
                SwitchFileSizeKB = ParseUnsigned(num, $"The specified ring buffer filesize \"{num}\" isn't a decimal number");
                break;
            case "files":
                RingFiles = (int)Math.Min(int.MaxValue, ParseUnsigned(num, $"The specified number of ring buffer files \"{num}\" isn't a decimal number"));
                break;
            case "packets":
                SwitchPackets = ParseUnsigned(num, $"The specified ring buffer packet count \"{num}\" isn't a decimal number");
                break;
            case "interval":
                SwitchInterval = (int)Math.Min(int.MaxValue, ParseUnsigned(num, $"The specified ring buffer interval \"{num}\" isn't a decimal number"));
                break;
            case "printname":
                PrintNameTo = num;
                break;
            default:
                break;   // dumpcap and tshark ignore unknown -b keys, but still count them as a ring-buffer request
        }
        RingRequested = true;
    }

    /// <summary>The file options for a capture to <paramref name="path"/> (or <paramref name="stream"/>).</summary>
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

    /// <summary>The session-wide stop conditions (-c, -a packets:, -a duration:).</summary>
    public SessionLimits Limits()
    {
        var limits = new SessionLimits { PacketLimit = PacketLimit };
        if (Duration is double d) limits.Duration = TimeSpan.FromSeconds(d);
        return limits;
    }

    /// <summary>Forgets every switching condition (dumpcap does when it cannot honour them).</summary>
    public void ClearRing()
    {
        SwitchDuration = null; SwitchFileSizeKB = null; SwitchPackets = null; SwitchInterval = null; RingFiles = null;
        RingRequested = false;
    }

    /// <summary>True when -b asked for switching; files:N alone is not enough.</summary>
    public bool WantsRing => SwitchFileSizeKB is > 0 || SwitchPackets is > 0 || SwitchDuration is not null || SwitchInterval is > 0;
    public bool AnyRingFlag => RingRequested;

    /// <summary>Any -b was given.</summary>
    public bool RingRequested { get; private set; }

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

    private static long ParseUnsigned(string s, string message)
        => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : throw new FormatException(message);

    private static double ParseDouble(string s, string message)
        => double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && v > 0 && v < 1e9
            ? v : throw new FormatException(message);
}
