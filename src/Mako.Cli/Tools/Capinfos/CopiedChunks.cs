using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// One consumer's chunks, read into a buffer on the consumer's own thread: the pcap scanner's source when nothing is
/// hashed. Reading beats mapping here because the copy leaves the bytes in cache, and the scanner then jumps from
/// record header to record header without waiting on memory (mapped, the same scan took 0.44 s instead of 0.25 s).
/// </summary>
internal sealed class CopiedChunks : IChunkSource, IDisposable
{
    private const int ChunkSize = 256 << 10;
    private const int Page = 4096;

    private readonly SafeFileHandle _file;
    private readonly byte[] _buffer;
    private readonly int _start;
    private long _offset;
    private bool _done;

    public CopiedChunks(string path)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        // Chunks start on page boundaries in the file, and the kernel's copy out of the page cache runs about three
        // times slower when the destination sits a few bytes past the source modulo the page size (0.55 s instead of
        // 0.16 s for 1.1 GB on Zen 3), which is where an array's data lands when left to chance: start on a page.
        _buffer = GC.AllocateUninitializedArray<byte>(ChunkSize + Page, pinned: true);
        var handle = GCHandle.Alloc(_buffer, GCHandleType.Pinned);   // the pinned heap never moves it
        long address = handle.AddrOfPinnedObject();
        handle.Free();
        _start = (int)((Page - address % Page) % Page);
    }

    public bool Failed { get; private set; }

    public bool TryNext(int consumer, out ReadOnlyMemory<byte> chunk)
    {
        chunk = default;
        if (_done)
            return false;
        var span = _buffer.AsSpan(_start, ChunkSize);
        int total = 0;
        try
        {
            while (total < span.Length)
            {
                int n = RandomAccess.Read(_file, span[total..], _offset + total);
                if (n == 0) break;
                total += n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Failed = true;
            total = 0;
        }
        if (total == 0)
        {
            _done = true;
            return false;
        }
        _offset += total;
        chunk = new ReadOnlyMemory<byte>(_buffer, _start, total);
        return true;
    }

    public void Release(int consumer) { }

    public void Detach(int consumer) => _done = true;

    public void Dispose() => _file.Dispose();
}
