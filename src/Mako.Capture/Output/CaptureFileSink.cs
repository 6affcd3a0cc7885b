using Mako.Capture.Sources;
using Mako.Files;

namespace Mako.Capture.Output;

/// <summary>
/// Saves a session's packets as dumpcap does: one pcapng IDB per source (name, description, filter, OS, snaplen,
/// tsresol), ISBs with dumpcap's counters when a single file is closed, and optionally a ring buffer of numbered
/// files switched by size, duration, packet count or clock interval, deleting the oldest beyond files:N.
/// Each file is written through Mako.Files' <see cref="CaptureWriter"/> (temporary name, renamed on close).
/// <code>
/// using var sink = new CaptureFileSink(options, session.Sources);
/// sink.Run(session);   // or call Open/Write/Tick/Close yourself
/// </code>
/// </summary>
public sealed class CaptureFileSink : IDisposable
{
    private readonly CaptureFileOptions _o;
    private readonly IReadOnlyList<CaptureSource> _sources;
    private readonly Queue<string> _kept = new();
    private CaptureWriter? _writer;
    private CaptureReader? _template;
    private long _fileNumber;
    private long _fileBytes;
    private long _filePackets;
    private DateTime _fileOpenedUtc;
    private long _nextIntervalUnix;

    /// <summary>Called with each file's final name as it is opened (dumpcap prints "File: NAME").</summary>
    public event Action<string>? FileOpened;

    /// <summary>Name of the file being written (final name; it appears on disk when the file is closed).</summary>
    public string? CurrentFile { get; private set; }
    /// <summary>Every file completed or in progress, in order (deleted ring files included).</summary>
    public List<string> Files { get; } = new();
    /// <summary>Packets written so far, over all files.</summary>
    public long PacketsWritten { get; private set; }

    /// <summary>Files deleted to honour files:N.</summary>
    public List<string> Deleted { get; } = new();

    public CaptureFileSink(CaptureFileOptions options, IReadOnlyList<CaptureSource> sources)
    {
        _o = options;
        _sources = sources;
        if (options.Format != CaptureFormat.PcapNg && sources.Count > 1)
        {
            int lt = sources[0].Interface.LinkType;
            foreach (var s in sources)
            {
                if (s.Interface.LinkType != lt)
                    throw new CaptureException(CaptureFailure.BadOption,
                        "The pcap format holds one link-layer type only, and the interfaces have different ones; use pcapng.");
            }
        }
    }

    /// <summary>Opens the first file.</summary>
    public void Open() => OpenNext();

    /// <summary>Writes a packet; returns false when a stop condition (-a filesize:, -a files:) is met.</summary>
    public bool Write(PacketRecord packet)
    {
        if (_writer is null)
            throw new InvalidOperationException("Open the sink first.");
        if (_o.IsRingBuffer && _filePackets > 0 && SwitchDue(packet.CapturedLength, DateTime.UtcNow))
        {
            if (!Switch())
                return false;
        }
        _writer.WritePacket(packet);
        _filePackets++;
        PacketsWritten++;
        _fileBytes += _o.Format == CaptureFormat.PcapNg ? 32 + ((packet.CapturedLength + 3) & ~3) : 16 + packet.CapturedLength;
        if (_o.StopFileSizeKB is long stopKb && _fileBytes >= stopKb * 1000)
            return false;
        return true;
    }

    /// <summary>Time-based work (duration and interval switches); returns false when a stop condition is met.</summary>
    public bool Tick()
    {
        if (_writer is null || !_o.IsRingBuffer)
            return true;
        var now = DateTime.UtcNow;
        bool due = (_o.SwitchDuration is TimeSpan d && now - _fileOpenedUtc >= d)
                   || (_o.SwitchIntervalSeconds is > 0 && DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= _nextIntervalUnix);
        return !due || Switch();
    }

    // Size and packet switches are checked before writing so a file never exceeds its limit by more than a packet,
    // as dumpcap switches after the packet that crossed it.
    private bool SwitchDue(int nextLength, DateTime utcNow)
    {
        if (_o.SwitchPackets is long n && _filePackets >= n) return true;
        if (_o.SwitchFileSizeKB is long kb && _fileBytes >= kb * 1000) return true;
        if (_o.SwitchDuration is TimeSpan d && utcNow - _fileOpenedUtc >= d) return true;
        if (_o.SwitchIntervalSeconds is > 0 && DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= _nextIntervalUnix) return true;
        return false;
    }

    private bool Switch()
    {
        CommitCurrent(statistics: null);
        if (_o.StopFiles is int maxFiles && _fileNumber >= maxFiles)
            return false;
        OpenNext();
        return true;
    }

