using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mako.Capture.Sources;
using Mako.Files;

namespace Mako.Capture;

/// <summary>Session-wide stop conditions (dumpcap -c, -a packets:, -a duration:).</summary>
public sealed class SessionLimits
{
    /// <summary>Stop after this many packets in all (0 = no limit).</summary>
    public long PacketLimit { get; set; }
    /// <summary>Stop after this long (null = no limit).</summary>
    public TimeSpan? Duration { get; set; }
    /// <summary>How often <see cref="CaptureSession.Run"/> calls its idle callback (ring-buffer timers, progress).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>Why a session stopped.</summary>
public enum StopReason { None, Requested, PacketLimit, Duration, SourcesEnded, Error }

/// <summary>
/// Captures from one or more sources at once (one reader thread each) and hands every packet, one at a time and in
/// arrival order per source, to a consumer. <see cref="PacketRecord.InterfaceId"/> is the source's index in
/// <see cref="Sources"/>; <see cref="PacketRecord.Number"/> counts from 1 across all sources.
/// <code>
/// using var s = CaptureSession.Open([new InterfaceOptions { Name = "lo", Filter = "udp" }], new SessionLimits { PacketLimit = 10 });
/// s.Run(p => Console.WriteLine(p.CapturedLength));
/// </code>
/// The consumer runs under the session's lock: it must not block for long, and the record (and its data) is
/// valid only during the call (<see cref="PacketRecord.Clone"/> to keep it).
/// </summary>
public sealed class CaptureSession : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<CaptureSource> _sources;
    private readonly ulong[] _delivered;
    private readonly SessionLimits _limits;
    private readonly ManualResetEventSlim _stopped = new();
    private volatile bool _stopping;
    private int _stopFlag;
    private Exception? _error;
    private long _count;

    public IReadOnlyList<CaptureSource> Sources => _sources;
    public SessionLimits Limits => _limits;
    /// <summary>Packets delivered so far.</summary>
    public long PacketCount => Interlocked.Read(ref _count);
    public StopReason StopReason { get; private set; }
    public DateTimeOffset StartTime { get; private set; }
    public DateTimeOffset EndTime { get; private set; }

    private CaptureSession(List<CaptureSource> sources, SessionLimits limits)
    {
        _sources = sources;
        _limits = limits;
        _delivered = new ulong[sources.Count];
    }

    /// <summary>
    /// Opens every interface (live or ssh://) with its filter before anything is captured, so a bad filter or a
    /// missing permission fails here. Throws <see cref="CaptureException"/>; sources already opened are closed.
    /// </summary>
    public static CaptureSession Open(IEnumerable<InterfaceOptions> interfaces, SessionLimits? limits = null, SshOptions? ssh = null)
    {
        var opened = new List<CaptureSource>();
        try
        {
            IReadOnlyList<CaptureInterface>? known = null;
            foreach (var o in interfaces)
            {
                if (o.IsRemote)
                {
                    opened.Add(SshSource.Open(o, ssh ?? new SshOptions()));
                    continue;
                }
                known ??= InterfaceLister.List();
                var device = InterfaceLister.Resolve(o.Name, known);
                opened.Add(LiveSource.Open(o, device));
            }
            if (opened.Count == 0)
                throw new CaptureException(CaptureFailure.NoSuchDevice, "No interface to capture on.");
            return FromSources(opened, limits);
        }
        catch
        {
            foreach (var s in opened)
                s.Dispose();
            throw;
        }
    }

    /// <summary>A session over sources the caller opened (tests, custom sources).</summary>
    public static CaptureSession FromSources(IEnumerable<CaptureSource> sources, SessionLimits? limits = null)
        => new(new List<CaptureSource>(sources), limits ?? new SessionLimits());

    /// <summary>Asks the session to stop: safe from any thread and from signal handlers. Idempotent.</summary>
    public void Stop() => StopWith(StopReason.Requested);

    // Lock-free so that it can be called from consumers (under the gate), signal handlers and timers alike.
    private void StopWith(StopReason reason)
    {
        if (Interlocked.Exchange(ref _stopFlag, 1) != 0)
            return;
        StopReason = reason;
        _stopping = true;
        foreach (var s in _sources)
            s.Break();
        _stopped.Set();
    }

