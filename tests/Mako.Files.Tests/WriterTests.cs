using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

public class WriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mako-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Replays every record of <paramref name="input"/> into a writer of <paramref name="format"/>.</summary>
    internal static byte[] Rewrite(byte[] input, CaptureFormat format)
    {
        using var r = CaptureReader.Open(new MemoryStream(input), "in");
        var ms = new MemoryStream();
        using (var w = CaptureWriter.Create(ms, format, r, leaveOpen: true))
        {
            RecordKind k;
            while ((k = r.Read()) != RecordKind.End)
            {
                if (k == RecordKind.Packet) w.WritePacket(r.Packet);
                else w.WriteBlock(r.Block!);
            }
            w.Commit();
        }
        return ms.ToArray();
    }

    private static PcapNgBuilder RichPcapNg(bool be)
    {
        var b = new PcapNgBuilder(be, (1, PcapNgBuilder.Str("made by a test")), (4, PcapNgBuilder.Str("builder")));
        b.Interface(1, 262144, (2, PcapNgBuilder.Str("eth0")), (9, [9]));
        b.Interface(113, 0, (9, [0x80 | 20]), (14, b.U64(100)));
        b.Nrb(([10, 0, 0, 1], ["one.example"]));
        b.Epb(0, 1_700_000_000_000_000_001UL, Bytes.Seq(60), 60, (1, PcapNgBuilder.Str("first")), (2, b.U32(1)), (3, [2, 9, 9, 9, 9]), (4, b.U64(1)), (5, b.U64(2)), (6, b.U32(3)));
        b.Epb(1, 5UL << 20, Bytes.Seq(33), 1000);
        b.Dsb(0x544c534b, Bytes.Seq(13));
        b.Block(0x40000BAD, [0, 0, 0x7F, 0xFE, 1, 2, 3, 4]);
        b.Isb(0, 1_700_000_000_000_000_002UL, (4, b.U64(2)), (5, b.U64(0)));
        b.Section(!be).Interface(101).Epb(0, 77, Bytes.Seq(5));
        return b;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcapng_to_pcapng_is_byte_identical_for_a_canonical_file(bool be)
    {
        var original = RichPcapNg(be).ToArray();
        var copy = Rewrite(original, CaptureFormat.PcapNg);
        Assert.Equal(original, copy);
    }

    [Fact]
    public void Pcapng_to_pcapng_keeps_everything_readers_see()
    {
        var original = RichPcapNg(false).ToArray();
        var a = ReadAll(original);
        var b = ReadAll(Rewrite(original, CaptureFormat.PcapNg));
        Assert.Null(b.Error);
        Assert.Equal(a.Packets.Count, b.Packets.Count);
        for (int i = 0; i < a.Packets.Count; i++)
        {
            var (x, y) = (a.Packets[i], b.Packets[i]);
            Assert.Equal((x.TimestampNs, x.CapturedLength, x.OriginalLength, x.InterfaceId, x.LinkType, x.Flags, x.DropCount, x.PacketId, x.Queue),
                (y.TimestampNs, y.CapturedLength, y.OriginalLength, y.InterfaceId, y.LinkType, y.Flags, y.DropCount, y.PacketId, y.Queue));
            Assert.Equal(x.Data.ToArray(), y.Data.ToArray());
            Assert.Equal(x.Comments, y.Comments);
            Assert.Equal(x.Hashes, y.Hashes);
        }
        Assert.Equal(a.Reader!.Interfaces.Count, b.Reader!.Interfaces.Count);
        Assert.Equal(a.Reader.Names.Count, b.Reader.Names.Count);
        Assert.Equal(a.Reader.Secrets[0].Data, b.Reader.Secrets[0].Data);
        Assert.Equal(a.Blocks.Select(x => (x.Kind, x.BlockType)), b.Blocks.Select(x => (x.Kind, x.BlockType)));
    }

    [Theory]
    [InlineData(0xa1b2c3d4u, CaptureFormat.Pcap, false)]
    [InlineData(0xa1b23c4du, CaptureFormat.PcapNanosecond, false)]
    [InlineData(0xa1b2c3d4u, CaptureFormat.Pcap, true)]
    [InlineData(0xa1b23c4du, CaptureFormat.PcapNanosecond, true)]
    public void Pcap_to_pcapng_to_pcap_gives_identical_packet_records(uint magic, CaptureFormat format, bool be)
    {
        var original = new PcapBuilder(magic, be, snaplen: 262144, network: 113)
            .Packet(1_600_000_000, 999_999, Bytes.Seq(70)).Packet(1_600_000_001, 1, Bytes.Seq(3), origlen: 9000).Packet(0, 0, [])
            .ToArray();
        var ng = Rewrite(original, CaptureFormat.PcapNg);
        var back = Rewrite(ng, format);
        var a = ReadAll(original);
        var c = ReadAll(back);
        Assert.Equal(a.Packets.Select(p => (p.TimestampNs, p.OriginalLength, p.LinkType)), c.Packets.Select(p => (p.TimestampNs, p.OriginalLength, p.LinkType)));
        if (!be)
            Assert.Equal(original, back);   // same byte order: the very same bytes
        Assert.Equal(format, c.Reader!.Format);
        Assert.Equal((byte)(format == CaptureFormat.PcapNanosecond ? 9 : 6), ReadAll(ng).Reader!.Interfaces[0].TsResolution);
    }

    [Fact]
    public void Pcap_writer_keeps_fcs_bits_and_refuses_another_link_type()
    {
        var original = new PcapBuilder(network: 0x24000001).Packet(1, 0, Bytes.Seq(64)).ToArray();
        Assert.Equal(original, Rewrite(original, CaptureFormat.Pcap));
        using var w = CaptureWriter.Create(new MemoryStream(), CaptureFormat.Pcap, linkType: 1);
        var p = new PacketRecord { LinkType = 113, CapturedLength = 1, Data = new byte[1] };
        var e = Assert.Throws<CaptureFileException>(() => w.WritePacket(p));
        Assert.Equal(CaptureErrorKind.Unsupported, e.Kind);
    }

    [Fact]
    public void Commit_renames_the_temporary_file_into_place()
    {
        var target = Path.Combine(_dir, "out.pcapng");
        File.WriteAllText(target, "old");
        using (var w = CaptureWriter.Create(target, CaptureFormat.PcapNg, linkType: 1))
        {
            w.WritePacket(new PacketRecord { LinkType = 1, CapturedLength = 4, OriginalLength = 4, Data = new byte[4], TimestampNs = 1000 });
            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal(2, Directory.GetFiles(_dir).Length);   // the temporary file sits beside the target
            w.Commit();
        }
        Assert.Single(Directory.GetFiles(_dir));
        var res = ReadAll(File.ReadAllBytes(target));
        Assert.Null(res.Error);
        Assert.Equal(1000, Assert.Single(res.Packets).TimestampNs);
    }

    [Fact]
    public void Dispose_without_commit_leaves_nothing_behind()
    {
        var target = Path.Combine(_dir, "never.pcap");
        using (var w = CaptureWriter.Create(target, CaptureFormat.Pcap, linkType: 1))
            w.WritePacket(new PacketRecord { LinkType = 1, CapturedLength = 1, Data = new byte[1] });
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Explicit_interfaces_for_merging()
    {
        var ms = new MemoryStream();
        using (var w = CaptureWriter.Create(ms, CaptureFormat.PcapNg, leaveOpen: true))
        {
            int a = w.AddInterface(new InterfaceInfo { LinkType = 1, Name = "a" });
            int b = w.AddInterface(new InterfaceInfo { LinkType = 101, Name = "b", TsResolution = 9 });
            var p = new PacketRecord { LinkType = 101, CapturedLength = 2, OriginalLength = 2, Data = new byte[] { 0x45, 0 }, TimestampNs = 123_456_789 };
            w.WritePacket(p, b);
            w.WritePacket(p, a);
            w.WriteSecrets(new DecryptionSecrets(DecryptionSecrets.TlsKeyLog, [1, 2, 3]));
            w.Commit();
        }
        var res = ReadAll(ms.ToArray());
        Assert.Null(res.Error);
        Assert.Equal(["a", "b"], res.Reader!.Interfaces.Select(i => i.Name));
        Assert.Equal([1, 0], res.Packets.Select(p => p.InterfaceId));
        Assert.Equal([123_456_789L, 123_456_000L], res.Packets.Select(p => p.TimestampNs));
        Assert.Equal([1, 2, 3], Assert.Single(res.Reader.Secrets).Data);
    }
}
