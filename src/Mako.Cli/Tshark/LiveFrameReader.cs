using System.Buffers;
using Mako.Capture;
using Mako.Files;

namespace Mako.Cli.Tshark;

/// <summary>
/// A <see cref="CaptureReader"/> over a running capture, so tshark mode dissects, filters and prints live packets
/// with exactly the loop it uses for files (tshark itself reads back the file dumpcap writes). The capture runs
/// on its own thread; each packet is copied into a pooled buffer and queued, and <see cref="Read"/> hands them out
/// in arrival order. The queue holds at most <see cref="MaxQueuedBytes"/>: when dissection falls that far behind,
/// the capture thread waits, the kernel buffer fills and libpcap counts the drops (reported at the end), so memory
/// stays bounded.
/// </summary>
internal sealed class LiveFrameReader : CaptureReader
{
    /// <summary>How much captured data may wait for dissection.</summary>
    public const long MaxQueuedBytes = 64L << 20;

    // What a queued packet costs besides its bytes (slot, record, queue entry), so tiny packets are bounded too.
    private const int SlotOverhead = 160;

    private readonly CaptureSession _session;
    private readonly Thread _thread;
    private readonly object _gate = new();   // Monitor.Wait/Pulse need a plain object
    private readonly Queue<Slot> _queue = new();
    private readonly Stack<Slot> _free = new();
    private long _queuedBytes;
    private bool _completed, _closed;
    private Slot? _current;

    /// <summary>What ended the capture with an error (null when it stopped normally). Valid after the reader ends.</summary>
    public Exception? Failure { get; private set; }

    public override CaptureFormat Format => CaptureFormat.PcapNg;

    /// <param name="session">An opened session; its sources become <see cref="CaptureReader.Interfaces"/>.</param>
    /// <param name="run">Runs the capture on the reader's thread, passing every packet to the given callback
    /// (e.g. <c>session.Run</c>, or a file sink's run with the callback as its extra consumer); returns or throws the failure.</param>
    public LiveFrameReader(CaptureSession session, Func<Action<PacketRecord>, Exception?> run)
    {
        _session = session;
        FileName = "-";
        for (int i = 0; i < session.Sources.Count; i++)
        {
            var info = session.Sources[i].Interface;
            info.Id = i;
            InterfaceList.Add(info);
        }
        _thread = new Thread(() =>
        {
            Exception? failure;
            try { failure = run(Enqueue); }
            catch (Exception e) { failure = e; }
            lock (_gate)
            {
                Failure = failure;
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        })
        { IsBackground = true, Name = "live capture" };
        _thread.Start();
    }

    private sealed class Slot
    {
        public readonly PacketRecord Header = new();
        public byte[] Buffer = [];
    }

    // Runs on the capture thread (under the session's lock).
    private void Enqueue(PacketRecord p)
    {
        Slot slot;
        lock (_gate)
        {
            // Wait for room, but always accept a packet into an empty queue so a huge one cannot block forever.
            while (!_closed && _queue.Count > 0 && _queuedBytes + p.CapturedLength + SlotOverhead > MaxQueuedBytes)
                Monitor.Wait(_gate, 100);
            if (_closed)
                return;
            slot = _free.Count > 0 ? _free.Pop() : new Slot();
        }
        if (slot.Buffer.Length < p.CapturedLength)
        {
            if (slot.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(slot.Buffer);
            slot.Buffer = ArrayPool<byte>.Shared.Rent(p.CapturedLength);
        }
        p.Data.Span.CopyTo(slot.Buffer);
        var h = slot.Header;
        h.Number = p.Number;
        h.TimestampNs = p.TimestampNs;
        h.CapturedLength = p.CapturedLength;
        h.OriginalLength = p.OriginalLength;
        h.InterfaceId = p.InterfaceId;
        h.LinkType = p.LinkType;
        h.Data = slot.Buffer.AsMemory(0, p.CapturedLength);
        lock (_gate)
        {
            _queue.Enqueue(slot);
            _queuedBytes += slot.Buffer.Length + SlotOverhead;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The next captured packet; blocks until one arrives or the capture ends (then <see cref="RecordKind.End"/>).</summary>
    public override RecordKind Read()
    {
        Slot? slot;
        lock (_gate)
        {
            if (_current is not null)
            {
                _free.Push(_current);
                _current = null;
            }
            while (_queue.Count == 0 && !_completed && !_closed)
                Monitor.Wait(_gate);
            if (_queue.Count == 0)
            {
                LastKind = RecordKind.End;
                return RecordKind.End;
            }
            slot = _queue.Dequeue();
            _queuedBytes -= slot.Buffer.Length + SlotOverhead;
            Monitor.PulseAll(_gate);
        }
        _current = slot;
        var h = slot.Header;
        var p = Packet;
        p.Number = h.Number;
        p.TimestampNs = h.TimestampNs;
        p.CapturedLength = h.CapturedLength;
        p.OriginalLength = h.OriginalLength;
        p.InterfaceId = h.InterfaceId;
        p.LinkType = h.LinkType;
        p.Data = h.Data;
        p.Source = PacketSource.EnhancedPacketBlock;
        PacketCount++;
        LastKind = RecordKind.Packet;
        return RecordKind.Packet;
    }

    /// <summary>Stops the capture (if still running) and waits for its thread; queued packets are dropped.</summary>
    public override void Dispose()
    {
        _session.Stop();
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        lock (_gate)
        {
            foreach (var s in _queue) _free.Push(s);
            _queue.Clear();
            if (_current is not null) _free.Push(_current);
            _current = null;
            while (_free.Count > 0)
            {
                var s = _free.Pop();
                if (s.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(s.Buffer);
                s.Buffer = [];
            }
        }
        base.Dispose();
    }
}
