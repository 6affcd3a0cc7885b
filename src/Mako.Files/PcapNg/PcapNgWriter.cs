using Mako.Files.Internal;

namespace Mako.Files.PcapNg;

/// <summary>
/// Writes pcapng. Packets become Enhanced Packet Blocks with all their options. Interfaces come from three places:
/// IDB blocks passed to <see cref="WriteBlock"/> (a reader's records replayed in order), interfaces declared with
/// <see cref="AddInterface"/>, or, lazily, the template reader's interface a packet refers to. Blocks read from a
/// section of the same byte order are copied from their raw body, so nothing Mako does not model is lost.
/// </summary>
internal sealed partial class PcapNgWriter : StreamCaptureWriter
{
    private readonly CaptureReader? _template;
    private readonly int _defaultLinkType;
    private readonly uint _defaultSnapLength;
    private readonly OptionBuilder _opts = new();
    // Interfaces of the current output section, by output id.
    private readonly List<OutInterface> _out = new();
    // Source (reader) interface id -> output id in the current section; -1 when not declared yet.
    private int[] _map = [];

    public override CaptureFormat Format => CaptureFormat.PcapNg;

    public PcapNgWriter(OutputTarget target, CaptureReader? template, int linkType, uint snapLength) : base(target)
    {
        _template = template;
        _defaultLinkType = linkType;
        _defaultSnapLength = snapLength;
        var section = template?.Format == CaptureFormat.PcapNg && template.Sections.Count > 0 ? template.Sections[0] : null;
        if (section is not null)
            WriteSectionHeader(section);
        else
            WriteSectionHeader(new SectionInfo { UserApplication = "Mako", MajorVersion = 1 });
        // A pcap template's single interface is known from its header: declare it now, as Wireshark does.
        if (template is not null && template.Format != CaptureFormat.PcapNg)
        {
            foreach (var iface in template.Interfaces)
                MapSource(iface.Id, Declare(iface, null));
        }
    }

    public override void WritePacket(PacketRecord packet) => WritePacket(packet, OutputInterfaceFor(packet));

    /// <summary>Writes a packet on an interface of this output (an id returned by <see cref="AddInterface"/>).</summary>
    public override void WritePacket(PacketRecord packet, int outputInterfaceId)
    {
        if ((uint)outputInterfaceId >= (uint)_out.Count)
            throw Error(CaptureErrorKind.Unsupported, "can't be written: a packet refers to an undeclared interface.",
                $"interface {outputInterfaceId} of {_out.Count}");
        var iface = _out[outputInterfaceId];
        ulong ts = iface.Scale.ToUnits(packet.TimestampNs);
        int caplen = packet.CapturedLength;
        int padded = (caplen + 3) & ~3;

        var opts = _opts;
        opts.Reset();
        if (packet.Comments.Count != 0 || packet.Flags.HasValue || packet.Hashes.Count != 0 || packet.DropCount.HasValue
            || packet.PacketId.HasValue || packet.Queue.HasValue || packet.OtherOptions.Count != 0)
            CollectPacketOptions(packet);

        uint total = (uint)(12 + 20 + padded + opts.Length);
        var o = Out;
        var h = o.GetSpan(28);
        Put(h, 6); Put(h[4..], total); Put(h[8..], (uint)outputInterfaceId);
        Put(h[12..], (uint)(ts >> 32)); Put(h[16..], (uint)ts); Put(h[20..], (uint)caplen); Put(h[24..], packet.OriginalLength);
        o.Advance(28);
        o.Write(packet.Data.Span[..caplen]);
        if (padded != caplen)
            o.Zeros(padded - caplen);
        if (opts.Length != 0)
            o.Write(opts.Span);
        o.U32(total);
    }

    private void CollectPacketOptions(PacketRecord p)
    {
        var opts = _opts;
        foreach (var c in p.Comments)
            opts.AddString(1, c);
        if (p.Flags is uint f) opts.AddU32(2, f);
        foreach (var h in p.Hashes)
            opts.Add(3, h);
        if (p.DropCount is ulong d) opts.AddU64(4, d);
        if (p.PacketId is ulong id) opts.AddU64(5, id);
        if (p.Queue is uint q) opts.AddU32(6, q);
        opts.AddAll(p.OtherOptions);
        opts.End();
    }

    private int OutputInterfaceFor(PacketRecord packet)
    {
        int src = packet.InterfaceId;
        if ((uint)src < (uint)_map.Length && _map[src] >= 0)
            return _map[src];
        if (_template is not null && (uint)src < (uint)_template.Interfaces.Count)
        {
            int id = Declare(_template.Interfaces[src], null);
            MapSource(src, id);
            return id;
        }
        if (_template is null && (uint)src < (uint)_out.Count)
            return src;
        // Nothing describes this interface: make one from what the packet says.
        int made = Declare(new InterfaceInfo
        {
            Id = src,
            LinkType = _defaultLinkType >= 0 ? _defaultLinkType : packet.LinkType,
            SnapLength = _defaultSnapLength,
            TsResolution = 9,
        }, null);
        MapSource(src, made);
        return made;
    }

    public override int AddInterface(InterfaceInfo iface) => Declare(iface, null);

    public override void WriteSecrets(DecryptionSecrets secrets) => WriteDecryptionSecrets(secrets);

    public override void WriteBlock(BlockRecord block)
    {
        bool sameOrder = block.BigEndian == Out.BigEndian && block.RawBody.Length != 0;
        switch (block.Kind)
        {
            case BlockKind.SectionHeader when block.Section is not null:
                _out.Clear();
                Array.Fill(_map, -1);
                if (block.RawBody.Length != 0)
                {
                    Out.BigEndian = block.BigEndian;
                    WriteRaw(block.BlockType, block.RawBody);
                }
                else
                    WriteSectionHeader(block.Section);
                break;
            case BlockKind.InterfaceDescription when block.Interface is not null:
                int id = Declare(block.Interface, sameOrder ? block.RawBody : null);
                MapSource(block.Interface.Id, id);
                break;
            case BlockKind.InterfaceStatistics when block.Statistics is not null:
                WriteStatistics(block, sameOrder);
                break;
            case BlockKind.NameResolution when block.Names is not null:
                if (sameOrder) WriteRaw(block.BlockType, block.RawBody);
                else WriteNames(block.Names);
                break;
            case BlockKind.DecryptionSecrets when block.Secrets is not null:
                if (sameOrder) WriteRaw(block.BlockType, block.RawBody);
                else WriteDecryptionSecrets(block.Secrets);
                break;
            default:
                // Custom and unknown blocks: only their raw body exists.
                WriteRaw(block.BlockType, block.RawBody);
                break;
        }
    }

    private void MapSource(int sourceId, int outputId)
    {
        if (sourceId < 0)
            return;
        if (sourceId >= _map.Length)
        {
            int old = _map.Length;
            Array.Resize(ref _map, Math.Max(sourceId + 1, old * 2));
            Array.Fill(_map, -1, old, _map.Length - old);
        }
        _map[sourceId] = outputId;
    }

    private void Put(Span<byte> s, uint v)
    {
        if (Out.BigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s, v);
        else System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(s, v);
    }

    private sealed class OutInterface(InterfaceInfo info)
    {
        public InterfaceInfo Info { get; } = info;
        public TimestampScale Scale { get; } = new(info.TsResolution, info.TsOffset);
    }
}
