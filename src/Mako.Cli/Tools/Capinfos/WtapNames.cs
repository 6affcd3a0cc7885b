using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>Wireshark's time stamp precisions (WTAP_TSPREC_*) and file type names as capinfos prints them.</summary>
internal static class WtapNames
{
    public const int PrecSeconds = 0;
    public const int PrecMicro = 6;
    public const int PrecNano = 9;
    public const int PrecPerPacket = -1;
    public const int PrecUnknown = -2;

    public static string Precision(int prec) => prec switch
    {
        0 => "seconds",
        1 => "deciseconds",
        2 => "centiseconds",
        3 => "milliseconds",
        6 => "microseconds",
        9 => "nanoseconds",
        PrecPerPacket => "per-packet",
        _ => "UNKNOWN",
    };

    /// <summary>Decimal digits shown for a precision (6 for microseconds...).</summary>
    public static int Digits(int prec) => prec is >= 0 and <= 9 ? prec : 9;

    /// <summary>Ticks per second for a pcapng if_tsresol byte (bit 7: power of 2); saturates as Wireshark does.</summary>
    public static ulong TicksPerSecond(byte tsresol)
    {
        int exp = tsresol & 0x7f;
        bool binary = (tsresol & 0x80) != 0;
        if (binary ? exp >= 64 : exp >= 20)
            return ulong.MaxValue;
        ulong r = 1;
        for (int i = 0; i < exp; i++)
            r *= binary ? 2UL : 10UL;
        return r;
    }

    /// <summary>The precision Wireshark assigns to an interface with this many ticks per second.</summary>
    public static int PrecisionForTicks(ulong ticks) => ticks switch
    {
        >= 1_000_000_000 => 9,
        >= 1_000_000 => 6,
        >= 1000 => 3,
        >= 100 => 2,
        >= 10 => 1,
        _ => 0,
    };

    /// <summary>(description for the long report, short name for -T and -M).</summary>
    public static (string Description, string Name) FileType(CaptureFormat format) => format switch
    {
        CaptureFormat.Pcap => ("Wireshark/tcpdump/... - pcap", "pcap"),
        CaptureFormat.PcapNanosecond => ("Wireshark/tcpdump/... - nanosecond pcap", "nsecpcap"),
        CaptureFormat.PcapModified => ("Modified tcpdump - pcap", "modpcap"),
        _ => ("Wireshark/... - pcapng", "pcapng"),
    };

    public static readonly (string Description, string Name) ErfFileType = ("Endace ERF capture", "erf");
}
