using System.IO.Compression;
using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

public class PcapReaderTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Reads_both_byte_orders_and_resolutions(bool bigEndian, bool nano)
    {
        var data1 = Bytes.Seq(60);
        var data2 = Bytes.Seq(100, 5);
        var file = new PcapBuilder(nano ? 0xa1b23c4d : 0xa1b2c3d4, bigEndian, snaplen: 262144, network: 113)
            .Packet(1_700_000_000, 123456, data1)
            .Packet(1_700_000_001, 999, data2, origlen: 1500)
            .ToArray();

        var res = ReadAll(file);

        Assert.Null(res.Error);
        Assert.Equal(nano ? CaptureFormat.PcapNanosecond : CaptureFormat.Pcap, res.Reader!.Format);
        Assert.Equal(262144u, res.Reader.SnapLength);
        Assert.Equal(bigEndian, res.Reader.Sections[0].BigEndian);
        Assert.Equal(2, res.Packets.Count);
        var p = res.Packets[0];
        Assert.Equal(1, p.Number);
        Assert.Equal(113, p.LinkType);
        Assert.Equal(1_700_000_000L * 1_000_000_000 + (nano ? 123456 : 123456000), p.TimestampNs);
        Assert.Equal(data1, p.Data.ToArray());
        Assert.Equal(24, p.FileOffset);
        Assert.Equal(PacketSource.PcapRecord, p.Source);
        Assert.Equal(2, res.Packets[1].Number);
        Assert.Equal(1500u, res.Packets[1].OriginalLength);
        Assert.Equal(100, res.Packets[1].CapturedLength);
        Assert.Equal(data2, res.Packets[1].Data.ToArray());
        Assert.Equal((byte)(nano ? 9 : 6), res.Reader.Interfaces[0].TsResolution);
    }

    [Fact]
    public void Modified_format_has_24_byte_record_headers()
    {
        var file = new PcapBuilder(0xa1b2cd34).Packet(5, 6, Bytes.Seq(20)).Packet(7, 8, Bytes.Seq(30)).ToArray();
        var res = ReadAll(file);
        Assert.Null(res.Error);
        Assert.Equal(CaptureFormat.PcapModified, res.Reader!.Format);
        Assert.Equal(2, res.Packets.Count);
        Assert.Equal(Bytes.Seq(30), res.Packets[1].Data.ToArray());
        Assert.Equal(7, res.Packets[0].KuznetzovIfIndex);
        Assert.Equal((ushort)0x0800, res.Packets[0].KuznetzovProtocol);
        Assert.Equal((byte)4, res.Packets[0].KuznetzovPacketType);
    }

    [Fact]
    public void Fcs_bits_in_the_link_type_field_become_the_interface_fcs_length()
    {
        // 0x04000000 = FCS length present; 0x20000000 = 2 units of 16 bits = 32 bits.
        var file = new PcapBuilder(network: 0x24000001).Packet(1, 0, Bytes.Seq(64)).ToArray();
        var res = ReadAll(file);
        Assert.Null(res.Error);
        Assert.Equal(1, res.Packets[0].LinkType);
        Assert.Equal((byte)32, res.Reader!.Interfaces[0].FcsLength);
        Assert.Equal(0x24000001u, res.Reader.PcapNetworkField);
    }

    [Fact]
    public void Version_2_2_files_have_the_length_fields_swapped()
    {
        var file = new PcapBuilder(minor: 2).Packet(1, 0, Bytes.Seq(10), origlen: 10).ToArray();
        // Write origlen=100 in the caplen slot: a 2.2 file stores orig_len first.
        var b = new PcapBuilder(minor: 2).Packet(1, 0, Bytes.Seq(10), caplen: 100, origlen: 10).ToArray();
        var res = ReadAll(b);
        Assert.Null(res.Error);
        Assert.Equal(10, res.Packets[0].CapturedLength);
        Assert.Equal(100u, res.Packets[0].OriginalLength);
        Assert.Single(ReadAll(file).Packets);
    }

    [Fact]
    public void Caplen_larger_than_snaplen_is_accepted_as_wireshark_does()
    {
        var res = ReadAll(new PcapBuilder(snaplen: 30).Packet(1, 0, Bytes.Seq(60)).ToArray());
        Assert.Null(res.Error);
        Assert.Equal(60, res.Packets[0].CapturedLength);
    }

    [Fact]
    public void Absurd_caplen_is_corruption_with_wiresharks_words()
    {
        var file = new PcapBuilder().Packet(1, 0, Bytes.Seq(10)).Packet(1, 0, Bytes.Seq(100), caplen: 0xFFFFFFFF, origlen: 0xFFFFFFFF).ToArray();
        var res = ReadAll(file, "big.pcap");
        Assert.Single(res.Packets);
        Assert.NotNull(res.Error);
        Assert.Equal(CaptureErrorKind.Corrupt, res.Error.Kind);
        Assert.Equal(1, res.Error.PacketsRead);
        Assert.Equal("The file \"big.pcap\" appears to be damaged or corrupt.\n(pcap: File has 4294967295-byte packet, bigger than maximum of 262144)", res.Error.Describe());
    }

    [Fact]
    public void Large_packets_are_allowed_for_usb_and_dbus()
    {
        var res = ReadAll(new PcapBuilder(network: 231).Packet(1, 0, Bytes.Seq(300_000)).ToArray());
        Assert.Null(res.Error);
        Assert.Equal(300_000, res.Packets[0].CapturedLength);
    }

    [Theory]
    [InlineData(1, 4, 1u, "(pcap: major version 1 unsupported)")]
    [InlineData(2, 4, 9999u, "(pcap: network type 9999 unknown or unsupported)")]
    [InlineData(2, 4, 0x00300000u, "(pcap: network type reserved field not zero (0x00300000))")]
    public void Unsupported_headers_are_refused_at_open(ushort major, ushort minor, uint network, string detail)
    {
        var res = ReadAll(new PcapBuilder(major: major, minor: minor, network: network).Packet(1, 0, Bytes.Seq(10)).ToArray(), "x");
        Assert.NotNull(res.Error);
        Assert.Equal(CaptureErrorKind.Unsupported, res.Error.Kind);
        Assert.Equal("The file \"x\" contains record data that capinfos doesn't support.\n" + detail, res.Error.Describe("capinfos"));
    }

    [Fact]
    public void Every_truncation_yields_complete_packets_then_cut_short()
    {
        var file = new PcapBuilder(0xa1b23c4d).Packet(1, 2, Bytes.Seq(40)).Packet(3, 4, Bytes.Seq(41)).Packet(5, 6, Bytes.Seq(3)).ToArray();
        int[] ends = [24, 24 + 16 + 40, 24 + 16 + 40 + 16 + 41, file.Length];
        for (int len = 0; len < file.Length; len++)
        {
            var res = ReadAll(file[..len], "t");
            if (len < 24)
            {
                Assert.NotNull(res.Error);
                Assert.True(res.Error.Kind is CaptureErrorKind.UnknownFormat or CaptureErrorKind.CutShort, $"len {len}: {res.Error.Kind}");
                continue;
            }
            int complete = Array.FindLastIndex(ends, e => e <= len);
            Assert.Equal(complete, res.Packets.Count);
            if (ends.Contains(len))
                Assert.Null(res.Error);
            else
            {
                Assert.NotNull(res.Error);
                Assert.Equal(CaptureErrorKind.CutShort, res.Error.Kind);
                Assert.Equal(complete, res.Error.PacketsRead);
                Assert.Equal("The file \"t\" appears to have been cut short in the middle of a packet.", res.Error.Describe());
            }
        }
    }

    [Fact]
    public void Short_file_header_is_cut_short_in_other_data()
    {
        var res = ReadAll(new PcapBuilder().ToArray()[..10], "s");
        Assert.Equal("The file \"s\" appears to have been cut short in the middle of a packet or other data.", res.Error!.Describe());
    }

    [Fact]
    public void Errors_are_sticky()
    {
        var file = new PcapBuilder().Packet(1, 0, Bytes.Seq(10)).ToArray();
        using var r = CaptureReader.Open(new MemoryStream(file[..^3]), "x");
        Assert.Throws<CaptureFileException>(() => r.Read());
        Assert.Throws<CaptureFileException>(() => r.Read());
    }

    [Fact]
    public void Reads_from_a_non_seekable_stream_and_gzip()
    {
        var file = new PcapBuilder().Packet(1, 0, Bytes.Seq(500)).Packet(2, 0, Bytes.Seq(700)).ToArray();
        using (var r = CaptureReader.Open(new PipeStream(file), "pipe"))
        {
            Assert.True(r.ReadPacket());
            Assert.True(r.ReadPacket());
            Assert.Equal(Bytes.Seq(700), r.Packet.Data.ToArray());
            Assert.False(r.ReadPacket());
        }
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(file);
        using (var r = CaptureReader.Open(new PipeStream(gz.ToArray(), 3), "gz"))
        {
            Assert.True(r.IsCompressed);
            Assert.True(r.ReadPacket());
            Assert.True(r.ReadPacket());
            Assert.Equal(2, r.PacketCount);
            Assert.False(r.ReadPacket());
        }
    }

    [Fact]
    public void Truncated_gzip_yields_complete_packets_then_cut_short()
    {
        var file = new PcapBuilder().Packet(1, 0, Bytes.Seq(500)).Packet(2, 0, Bytes.Seq(700, 3)).ToArray();
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.NoCompression, leaveOpen: true)) z.Write(file);
        var bytes = gz.ToArray();
        var res = ReadAll(bytes[..(bytes.Length - 400)], "tz");
        Assert.Single(res.Packets);
        Assert.NotNull(res.Error);
        Assert.True(res.Error.Kind is CaptureErrorKind.CutShort or CaptureErrorKind.Corrupt);
    }
}