    private void OpenNext()
    {
        _fileNumber++;
        string name;
        if (_o.Stream is not null)
            name = _o.Path;
        else if (_o.IsRingBuffer)
        {
            name = RingFileNames.Name(_o.Path, _fileNumber, _o.LocalNow());
            if (_o.RingFiles is int keep && keep > 0)
            {
                while (_kept.Count >= keep)
                {
                    string old = _kept.Dequeue();
                    try { File.Delete(old); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                    Deleted.Add(old);
                }
            }
        }
        else
            name = _o.Path;

        CaptureWriter w;
        try
        {
            if (_o.Format == CaptureFormat.PcapNg)
            {
                _template ??= SectionTemplate.Create(_o.Comments);
                w = _o.Stream is not null
                    ? CaptureWriter.Create(_o.Stream, CaptureFormat.PcapNg, _template, leaveOpen: true)
                    : CaptureWriter.Create(name, CaptureFormat.PcapNg, _template);
                for (int i = 0; i < _sources.Count; i++)
                {
                    var info = _sources[i].Interface;
                    info.Id = i;
                    // Declared as an IDB block (not AddInterface) so packets and ISBs can refer to it by source index.
                    w.WriteBlock(new BlockRecord { Kind = BlockKind.InterfaceDescription, BlockType = 1, Interface = info });
                }
            }
            else
            {
                var first = _sources[0].Interface;
                w = _o.Stream is not null
                    ? CaptureWriter.Create(_o.Stream, _o.Format, null, first.LinkType, first.SnapLength, leaveOpen: true)
                    : CaptureWriter.Create(name, _o.Format, null, first.LinkType, first.SnapLength);
            }
        }
        catch (CaptureFileException e)
        {
            throw new CaptureException(CaptureFailure.Other, $"The file to which the capture would be saved (\"{name}\") could not be opened: {e.Message}", "", e);
        }
        _writer = w;
        _kept.Enqueue(name);
        Files.Add(name);
        CurrentFile = name;
        _fileBytes = 0;
        _filePackets = 0;
        _fileOpenedUtc = DateTime.UtcNow;
        if (_o.SwitchIntervalSeconds is int iv and > 0)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            _nextIntervalUnix = (now / iv + 1) * iv;
        }
        FileOpened?.Invoke(name);
    }

    private void CommitCurrent(IReadOnlyList<InterfaceStatistics>? statistics)
    {
        var w = _writer;
        if (w is null)
            return;
        _writer = null;
        try
        {
            if (statistics is not null)
            {
                foreach (var st in statistics)
                    w.WriteBlock(new BlockRecord { Kind = BlockKind.InterfaceStatistics, BlockType = 5, Statistics = st });
            }
            w.Commit();
        }
        catch (CaptureFileException e)
        {
            throw new CaptureException(CaptureFailure.Other, $"An error occurred while writing \"{CurrentFile}\": {e.Message}", "", e);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>
    /// Closes the current file. Interface statistics (dumpcap's ISBs: "Counters provided by dumpcap", start and
    /// end time, if_recv, if_drop) are written when one file holds the whole capture, as dumpcap does.
    /// </summary>
    public void Close(CaptureSession? session = null)
    {
        IReadOnlyList<InterfaceStatistics>? stats = null;
        if (session is not null && _o.Format == CaptureFormat.PcapNg && !_o.IsRingBuffer)
            stats = Statistics(session);
        CommitCurrent(stats);
    }

    /// <summary>The ISBs dumpcap writes for a session.</summary>
    public static IReadOnlyList<InterfaceStatistics> Statistics(CaptureSession session)
    {
        long start = session.StartTime.ToUnixTimeMilliseconds() * 1_000_000;
        long end = (session.EndTime == default ? DateTimeOffset.UtcNow : session.EndTime).ToUnixTimeMilliseconds() * 1_000_000;
        var list = new List<InterfaceStatistics>();
        for (int i = 0; i < session.Sources.Count; i++)
        {
            var s = session.GetStatistics(i);
            var st = new InterfaceStatistics { InterfaceId = i, TimestampNs = end, StartTimeNs = start, EndTimeNs = end };
            st.Comments.Add("Counters provided by dumpcap");
            if (s.PcapDropped is ulong drop)
            {
                st.Received = s.Received;
                st.Dropped = drop;
            }
            else if (session.Sources[i] is SshSource)
            {
                st.Received = s.Received;   // the remote side's drops are not known here
            }
            else
            {
                st.Received = ulong.MaxValue;   // dumpcap's "unknown"
                st.Dropped = ulong.MaxValue;
            }
            list.Add(st);
        }
        return list;
    }

    /// <summary>Runs <paramref name="session"/> into this sink: opens, writes, switches, closes (also on error).</summary>
    public void Run(CaptureSession session, Action<PacketRecord>? alsoOnPacket = null, Action? alsoOnTick = null, CancellationToken cancel = default)
    {
        if (_writer is null)
            Open();
        try
        {
            session.Run(p =>
            {
                if (!Write(p))
                    session.Stop();
                alsoOnPacket?.Invoke(p);
            }, () =>
            {
                if (!Tick())
                    session.Stop();
                alsoOnTick?.Invoke();
            }, cancel);
        }
        finally
        {
            Close(session);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        _template?.Dispose();
    }
}
