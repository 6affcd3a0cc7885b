using System.Runtime.InteropServices;

namespace Mako.Cli.Tools.Shared;

/// <summary>The hardware/OS/application strings Wireshark's tools put in the pcapng section header.</summary>
internal static class SystemInfo
{
    /// <summary>"Linux 6.18.44-fc-v657" (as uname -sr, which Wireshark's get_os_version_info prints on Linux).</summary>
    public static string OsVersion()
    {
        string d = RuntimeInformation.OSDescription.Trim();
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/sys/kernel/osrelease"))
                return "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
        }
        if (OperatingSystem.IsMacOS())
        {
            var parts = d.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
                return parts[0] + " " + parts[1];
        }
        return d;
    }

    /// <summary>"AMD EPYC (with SSE4.2)": the CPU model, as Wireshark's get_cpu_info; null when unknown.</summary>
    public static string? CpuInfo()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/proc/cpuinfo"))
                return null;
            string? model = null;
            bool sse42 = false;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (model is null && line.StartsWith("model name", StringComparison.Ordinal))
                    model = line[(line.IndexOf(':') + 1)..].Trim();
                else if (line.StartsWith("flags", StringComparison.Ordinal))
                    sse42 = line.Contains(" sse4_2", StringComparison.Ordinal);
                if (model is not null && line.Length == 0)
                    break;
            }
            if (model is null)
                return null;
            return sse42 ? model + " (with SSE4.2)" : model;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The application name a tool records in the files it writes ("Mako editcap 0.1.0").</summary>
    public static string AppName(string tool) => $"Mako {tool} {Program.Version}";

    /// <summary>The first line of "-h" and "-v" output.</summary>
    public static string Banner(string displayName) => $"{displayName} (Mako) {Program.Version}";
}
