using Mako.Files.Internal;

namespace Mako.Files.Pcap;

/// <summary>
/// Classic libpcap files: microsecond (a1b2c3d4), nanosecond (a1b23c4d) and Kuznetzov's modified format
/// (a1b2cd34, 24-byte record headers), in either byte order.
/// <code>
/// File header (24 bytes)                      Record header (16 bytes; 24 for the modified format)
///  0 magic  4 major(2) minor(2)  8 thiszone    0 ts_sec  4 ts_frac  8 incl_len  12 orig_len
/// 12 sigfigs  16 snaplen  20 network           [16 ifindex(4) protocol(2) pkt_type(1) pad(1)]
/// </code>
/// </summary>
internal sealed class PcapReader : StreamCaptureReader
{
    public const uint MagicMicro = 0xa1b2c3d4;
    public const uint MagicNano = 0xa1b23c4d;
    public const uint MagicModified = 0xa1b2cd34;

    private readonly CaptureFormat _format;
    private readonly bool _bigEndian;
    private readonly int _recordHeaderLength;
    private readonly long _fractionToNs;
    private readonly bool _lengthsSwapped;
    private readonly bool _lengthsMaybeSwapped;
    private readonly uint _maxCaplen;
    private readonly InterfaceInfo _iface;

    public override CaptureFormat Format => _format;

    /// <summary>The header's thiszone field (GMT offset; in practice always 0).</summary>
    public int ThisZone { get; }
    /// <summary>The header's sigfigs field.</summary>
    public uint SigFigs { get; }
    /// <summary>The header's network field as stored (link type in the low 16 bits, FCS length bits above).</summary>
    public uint LinkTypeField { get; }

    public override uint SnapLength => _iface.SnapLength;

    public override uint? PcapNetworkField => LinkTypeField;

    private PcapReader(InputBuffer input, string name, bool compressed, CaptureFormat format, bool bigEndian,
        ReadOnlySpan<byte> header) : base(input, name, compressed)
    {
        _format = format;
        _bigEndian = bigEndian;
        _recordHeaderLength = format == CaptureFormat.PcapModified ? 24 : 16;
        _fractionToNs = format == CaptureFormat.PcapNanosecond ? 1 : 1000;

        ushort major = Endian.U16(header[4..], bigEndian);
        ushort minor = Endian.U16(header[6..], bigEndian);
        ThisZone = (int)Endian.U32(header[8..], bigEndian);
        SigFigs = Endian.U32(header[12..], bigEndian);
        uint snaplen = Endian.U32(header[16..], bigEndian);
        uint network = Endian.U32(header[20..], bigEndian);
        LinkTypeField = network;

        if (major < 2)
            Errors.ThrowUnsupported($"pcap: major version {major} unsupported");
        if ((network & 0x03FF0000) != 0)
            Errors.ThrowUnsupported($"pcap: network type reserved field not zero (0x{network & 0x03FF0000:x8})");
        int linkType = (int)(network & 0xFFFF);
        if (!LinkTypes.IsKnown(linkType))
            Errors.ThrowUnsupported($"pcap: network type {network} unknown or unsupported");

        // Before 2.3 the two length fields were in the other order; 2.3 files were written both ways; DG/UX used 543.
        _lengthsSwapped = (major == 2 && minor < 3) || major == 543;
        _lengthsMaybeSwapped = major == 2 && minor == 3;
        _maxCaplen = LinkTypes.MaxSnapLength(linkType);

        SectionList.Add(new SectionInfo { BigEndian = bigEndian, MajorVersion = major, MinorVersion = minor });
        _iface = new InterfaceInfo
        {
            Id = 0,
            LinkType = linkType,
            SnapLength = snaplen,
            TsResolution = (byte)(format == CaptureFormat.PcapNanosecond ? 9 : 6),
        };
        if ((network & 0x04000000) != 0)
            _iface.FcsLength = (byte)(((network >> 28) & 0xF) * 16);   // the field counts 16-bit units; we keep bits
        InterfaceList.Add(_iface);
    }

    /// <summary>Reads the 24-byte file header; the magic (first 4 bytes) was already recognised.</summary>
    public static PcapReader Open(InputBuffer input, string name, bool compressed, uint magic, bool bigEndian)
    {
        if (!input.Ensure(24))
            Errors.ThrowCutShort(inPacket: false);
        var format = magic switch
        {
            MagicNano => CaptureFormat.PcapNanosecond,
            MagicModified => CaptureFormat.PcapModified,
            _ => CaptureFormat.Pcap,
        };
        var r = new PcapReader(input, name, compressed, format, bigEndian, input.Span(24));
        input.Advance(24);
        return r;
    }

    private protected override RecordKind ReadCore()
    {
        var input = Input;
        int hl = _recordHeaderLength;
        if (!input.Ensure(hl))
        {
            if (input.Available == 0)
                return RecordKind.End;
            Errors.ThrowCutShort();
        }
        long offset = input.Position;
        var h = input.Span(hl);
        bool be = _bigEndian;
        uint sec = Endian.U32(h, be);
        uint frac = Endian.U32(h[4..], be);
        uint caplen = Endian.U32(h[8..], be);
        uint origlen = Endian.U32(h[12..], be);
        if (_lengthsSwapped || (_lengthsMaybeSwapped && caplen > origlen))
            (caplen, origlen) = (origlen, caplen);

        if (caplen > _maxCaplen)
            Errors.ThrowCorrupt($"pcap: File has {caplen}-byte packet, bigger than maximum of {_maxCaplen}");

        var p = Packet;
        if (hl == 24)
        {
            p.KuznetzovIfIndex = (int)Endian.U32(h[16..], be);
            p.KuznetzovProtocol = Endian.U16(h[20..], be);
            p.KuznetzovPacketType = h[22];
        }

        int total = hl + (int)caplen;
        if (!input.Ensure(total))
            Errors.ThrowCutShort();

        p.Number = ++PacketCount;
        p.TimestampNs = (long)sec * 1_000_000_000L + frac * _fractionToNs;
        p.CapturedLength = (int)caplen;
        p.OriginalLength = origlen;
        p.InterfaceId = 0;
        p.LinkType = _iface.LinkType;
        p.Data = new ReadOnlyMemory<byte>(input.Array, input.Offset + hl, (int)caplen);
        p.FileOffset = offset;
        p.Source = PacketSource.PcapRecord;
        input.Advance(total);
        return RecordKind.Packet;
    }
}
