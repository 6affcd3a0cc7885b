namespace Mako.Files;

/// <summary>What a call to <see cref="CaptureReader.Read"/> produced.</summary>
public enum RecordKind
{
    /// <summary>No more records: the file ended cleanly.</summary>
    End = 0,
    /// <summary>A packet (pcap record, pcapng EPB/SPB/PB). See <see cref="CaptureReader.Packet"/>.</summary>
    Packet,
    /// <summary>
    /// A pcapng block that is not a packet (SHB of a new section, IDB, NRB, ISB, DSB, custom or unknown).
    /// See <see cref="CaptureReader.Block"/>. Readers that only want packets can ignore these.
    /// </summary>
    Block,
}

/// <summary>
/// One packet as read from a capture file. The reader reuses a single instance and its byte buffer:
/// everything here is valid only until the next call to <see cref="CaptureReader.Read"/>.
/// Call <see cref="Clone"/> to keep a packet.
/// </summary>
public sealed class PacketRecord
{
    /// <summary>1-based frame number across the whole file (all sections).</summary>
    public long Number { get; set; }

    /// <summary>Nanoseconds since the Unix epoch (if_tsoffset already applied).</summary>
    public long TimestampNs { get; set; }

    /// <summary>Bytes present in the file for this packet.</summary>
    public int CapturedLength { get; set; }

    /// <summary>Length of the packet on the wire.</summary>
    public uint OriginalLength { get; set; }

    /// <summary>Index of the interface within the whole file (0 for pcap; pcapng IDBs numbered across sections).</summary>
    public int InterfaceId { get; set; }

    /// <summary>LINKTYPE_ value (from the pcap header or the packet's IDB).</summary>
    public int LinkType { get; set; }

    /// <summary>Captured bytes, <see cref="CapturedLength"/> long.</summary>
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>Byte offset of this record's header in the (decompressed) file.</summary>
    public long FileOffset { get; set; }

    /// <summary>pcapng epb_flags (direction in bits 0-1, reception type 2-4, FCS length 5-8, link-layer errors 16-31), if present.</summary>
    public uint? Flags { get; set; }

    /// <summary>pcapng epb_dropcount, if present.</summary>
    public ulong? DropCount { get; set; }

    /// <summary>pcapng epb_packetid, if present.</summary>
    public ulong? PacketId { get; set; }

    /// <summary>pcapng epb_queue, if present.</summary>
    public uint? Queue { get; set; }

    /// <summary>opt_comment values, in file order. Empty list (not null) when none.</summary>
    public List<string> Comments { get; } = new();

    /// <summary>epb_hash values (first byte is the algorithm), in file order.</summary>
    public List<byte[]> Hashes { get; } = new();

    /// <summary>Every other option (custom options 2988/2989/19372/19373, verdicts, unknown codes) kept raw for lossless rewrite.</summary>
    public List<PcapngOption> OtherOptions { get; } = new();

    /// <summary>Which block type carried the packet (pcap records report <see cref="PacketSource.PcapRecord"/>).</summary>
    public PacketSource Source { get; set; }

    /// <summary>"Modified" (Kuznetzov) pcap extra header fields, when the file has them.</summary>
    public int? KuznetzovIfIndex { get; set; }
    public ushort? KuznetzovProtocol { get; set; }
    public byte? KuznetzovPacketType { get; set; }

    /// <summary>A deep copy that survives later reads.</summary>
    public PacketRecord Clone()
    {
        var c = new PacketRecord
        {
            Number = Number,
            TimestampNs = TimestampNs,
            CapturedLength = CapturedLength,
            OriginalLength = OriginalLength,
            InterfaceId = InterfaceId,
            LinkType = LinkType,
            Data = Data.ToArray(),
            FileOffset = FileOffset,
            Flags = Flags,
            DropCount = DropCount,
            PacketId = PacketId,
            Queue = Queue,
            Source = Source,
            KuznetzovIfIndex = KuznetzovIfIndex,
            KuznetzovProtocol = KuznetzovProtocol,
            KuznetzovPacketType = KuznetzovPacketType,
        };
        c.Comments.AddRange(Comments);
        foreach (var h in Hashes) c.Hashes.Add((byte[])h.Clone());
        foreach (var o in OtherOptions) c.OtherOptions.Add(o with { Value = (byte[])o.Value.Clone() });
        return c;
    }
}

public enum PacketSource { PcapRecord, EnhancedPacketBlock, SimplePacketBlock, ObsoletePacketBlock }

/// <summary>One raw pcapng option: code and value bytes (without padding), in the section's byte order.</summary>
public sealed record PcapngOption(ushort Code, byte[] Value);
