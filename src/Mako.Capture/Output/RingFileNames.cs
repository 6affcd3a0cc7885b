namespace Mako.Capture.Output;

/// <summary>
/// dumpcap's ring-buffer names: the -w name split at the last '.' of its last path component, with
/// "_NNNNN_YYYYmmddHHMMSS" inserted (file number modulo 100000, five digits; local time when the file opens):
/// out.pcapng → out_00001_20261128120000.pcapng; "capture" (no suffix) → capture_00001_20261128120000.
/// </summary>
public static class RingFileNames
{
    public static (string Prefix, string Suffix) Split(string path)
    {
        int sep = path.LastIndexOf('/');
        if (OperatingSystem.IsWindows())
            sep = Math.Max(sep, path.LastIndexOf('\\'));
        int dot = path.LastIndexOf('.');
        return dot > sep ? (path[..dot], path[dot..]) : (path, "");
    }

    /// <summary>The name of file number <paramref name="number"/> (1-based) opened at <paramref name="localTime"/>.</summary>
    public static string Name(string path, long number, DateTime localTime)
    {
        var (prefix, suffix) = Split(path);
        return $"{prefix}_{number % 100000:D5}_{localTime:yyyyMMddHHmmss}{suffix}";
    }
}
