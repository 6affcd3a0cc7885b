namespace Mako.Files.Internal;

/// <summary>What the pcap and pcapng writers share: the output buffer, commit and clean-up.</summary>
internal abstract class StreamCaptureWriter : CaptureWriter
{
    private readonly OutputTarget _target;
    private bool _disposed;
    private protected OutputBuffer Out { get; }

    /// <summary>Name used in error messages (the path, "-" or "stream").</summary>
    public string Name => _target.Name;

    private protected StreamCaptureWriter(OutputTarget target)
    {
        _target = target;
        Out = new OutputBuffer(target.Stream, 1 << 20);
    }

    public override void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Out.Flush();
        _target.Commit();
    }

    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _target.Dispose();
    }

    private protected CaptureFileException Error(CaptureErrorKind kind, string summary, string? detail)
        => CaptureFileException.Create(kind, summary, detail, Name);

    /// <summary>Splits nanoseconds since the epoch into whole seconds and the remainder (floor, also below 0).</summary>
    private protected static (long Seconds, long Nanos) Split(long ns)
    {
        long s = Math.DivRem(ns, 1_000_000_000L, out long rem);
        if (rem < 0) { s--; rem += 1_000_000_000L; }
        return (s, rem);
    }
}
