using Mako.Cli.Tools.Capinfos;

namespace Mako.Cli.Tests.Capinfos;

/// <summary>The chunked reader every capinfos task (each digest, the pcap scanner) reads the file through.</summary>
public sealed class FileChunksTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mako-chunks-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    private byte[] WriteFile(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        File.WriteAllBytes(_path, data);
        return data;
    }

    private static byte[] Drain(FileChunks chunks)
    {
        var got = new MemoryStream();
        while (chunks.TryNext(out var chunk))
            got.Write(chunk.Span);
        return got.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]                    // less than one chunk
    [InlineData(256 << 10)]              // exactly one chunk
    [InlineData(700_001)]                // several, the last one short
    public void The_chunks_are_the_whole_file_in_order(int length)
    {
        byte[] data = WriteFile(length);
        using var chunks = new FileChunks(_path);
        Assert.Equal(data, Drain(chunks));
        Assert.False(chunks.Failed);
        Assert.False(chunks.TryNext(out _));
    }

    [Fact]
    public void A_file_cut_while_it_is_read_just_ends_early()
    {
        WriteFile(1 << 20);
        using var chunks = new FileChunks(_path);
        Assert.True(chunks.TryNext(out var first));
        Assert.Equal(256 << 10, first.Length);
        using (var f = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            f.SetLength(300_000);
        Assert.Equal(300_000 - (256 << 10), Drain(chunks).Length);
        Assert.False(chunks.Failed);
    }

    [Fact]
    public void A_missing_file_throws_an_io_error_for_the_caller_to_report()
        => Assert.ThrowsAny<IOException>(() => new FileChunks(Path.Combine(_path, "missing")));
}
