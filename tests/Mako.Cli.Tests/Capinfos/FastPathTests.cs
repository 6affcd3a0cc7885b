using System.Buffers.Binary;
using System.IO.Compression;

namespace Mako.Cli.Tests.Capinfos;

/// <summary>
/// Plain pcap files go through the header-only fast path; gzip-compressed ones through Mako.Files' reader. On files
/// big enough for record headers to straddle read chunks, both must report the same numbers.
/// </summary>
public sealed class FastPathTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mako-capinfos-" + Guid.NewGuid().ToString("N")[..12]);

    static FastPathTests() => CapinfosTestEnv.UseUtc();

    public FastPathTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Fast_path_and_reader_agree(bool bigEndian, bool nano)
    {
        byte[] file = MakePcap(20000, bigEndian, nano, seed: 7);
        string plain = Write("many.pcap", file);
        string gz = Write("many.pcap.gz", Gzip(file));
        string[] flags = ["-c", "-d", "-u", "-a", "-e", "-l", "-o", "-y", "-i", "-z", "-x", "-I", "-E", "-F", "-T", "-r"];

        var a = CapinfosTestEnv.Run([.. flags, plain]);
        var b = CapinfosTestEnv.Run([.. flags, gz]);
        Assert.Equal(0, a.Rc);
        Assert.Equal(b.Stdout.Replace(gz, plain, StringComparison.Ordinal), a.Stdout);
        Assert.Contains("\t20000\t", a.Stdout);
    }

    [Fact]
    public void Cut_short_file_falls_back_and_reports_it()
    {
        byte[] file = MakePcap(20000, false, false, seed: 3);
        string cut = Write("cut.pcap", file[..(file.Length - 5)]);
        var r = CapinfosTestEnv.Run(["-c", cut]);
        Assert.Equal(1, r.Rc);
        Assert.Equal($"File name:           {cut}\nPacket size limit:   inferred: 200 bytes\nNumber of packets:   19 k\n", r.Stdout);
        Assert.Equal($"capinfos: An error occurred after reading 19999 packets from \"{cut}\".\n"
            + $"capinfos: The file \"{cut}\" appears to have been cut short in the middle of a packet.\n"
            + "  (will continue anyway, checksums might be incorrect)\n", r.Stderr);
    }

    /// <summary>Ethernet pcap with random lengths (some cut by a 200-byte snaplen) and time stamps that wobble.</summary>
    private static byte[] MakePcap(int count, bool bigEndian, bool nano, int seed)
    {
        var rnd = new Random(seed);
        var ms = new MemoryStream();
        Span<byte> h = stackalloc byte[24];
        Put(h, 0, nano ? 0xa1b23c4du : 0xa1b2c3d4u, bigEndian);
        Put16(h, 4, 2, bigEndian);
        Put16(h, 6, 4, bigEndian);
        Put(h, 8, 0, bigEndian);
        Put(h, 12, 0, bigEndian);
        Put(h, 16, 200, bigEndian);
        Put(h, 20, 1, bigEndian);
        ms.Write(h);
        uint sec = 1_700_000_000, frac = 0;
        Span<byte> rec = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            uint orig = (uint)rnd.Next(42, 1515);
            uint cap = Math.Min(orig, 200);
            frac += (uint)rnd.Next(0, nano ? 400_000_000 : 400_000);
            if (frac >= (nano ? 1_000_000_000u : 1_000_000u)) { sec++; frac -= nano ? 1_000_000_000u : 1_000_000u; }
            uint f = i % 97 == 5 && frac > 10 ? frac - 10 : frac;   // now and then a step backwards
            Put(rec, 0, sec, bigEndian);
            Put(rec, 4, f, bigEndian);
            Put(rec, 8, cap, bigEndian);
            Put(rec, 12, orig, bigEndian);
            ms.Write(rec);
            var data = new byte[cap];
            rnd.NextBytes(data);
            ms.Write(data);
        }
        return ms.ToArray();
    }

    private static void Put(Span<byte> s, int at, uint v, bool be)
    {
        if (be) BinaryPrimitives.WriteUInt32BigEndian(s[at..], v);
        else BinaryPrimitives.WriteUInt32LittleEndian(s[at..], v);
    }

    private static void Put16(Span<byte> s, int at, ushort v, bool be)
    {
        if (be) BinaryPrimitives.WriteUInt16BigEndian(s[at..], v);
        else BinaryPrimitives.WriteUInt16LittleEndian(s[at..], v);
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(data);
        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }
}
