using System.Diagnostics;
using Mako.Engine.Dissection;
using Mako.Files;

namespace Mako.Protocols.Tests.Robustness;

/// <summary>
/// Every packet of every project capture, truncated at every length and randomly mutated, must dissect without an
/// exception escaping and without a dissector bug (any exception other than a bounds error), in bounded time.
/// </summary>
public class MutationTests
{
    static MutationTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    public static IEnumerable<object[]> Captures()
    {
        yield return [Builtin];
        string dir = Path.Combine(RepoRoot(), "tests", "captures");
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order())
        {
            if (f.EndsWith(".pcap") || f.EndsWith(".pcapng") || f.EndsWith(".gz"))
                yield return [Path.GetRelativePath(dir, f)];
        }
    }

    internal static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Mako.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repo root not found");
    }

    private const string Builtin = "(built-in frames)";

    // Ethernet/IPv4/TCP SYN with options, ARP request, Ethernet/IPv6/UDP, Ethernet/IPv4/ICMP echo, 802.1Q/IPv4/UDP.
    private static readonly string[] BuiltinHex =
    [
        "001956bb8d70000bab0ee8ec08004500003c0001400040062116ac11608fac1160f3e7550fa00000000000000000a0022000a5f10000020405b4010303000101080a000a747100000000",
        "ffffffffffff7831c1c63fc2080600010800060400017831c1c63fc20a0000020000000000000a000001",
        "33330000000100112233445586dd60000000000c1140fe800000000000000000000000000001ff02000000000000000000000000000100350035000c6449deadbeef",
        "02fc0000000502fc0000000108004500002c000100004001af26c0a801010a00000108007c1743a80000000102030405060708090a0b0c0d0e0f",
        "02fc0000000502fc000000018100200a08004500001c00010000401166ce0a0000010a000002d431003500081775",
    ];

    private static List<PacketRecord> ReadAll(string path)
    {
        if (path.EndsWith(Builtin, StringComparison.Ordinal))
        {
            var built = new List<PacketRecord>();
            foreach (var hex in BuiltinHex)
            {
                var data = Convert.FromHexString(hex);
                built.Add(new PacketRecord { Number = built.Count + 1, Data = data, CapturedLength = data.Length, OriginalLength = (uint)data.Length, LinkType = 1 });
            }
            return built;
        }
        var list = new List<PacketRecord>();
        try
        {
            using var r = CaptureReader.Open(path);
            while (r.ReadPacket() && list.Count < 2000) list.Add(r.Packet.Clone());
        }
        catch (CaptureFileException)
        {
            // Deliberately broken files: use what was readable.
        }
        return list;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Truncated_and_mutated_packets_never_escape_or_hit_a_dissector_bug(string relative)
    {
        var packets = ReadAll(Path.Combine(RepoRoot(), "tests", "captures", relative));
        var rng = new Random(relative.Length * 7919 + 17);
        var sw = Stopwatch.StartNew();
        var session = new CaptureSession();
        var pkt = new Packet(session);
        foreach (var original in packets)
        {
            byte[] bytes = original.Data.ToArray();
            var variants = new List<byte[]>();
            for (int cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 64)) variants.Add(bytes[..cut]);
            for (int m = 0; m < 16; m++)
            {
                var copy = (byte[])bytes.Clone();
                int flips = 1 + rng.Next(4);
                for (int k = 0; k < flips && copy.Length > 0; k++) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
                variants.Add(copy);
            }
            foreach (var v in variants)
            {
                var rec = original.Clone();
                rec.Data = v;
                rec.CapturedLength = v.Length;
                session.Dissect(rec, pkt);
                Assert.True(pkt.DissectorBug is null, $"{relative} frame {rec.Number} ({v.Length} bytes): {pkt.DissectorBug}");
            }
        }
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"{relative}: took {sw.Elapsed}");
    }
}
