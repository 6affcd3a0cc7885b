using System.Text;
using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

public class PcapNgReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_interfaces_packets_and_options_in_either_byte_order(bool be)
    {
        var b = new PcapNgBuilder(be, (1, PcapNgBuilder.Str("section comment")), (2, PcapNgBuilder.Str("hw")), (3, PcapNgBuilder.Str("Linux")), (4, PcapNgBuilder.Str("app")));
        b.Interface(1, 65535,
            (2, PcapNgBuilder.Str("eth0")), (3, PcapNgBuilder.Str("first")), (8, b.U64(1_000_000_000)), (9, [9]),
            (11, [0, .. PcapNgBuilder.Str("tcp port 80")]), (12, PcapNgBuilder.Str("os")), (13, [4]), (14, b.U64(10)),
            (15, PcapNgBuilder.Str("nic")), (6, [1, 2, 3, 4, 5, 6]), (1, PcapNgBuilder.Str("if comment")));
        b.Epb(0, 1_700_000_000_123_456_789UL, Bytes.Seq(61), 1514,
            (1, PcapNgBuilder.Str("pkt comment")), (2, b.U32(0x00000001)), (3, [2, 1, 2, 3, 4]), (4, b.U64(5)),
            (5, b.U64(77)), (6, b.U32(3)), (2988, [0, 0, 0x7F, 0xFE, 9, 9]));
        b.Epb(0, 1_700_000_001_000_000_000UL, Bytes.Seq(4));

        var res = ReadAll(b.ToArray());

        Assert.Null(res.Error);
        var r = res.Reader!;
        Assert.Equal(CaptureFormat.PcapNg, r.Format);
        var s = r.Sections[0];
        Assert.Equal(be, s.BigEndian);
        Assert.Equal(["section comment"], s.Comments);
        Assert.Equal("hw", s.Hardware);
        Assert.Equal("Linux", s.Os);
        Assert.Equal("app", s.UserApplication);
        var i = r.Interfaces[0];
        Assert.Equal(("eth0", "first", 1_000_000_000UL, (byte)9, "tcp port 80", "os", (byte)4, 10L, "nic"),
            (i.Name, i.Description, i.Speed, i.TsResolution, i.Filter, i.Os, i.FcsLength, i.TsOffset, i.Hardware));
        Assert.Equal(65535u, i.SnapLength);
        Assert.Equal(["if comment"], i.Comments);
        Assert.Equal(6, Assert.Single(i.OtherOptions).Code);
        Assert.Equal(2, res.Packets.Count);
        var p = res.Packets[0];
        Assert.Equal(1_700_000_000_123_456_789L + 10_000_000_000L, p.TimestampNs);
        Assert.Equal(61, p.CapturedLength);
        Assert.Equal(1514u, p.OriginalLength);
        Assert.Equal(Bytes.Seq(61), p.Data.ToArray());
        Assert.Equal(["pkt comment"], p.Comments);
        Assert.Equal(1u, p.Flags);
        Assert.Equal([2, 1, 2, 3, 4], Assert.Single(p.Hashes));
        Assert.Equal(5ul, p.DropCount);
        Assert.Equal(77ul, p.PacketId);
        Assert.Equal(3u, p.Queue);
        Assert.Equal(2988, Assert.Single(p.OtherOptions).Code);
        Assert.Equal(PacketSource.EnhancedPacketBlock, p.Source);
        var q = res.Packets[1];
        Assert.Empty(q.Comments);
        Assert.Null(q.Flags);
        Assert.Empty(q.OtherOptions);
        Assert.Equal(2, res.Blocks.Count(x => x.Kind == BlockKind.InterfaceDescription) + 1);
    }

    [Theory]
    [InlineData(6, 1_000_000UL, 1_000_000_000L)]
    [InlineData(9, 5UL, 5L)]
    [InlineData(3, 7UL, 7_000_000L)]
    [InlineData(0x80 | 10, 1024UL, 1_000_000_000L)]     // 2^-10 s units
    [InlineData(0x80 | 20, 3UL << 20, 3_000_000_000L)]  // 2^-20 s units
    [InlineData(12, 5_000UL, 5L)]                       // picoseconds
    public void Timestamp_resolutions(byte tsresol, ulong units, long expectedNs)
    {
        var b = new PcapNgBuilder().Interface(1, 0, (9, [tsresol])).Epb(0, units, Bytes.Seq(1));
        var res = ReadAll(b.ToArray());
        Assert.Null(res.Error);
        Assert.Equal(expectedNs, res.Packets[0].TimestampNs);
    }

    [Fact]
    public void Several_sections_with_different_byte_orders_number_interfaces_globally()
    {
        var b = new PcapNgBuilder(false).Interface(1).Interface(113).Epb(1, 1, Bytes.Seq(5));
        b.Section(true).Interface(101).Epb(0, 2, Bytes.Seq(6));
        b.Section(false).Interface(105, 0, (9, [9])).Epb(0, 3, Bytes.Seq(7));
        var res = ReadAll(b.ToArray());
        Assert.Null(res.Error);
        var r = res.Reader!;
        Assert.Equal(3, r.Sections.Count);
        Assert.True(r.Sections[1].BigEndian);
        Assert.Equal(4, r.Interfaces.Count);
        Assert.Equal([1, 2, 3], res.Packets.Select(p => p.InterfaceId));
        Assert.Equal([113, 101, 105], res.Packets.Select(p => p.LinkType));
        Assert.Equal([1_000L, 2_000L, 3L], res.Packets.Select(p => p.TimestampNs));
        Assert.Equal([0, 1, 2], res.Packets.Select(p => r.Interfaces[p.InterfaceId].SectionIndex));
        Assert.Equal(2, res.Blocks.Count(x => x.Kind == BlockKind.SectionHeader));
    }

    [Fact]
    public void Simple_packet_blocks_take_their_length_from_the_interface_snaplen()
    {
        var b = new PcapNgBuilder(true).Interface(1, 64).Spb(1500, Bytes.Seq(64)).Spb(20, Bytes.Seq(20));
        var res = ReadAll(b.ToArray());
        Assert.Null(res.Error);
        Assert.Equal([64, 20], res.Packets.Select(p => p.CapturedLength));
        Assert.Equal([1500u, 20u], res.Packets.Select(p => p.OriginalLength));
        Assert.All(res.Packets, p => Assert.Equal(PacketSource.SimplePacketBlock, p.Source));
        Assert.Equal(Bytes.Seq(64), res.Packets[0].Data.ToArray());
    }

    [Fact]
    public void Obsolete_packet_blocks_are_packets()
    {
        var b = new PcapNgBuilder().Interface().Interface(101);
        b.ObsoletePacket(1, 3, 42, Bytes.Seq(9), (2, b.U32(2)), (1, PcapNgBuilder.Str("old")));
        var res = ReadAll(b.ToArray());
        Assert.Null(res.Error);
        var p = Assert.Single(res.Packets);
        Assert.Equal((1, 101, 42_000L, 3ul, 2u, PacketSource.ObsoletePacketBlock), (p.InterfaceId, p.LinkType, p.TimestampNs, p.DropCount, p.Flags, p.Source));
        Assert.Equal(["old"], p.Comments);
    }

    [Fact]
    public void Name_resolution_statistics_secrets_and_custom_blocks()
    {
        var b = new PcapNgBuilder().Interface();
        b.Nrb(([192, 168, 0, 1], ["router", "gw"]), (Enumerable.Range(0, 16).Select(x => (byte)x).ToArray(), ["v6host"]));
        b.Epb(0, 5, Bytes.Seq(3));
        b.Isb(0, 2_000_000, (2, b.Ts(1_000_000)), (3, b.Ts(3_000_000)), (4, b.U64(10)), (5, b.U64(1)), (6, b.U64(9)), (7, b.U64(2)), (8, b.U64(8)), (1, PcapNgBuilder.Str("stats")));
        b.Dsb(0x544c534b, Encoding.ASCII.GetBytes("CLIENT_RANDOM 00 11\n"));
        b.Block(0x00000BAD, [0, 0, 0x7F, 0xFE, 1, 2, 3, 4]);
        b.Block(0x40000BAD, [0, 0, 0x7F, 0xFE, 5, 6, 7, 8]);
        b.Block(0x12345678, [9, 9, 9, 9]);
        var res = ReadAll(b.ToArray());
        Assert.Null(res.Error);
        var r = res.Reader!;
        Assert.Equal(2, r.Names.Count);
        Assert.Equal(["router", "gw"], r.Names[0].Names);
        Assert.False(r.Names[0].IsIPv6);
        Assert.True(r.Names[1].IsIPv6);
        var st = Assert.Single(r.Interfaces[0].Statistics);
        Assert.Equal((2_000_000_000L, 1_000_000_000L, 3_000_000_000L, 10ul, 1ul, 9ul, 2ul, 8ul),
            (st.TimestampNs, st.StartTimeNs, st.EndTimeNs, st.Received, st.Dropped, st.FilterAccepted, st.OsDropped, st.Delivered));
        Assert.Equal(["stats"], st.Comments);
        var sec = Assert.Single(r.Secrets);
        Assert.Equal(DecryptionSecrets.TlsKeyLog, sec.SecretsType);
        Assert.Equal("CLIENT_RANDOM 00 11\n", Encoding.ASCII.GetString(sec.Data));
        var kinds = res.Blocks.Select(x => (x.Kind, x.BlockType)).ToList();
        Assert.Contains((BlockKind.NameResolution, 4u), kinds);
        Assert.Contains((BlockKind.InterfaceStatistics, 5u), kinds);
        Assert.Contains((BlockKind.DecryptionSecrets, 10u), kinds);
        Assert.Contains((BlockKind.Other, 0xBADu), kinds);
        Assert.Contains((BlockKind.Other, 0x40000BADu), kinds);
        Assert.Contains((BlockKind.Other, 0x12345678u), kinds);
        Assert.Equal([0, 0, 0x7F, 0xFE, 5, 6, 7, 8], res.Blocks.Single(x => x.BlockType == 0x40000BAD).RawBody);
    }

    [Fact]
    public void Unknown_version_is_unsupported()
    {
        var bytes = new PcapNgBuilder().Interface().ToArray();
        bytes[12] = 2;   // major version 2
        var res = ReadAll(bytes, "v");
        Assert.Equal(CaptureErrorKind.Unsupported, res.Error!.Kind);
        Assert.Equal("(pcapng: unknown SHB version 2.0)", res.Error.Describe().Split('\n')[1]);
    }

    [Fact]
    public void Option_overrunning_its_block_is_corruption()
    {
        var b = new PcapNgBuilder().Interface();
        var good = b.ToArray();
        // EPB whose only option claims 200 bytes.
        var epb = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(4), null, (1, Bytes.Seq(8))).ToArray()[good.Length..];
        epb[8 + 20 + 4 + 2] = 200;
        var res = ReadAll([.. good, .. epb], "o");
        Assert.Equal(CaptureErrorKind.Corrupt, res.Error!.Kind);
        Assert.Contains("pcapng: Not enough data to handle option of length 200", res.Error.Describe());
    }

    [Fact]
    public void Interface_index_out_of_range_is_corruption()
    {
        var res = ReadAll(new PcapNgBuilder().Interface().Epb(3, 1, Bytes.Seq(4)).ToArray());
        Assert.Equal(CaptureErrorKind.Corrupt, res.Error!.Kind);
        Assert.Contains("interface index 3 is not less than section interface count 1", res.Error.Message);
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0xFFFFFFFCu)]
    [InlineData(8u)]
    [InlineData(41u)]
    public void Absurd_block_lengths_are_corruption_without_allocating(uint length)
    {
        var bytes = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(4)).ToArray();
        int epbAt = bytes.Length - 36;
        BitConverter.TryWriteBytes(bytes.AsSpan(epbAt + 4), length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var res = ReadAll(bytes);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.NotNull(res.Error);
        Assert.True(res.Error.Kind is CaptureErrorKind.Corrupt or CaptureErrorKind.CutShort);
    }

    [Fact]
    public void Mismatched_trailer_is_corruption()
    {
        var bytes = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(4)).ToArray();
        bytes[^4] = 40;
        var res = ReadAll(bytes);
        Assert.Equal("(pcapng: total block lengths (first 36 and second 40) don't match)", res.Error!.Describe().Split('\n')[1]);
    }

    [Fact]
    public void Every_truncation_yields_complete_packets_then_an_error()
    {
        var b = new PcapNgBuilder(false, (1, PcapNgBuilder.Str("c"))).Interface(1, 0, (2, PcapNgBuilder.Str("eth0")));
        b.Epb(0, 1, Bytes.Seq(10), null, (1, PcapNgBuilder.Str("x")));
        b.Nrb(([1, 2, 3, 4], ["a"]));
        b.Spb(5, Bytes.Seq(5));
        b.Section(true).Interface(101).Epb(0, 9, Bytes.Seq(3));
        b.Isb(0, 9, (4, b.U64(1)));
        var file = b.ToArray();
        var full = ReadAll(file);
        Assert.Null(full.Error);
        // Every record starts where the previous one ended: those offsets (and the end) are the clean cut points.
        var boundaries = full.Packets.Select(p => p.FileOffset).Concat(full.Blocks.Select(b => b.FileOffset)).Append(file.Length).ToHashSet();
        long firstBlockEnd = boundaries.Min();
        for (int len = 0; len < file.Length; len++)
        {
            var res = ReadAll(file[..len]);
            Assert.Equal(full.Packets.Count(p => p.FileOffset + 12 <= len && boundaries.Any(b => b > p.FileOffset && b <= len)), res.Packets.Count);
            for (int i = 0; i < res.Packets.Count; i++)
                Assert.Equal(full.Packets[i].Data.ToArray(), res.Packets[i].Data.ToArray());
            if (len >= firstBlockEnd && boundaries.Contains(len))
                Assert.Null(res.Error);
            else
            {
                Assert.NotNull(res.Error);
                var expected = len < 4 ? CaptureErrorKind.UnknownFormat : CaptureErrorKind.CutShort;
                Assert.True(res.Error.Kind == expected, $"len {len}: {res.Error.Kind} {res.Error.Message}");
                Assert.Equal(res.Packets.Count, res.Error.PacketsRead);
            }
        }
    }
}
