using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>
/// The capture file types Mako writes, under the names and descriptions Wireshark's "-F" uses
/// (wtap_file_type_subtype_name / _description). Wireshark lists ~40 types; Mako writes these.
/// </summary>
internal static class FileTypes
{
    private static readonly (string Name, CaptureFormat Format, string Description)[] Writable =
    [
        // Wireshark lists pcap and pcapng first, then the rest by name.
        ("pcap", CaptureFormat.Pcap, "Wireshark/tcpdump/... - pcap"),
        ("pcapng", CaptureFormat.PcapNg, "Wireshark/... - pcapng"),
        ("modpcap", CaptureFormat.PcapModified, "Modified tcpdump - pcap"),
        ("nsecpcap", CaptureFormat.PcapNanosecond, "Wireshark/tcpdump/... - nanosecond pcap"),
    ];

    /// <summary>Looks up a "-F" name.</summary>
    public static bool TryParse(string name, out CaptureFormat format)
    {
        foreach (var (n, f, _) in Writable)
        {
            if (n == name)
            {
                format = f;
                return true;
            }
        }
        // The pre-3.6 names Wireshark still accepts.
        switch (name)
        {
            case "libpcap": format = CaptureFormat.Pcap; return true;
            case "nseclibpcap": format = CaptureFormat.PcapNanosecond; return true;
            case "modlibpcap": format = CaptureFormat.PcapModified; return true;
        }
        format = default;
        return false;
    }

    public static string Name(CaptureFormat format) => format switch
    {
        CaptureFormat.Pcap => "pcap",
        CaptureFormat.PcapNanosecond => "nsecpcap",
        CaptureFormat.PcapModified => "modpcap",
        _ => "pcapng",
    };

    /// <summary>What "-V" and error messages call a file of this type ("Wireshark/tcpdump/... - pcap").</summary>
    public static string Description(CaptureFormat format) => format switch
    {
        CaptureFormat.Pcap => "Wireshark/tcpdump/... - pcap",
        CaptureFormat.PcapNanosecond => "Wireshark/tcpdump/... - nanosecond pcap",
        CaptureFormat.PcapModified => "Modified tcpdump - pcap",
        _ => "Wireshark/... - pcapng",
    };

    /// <summary>Prints the list "-F" without a value (or with a bad one) shows.</summary>
    public static void List(TextWriter w, string tool)
    {
        w.WriteLine($"{tool}: The available capture file types for the \"-F\" flag are:");
        foreach (var (n, _, d) in Writable)
            w.WriteLine($"    {n} - {d}");
    }
}
