using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Mako.Cli.Tools.Capinfos;

namespace Mako.Bench;

/// <summary>
/// The three digests `mako capinfos` prints, over one 256 KiB chunk (what each of its hashing threads feeds at a time,
/// hot in cache): Mako's own RIPEMD-160 against .NET's SHA-256 and SHA-1 (OpenSSL, SHA-NI where the CPU has it).
/// RIPEMD-160 is what the whole report waits for; divide 262,144 bytes by the mean for MB/s.
/// </summary>
public class HashBenchmarks
{
    private readonly byte[] _chunk = new byte[256 << 10];
    private readonly Ripemd160 _ripemd = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_chunk);

    [Benchmark(Baseline = true)]
    public void Ripemd160Chunk() => _ripemd.AppendData(_chunk);

    [Benchmark]
    public void Sha256Chunk() => _sha256.AppendData(_chunk);

    [Benchmark]
    public void Sha1Chunk() => _sha1.AppendData(_chunk);
}
