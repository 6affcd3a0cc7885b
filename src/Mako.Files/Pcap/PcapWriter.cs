using Mako.Files.Internal;

namespace Mako.Files.Pcap;

/// <summary>
/// Writes classic pcap 2.4: microsecond or nanosecond magic, or the modified (Kuznetzov ss991029) variant with
/// 24-byte record headers. The file holds a single link type; packets of another link type are refused.
/// </summary>
internal sealed class PcapWriter : StreamCaptureWriter
{
    private readonly CaptureFormat _format;
    private readonly CaptureReader? _template;
    private readonly int _requestedLinkType;
    private readonly uint _requestedSnapLength;
    private readonly long _nsPerUnit;
    private bool _headerWritten;
    private int _linkType;
    private uint _maxCaplen;

    public override CaptureFormat Format => _format;

    public PcapWriter(OutputTarget target, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength)
        : base(target)
    {
        _format = format;
        _template = template;
        _requestedLinkType = linkType;
        _requestedSnapLength = snapLength;
        _nsPerUnit = format == CaptureFormat.PcapNanosecond ? 1 : 1000;
        if (linkType >= 0 || template?.Interfaces.Count > 0)
            WriteHeader(null);
    }

    /// <summary>
    /// The header needs the link type: from the caller, else the template's interfaces, else (a pcapng template whose
    /// IDBs have not been read yet) the first packet, which is why it may be written late.
    /// </summary>
    private void WriteHeader(PacketRecord? first)
    {
        _headerWritten = true;
        var iface = _template is { } t && t.Interfaces.Count > 0
            ? t.Interfaces[first is not null && (uint)first.InterfaceId < (uint)t.Interfaces.Count ? first.InterfaceId : 0]
            : null;
        uint field;
        if (_requestedLinkType >= 0)
            field = (uint)_requestedLinkType;
        else if (_template is PcapReader pr)
            field = pr.LinkTypeField;   // keeps the FCS-length bits
        else if (iface is not null)
            field = (uint)iface.LinkType | FcsBits(iface.FcsLength);
        else
            field = first is not null ? (uint)first.LinkType : LinkTypes.Ethernet;
        _linkType = (int)(field & 0xFFFF);
        _maxCaplen = LinkTypes.MaxSnapLength(_linkType);
        uint snap = _requestedSnapLength != 0 ? _requestedSnapLength : iface?.SnapLength ?? 0;
        if (snap == 0)
            snap = _maxCaplen;   // pcap has no "unlimited"; Wireshark writes the link type's maximum

        var o = Out;
        o.U32(_format switch
        {
            CaptureFormat.PcapNanosecond => PcapReader.MagicNano,
            CaptureFormat.PcapModified => PcapReader.MagicModified,
            _ => PcapReader.MagicMicro,
        });
        o.U16(2);
        o.U16(4);
        o.U32(0);
        o.U32(0);
        o.U32(snap);
        o.U32(field);
    }

    public override void Commit()
    {
        if (!_headerWritten)
            WriteHeader(null);
        base.Commit();
    }

    private static uint FcsBits(byte? fcsBits)
        => fcsBits is byte b && b % 16 == 0 && b / 16 <= 15 ? 0x04000000u | ((uint)(b / 16) << 28) : 0;

    public override void WritePacket(PacketRecord packet)
    {
        if (!_headerWritten)
            WriteHeader(packet);
        if (packet.LinkType != _linkType)
            throw Error(CaptureErrorKind.Unsupported,
                "can't be written: it has packets of more than one link-layer type, which pcap files cannot hold.",
                $"link type {packet.LinkType} ({LinkTypes.ShortName(packet.LinkType) ?? "unknown"}) in a {LinkTypes.ShortName(_linkType) ?? _linkType.ToString()} file");
        if ((uint)packet.CapturedLength > _maxCaplen)
            throw Error(CaptureErrorKind.Unsupported, "can't be written: a packet is larger than pcap allows.",
                $"packet {packet.Number} has {packet.CapturedLength} bytes, more than {_maxCaplen}");
        var (sec, ns) = Split(packet.TimestampNs);
        if (sec < 0 || sec > uint.MaxValue)
            throw Error(CaptureErrorKind.Unsupported, "can't be written: a time stamp is outside what pcap can hold.",
                $"packet {packet.Number}");
        var o = Out;
        o.U32((uint)sec);
        o.U32((uint)(ns / _nsPerUnit));
        o.U32((uint)packet.CapturedLength);
        o.U32(packet.OriginalLength);
        if (_format == CaptureFormat.PcapModified)
        {
            o.U32((uint)(packet.KuznetzovIfIndex ?? 0));
            o.U16(packet.KuznetzovProtocol ?? 0);
            o.U8(packet.KuznetzovPacketType ?? 0);
            o.U8(0);
        }
        o.Write(packet.Data.Span[..packet.CapturedLength]);
    }

    public override void WriteBlock(BlockRecord block) { }

    public override int AddInterface(InterfaceInfo iface) => 0;

    public override void WriteSecrets(DecryptionSecrets secrets) { }
}
