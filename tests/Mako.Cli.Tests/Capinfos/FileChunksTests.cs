using System.Security.Cryptography;
using Mako.Cli.Tools.Capinfos;

namespace Mako.Cli.Tests.Capinfos;

/// <summary>The mapped, windowed chunk source that feeds the capinfos hashers, on files of several windows.</summary>
public sealed class FileChunksTests : IDisposable
{
    private const int Window = 1 << 20;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mako-chunks-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    private byte[] WriteFile(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        File.WriteAllBytes(_path, data);
        return data;
    }

    // Reads everything a consumer gets, sleeping now and then so the consumers drift apart.
    private static byte[] Drain(FileChunks chunks, int consumer, int slowEvery)
    {
        var got = new MemoryStream();
        int n = 0;
        while (chunks.TryNext(consumer, out var chunk))
        {
            got.Write(chunk.Span);
            chunks.Release(consumer);
            if (slowEvery > 0 && ++n % slowEvery == 0) Thread.Sleep(1);
        }
        return got.ToArray();
    }

    [Theory]
    [InlineData(5 * Window + 12345)]     // several windows, a short last chunk
    [InlineData(3 * Window)]             // ends exactly on a window boundary
    [InlineData(100)]                    // less than one chunk
    public void Every_consumer_sees_the_whole_file_in_order_while_only_two_windows_are_mapped(int length)
    {
        byte[] data = WriteFile(length);
        using var chunks = new FileChunks(_path, consumers: 3, windowSize: Window, maxWindows: 2);
        var results = new byte[3][];
        var threads = Enumerable.Range(0, 3)
            .Select(c => new Thread(() => results[c] = Drain(chunks, c, slowEvery: c + 1)))
            .ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a consumer hung");
        Assert.False(chunks.Failed);
        foreach (var r in results)
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(r));
    }

    [Fact]
    public void A_detached_consumer_no_longer_holds_the_others_back()
    {
        WriteFile(6 * Window);
        using var chunks = new FileChunks(_path, consumers: 2, windowSize: Window, maxWindows: 2);
        Assert.True(chunks.TryNext(1, out _));      // consumer 1 stops in window 0 ...
        chunks.Detach(1);                           // ... and leaves: consumer 0 must still get through
        var t = new Thread(() => Assert.Equal(6 * Window, Drain(chunks, 0, 0).Length));
        t.Start();
        Assert.True(t.Join(TimeSpan.FromSeconds(30)), "consumer 0 waited for a detached consumer");
        Assert.False(chunks.TryNext(1, out _));
    }

    [Fact]
    public void A_path_that_cannot_be_mapped_fails_cleanly()
    {
        using var chunks = new FileChunks(Path.Combine(_path, "missing"), consumers: 1);
        Assert.True(chunks.Failed);
        Assert.False(chunks.TryNext(0, out _));
    }

    [Fact]
    public void An_empty_file_has_no_chunks_and_is_not_a_failure()
    {
        WriteFile(0);
        using var chunks = new FileChunks(_path, consumers: 1);
        Assert.False(chunks.Failed);
        Assert.False(chunks.TryNext(0, out _));
    }

    [Fact]
    public void Window_sizes_the_mapping_cannot_honour_are_refused()
    {
        WriteFile(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileChunks(_path, 1, windowSize: 100_000));
    }

    [Fact]
    public void Copied_chunks_give_the_whole_file_from_a_page_aligned_buffer()
    {
        byte[] data = WriteFile(700_000);
        using var chunks = new CopiedChunks(_path);
        var got = new MemoryStream();
        while (chunks.TryNext(0, out var chunk))
        {
            got.Write(chunk.Span);
            chunks.Release(0);
        }
        Assert.False(chunks.Failed);
        Assert.Equal(data, got.ToArray());
    }
}
