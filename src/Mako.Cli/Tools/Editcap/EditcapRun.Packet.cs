using System.Buffers.Binary;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Editcap;

internal sealed partial class EditcapRun
{
    /// <summary>Copies the reader's packet into the output record and the scratch buffer.</summary>
    private void CopyPacket(PacketRecord p)
    {
        PacketCopy.Header(p, _out);
        if (o.OutLinkType >= 0)
            _out.LinkType = o.OutLinkType;
        if (_buf.Length < p.CapturedLength)
            _buf = new byte[Math.Max(p.CapturedLength, _buf.Length * 2)];
        p.Data.Span[..p.CapturedLength].CopyTo(_buf);
    }

    /// <summary>-S (strict chronological order) then -t (shift).</summary>
    private void AdjustTime(ref long previousNs, ref bool havePrevious)
    {
        if (o.StrictAdjust)
        {
            // editcap treats a previous time of exactly 0 as "no previous packet".
            if (havePrevious && previousNs != 0)
            {
                if (o.StrictNegative || _out.TimestampNs < previousNs)
                    _out.TimestampNs = previousNs + o.StrictAdjustNs;
            }
            previousNs = _out.TimestampNs;
            havePrevious = true;
        }
        _out.TimestampNs += o.TimeAdjustNs;
    }

    /// <summary>-s, -L, -C and --novlan on the scratch copy; returns the new captured length.</summary>
    private int EditBytes()
    {
        int caplen = _out.CapturedLength;
        uint len = _out.OriginalLength;
        if (o.SnapLength != 0)
        {
            if ((uint)caplen > o.SnapLength)
                caplen = (int)o.SnapLength;
            if (o.AdjustLength && len > o.SnapLength)
                len = o.SnapLength;
        }
        if (!o.Chop.IsEmpty)
            caplen = Chopper.Apply(o.Chop, _buf.AsSpan(0, caplen), ref len, o.AdjustLength);
        if (o.RemoveVlan && _out.LinkType == LinkTypes.LinuxSll)
            caplen = RemoveSllVlan(_buf.AsSpan(0, caplen));
        _out.CapturedLength = caplen;
        _out.OriginalLength = len;
        _out.Data = _buf.AsMemory(0, caplen);
        return caplen;
    }

    /// <summary>
    /// --novlan on Linux cooked captures: drops the 802.1Q tag that follows the 16-byte SLL header
    /// (the wire length is left as it was, as editcap leaves it).
    /// </summary>
    private static int RemoveSllVlan(Span<byte> data)
    {
        const int protoOffset = 14, vlanSize = 4;
        if (data.Length < protoOffset + vlanSize || BinaryPrimitives.ReadUInt16BigEndian(data[protoOffset..]) != 0x8100)
            return data.Length;
        data[(protoOffset + vlanSize)..].CopyTo(data[protoOffset..]);
        return data.Length - vlanSize;
    }
}
