namespace Mako.Capture;

/// <summary>
/// libpcap speaks DLT_ values, files speak LINKTYPE_ values. They are equal except for a few old types whose DLT
/// numbers differ by platform; libpcap's own mapping functions are internal, so this is the Linux/BSD table.
/// </summary>
public static class DltMap
{
    /// <summary>LINKTYPE_ (file) to DLT_ (libpcap API) on this platform.</summary>
    public static int ToDlt(int linkType) => linkType switch
    {
        100 => 11,                                   // ATM_RFC1483
        101 => OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? 12 : 14,   // RAW
        102 => 15,                                   // SLIP_BSDOS
        103 => 16,                                   // PPP_BSDOS
        _ => linkType,
    };

    /// <summary>DLT_ to LINKTYPE_.</summary>
    public static int ToLinkType(int dlt) => dlt switch
    {
        11 => 100,
        12 or 14 => 101,
        15 => 102,
        16 => 103,
        _ => dlt,
    };
}
