namespace Mako.Files;

public enum CaptureFormat
{
    /// <summary>Classic pcap, microsecond timestamps (magic a1b2c3d4).</summary>
    Pcap,
    /// <summary>Classic pcap, nanosecond timestamps (magic a1b23c4d).</summary>
    PcapNanosecond,
    /// <summary>Alexey Kuznetzov's "modified" pcap (magic a1b2cd34), 24-byte record headers.</summary>
    PcapModified,
    /// <summary>pcapng.</summary>
    PcapNg,
}

/// <summary>A pcapng Section Header Block, or the pcap file header seen as one.</summary>
public sealed class SectionInfo
{
    public bool BigEndian { get; set; }
    public ushort MajorVersion { get; set; }
    public ushort MinorVersion { get; set; }
    public long SectionLength { get; set; } = -1;
    public string? Hardware { get; set; }
    public string? Os { get; set; }
    public string? UserApplication { get; set; }
    public List<string> Comments { get; } = new();
    /// <summary>Options other than the above, kept raw for lossless rewrite.</summary>
    public List<PcapngOption> OtherOptions { get; } = new();
}

/// <summary>A pcapng Interface Description Block, or the single implicit interface of a pcap file.</summary>
public sealed class InterfaceInfo
{
    /// <summary>0-based across the whole file.</summary>
    public int Id { get; set; }
    /// <summary>Which section (0-based) declared it.</summary>
    public int SectionIndex { get; set; }
    public int LinkType { get; set; }
    /// <summary>0 means "no limit" in pcapng.</summary>
    public uint SnapLength { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    /// <summary>if_filter text (first byte 0 = libpcap string), null if absent.</summary>
    public string? Filter { get; set; }
    public string? Os { get; set; }
    public string? Hardware { get; set; }
    public ulong? Speed { get; set; }
    public byte? FcsLength { get; set; }
    /// <summary>Raw if_tsresol byte (default 6 = microseconds); bit 7 set means a power of 2.</summary>
    public byte TsResolution { get; set; } = 6;
    /// <summary>if_tsoffset in seconds.</summary>
    public long TsOffset { get; set; }
    public List<string> Comments { get; } = new();
    /// <summary>Options other than the above (if_IPv4addr, if_MACaddr, custom...), kept raw.</summary>
    public List<PcapngOption> OtherOptions { get; } = new();
    /// <summary>Interface Statistics Blocks seen for this interface, in order.</summary>
    public List<InterfaceStatistics> Statistics { get; } = new();
}

public sealed class InterfaceStatistics
{
    public int InterfaceId { get; set; }
    public long TimestampNs { get; set; }
    public long? StartTimeNs { get; set; }
    public long? EndTimeNs { get; set; }
    public ulong? Received { get; set; }
    public ulong? Dropped { get; set; }
    public ulong? FilterAccepted { get; set; }
    public ulong? OsDropped { get; set; }
    public ulong? Delivered { get; set; }
    public List<string> Comments { get; } = new();
    public List<PcapngOption> OtherOptions { get; } = new();
}

/// <summary>One Name Resolution Block record.</summary>
public sealed record NameRecord(byte[] Address, IReadOnlyList<string> Names)
{
    public bool IsIPv6 => Address.Length == 16;
}

/// <summary>A Decryption Secrets Block (e.g. secrets type 0x544c534b = TLS key log).</summary>
public sealed record DecryptionSecrets(uint SecretsType, byte[] Data)
{
    public const uint TlsKeyLog = 0x544c534b;
    public const uint WireGuardKeyLog = 0x57474b4c;
    public const uint ZigBeeNwkKey = 0x5a4e574b;
    public const uint ZigBeeApsKey = 0x5a415053;
}

public enum BlockKind
{
    SectionHeader, InterfaceDescription, NameResolution, InterfaceStatistics, DecryptionSecrets,
    /// <summary>Custom blocks (0x00000BAD, 0x40000BAD) and any block type Mako does not interpret.</summary>
    Other,
}

/// <summary>
/// A non-packet pcapng block as the reader met it. <see cref="RawBody"/> is the block body exactly as in the file
/// (between the length fields), so writers can reproduce blocks they do not understand; the typed
/// property matching <see cref="Kind"/> is also set.
/// </summary>
public sealed class BlockRecord
{
    public BlockKind Kind { get; set; }
    public uint BlockType { get; set; }
    public byte[] RawBody { get; set; } = Array.Empty<byte>();
    public bool BigEndian { get; set; }
    public long FileOffset { get; set; }
    public SectionInfo? Section { get; set; }
    public InterfaceInfo? Interface { get; set; }
    public InterfaceStatistics? Statistics { get; set; }
    public List<NameRecord>? Names { get; set; }
    public DecryptionSecrets? Secrets { get; set; }

    /// <summary>
    /// A custom block of type 0x40000BAD, which the pcapng spec says must not be copied into other files
    /// (editcap drops it). Writers still write what they are given: callers imitating editcap skip these.
    /// </summary>
    public bool IsDoNotCopy => BlockType == 0x40000BAD;
}
