using Mako.Files;

namespace Mako.Cli.Tools.Shared;

internal static class PacketCopy
{
    /// <summary>
    /// Copies everything but the bytes from <paramref name="p"/> into <paramref name="q"/> (a record the tool owns and
    /// may edit), reusing <paramref name="q"/>'s lists. <see cref="PacketRecord.Data"/> still points at the reader's buffer.
    /// </summary>
    public static void Header(PacketRecord p, PacketRecord q)
    {
        q.Number = p.Number;
        q.TimestampNs = p.TimestampNs;
        q.CapturedLength = p.CapturedLength;
        q.OriginalLength = p.OriginalLength;
        q.InterfaceId = p.InterfaceId;
        q.LinkType = p.LinkType;
        q.Data = p.Data;
        q.FileOffset = p.FileOffset;
        q.Flags = p.Flags;
        q.DropCount = p.DropCount;
        q.PacketId = p.PacketId;
        q.Queue = p.Queue;
        q.Source = p.Source;
        q.KuznetzovIfIndex = p.KuznetzovIfIndex;
        q.KuznetzovProtocol = p.KuznetzovProtocol;
        q.KuznetzovPacketType = p.KuznetzovPacketType;
        q.Comments.Clear();
        q.Comments.AddRange(p.Comments);
        q.Hashes.Clear();
        q.Hashes.AddRange(p.Hashes);
        q.OtherOptions.Clear();
        q.OtherOptions.AddRange(p.OtherOptions);
    }
}
