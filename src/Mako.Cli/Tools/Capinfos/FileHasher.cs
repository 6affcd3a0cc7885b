using System.Security.Cryptography;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>The three digests capinfos 4.0 prints, as lowercase hex, or "&lt;unknown&gt;" when the file can't be read.</summary>
internal readonly record struct FileHashes(string Sha256, string Ripemd160, string Sha1)
{
    public const string UnknownValue = "<unknown>";
    public static readonly FileHashes Unknown = new(UnknownValue, UnknownValue, UnknownValue);
}

/// <summary>
/// Hashes the raw file bytes (compressed bytes for a gzip file, as capinfos does) while the caller parses the capture:
/// each digest on a thread of its own, all fed by <see cref="FileChunks"/>. RIPEMD-160 is sequential and takes about as
/// long as the two SHA digests and the capture walk together, so it sets the pace: the SHA threads (and the walk, see
/// FileProcessor) run at the lowest priority, which on a two-processor machine leaves RIPEMD-160 a processor of its
/// own instead of a fair share of two; with more processors nothing competes and the priority changes nothing.
/// </summary>
internal sealed class FileHasher
{
    private readonly FileChunks _chunks;
    private readonly Thread _sha256Thread;
    private readonly Thread _sha1Thread;
    private readonly Thread _rmdThread;
    private string? _sha256, _sha1, _rmd160;

    private FileHasher(FileChunks chunks, int sha256Consumer, int sha1Consumer, int rmdConsumer)
    {
        _chunks = chunks;
        _sha256Thread = new Thread(() => _sha256 = HashSha(sha256Consumer, HashAlgorithmName.SHA256))
        { IsBackground = true, Name = "capinfos sha256" };
        _sha1Thread = new Thread(() => _sha1 = HashSha(sha1Consumer, HashAlgorithmName.SHA1))
        { IsBackground = true, Name = "capinfos sha1" };
        _rmdThread = new Thread(() => HashRipemd(rmdConsumer)) { IsBackground = true, Name = "capinfos ripemd160" };
    }

    /// <summary>Starts hashing; the three consumer numbers are this hasher's places in <paramref name="chunks"/>.</summary>
    public static FileHasher Start(FileChunks chunks, int sha256Consumer, int sha1Consumer, int rmdConsumer)
    {
        var h = new FileHasher(chunks, sha256Consumer, sha1Consumer, rmdConsumer);
        h._rmdThread.Start();
        h._sha256Thread.Start();
        h._sha1Thread.Start();
        return h;
    }

    public FileHashes Wait()
    {
        _sha256Thread.Join();
        _sha1Thread.Join();
        _rmdThread.Join();
        if (_chunks.Failed || _sha256 is null || _sha1 is null || _rmd160 is null)
            return FileHashes.Unknown;
        return new FileHashes(_sha256, _rmd160, _sha1);
    }

    private string HashSha(int consumer, HashAlgorithmName algorithm)
    {
        ThreadPriorities.Lower();
        using var hash = IncrementalHash.CreateHash(algorithm);
        while (_chunks.TryNext(consumer, out var chunk))
        {
            hash.AppendData(chunk.Span);
            _chunks.Release(consumer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void HashRipemd(int consumer)
    {
        var rmd = new Ripemd160();
        while (_chunks.TryNext(consumer, out var chunk))
        {
            rmd.AppendData(chunk.Span);
            _chunks.Release(consumer);
        }
        _rmd160 = Convert.ToHexStringLower(rmd.GetHashAndReset());
    }
}
