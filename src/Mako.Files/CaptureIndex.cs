using System.IO.Compression;
using Mako.Files.Internal;
using Mako.Files.PcapNg;

namespace Mako.Files;

/// <summary>
/// Random access to the packets of a capture: one sequential pass records where each frame starts (8 bytes per
/// frame, plus a few bytes per section), then <see cref="ReadFrame"/> seeks straight to any frame.
/// gzip-compressed files cannot be seeked, so they are first decompressed to a temporary file (deleted on
/// <see cref="Dispose"/>). Not thread-safe: one reader, one position.
/// <code>
/// using var index = CaptureIndex.Build("big.pcapng");
/// var p = index.ReadFrame(5000);   // valid until the next ReadFrame
/// </code>
/// </summary>
public sealed class CaptureIndex : IDisposable
{
    private readonly CaptureReader _reader;
    private readonly string? _tempFile;
    private long[] _offsets = new long[1024];
    // (first frame number of a section run, section index), in frame order; only pcapng has more than one.
    private readonly List<(long FirstFrame, int Section)> _sections = new();

    /// <summary>Frames indexed.</summary>
    public long Count { get; private set; }

    /// <summary>Why indexing stopped before the end of the file (frames before the damage are indexed), or null.</summary>
    public CaptureFileException? Error { get; private set; }

    /// <summary>The reader (format, sections, interfaces, names and secrets of the whole file).</summary>
    public CaptureReader Reader => _reader;

    private CaptureIndex(CaptureReader reader, string? tempFile)
    {
        _reader = reader;
        _tempFile = tempFile;
    }

    /// <summary>Indexes a file. Damage stops the pass but is not thrown: see <see cref="Error"/>.</summary>
    public static CaptureIndex Build(string path)
    {
        string? temp = IsGzip(path) ? Decompress(path) : null;
        CaptureReader reader;
        try
        {
            reader = temp is null ? CaptureReader.Open(path) : OpenTemp(temp, path);
        }
        catch
        {
            if (temp is not null) File.Delete(temp);
            throw;
        }
        var index = new CaptureIndex(reader, temp);
        index.Scan();
        return index;
    }

    private void Scan()
    {
        try
        {
            int lastSection = -1;
            RecordKind k;
            while ((k = _reader.Read()) != RecordKind.End)
            {
                if (k != RecordKind.Packet)
                    continue;
                if (Count == _offsets.Length)
                    Array.Resize(ref _offsets, _offsets.Length * 2);
                _offsets[Count++] = _reader.Packet.FileOffset;
                int section = _reader.Sections.Count - 1;
                if (section != lastSection)
                {
                    _sections.Add((Count, section));
                    lastSection = section;
                }
            }
        }
        catch (CaptureFileException e)
        {
            Error = e;
        }
    }

    /// <summary>Reads frame <paramref name="number"/> (1-based). The record is valid until the next call.</summary>
    public PacketRecord ReadFrame(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Count);
        var r = (StreamCaptureReader)_reader;
        if (r is PcapNgReader ng)
            ng.EnterSection(SectionOf(number));
        r.SeekTo(_offsets[number - 1], number);
        if (!r.ReadPacket())
            throw CaptureFileException.Create(CaptureErrorKind.CutShort, Errors.CutShortPacket, null, r.FileName, number - 1);
        return r.Packet;
    }

    private int SectionOf(long number)
    {
        int lo = 0, hi = _sections.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_sections[mid].FirstFrame <= number) lo = mid; else hi = mid - 1;
        }
        return _sections[lo].Section;
    }

    private static bool IsGzip(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            return fs.ReadByte() == 0x1f && fs.ReadByte() == 0x8b;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;   // CaptureReader.Open reports it with Wireshark's words
        }
    }

    private static string Decompress(string path)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"mako-index-{Guid.NewGuid():N}.cap");
        try
        {
            using var src = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var dst = File.Create(temp);
            src.CopyTo(dst);
        }
        catch (InvalidDataException)
        {
            // Keep what decompressed; the scan reports where the capture stops.
        }
        return temp;
    }

    private static CaptureReader OpenTemp(string temp, string originalName)
    {
        var fs = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);
        return CaptureReader.Open(fs, originalName);
    }

    public void Dispose()
    {
        _reader.Dispose();
        if (_tempFile is not null)
        {
            try { File.Delete(_tempFile); }
            catch (IOException) { }
        }
    }
}