    /// <summary>
    /// Captures until a limit is reached, <see cref="Stop"/> is called, <paramref name="cancel"/> fires, or every
    /// source ends. <paramref name="onPacket"/> gets each packet; <paramref name="onTick"/> (optional) is called
    /// about every <see cref="SessionLimits.TickInterval"/> under the same lock, for time-based work.
    /// A <see cref="CaptureException"/> from a source, or any exception from the callbacks, stops the session and
    /// is rethrown here after all reader threads have finished.
    /// </summary>
    public void Run(Action<PacketRecord> onPacket, Action? onTick = null, CancellationToken cancel = default)
    {
        StartTime = DateTimeOffset.UtcNow;
        var threads = new Thread[_sources.Count];
        int running = _sources.Count;
        for (int i = 0; i < threads.Length; i++)
        {
            int index = i;
            threads[i] = new Thread(() =>
            {
                try { Pump(index, onPacket); }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                        StopWith(StopReason.SourcesEnded);
                }
            })
            { IsBackground = true, Name = "capture " + _sources[i].DisplayName };
        }
        using var reg = cancel.Register(Stop);
        foreach (var t in threads)
            t.Start();

        var deadline = _limits.Duration is TimeSpan d ? StartTime + d : (DateTimeOffset?)null;
        while (!_stopped.IsSet)
        {
            var wait = _limits.TickInterval;
            if (deadline is DateTimeOffset dl)
            {
                var left = dl - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    StopWith(StopReason.Duration);
                    break;
                }
                if (left < wait) wait = left;
            }
            if (_stopped.Wait(wait))
                break;
            if (onTick is not null)
            {
                lock (_gate)
                {
                    if (_stopping)
                        break;
                    try { onTick(); }
                    catch (Exception e) { Fail(e); }
                }
            }
        }
        foreach (var t in threads)
            t.Join();
        EndTime = DateTimeOffset.UtcNow;
        if (_error is not null)
            ExceptionDispatchInfoThrow(_error);
    }

    private static void ExceptionDispatchInfoThrow(Exception e)
        => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();

    private void Fail(Exception e)
    {
        lock (_gate)
            _error ??= e;
        StopWith(StopReason.Error);
    }

    private void Pump(int index, Action<PacketRecord> onPacket)
    {
        var source = _sources[index];
        var record = new PacketRecord { InterfaceId = index };
        try
        {
            while (!_stopping)
            {
                var r = source.Read(record);
                if (r == SourceRead.Timeout)
                    continue;
                if (r == SourceRead.End)
                    return;
                lock (_gate)
                {
                    if (_stopping)
                        return;
                    record.InterfaceId = index;
                    record.Number = ++_count;
                    _delivered[index]++;
                    onPacket(record);
                    if (_limits.PacketLimit > 0 && _count >= _limits.PacketLimit)
                        StopWith(StopReason.PacketLimit);
                }
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    /// <summary>Counters for source <paramref name="index"/> (pcap_stats plus packets delivered).</summary>
    public SourceStatistics GetStatistics(int index)
    {
        ulong delivered;
        lock (_gate)
            delivered = _delivered[index];
        return _sources[index].GetStatistics(delivered);
    }

    /// <summary>
    /// The packets as an async stream (each one cloned, so it may be kept). Runs the capture on a background
    /// thread; ending the enumeration stops the session. Buffers up to <paramref name="capacity"/> packets and
    /// then waits, so a slow consumer makes the kernel drop (and pcap_stats count) rather than memory grow.
    /// </summary>
    public async IAsyncEnumerable<PacketRecord> ReadAllAsync(int capacity = 10000, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var channel = Channel.CreateBounded<PacketRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var run = Task.Factory.StartNew(() =>
        {
            try
            {
                Run(p =>
                {
                    var copy = p.Clone();
                    while (!channel.Writer.TryWrite(copy))
                    {
                        if (_stopping) return;
                        Thread.Sleep(1);
                    }
                }, cancel: cancel);
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, TaskCreationOptions.LongRunning);
        try
        {
            await foreach (var p in channel.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
                yield return p;
        }
        finally
        {
            Stop();
            await run.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Stop();
        foreach (var s in _sources)
            s.Dispose();
        _stopped.Dispose();
    }
}
