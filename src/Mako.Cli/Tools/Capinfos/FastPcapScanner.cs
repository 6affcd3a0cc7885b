using System.Buffers.Binary;
using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// The fast path for plain (uncompressed) microsecond and nanosecond pcap files: walks only the 16-byte record
/// headers of the chunks <see cref="FileChunks"/> reads, never touching or copying packet data. It applies the same
/// rules as Mako.Files' pcap reader; on anything unusual (a cut-off record, an oversized one) it gives up and the
/// caller reads the file the ordinary way, so errors are reported with the reader's exact words.
/// <code>
/// record header: 0 ts_sec  4 ts_usec/ts_nsec  8 incl_len  12 orig_len   (file byte order)
/// </code>
/// </summary>
internal sealed class FastPcapScanner
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly bool _bigEndian;
    private readonly bool _lengthsSwapped;
    private readonly bool _lengthsMaybeSwapped;
    private readonly long _fractionToNs;
    private readonly int _prec;
    private readonly uint _maxCaplen;
    private readonly CaptureSummary _summary;

    // Scanning state that survives chunk boundaries.
    private long _skip = FileHeaderLength;          // bytes to pass over before the next record header
    private readonly byte[] _header = new byte[RecordHeaderLength];
    private int _headerFill;

    public static bool Applies(CaptureReader r, string path)
        => path != "-" && !r.IsCompressed && (r.Format is CaptureFormat.Pcap or CaptureFormat.PcapNanosecond)
           && r.Sections.Count == 1 && r.Interfaces.Count == 1 && WtapEncap.FromLinkType(r.Interfaces[0].LinkType) > 0;

    public FastPcapScanner(CaptureReader r, CaptureSummary summary)
    {
        var section = r.Sections[0];
        _bigEndian = section.BigEndian;
        // Same length-field quirks as the reader: before 2.3 the two lengths were swapped, 2.3 was written both ways.
        _lengthsSwapped = (section.MajorVersion == 2 && section.MinorVersion < 3) || section.MajorVersion == 543;
        _lengthsMaybeSwapped = section.MajorVersion == 2 && section.MinorVersion == 3;
        bool nano = r.Format == CaptureFormat.PcapNanosecond;
        _fractionToNs = nano ? 1 : 1000;
        _prec = nano ? WtapNames.PrecNano : WtapNames.PrecMicro;
        _maxCaplen = LinkTypes.MaxSnapLength(r.Interfaces[0].LinkType);
        _summary = summary;
    }

    /// <summary>Consumes every chunk; false when the file needs the ordinary reader (the summary is then unusable).</summary>
    public bool Run(FileChunks chunks)
    {
        while (chunks.TryNext(out var chunk))
        {
            if (!Scan(chunk.Span))
                return false;
        }
        // A clean end is exactly at a record boundary.
        return !chunks.Failed && _skip == 0 && _headerFill == 0;
    }

    private bool Scan(ReadOnlySpan<byte> chunk)
    {
        int pos = 0;
        while (pos < chunk.Length)
        {
            if (_skip > 0)
            {
                long n = Math.Min(_skip, chunk.Length - pos);
                pos += (int)n;
                _skip -= n;
                continue;
            }
            if (_headerFill == 0 && chunk.Length - pos >= RecordHeaderLength)
            {
                if (!Record(chunk.Slice(pos, RecordHeaderLength)))
                    return false;
                pos += RecordHeaderLength;
                continue;
            }
            // A header split across two chunks.
            int take = Math.Min(RecordHeaderLength - _headerFill, chunk.Length - pos);
            chunk.Slice(pos, take).CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            pos += take;
            if (_headerFill == RecordHeaderLength)
            {
                _headerFill = 0;
                if (!Record(_header))
                    return false;
            }
        }
        return true;
    }

    private bool Record(ReadOnlySpan<byte> h)
    {
        uint sec, frac, caplen, origlen;
        if (_bigEndian)
        {
            sec = BinaryPrimitives.ReadUInt32BigEndian(h);
            frac = BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
            caplen = BinaryPrimitives.ReadUInt32BigEndian(h[8..]);
            origlen = BinaryPrimitives.ReadUInt32BigEndian(h[12..]);
        }
        else
        {
            sec = BinaryPrimitives.ReadUInt32LittleEndian(h);
            frac = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
            caplen = BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
            origlen = BinaryPrimitives.ReadUInt32LittleEndian(h[12..]);
        }
        if (_lengthsSwapped || (_lengthsMaybeSwapped && caplen > origlen))
            (caplen, origlen) = (origlen, caplen);
        if (caplen > _maxCaplen)
            return false;
        // Same value as the reader's sec * 1e9 + frac * scale, without a 64-bit division in the common case.
        long fracNs = frac * _fractionToNs;
        var t = fracNs < 1_000_000_000L ? new NsTime(sec, (int)fracNs) : NsTime.FromNs((long)sec * 1_000_000_000L + fracNs);
        _summary.AddPacket(true, t, _prec, caplen, origlen);
        _skip = caplen;
        return true;
    }
}
