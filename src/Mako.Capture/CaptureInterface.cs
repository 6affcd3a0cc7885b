namespace Mako.Capture;

/// <summary>
/// One capture interface as libpcap's pcap_findalldevs lists it (the order dumpcap -D numbers).
/// <see cref="Description"/> is what dumpcap shows and writes as if_description.
/// </summary>
public sealed record CaptureInterface(int Index, string Name, string? Description, uint Flags, IReadOnlyList<string> Addresses)
{
    // PCAP_IF_* flags (pcap.h).
    public const uint FlagLoopback = 0x1, FlagUp = 0x2, FlagRunning = 0x4, FlagWireless = 0x8;

    /// <summary>libpcap's own description ("Pseudo-device that captures on all interfaces"), which dumpcap hides on Linux.</summary>
    public string? LibpcapDescription { get; init; }

    public bool IsLoopback => (Flags & FlagLoopback) != 0;
    public bool IsUp => (Flags & FlagUp) != 0;
    public bool IsWireless => (Flags & FlagWireless) != 0;

    /// <summary>"Loopback: lo" when libpcap has a description, else the name (dumpcap's "Capturing on" wording).</summary>
    public string DisplayName => DisplayNameOf(Name, Description);

    public static string DisplayNameOf(string name, string? description)
        => string.IsNullOrEmpty(description) ? name : $"{description}: {name}";

    /// <summary>Wireshark's interface_type number for dumpcap -D -M (0 wired, 4 Bluetooth, 5 wireless, 7 USB).</summary>
    public int WiresharkType =>
        Name.StartsWith("bluetooth", StringComparison.Ordinal) ? 4
        : Name.StartsWith("usbmon", StringComparison.Ordinal) ? 7
        : IsWireless ? 5 : 0;
}

/// <summary>A link-layer type an interface offers (pcap_list_datalinks).</summary>
public sealed record LinkTypeInfo(int Value, string Name, string? Description);

/// <summary>A time stamp type an interface offers (pcap_list_tstamp_types).</summary>
public sealed record TimestampTypeInfo(int Value, string Name, string Description);
