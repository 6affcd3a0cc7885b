using Mako.Files;

namespace Mako.Capture.Output;

/// <summary>
/// Where and how a capture is saved: dumpcap's -w, -F/-n/-P, --capture-comment, the ring buffer (-b) and the
/// file-based stop conditions (-a filesize:, -a files:). Sizes are in kB of 1000 bytes, as dumpcap counts them.
/// </summary>
public sealed class CaptureFileOptions
{
    /// <summary>-w: the file name ("-" for standard output, see <see cref="Stream"/>).</summary>
    public required string Path { get; init; }
    /// <summary>Writes to this stream instead of <see cref="Path"/> (e.g. stdout for "-w -"); no ring buffer then.</summary>
    public Stream? Stream { get; init; }
    /// <summary>pcapng (default) or pcap (microsecond, as dumpcap -P writes).</summary>
    public CaptureFormat Format { get; set; } = CaptureFormat.PcapNg;
    /// <summary>--capture-comment values (pcapng SHB opt_comment).</summary>
    public List<string> Comments { get; } = new();

    /// <summary>-b filesize:N — switch to the next file after N kB.</summary>
    public long? SwitchFileSizeKB { get; set; }
    /// <summary>-b duration:N — switch after this long in one file.</summary>
    public TimeSpan? SwitchDuration { get; set; }
    /// <summary>-b packets:N — switch after N packets in one file.</summary>
    public long? SwitchPackets { get; set; }
    /// <summary>-b interval:N — switch when the wall clock reaches a multiple of N seconds.</summary>
    public int? SwitchIntervalSeconds { get; set; }
    /// <summary>-b files:N — keep at most N files, deleting the oldest (0 or null: keep all).</summary>
    public int? RingFiles { get; set; }

    /// <summary>-a filesize:N — stop once the current file reaches N kB.</summary>
    public long? StopFileSizeKB { get; set; }
    /// <summary>-a files:N — stop after N files.</summary>
    public int? StopFiles { get; set; }

    /// <summary>Local clock used in ring-buffer file names (tests replace it).</summary>
    public Func<DateTime> LocalNow { get; set; } = () => DateTime.Now;

    /// <summary>True when any switching condition is set: output goes to numbered files.</summary>
    public bool IsRingBuffer => Stream is null && Path != "-" &&
        (SwitchFileSizeKB is > 0 || SwitchDuration is not null || SwitchPackets is > 0 || SwitchIntervalSeconds is > 0);
}
