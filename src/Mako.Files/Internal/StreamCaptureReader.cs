namespace Mako.Files.Internal;

/// <summary>
/// What the pcap and pcapng readers share: the input buffer, the sticky error (after damage every further
/// <see cref="Read"/> throws the same exception, so no caller can loop forever) and the file name/packet count
/// added to errors.
/// </summary>
internal abstract class StreamCaptureReader : CaptureReader
{
    private CaptureFileException? _error;
    private protected InputBuffer Input { get; }

    private protected StreamCaptureReader(InputBuffer input, string name, bool compressed)
    {
        Input = input;
        FileName = name;
        IsCompressed = compressed;
    }

    public sealed override RecordKind Read()
    {
        if (_error is not null)
            throw _error;
        try
        {
            var k = ReadCore();
            LastKind = k;
            return k;
        }
        catch (CaptureFileException e)
        {
            _error = e.WithContext(FileName, PacketCount);
            throw _error;
        }
    }

    private protected abstract RecordKind ReadCore();

    /// <summary>Positions the input at a record previously reported by <see cref="PacketRecord.FileOffset"/>.</summary>
    internal void SeekTo(long offset, long nextPacketNumber)
    {
        Input.Seek(offset);
        PacketCount = nextPacketNumber - 1;
        _error = null;
    }

    internal bool CanSeek => Input.CanSeek && !IsCompressed;

    /// <summary>Resets the per-packet optional fields; lists are cleared only when something is in them.</summary>
    private protected void ResetPacketOptions()
    {
        var p = Packet;
        p.Flags = null;
        p.DropCount = null;
        p.PacketId = null;
        p.Queue = null;
        if (p.Comments.Count != 0) p.Comments.Clear();
        if (p.Hashes.Count != 0) p.Hashes.Clear();
        if (p.OtherOptions.Count != 0) p.OtherOptions.Clear();
    }

    public override void Dispose()
    {
        Input.Dispose();
        base.Dispose();
    }
}
