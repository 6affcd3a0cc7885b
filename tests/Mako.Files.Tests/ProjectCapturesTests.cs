using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

/// <summary>
/// The captures made by tests/captures/make-file-captures.py: counts, error kinds and the exact capinfos messages
/// (Corpus/project-captures.tsv), plus the contents each file was built to carry.
/// </summary>
public class ProjectCapturesTests
{
    internal static string FilesDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mako.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "captures", "files");
    }

    private static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(FilesDirectory(), name));

    public static IEnumerable<object[]> Expected()
    {
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "project-captures.tsv")))
        {
            if (line.StartsWith('#'))
                continue;
            var f = line.Split('\t');
            yield return [f[0], long.Parse(f[1]), f[2], f[3].Replace("\\n", "\n")];
        }
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Reads_like_capinfos(string name, long packets, string kind, string message)
    {
        var res = ReadAll(Load(name), name);
        Assert.Equal(packets, res.Packets.Count);
        Assert.Equal(kind, res.Error?.Kind.ToString() ?? "");
        if (res.Error is not null)
        {
            Assert.Equal(message, res.Error.Describe("capinfos"));
            Assert.Equal(packets, res.Error.PacketsRead);
        }
    }

    [Fact]
    public void Basic_pcapng_carries_what_the_script_says()
    {
        var res = ReadAll(Load("basic.pcapng"));
        var r = res.Reader!;
        Assert.Equal(["Mako test capture: DNS, HTTP and ping"], r.Sections[0].Comments);
        Assert.Equal(["eth0", "lo"], r.Interfaces.Select(i => i.Name));
        Assert.Equal([1, 113], r.Interfaces.Select(i => i.LinkType));
        Assert.Equal(["TCP handshake starts here"], res.Packets[2].Comments);
        Assert.Equal(1u, res.Packets[5].Flags);
        Assert.Equal(["router.lan", "example.com"], r.Names.SelectMany(n => n.Names));
        Assert.Equal(6ul, r.Interfaces[0].Statistics.Single().Received);
        // The same packets, the same times as the classic pcap (the lo packets are re-framed as Linux SLL).
        var pcap = ReadAll(Load("basic.pcap")).Packets;
        Assert.Equal(pcap.Select(p => p.TimestampNs / 1000), res.Packets.Select(p => p.TimestampNs / 1000));
        Assert.Equal(pcap[0].Data.ToArray(), res.Packets[0].Data.ToArray());
    }

    [Theory]
    [InlineData("basic-ns-be.pcap")]
    [InlineData("modified.pcap")]
    [InlineData("basic-be.pcapng")]
    [InlineData("sections.pcapng")]
    [InlineData("blocks.pcapng")]
    [InlineData("basic.pcapng.gz")]
    public void Variants_hold_the_same_packets_as_basic_pcap(string name)
    {
        var expected = ReadAll(Load("basic.pcap")).Packets;
        var got = ReadAll(Load(name));
        Assert.Null(got.Error);
        Assert.Equal(expected.Count, got.Packets.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            if (got.Packets[i].LinkType == 1)
                Assert.Equal(expected[i].Data.ToArray(), got.Packets[i].Data.ToArray());
            // 2^-20 s units cannot hold every microsecond exactly: allow one unit (< 1 µs).
            Assert.InRange(got.Packets[i].TimestampNs - expected[i].TimestampNs, -1000, 1000);
        }
    }

    [Fact]
    public void Simple_and_obsolete_packet_blocks()
    {
        var res = ReadAll(Load("spb-pb.pcapng"));
        var basic = ReadAll(Load("basic.pcap")).Packets;
        Assert.All(res.Packets.Take(4), p => Assert.Equal(PacketSource.SimplePacketBlock, p.Source));
        Assert.All(res.Packets.Take(4), p => Assert.True(p.CapturedLength <= 64));
        Assert.Equal(basic.Take(4).Select(p => (uint)p.CapturedLength), res.Packets.Take(4).Select(p => p.OriginalLength));
        Assert.All(res.Packets.Skip(4), p => Assert.Equal(PacketSource.ObsoletePacketBlock, p.Source));
        Assert.All(res.Packets.Skip(4), p => Assert.Equal(2u, p.Flags));
    }

    [Fact]
    public void Blocks_pcapng_keeps_secrets_custom_and_unknown_blocks_through_a_rewrite()
    {
        var bytes = Load("blocks.pcapng");
        var res = ReadAll(bytes);
        Assert.StartsWith("CLIENT_RANDOM ", System.Text.Encoding.ASCII.GetString(res.Reader!.Secrets.Single().Data));
        Assert.Equal([0xBADu, 0x40000BADu, 0x12345678u], res.Blocks.Where(b => b.Kind == BlockKind.Other).Select(b => b.BlockType));
        Assert.Equal([3ul, 1003ul, 1u], new[] { res.Packets[3].DropCount!.Value, res.Packets[3].PacketId!.Value, (ulong)res.Packets[3].Queue!.Value });
        Assert.Equal(2988, res.Packets[0].OtherOptions.Single().Code);
        Assert.Equal(bytes, WriterTests.Rewrite(bytes, CaptureFormat.PcapNg));
    }
}
