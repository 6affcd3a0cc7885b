using Microsoft.Win32.SafeHandles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Reads a file once, in chunks, on one or more reader threads, and hands every chunk, in file order, to a fixed set
/// of consumers (the hashers and the pcap scanner), each running on its own thread. A chunk's buffer is reused only
/// after every consumer has released it, so the slowest consumer sets the pace while reading overlaps the work.
/// Chunks are small enough to be still in cache when the consumers get to them.
/// </summary>
internal sealed class FileChunks : IDisposable
{
    private const int ChunkSize = 256 << 10;
    private const int Depth = 8;

    private readonly object _gate = new();
    private readonly byte[][] _buffers = new byte[Depth][];
    private readonly int[] _lengths = new int[Depth];
    private readonly long[] _slotSeq = new long[Depth];     // chunk number a slot holds, -1 when free
    private readonly bool[] _ready = new bool[Depth];       // read, waiting to be published in order
    private readonly int[] _pending = new int[Depth];       // consumers still holding a published slot
    private readonly long[] _next;                          // next chunk number per consumer
    private readonly bool[] _detached;
    private readonly SafeFileHandle _file;
    private readonly Thread[] _readers;
    private long _published;                                // chunks 0.._published-1 are available
    private long _end = long.MaxValue;                      // first chunk number past the end of the file
    private bool _disposed;

    /// <summary>True when reading stopped on an I/O error (consumers then see a short stream).</summary>
    public bool Failed { get; private set; }

    /// <param name="readers">Reader threads; they take chunks in turn (Depth must be a multiple).</param>
    public FileChunks(string path, int consumers, int readers = 1)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        Array.Fill(_slotSeq, -1);
        _next = new long[consumers];
        _detached = new bool[consumers];
        _readers = new Thread[readers];
        for (int r = 0; r < readers; r++)
        {
            int first = r;
            _readers[r] = new Thread(() => ReadLoop(first, readers)) { IsBackground = true, Name = "capinfos reader" };
            _readers[r].Start();
        }
    }

    /// <summary>Waits for the consumer's next chunk; false at end of file. Call <see cref="Release"/> when done with it.</summary>
    public bool TryNext(int consumer, out ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            long n = _next[consumer];
            while (n >= _published && n < _end)
                Monitor.Wait(_gate);
            if (n >= _published)
            {
                chunk = default;
                return false;
            }
            int slot = (int)(n % Depth);
            chunk = new ReadOnlyMemory<byte>(_buffers[slot], 0, _lengths[slot]);
            return true;
        }
    }

    public void Release(int consumer)
    {
        lock (_gate)
        {
            int slot = (int)(_next[consumer] % Depth);
            _next[consumer]++;
            if (--_pending[slot] == 0)
                Free(slot);
        }
    }

    /// <summary>The consumer stops reading: what it holds is released and later chunks skip it.</summary>
    public void Detach(int consumer)
    {
        lock (_gate)
        {
            if (_detached[consumer]) return;
            _detached[consumer] = true;
            for (long n = _next[consumer]; n < _published; n++)
            {
                int slot = (int)(n % Depth);
                if (--_pending[slot] == 0)
                    Free(slot);
            }
            Monitor.PulseAll(_gate);
        }
    }

    private void Free(int slot)
    {
        _ready[slot] = false;
        _slotSeq[slot] = -1;
        Monitor.PulseAll(_gate);
    }

    private void ReadLoop(long first, int step)
    {
        for (long n = first; ; n += step)
        {
            int slot = (int)(n % Depth);
            lock (_gate)
            {
                while (_slotSeq[slot] != -1 && !_disposed)
                    Monitor.Wait(_gate);
                if (_disposed || n >= _end || Array.TrueForAll(_detached, d => d))
                {
                    End(n);
                    return;
                }
                _slotSeq[slot] = n;
            }
            _buffers[slot] ??= GC.AllocateUninitializedArray<byte>(ChunkSize);
            int read;
            try
            {
                read = ReadFull(_buffers[slot], n * ChunkSize);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                read = 0;
                Failed = true;
            }
            lock (_gate)
            {
                if (read == 0)
                {
                    _slotSeq[slot] = -1;
                    End(n);
                    return;
                }
                _lengths[slot] = read;
                _ready[slot] = true;
                Publish();
            }
        }
    }

    // Makes ready chunks available strictly in file order; called under the lock.
    private void Publish()
    {
        while (_published < _end)
        {
            int slot = (int)(_published % Depth);
            if (!_ready[slot] || _slotSeq[slot] != _published)
                break;
            int holders = 0;
            foreach (bool d in _detached) if (!d) holders++;
            _pending[slot] = holders;
            _published++;
            if (holders == 0)
                Free(slot);
        }
        Monitor.PulseAll(_gate);
    }

    private void End(long n)
    {
        if (n < _end) _end = n;
        Publish();
    }

    private int ReadFull(byte[] buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(_file, buffer.AsSpan(total), offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var t in _readers) t.Join();
        _file.Dispose();
    }
}
