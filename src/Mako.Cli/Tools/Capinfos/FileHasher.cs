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
/// RIPEMD-160, the slowest, on one thread, SHA-256 and SHA-1 together on another, both fed by <see cref="FileChunks"/>.
/// </summary>
internal sealed class FileHasher
{
    private readonly FileChunks _chunks;
    private readonly Thread _shaThread;
    private readonly Thread _rmdThread;
    private string? _sha256, _sha1, _rmd160;

    private FileHasher(FileChunks chunks, int shaConsumer, int rmdConsumer)
    {
        _chunks = chunks;
        _shaThread = new Thread(() => HashSha(shaConsumer)) { IsBackground = true, Name = "capinfos sha" };
        _rmdThread = new Thread(() => HashRipemd(rmdConsumer)) { IsBackground = true, Name = "capinfos ripemd160" };
    }

    /// <summary>Starts hashing; the two consumer numbers are this hasher's places in <paramref name="chunks"/>.</summary>
    public static FileHasher Start(FileChunks chunks, int shaConsumer, int rmdConsumer)
    {
        var h = new FileHasher(chunks, shaConsumer, rmdConsumer);
        h._rmdThread.Start();
        h._shaThread.Start();
        return h;
    }

    public FileHashes Wait()
    {
        _shaThread.Join();
        _rmdThread.Join();
        if (_chunks.Failed || _sha256 is null || _sha1 is null || _rmd160 is null)
            return FileHashes.Unknown;
        return new FileHashes(_sha256, _rmd160, _sha1);
    }

    private void HashSha(int consumer)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        while (_chunks.TryNext(consumer, out var chunk))
        {
            sha256.AppendData(chunk.Span);
            sha1.AppendData(chunk.Span);
            _chunks.Release(consumer);
        }
        _sha256 = Convert.ToHexStringLower(sha256.GetHashAndReset());
        _sha1 = Convert.ToHexStringLower(sha1.GetHashAndReset());
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
