namespace Mako.Files;

/// <summary>
/// Streaming reader for pcap, pcapng and their gzip-compressed forms; the format is detected from content.
/// Memory is bounded by the largest packet, not by the file.
/// <code>
/// using var r = CaptureReader.Open(path);
/// while (r.Read() != RecordKind.End) { if (r.LastKind == RecordKind.Packet) Use(r.Packet); }
/// </code>
/// Errors (including truncation after the last complete packet) are thrown as <see cref="CaptureFileException"/>
/// from <see cref="Read"/>, after every complete packet before the damage was returned.
/// pcapng: the first Section Header Block is read by Open (see <see cref="Sections"/>[0] and <see cref="Block"/>) and
/// is not returned by Read; later SHBs, and every IDB, NRB, ISB, DSB, custom or unknown block, are.
/// Note that tshark numbers custom blocks (0x00000BAD, 0x40000BAD) as frames although capinfos does not count them.
/// </summary>
public abstract partial class CaptureReader : IDisposable
{
    /// <summary>Opens a file by path (gzip detected by content).</summary>
    public static CaptureReader Open(string path) => CaptureReaderFactory.Open(path);

    /// <summary>Opens a stream (gzip detected by content). <paramref name="name"/> is used in error messages.</summary>
    public static CaptureReader Open(Stream stream, string name, bool leaveOpen = false) => CaptureReaderFactory.Open(stream, name, leaveOpen);

    public abstract CaptureFormat Format { get; }
    /// <summary>True when the underlying file was gzip-compressed.</summary>
    public bool IsCompressed { get; protected set; }
    public string FileName { get; protected set; } = "";

    /// <summary>Sections seen so far (pcap: exactly one, synthesised from the file header).</summary>
    public IReadOnlyList<SectionInfo> Sections => SectionList;
    /// <summary>Interfaces seen so far, numbered across sections (pcap: exactly one).</summary>
    public IReadOnlyList<InterfaceInfo> Interfaces => InterfaceList;
    /// <summary>Name resolution records seen so far.</summary>
    public IReadOnlyList<NameRecord> Names => NameList;
    /// <summary>Decryption secrets seen so far, in file order (for later TLS decryption).</summary>
    public IReadOnlyList<DecryptionSecrets> Secrets => SecretList;

    /// <summary>pcap only: the header's network field as stored (link type in the low 16 bits, FCS-length bits above); null for pcapng.</summary>
    public virtual uint? PcapNetworkField => null;

    /// <summary>pcap only: the file header snaplen; pcapng: the first interface's.</summary>
    public virtual uint SnapLength => InterfaceList.Count > 0 ? InterfaceList[0].SnapLength : 0;

    /// <summary>Reads the next record. Throws <see cref="CaptureFileException"/> on damage.</summary>
    public abstract RecordKind Read();

    /// <summary>Reads records until the next packet; returns false at end of file.</summary>
    public bool ReadPacket()
    {
        RecordKind k;
        while ((k = Read()) == RecordKind.Block) { }
        return k == RecordKind.Packet;
    }

    public RecordKind LastKind { get; protected set; }
    /// <summary>The current packet, valid until the next <see cref="Read"/>.</summary>
    public PacketRecord Packet { get; } = new();
    /// <summary>The current non-packet block, valid until the next <see cref="Read"/>.</summary>
    public BlockRecord? Block { get; protected set; }

    /// <summary>Packets delivered so far.</summary>
    public long PacketCount { get; protected set; }

    protected List<SectionInfo> SectionList { get; } = new();
    protected List<InterfaceInfo> InterfaceList { get; } = new();
    protected List<NameRecord> NameList { get; } = new();
    protected List<DecryptionSecrets> SecretList { get; } = new();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
