using System.Text;
using Mako.Files.Internal;

namespace Mako.Files.PcapNg;

internal sealed partial class PcapNgReader
{
    private const ushort OptComment = 1;

    /// <summary>
    /// Enhanced Packet Block body:
    /// <code>
    ///  0 interface id  4 timestamp high  8 timestamp low  12 captured len  16 original len  20 data (padded) ... options
    /// </code>
    /// </summary>
    private RecordKind ReadEnhancedPacket(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 20)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of an EPB is less than the minimum EPB size 32");
        bool be = _bigEndian;
        uint ifid = Endian.U32(body, be);
        var iface = Interface(ifid);
        ulong ts = ((ulong)Endian.U32(body[4..], be) << 32) | Endian.U32(body[8..], be);
        uint caplen = Endian.U32(body[12..], be);
        uint origlen = Endian.U32(body[16..], be);
        CheckCaplen(caplen, (uint)body.Length - 20, iface, "EPB", body.Length);

        ResetPacketOptions();
        int padded = ((int)caplen + 3) & ~3;
        if (padded < body.Length - 20)
            ReadPacketOptions(body[(20 + padded)..]);
        FillPacket(iface, iface.Scale.ToNs(ts), caplen, origlen, 8 + 20, offset, PacketSource.EnhancedPacketBlock);
        return RecordKind.Packet;
    }

    /// <summary>Simple Packet Block: original length(4), data. No timestamp; interface 0 of the section.</summary>
    private RecordKind ReadSimplePacket(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 4)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of an SPB is less than the minimum SPB size 16");
        if (_sectionIfaces.Count == 0)
            Errors.ThrowCorrupt("pcapng: SPB appeared before any IDBs in the section");
        var iface = _sectionIfaces[0];
        uint origlen = Endian.U32(body, _bigEndian);
        // The captured length is not stored: it is the original length cut to the interface's snaplen.
        uint caplen = origlen;
        uint snap = iface.Info.SnapLength;
        if (snap != 0 && caplen > snap)
            caplen = snap;
        uint room = (uint)body.Length - 4;
        if (caplen > room)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of an SPB is too small for {caplen} bytes of packet data");
        if (caplen > iface.MaxCaplen)
            Errors.ThrowCorrupt($"pcapng: cap_len {caplen} is larger than {iface.MaxCaplen}");
        ResetPacketOptions();
        FillPacket(iface, 0, caplen, origlen, 8 + 4, offset, PacketSource.SimplePacketBlock);
        return RecordKind.Packet;
    }

    /// <summary>
    /// Obsolete Packet Block (type 2):
    /// <code>
    ///  0 interface id(2) drops count(2)  4 timestamp high  8 timestamp low  12 captured len  16 original len  20 data ... options
    /// </code>
    /// </summary>
    private RecordKind ReadObsoletePacket(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 20)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of a PB is less than the minimum PB size 32");
        bool be = _bigEndian;
        ushort ifid = Endian.U16(body, be);
        ushort drops = Endian.U16(body[2..], be);
        var iface = Interface(ifid);
        ulong ts = ((ulong)Endian.U32(body[4..], be) << 32) | Endian.U32(body[8..], be);
        uint caplen = Endian.U32(body[12..], be);
        uint origlen = Endian.U32(body[16..], be);
        CheckCaplen(caplen, (uint)body.Length - 20, iface, "PB", body.Length);

        ResetPacketOptions();
        if (drops != 0xFFFF)   // 0xFFFF means "unknown"
            Packet.DropCount = drops;
        int padded = ((int)caplen + 3) & ~3;
        if (padded < body.Length - 20)
            ReadPacketOptions(body[(20 + padded)..]);
        FillPacket(iface, iface.Scale.ToNs(ts), caplen, origlen, 8 + 20, offset, PacketSource.ObsoletePacketBlock);
        return RecordKind.Packet;
    }

    private IfaceState Interface(uint ifid)
    {
        if (ifid >= (uint)_sectionIfaces.Count)
            Errors.ThrowCorrupt($"pcapng: interface index {ifid} is not less than section interface count {_sectionIfaces.Count}");
        return _sectionIfaces[(int)ifid];
    }

    private static void CheckCaplen(uint caplen, uint room, IfaceState iface, string block, int bodyLength)
    {
        if (caplen > room)
            Errors.ThrowCorrupt($"pcapng: total block length {bodyLength + 12} of an {block} is too small for {caplen} bytes of packet data");
        if (caplen > iface.MaxCaplen)
            Errors.ThrowCorrupt($"pcapng: cap_len {caplen} is larger than {iface.MaxCaplen}");
    }

    private void FillPacket(IfaceState iface, long tsNs, uint caplen, uint origlen, int dataOffset, long offset, PacketSource source)
    {
        var p = Packet;
        p.Number = ++PacketCount;
        p.TimestampNs = tsNs;
        p.CapturedLength = (int)caplen;
        p.OriginalLength = origlen;
        p.InterfaceId = iface.Info.Id;
        p.LinkType = iface.Info.LinkType;
        p.Data = new ReadOnlyMemory<byte>(Input.Array, Input.Offset + dataOffset, (int)caplen);
        p.FileOffset = offset;
        p.Source = source;
    }

    /// <summary>EPB/PB options: comment, flags, hash, dropcount, packetid, queue; anything else kept raw.</summary>
    private void ReadPacketOptions(ReadOnlySpan<byte> options)
    {
        var p = Packet;
        bool be = _bigEndian;
        var r = new OptionReader(options, be);
        while (r.Next(out ushort code, out var v))
        {
            switch (code)
            {
                case OptComment:
                    p.Comments.Add(Utf8(v));
                    break;
                case 2:
                    p.Flags = Endian.U32(Sized(v, 4, "flags"), be);
                    break;
                case 3:
                    p.Hashes.Add(v.ToArray());
                    break;
                case 4:
                    p.DropCount = Endian.U64(Sized(v, 8, "drop count"), be);
                    break;
                case 5:
                    p.PacketId = Endian.U64(Sized(v, 8, "packet id"), be);
                    break;
                case 6:
                    p.Queue = Endian.U32(Sized(v, 4, "queue"), be);
                    break;
                default:
                    p.OtherOptions.Add(new PcapngOption(code, v.ToArray()));
                    break;
            }
        }
    }

    private static ReadOnlySpan<byte> Sized(ReadOnlySpan<byte> v, int size, string name)
    {
        if (v.Length != size)
            Errors.ThrowCorrupt($"pcapng: packet block {name} option length {v.Length} is not {size}");
        return v;
    }

    private static string Utf8(ReadOnlySpan<byte> v)
    {
        // Some writers include the C string terminator in the option value; it is not part of the text.
        int n = v.IndexOf((byte)0);
        return Encoding.UTF8.GetString(n >= 0 ? v[..n] : v);
    }
}
