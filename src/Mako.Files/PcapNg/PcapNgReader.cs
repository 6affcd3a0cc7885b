using Mako.Files.Internal;

namespace Mako.Files.PcapNg;

/// <summary>
/// pcapng reader (draft-ietf-opsawg-pcapng). Every block has the same frame, in the byte order of its section:
/// <code>
///  0 block type   4 block total length   8 body ...   total-4: block total length again
/// </code>
/// A file may hold several sections (each starting with an SHB that sets the byte order); interfaces are numbered
/// per section in the file and globally (across sections) in <see cref="InterfaceInfo.Id"/>.
/// </summary>
internal sealed partial class PcapNgReader : StreamCaptureReader
{
    public const uint ShbType = 0x0A0D0D0A;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    private const uint IdbType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SpbType = 3;
    private const uint NrbType = 4;
    private const uint IsbType = 5;
    private const uint EpbType = 6;
    private const uint DsbType = 10;

    /// <summary>
    /// Largest block accepted: the largest packet any link type allows (128 MiB) plus room for headers and options,
    /// as Wireshark does. A corrupt length beyond this is reported, not allocated.
    /// </summary>
    public const uint MaxBlockSize = 32 + 128u * 1024 * 1024 + 131072;

    private bool _bigEndian;
    // Section-local interface index -> per-interface reading state.
    private readonly List<IfaceState> _sectionIfaces = new();

    public override CaptureFormat Format => CaptureFormat.PcapNg;

    private PcapNgReader(InputBuffer input, string name, bool compressed) : base(input, name, compressed) { }

    /// <summary>Reads the first SHB (its errors fail the open, as in Wireshark).</summary>
    public static PcapNgReader Open(InputBuffer input, string name, bool compressed)
    {
        var r = new PcapNgReader(input, name, compressed);
        if (!input.Ensure(12))
            Errors.ThrowCutShort(inPacket: false);
        var head = input.Span(12);
        uint bom = Endian.U32(head[8..], bigEndian: false);
        if (bom != ByteOrderMagic && bom != 0x4D3C2B1A)
            Errors.ThrowNotCapture();
        r._bigEndian = bom != ByteOrderMagic;
        if (r.ReadBlock(first: true) != RecordKind.Block)
            Errors.ThrowNotCapture();
        return r;
    }

    private protected override RecordKind ReadCore() => ReadBlock(first: false);

    /// <summary>
    /// Restores the state of a section already read (byte order, its interfaces) so that a packet block of that
    /// section can be read after a seek.
    /// </summary>
    internal void EnterSection(int sectionIndex)
    {
        _bigEndian = SectionList[sectionIndex].BigEndian;
        _sectionIfaces.Clear();
        foreach (var i in InterfaceList)
        {
            if (i.SectionIndex == sectionIndex)
                _sectionIfaces.Add(new IfaceState(i));
        }
    }

    private RecordKind ReadBlock(bool first)
    {
        var input = Input;
        while (true)
        {
            if (!input.Ensure(8))
            {
                if (input.Available == 0)
                    return RecordKind.End;
                Errors.ThrowCutShort();
            }
            long offset = input.Position;
            var head = input.Span(8);
            uint type = Endian.U32(head, _bigEndian);
            if (type == ShbType)
            {
                if (!input.Ensure(12))
                    Errors.ThrowCutShort(inPacket: !first);
                uint bom = Endian.U32(input.Span(12)[8..], bigEndian: false);
                if (bom == ByteOrderMagic) _bigEndian = false;
                else if (bom == 0x4D3C2B1A) _bigEndian = true;
                else Errors.ThrowCorrupt($"pcapng: unknown byte-order magic number 0x{bom:x8}");
                head = input.Span(8);   // Ensure may have moved the buffered bytes
            }
            // Lengths that are not a multiple of 4 are rounded up, as Wireshark does (some writers forgot the padding).
            uint total = RoundUp4(Endian.U32(head[4..], _bigEndian));
            // One comparison clears the common case (a packet block of sane size); the rest names the problem.
            if (type != EpbType || total - 32u > MaxBlockSize - 32u)
                CheckTotalLength(type, total);
            if (!input.Ensure((int)total))
                Errors.ThrowCutShort(inPacket: !first);
            var block = input.Span((int)total);
            uint trailer = Endian.U32(block[(int)(total - 4)..], _bigEndian);
            if (trailer != total && (trailer = RoundUp4(trailer)) != total)
                Errors.ThrowCorrupt($"pcapng: total block lengths (first {total} and second {trailer}) don't match");
            var body = block[8..(int)(total - 4)];

            RecordKind kind;
            switch (type)
            {
                case EpbType:
                    kind = ReadEnhancedPacket(body, offset);
                    break;
                case SpbType:
                    kind = ReadSimplePacket(body, offset);
                    break;
                case ObsoletePacketType:
                    kind = ReadObsoletePacket(body, offset);
                    break;
                default:
                    kind = ReadOtherBlock(type, body, offset);
                    break;
            }
            input.Advance((int)total);
            if (kind != RecordKind.End)
                return kind;
        }
    }

    private static uint RoundUp4(uint v) => v > uint.MaxValue - 3 ? v : (v + 3) & ~3u;

    /// <summary>Checks a block's length before anything is read or allocated for it, with Wireshark's words.</summary>
    private static void CheckTotalLength(uint type, uint total)
    {
        if (total > MaxBlockSize)
            Errors.ThrowCorrupt($"pcapng: total block length {total} is too large (> {MaxBlockSize})");
        string? tooSmall = type switch
        {
            ShbType when total < 28 => $"of an SHB is less than the minimum SHB size 28",
            IdbType when total < 20 => "of an IDB is less than the minimum IDB size 20",
            EpbType when total < 32 => "of an EPB is less than the minimum EPB size 32",
            SpbType when total < 16 => "of an SPB is less than the minimum SPB size 16",
            ObsoletePacketType when total < 32 => "of a PB is less than the minimum PB size 32",
            NrbType when total < 16 => "of an NRB is less than the minimum NRB size 16",
            IsbType when total < 24 => "of an ISB is too small (< 24)",
            0x00000BAD or 0x40000BAD when total < 16 => "of a CB is too small (< 16)",
            _ when total < 12 => "of an unknown block type is less than the minimum block size 12",
            _ => null,
        };
        if (tooSmall is not null)
            Errors.ThrowCorrupt($"pcapng: total block length {total} {tooSmall}");
    }

    /// <summary>What the packet blocks need to know about their interface, precomputed when the IDB is read.</summary>
    private sealed class IfaceState(InterfaceInfo info)
    {
        public InterfaceInfo Info { get; } = info;
        public uint MaxCaplen { get; } = LinkTypes.MaxSnapLength(info.LinkType);
        public readonly TimestampScale Scale = new(info.TsResolution, info.TsOffset);
    }
}
