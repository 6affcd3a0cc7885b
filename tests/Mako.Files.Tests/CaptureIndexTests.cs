using System.IO.Compression;
using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

public class CaptureIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mako-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] MultiSection()
    {
        var b = new PcapNgBuilder(false).Interface(1).Interface(113, 0, (9, [9]));
        for (int i = 0; i < 50; i++)
            b.Epb((uint)(i % 2), (ulong)(1000 + i), Bytes.Seq(10 + i, i));
        b.Section(true).Interface(101);
        for (int i = 50; i < 80; i++)
            b.Epb(0, (ulong)(1000 + i), Bytes.Seq(10 + i, i));
        return b.ToArray();
    }

    [Fact]
    public void Frames_read_in_any_order_match_the_sequential_read()
    {
        var bytes = MultiSection();
        var expected = ReadAll(bytes).Packets;
        using var index = CaptureIndex.Build(Save("multi.pcapng", bytes));
        Assert.Null(index.Error);
        Assert.Equal(80, index.Count);
        for (long n = index.Count; n >= 1; n -= 7)
        {
            var p = index.ReadFrame(n);
            var e = expected[(int)n - 1];
            Assert.Equal(n, p.Number);
            Assert.Equal((e.TimestampNs, e.InterfaceId, e.LinkType), (p.TimestampNs, p.InterfaceId, p.LinkType));
            Assert.Equal(e.Data.ToArray(), p.Data.ToArray());
        }
        Assert.Equal(expected[0].Data.ToArray(), index.ReadFrame(1).Data.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => index.ReadFrame(81));
    }

    [Fact]
    public void Gzip_files_are_indexed_through_a_temporary_copy()
    {
        var pcap = new PcapBuilder();
        for (int i = 0; i < 20; i++) pcap.Packet((uint)i, 0, Bytes.Seq(100, i));
        var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(pcap.ToArray());
        var before = Directory.GetFiles(Path.GetTempPath(), "mako-index-*").Length;
        using (var index = CaptureIndex.Build(Save("c.pcap.gz", ms.ToArray())))
        {
            Assert.Equal(20, index.Count);
            Assert.Equal(Bytes.Seq(100, 13), index.ReadFrame(14).Data.ToArray());
            Assert.Equal(13_000_000_000L, index.ReadFrame(14).TimestampNs);
        }
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "mako-index-*").Length);
    }

    [Fact]
    public void A_damaged_file_indexes_the_frames_before_the_damage()
    {
        var bytes = new PcapBuilder().Packet(1, 0, Bytes.Seq(10)).Packet(2, 0, Bytes.Seq(20)).Packet(3, 0, Bytes.Seq(30)).ToArray();
        using var index = CaptureIndex.Build(Save("t.pcap", bytes[..^5]));
        Assert.Equal(2, index.Count);
        Assert.Equal(CaptureErrorKind.CutShort, index.Error!.Kind);
        Assert.Equal(Bytes.Seq(20), index.ReadFrame(2).Data.ToArray());
        Assert.Equal(Bytes.Seq(10), index.ReadFrame(1).Data.ToArray());
    }
}
