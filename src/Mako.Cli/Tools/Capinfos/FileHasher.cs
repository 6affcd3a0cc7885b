using System.Security.Cryptography;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>The three digests capinfos 4.0 prints, as lowercase hex, or "&lt;unknown&gt;" when the file can't be read.</summary>
internal readonly record struct FileHashes(string Sha256, string Ripemd160, string Sha1)
{
    public const string UnknownValue = "<unknown>";
    public static readonly FileHashes Unknown = new(UnknownValue, UnknownValue, UnknownValue);
}

/// <summary>
/// Hashes the raw file bytes (compressed bytes for a gzip file, as capinfos does) while the caller walks the capture,
/// each digest on a thread of its own that reads the file itself (<see cref="FileChunks"/>): no shared buffers, so
/// no thread ever waits for another. RIPEMD-160 is sequential and takes about as long as the two SHA digests and the
/// walk together, so it sets the pace: the SHA threads (and the walk, see FileProcessor) run at the lowest priority,
/// which on a two-processor machine leaves RIPEMD-160 a processor of its own instead of a fair share of two; with more
/// processors nothing competes and the priority changes nothing.
/// </summary>
internal sealed class FileHasher
{
    private readonly Thread[] _threads;
    private readonly string?[] _digests = new string?[3];   // SHA-256, RIPEMD-160, SHA-1

    private FileHasher(string path)
    {
        _threads =
        [
            new Thread(() => _digests[0] = HashSha(path, HashAlgorithmName.SHA256)) { IsBackground = true, Name = "capinfos sha256" },
            new Thread(() => _digests[1] = HashRipemd(path)) { IsBackground = true, Name = "capinfos ripemd160" },
            new Thread(() => _digests[2] = HashSha(path, HashAlgorithmName.SHA1)) { IsBackground = true, Name = "capinfos sha1" },
        ];
    }

    public static FileHasher Start(string path)
    {
        var h = new FileHasher(path);
        foreach (var t in h._threads) t.Start();
        return h;
    }

    public FileHashes Wait()
    {
        foreach (var t in _threads) t.Join();
        return _digests is [string sha256, string rmd160, string sha1] ? new FileHashes(sha256, rmd160, sha1) : FileHashes.Unknown;
    }

    private static string? HashSha(string path, HashAlgorithmName algorithm)
    {
        ThreadPriorities.Lower();
        using var hash = IncrementalHash.CreateHash(algorithm);
        return Hash(path, hash.AppendData, () => Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string? HashRipemd(string path)
    {
        var rmd = new Ripemd160();
        return Hash(path, rmd.AppendData, () => Convert.ToHexStringLower(rmd.GetHashAndReset()));
    }

    // Feeds the whole file to append; null when it cannot be opened or read to the end.
    private static string? Hash(string path, ReadOnlySpanAction append, Func<string> finish)
    {
        try
        {
            using var chunks = new FileChunks(path);
            while (chunks.TryNext(out var chunk))
                append(chunk.Span);
            return chunks.Failed ? null : finish();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private delegate void ReadOnlySpanAction(ReadOnlySpan<byte> data);
}
