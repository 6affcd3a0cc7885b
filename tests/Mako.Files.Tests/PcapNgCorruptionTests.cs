using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

/// <summary>Damaged pcapng files: the detail lines were recorded from capinfos 4.0 on the same bytes.</summary>
public class PcapNgCorruptionTests
{
    private static byte[] WithBlock(uint type, byte[] body, uint? total = null)
    {
        var head = new PcapNgBuilder().Interface().ToArray();
        uint t = total ?? (uint)(body.Length + 12);
        return [.. head, .. BitConverter.GetBytes(type), .. BitConverter.GetBytes(t), .. body, .. BitConverter.GetBytes(t)];
    }

    private static string Detail(byte[] file)
    {
        var res = ReadAll(file);
        Assert.NotNull(res.Error);
        return res.Error.Detail ?? "";
    }

    [Theory]
    [InlineData(6u, 16, "pcapng: total block length 28 of an EPB is less than the minimum EPB size 32")]
    [InlineData(3u, 0, "pcapng: total block length 12 of an SPB is less than the minimum SPB size 16")]
    [InlineData(2u, 8, "pcapng: total block length 20 of a PB is less than the minimum PB size 32")]
    [InlineData(5u, 8, "pcapng: total block length 20 of an ISB is too small (< 24)")]
    [InlineData(0xBADu, 0, "pcapng: total block length 12 of a CB is too small (< 16)")]
    [InlineData(1u, 4, "pcapng: total block length 16 of an IDB is less than the minimum IDB size 20")]
    public void Blocks_shorter_than_their_fixed_part(uint type, int bodyLength, string detail)
        => Assert.Equal(detail, Detail(WithBlock(type, new byte[bodyLength])));

    [Fact]
    public void Total_lengths_below_the_frame_size_name_the_block_type()
    {
        var head = new PcapNgBuilder().Interface().ToArray();
        byte[] file = [.. head, 0x99, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal("pcapng: total block length 8 of an unknown block type is less than the minimum block size 12", Detail(file));
        byte[] huge = [.. head, 6, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0x7F, .. new byte[100]];
        Assert.Equal("pcapng: total block length 2147483632 is too large (> 134348832)", Detail(huge));
    }

    [Fact]
    public void Lengths_are_rounded_up_to_4_as_wireshark_does()
    {
        var file = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(60)).ToArray();
        file[^4] = 90;   // trailer 90 rounds to 92, the real length: accepted
        var ok = ReadAll(file);
        Assert.Null(ok.Error);
        Assert.Single(ok.Packets);
        file[^4] = 97;
        Assert.Equal("pcapng: total block lengths (first 92 and second 100) don't match", Detail(file));
    }

    [Theory]
    [InlineData(2, 2, "pcapng: packet block flags option length 2 is not 4")]
    [InlineData(4, 2, "pcapng: packet block drop count option length 2 is not 8")]
    [InlineData(5, 2, "pcapng: packet block packet id option length 2 is not 8")]
    [InlineData(6, 2, "pcapng: packet block queue option length 2 is not 4")]
    public void Packet_options_of_the_wrong_size(ushort code, int length, string detail)
    {
        var file = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(4), null, (code, new byte[length])).ToArray();
        Assert.Equal(detail, Detail(file));
    }

    [Fact]
    public void Name_resolution_records_that_lie()
    {
        byte[] v4short = [1, 0, 2, 0, 1, 2, 0, 0, 0, 0, 0, 0];
        Assert.Equal("pcapng: NRB record length for IPv4 record 2 < minimum length 4", Detail(WithBlock(4, v4short)));
        byte[] v6short = [2, 0, 4, 0, 1, 2, 3, 4, 0, 0, 0, 0];
        Assert.Equal("pcapng: NRB record length for IPv6 record 4 < minimum length 16", Detail(WithBlock(4, v6short)));
        byte[] overrun = [1, 0, 50, 0, 1, 2, 3, 4, (byte)'a', (byte)'b', (byte)'c', 0];
        Assert.Equal("pcapng: 8 bytes left in the block < NRB record length + padding 52", Detail(WithBlock(4, overrun)));
    }

    [Fact]
    public void Statistics_for_a_missing_interface_are_ignored()
    {
        var res = ReadAll(WithBlock(5, [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Null(res.Error);
        Assert.Equal(-1, res.Blocks.Single(b => b.Kind == BlockKind.InterfaceStatistics).Statistics!.InterfaceId);
        Assert.Empty(res.Reader!.Interfaces[0].Statistics);
    }

    [Theory]
    [InlineData(1, 2, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 0, false)]
    [InlineData(0, 1, false)]
    public void Section_versions(byte major, byte minor, bool accepted)
    {
        var file = new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(4)).ToArray();
        file[12] = major;
        file[14] = minor;
        var res = ReadAll(file);
        Assert.Equal(accepted, res.Error is null);
        if (!accepted)
            Assert.Equal($"pcapng: unknown SHB version {major}.{minor}", res.Error!.Detail);
    }

    [Fact]
    public void Unknown_link_types_are_read_as_wireshark_does()
    {
        var res = ReadAll(new PcapNgBuilder().Interface(9999).Epb(0, 1, Bytes.Seq(4)).ToArray());
        Assert.Null(res.Error);
        Assert.Equal(9999, Assert.Single(res.Packets).LinkType);
    }
}
