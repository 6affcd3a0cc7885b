namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// The names editcap gives the files of a split (-c, -i): "out_00000_20231114221320.pcap", i.e. the output name
/// with "_NNNNN_YYYYmmddHHMMSS" (the file's first packet's local time) inserted before the extension.
/// </summary>
internal sealed class SplitNaming
{
    private const int MaxFiles = 100000;   // editcap wraps the file number at RINGBUFFER_MAX_NUM_FILES
    private readonly string _prefix;
    private readonly string _suffix;

    public SplitNaming(string outFile)
    {
        int sep = Math.Max(outFile.LastIndexOf('/'), outFile.LastIndexOf(Path.DirectorySeparatorChar));
        int dot = outFile.LastIndexOf('.');
        if (dot >= 0 && dot > sep)
        {
            _prefix = outFile[..dot];
            _suffix = outFile[dot..];
        }
        else
        {
            _prefix = outFile;
            _suffix = "";
        }
    }

    public string Name(int index, long timestampNs)
    {
        long secs = Math.DivRem(timestampNs, 1_000_000_000L, out long rem);
        if (rem < 0) secs--;
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(secs), TimeZoneInfo.Local);
        return $"{_prefix}_{index % MaxFiles:D5}_{local:yyyyMMddHHmmss}{_suffix}";
    }
}
