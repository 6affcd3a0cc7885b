using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>The three digests capinfos 4.0 prints, as lowercase hex, or "&lt;unknown&gt;" when the file can't be read.</summary>
internal readonly record struct FileHashes(string Sha256, string Ripemd160, string Sha1)
{
    public const string UnknownValue = "<unknown>";
    public static readonly FileHashes Unknown = new(UnknownValue, UnknownValue, UnknownValue);
}

/// <summary>
/// Hashes the raw file bytes (compressed bytes for a gzip file, as capinfos does) on two threads while the caller
/// parses the capture: SHA-256 and SHA-1 together on one, RIPEMD-160 (the slowest) alone on the other. Each thread
/// reads the file itself, which costs a page-cache copy but needs no hand-off between threads.
/// </summary>
internal sealed class FileHasher
{
    private const int ChunkSize = 1 << 20;
    private readonly string _path;
    private readonly Thread _shaThread;
    private readonly Thread _rmdThread;
    private string? _sha256, _sha1, _rmd160;

    private FileHasher(string path)
    {
        _path = path;
        _shaThread = new Thread(HashSha) { IsBackground = true, Name = "capinfos sha" };
        _rmdThread = new Thread(HashRipemd) { IsBackground = true, Name = "capinfos ripemd160" };
    }

    public static FileHasher Start(string path)
    {
        var h = new FileHasher(path);
        h._rmdThread.Start();
        h._shaThread.Start();
        return h;
    }

    public FileHashes Wait()
    {
        _shaThread.Join();
        _rmdThread.Join();
        if (_sha256 is null || _sha1 is null || _rmd160 is null)
            return FileHashes.Unknown;
        return new FileHashes(_sha256, _rmd160, _sha1);
    }

    private void HashSha()
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        if (ReadAll(chunk => { sha256.AppendData(chunk); sha1.AppendData(chunk); }))
        {
            _sha256 = Hex(sha256.GetHashAndReset());
            _sha1 = Hex(sha1.GetHashAndReset());
        }
    }

    private void HashRipemd()
    {
        var rmd = new Ripemd160();
        if (ReadAll(rmd.AppendData))
            _rmd160 = Hex(rmd.GetHashAndReset());
    }

    private delegate void ChunkHandler(ReadOnlySpan<byte> chunk);

    private bool ReadAll(ChunkHandler handle)
    {
        try
        {
            using SafeFileHandle fh = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            var buffer = GC.AllocateUninitializedArray<byte>(ChunkSize);
            long offset = 0;
            int n;
            while ((n = RandomAccess.Read(fh, buffer, offset)) > 0)
            {
                handle(buffer.AsSpan(0, n));
                offset += n;
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
