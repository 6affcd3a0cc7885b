namespace Mako.Capture;

/// <summary>How to open one interface (dumpcap's per-interface flags: they apply to the -i given before them).</summary>
public sealed class InterfaceOptions
{
    /// <summary>An interface name, a 1-based index from <see cref="InterfaceLister.List"/>, or ssh://user@host[:port]/IF.</summary>
    public required string Name { get; init; }
    /// <summary>Capture filter in libpcap syntax (-f); null or empty for none.</summary>
    public string? Filter { get; set; }
    /// <summary>-s; dumpcap's default is 262144.</summary>
    public int SnapLength { get; set; } = DefaultSnapLength;
    /// <summary>False with -p.</summary>
    public bool Promiscuous { get; set; } = true;
    /// <summary>-B, in MiB (dumpcap's default is 2).</summary>
    public int BufferSizeMiB { get; set; } = 2;
    /// <summary>-y: a libpcap DLT name ("EN10MB") or number; null for the interface's default.</summary>
    public string? LinkType { get; set; }
    /// <summary>--time-stamp-type: a libpcap name ("host", "adapter"...); null for the default.</summary>
    public string? TimestampType { get; set; }
    /// <summary>Deliver each packet as it arrives instead of in kernel batches (lower latency, more wakeups).</summary>
    public bool Immediate { get; set; }

    public const int DefaultSnapLength = 262144;

    /// <summary>True for remote sources (ssh://...).</summary>
    public bool IsRemote => Name.StartsWith("ssh://", StringComparison.Ordinal);
}
