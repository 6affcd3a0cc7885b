using System.IO.MemoryMappedFiles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Hands every 256 KiB chunk of a file, in order, to a fixed set of consumers (the hashers and the pcap scanner), each
/// on its own thread. The file is mapped into memory a window at a time and consumers read the page cache in place:
/// no reader thread and no copy (copying 1.1 GB out of the page cache costs 0.16-0.55 s of CPU, mapping it ~0.09 s).
/// A window (32 MiB) is unmapped once every consumer has passed it, and no consumer runs more than four windows ahead
/// of the slowest, so memory stays bounded whatever the file size.
/// </summary>
/// <remarks>
/// The length is taken when the file opens; bytes appended later are not seen. A file that cannot be mapped (a pipe,
/// a device) makes <see cref="Failed"/> true and every consumer sees an empty stream.
/// </remarks>
internal sealed class FileChunks : IChunkSource, IDisposable
{
    private const int ChunkSize = 256 << 10;
    private const int DefaultWindowSize = 32 << 20;
    private const int DefaultMaxWindows = 4;

    private readonly object _gate = new();
    private readonly MemoryMappedFile? _file;
    private readonly long _length;
    private readonly int _windowSize;                        // a multiple of ChunkSize and of every OS's map granularity
    private readonly MappedWindow?[] _windows;               // window w lives in slot w % _windows.Length
    private readonly long[] _next;                           // next chunk number per consumer
    private readonly bool[] _detached;
    private long _lowest;                                    // lowest window some attached consumer still needs
    private bool _disposed;

    /// <summary>True when the file could not be mapped or a window failed.</summary>
    public bool Failed { get; private set; }

    public FileChunks(string path, int consumers, int windowSize = DefaultWindowSize, int maxWindows = DefaultMaxWindows)
    {
        if (windowSize <= 0 || windowSize % ChunkSize != 0 || windowSize % (64 << 10) != 0)
            throw new ArgumentOutOfRangeException(nameof(windowSize), "a multiple of the chunk size and of 64 KiB");
        _windowSize = windowSize;
        _windows = new MappedWindow?[Math.Max(1, maxWindows)];
        _next = new long[consumers];
        _detached = new bool[consumers];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            _length = stream.Length;
            if (_length > 0)
                _file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Failed = true;
            _length = 0;
        }
    }

    /// <summary>Waits, if the consumer is too far ahead, then gives its next chunk; false at the end of the file.</summary>
    public bool TryNext(int consumer, out ReadOnlyMemory<byte> chunk)
    {
        chunk = default;
        long offset = _next[consumer] * ChunkSize;
        if (offset >= _length || _file is null)
            return false;
        long w = offset / _windowSize;
        MappedWindow window;
        lock (_gate)
        {
            while (w - _lowest >= _windows.Length && !_disposed && !_detached[consumer])
                Monitor.Wait(_gate);
            if (_disposed || _detached[consumer] || Failed)
                return false;
            var held = _windows[w % _windows.Length];
            if (held is null || held.Number != w)
            {
                try
                {
                    long start = w * _windowSize;
                    held = new MappedWindow(_file, w, start, (int)Math.Min(_windowSize, _length - start));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Failed = true;
                    Monitor.PulseAll(_gate);
                    return false;
                }
                _windows[w % _windows.Length] = held;
            }
            window = held;
        }
        int at = (int)(offset - w * _windowSize);
        chunk = window.Memory.Slice(at, (int)Math.Min(ChunkSize, _length - offset));
        return true;
    }

    public void Release(int consumer)
    {
        long n = ++_next[consumer];
        // Only the step into a new window can let the slowest consumer's window go.
        if (n * ChunkSize % _windowSize != 0 && n * ChunkSize < _length)
            return;
        lock (_gate)
            Advance();
    }

    /// <summary>The consumer stops reading: windows it alone was holding are unmapped and later ones skip it.</summary>
    public void Detach(int consumer)
    {
        lock (_gate)
        {
            _detached[consumer] = true;
            Advance();
        }
    }

    // Unmaps the windows every attached consumer has left behind; called under the lock.
    private void Advance()
    {
        long lowest = long.MaxValue;
        for (int c = 0; c < _next.Length; c++)
            if (!_detached[c])
                lowest = Math.Min(lowest, _next[c] * ChunkSize / _windowSize);
        for (int i = 0; i < _windows.Length; i++)
        {
            if (_windows[i] is { } win && win.Number < lowest)
            {
                win.Unmap();
                _windows[i] = null;
            }
        }
        if (lowest != _lowest)
        {
            _lowest = lowest;
            Monitor.PulseAll(_gate);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            for (int i = 0; i < _windows.Length; i++)
            {
                _windows[i]?.Unmap();
                _windows[i] = null;
            }
            Monitor.PulseAll(_gate);
        }
        _file?.Dispose();
    }
}
