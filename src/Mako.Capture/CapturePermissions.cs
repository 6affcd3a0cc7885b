using System.Globalization;

namespace Mako.Capture;

/// <summary>
/// What the process may do, and the advice printed when libpcap refuses to open a device for lack of privilege.
/// On Linux capturing needs CAP_NET_RAW (packet sockets) and CAP_NET_ADMIN (promiscuous mode, some ioctls).
/// </summary>
public static class CapturePermissions
{
    private const int CapNetAdmin = 12, CapNetRaw = 13;

    /// <summary>The effective capability mask from /proc/self/status, or null where that is unavailable.</summary>
    public static ulong? EffectiveCapabilities()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("CapEff:", StringComparison.Ordinal)
                    && ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong v))
                    return v;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>True when the process holds both capabilities (or the platform has none to check).</summary>
    public static bool CanCapture()
    {
        var caps = EffectiveCapabilities();
        return caps is null || (HasCap(caps.Value, CapNetRaw) && HasCap(caps.Value, CapNetAdmin));
    }

    private static bool HasCap(ulong mask, int bit) => (mask & (1UL << bit)) != 0;

    /// <summary>
    /// The error for PCAP_ERROR_PERM_DENIED / PCAP_ERROR_PROMISC_PERM_DENIED. <paramref name="pcapText"/> is
    /// libpcap's own detail ("socket: Operation not permitted"); <paramref name="caps"/> the effective mask.
    /// </summary>
    public static CaptureException Denied(string device, string pcapText, bool promiscuous, ulong? caps, string? user, string? programPath)
    {
        string primary = promiscuous
            ? $"You do not have permission to capture in promiscuous mode on device \"{device}\"."
            : $"You do not have permission to capture on device \"{device}\".";
        var missing = new List<string>();
        if (caps is ulong m)
        {
            if (!HasCap(m, CapNetRaw)) missing.Add("CAP_NET_RAW");
            if (!HasCap(m, CapNetAdmin)) missing.Add("CAP_NET_ADMIN");
        }
        else
        {
            missing.Add("CAP_NET_RAW");
            missing.Add("CAP_NET_ADMIN");
        }
        string who = string.IsNullOrEmpty(user) ? "this process" : $"this process (user \"{user}\")";
        string lacks = missing.Count == 0
            ? $"Capturing needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities; {who} has them, so the device itself refused (is it a restricted interface?)."
            : $"Capturing needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities; {who} lacks {string.Join(" and ", missing)}.";
        string program = string.IsNullOrEmpty(programPath) ? "/path/to/mako" : programPath;
        var text = new System.Text.StringBuilder();
        if (pcapText.Length != 0)
            text.Append('(').Append(pcapText).Append(")\n");
        text.Append(lacks).Append('\n');
        text.Append("Run the capture as root, or grant the capabilities to the program once:\n\n");
        text.Append("    sudo setcap cap_net_raw,cap_net_admin=eip ").Append(program).Append('\n');
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
            text.Append("\n(Mako is running through the dotnet host, so the command above grants capture rights to every .NET program;\nprefer installing Mako as a tool and granting them to its own \"mako\" executable.)\n");
        if (promiscuous)
            text.Append("\nOr capture without promiscuous mode (-p).\n");
        return new CaptureException(CaptureFailure.PermissionDenied, primary, text.ToString().TrimEnd('\n'));
    }

    /// <summary><see cref="Denied(string,string,bool,ulong?,string?,string?)"/> for the current process.</summary>
    public static CaptureException Denied(string device, string pcapText, bool promiscuous)
        => Denied(device, pcapText, promiscuous, EffectiveCapabilities(), Environment.UserName, Environment.ProcessPath);
}
