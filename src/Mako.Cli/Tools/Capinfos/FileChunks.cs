using Microsoft.Win32.SafeHandles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Reads a file once, on its own thread, in large chunks and hands every chunk to a fixed set of consumers (the
/// hashers and the pcap scanner), each on its own thread. A chunk's buffer is reused only after every consumer has
/// released it, so the slowest consumer sets the pace while reading overlaps the work.
/// </summary>
internal sealed class FileChunks : IDisposable
{
    private const int ChunkSize = 256 << 10;
    private const int Depth = 8;

    private readonly object _gate = new();
    private readonly byte[][] _buffers = new byte[Depth][];
    private readonly int[] _lengths = new int[Depth];
    private readonly int[] _pending = new int[Depth];      // consumers still holding each slot
    private readonly long[] _next;                          // next chunk number per consumer
    private readonly bool[] _detached;
    private readonly SafeFileHandle _file;
    private readonly Thread _reader;
    private long _published;                                // chunks made available so far
    private bool _finished;
    private bool _disposed;

    /// <summary>True when reading stopped on an I/O error (consumers then see a short stream).</summary>
    public bool Failed { get; private set; }

    public FileChunks(string path, int consumers)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        _next = new long[consumers];
        _detached = new bool[consumers];
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "capinfos reader" };
        _reader.Start();
    }

    /// <summary>Waits for the consumer's next chunk; false at end of file. Call <see cref="Release"/> when done with it.</summary>
    public bool TryNext(int consumer, out ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            long n = _next[consumer];
            while (n >= _published && !_finished)
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
                Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The consumer stops reading (its pending chunks are released and later ones skip it).</summary>
    public void Detach(int consumer)
    {
        lock (_gate)
        {
            if (_detached[consumer]) return;
            _detached[consumer] = true;
            for (long n = _next[consumer]; n < _published; n++)
                _pending[(int)(n % Depth)]--;
            Monitor.PulseAll(_gate);
        }
    }

    private void ReadLoop()
    {
        long offset = 0;
        for (long n = 0; ; n++)
        {
            int slot = (int)(n % Depth);
            lock (_gate)
            {
                while (_pending[slot] > 0 && !_disposed)
                    Monitor.Wait(_gate);
                if (_disposed || Array.TrueForAll(_detached, d => d))
                {
                    _finished = true;
                    Monitor.PulseAll(_gate);
                    return;
                }
            }
            _buffers[slot] ??= GC.AllocateUninitializedArray<byte>(ChunkSize);
            int read;
            try
            {
                read = ReadFull(_buffers[slot], offset);
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
                    _finished = true;
                    Monitor.PulseAll(_gate);
                    return;
                }
                _lengths[slot] = read;
                int holders = 0;
                foreach (bool d in _detached) if (!d) holders++;
                _pending[slot] = holders;
                _published = n + 1;
                Monitor.PulseAll(_gate);
            }
            offset += read;
        }
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
        _reader.Join();
        _file.Dispose();
    }
}
