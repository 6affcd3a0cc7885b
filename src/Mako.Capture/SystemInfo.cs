using System.Reflection;

namespace Mako.Capture;

/// <summary>Strings dumpcap records in the SHB and IDBs (shb_os, if_os, shb_hardware, shb_userappl).</summary>
public static class SystemInfo
{
    /// <summary>"Linux 6.1.0-13-amd64": kernel name and release, as dumpcap writes if_os/shb_os.</summary>
    public static string OsDescription { get; } = DescribeOs();

    /// <summary>The CPU model ("AMD EPYC ..."), or null when unknown.</summary>
    public static string? Hardware { get; } = DescribeCpu();

    /// <summary>"Mako 0.1.0".</summary>
    public static string Application { get; } =
        "Mako " + (typeof(SystemInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private static string DescribeOs()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
                if (release.Length != 0)
                    return "Linux " + release;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    }

    // Wireshark writes the CPU model followed by " (with SSE4.2)" when the CPU has it.
    private static string? DescribeCpu()
    {
        try
        {
            string? model = null;
            bool sse42 = false;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (model is null && line.StartsWith("model name", StringComparison.Ordinal))
                {
                    int c = line.IndexOf(':');
                    if (c > 0)
                        model = line[(c + 1)..].Trim();
                }
                else if (line.StartsWith("flags", StringComparison.Ordinal))
                {
                    sse42 = line.Contains(" sse4_2", StringComparison.Ordinal);
                    break;
                }
            }
            return model is null ? null : sse42 ? model + " (with SSE4.2)" : model;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
