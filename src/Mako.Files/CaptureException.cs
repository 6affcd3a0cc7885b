namespace Mako.Files;

/// <summary>Why a capture file could not be (fully) read or written.</summary>
public enum CaptureErrorKind
{
    /// <summary>The file ends in the middle of a record: every complete packet before it was delivered.</summary>
    CutShort,
    /// <summary>A structure is invalid (absurd block length, bad option, caplen larger than any sane limit...).</summary>
    Corrupt,
    /// <summary>The content is not a capture format Mako knows (zero-length files included).</summary>
    UnknownFormat,
    /// <summary>A valid file uses something not supported (e.g. a link type the output format cannot hold).</summary>
    Unsupported,
    /// <summary>The OS refused (not found, permission denied...).</summary>
    Io,
}

/// <summary>
/// The one exception type readers and writers throw. <see cref="Exception.Message"/> is a single line,
/// worded like Wireshark's wtap error strings (e.g. "appears to have been cut short in the middle of a packet"),
/// without the file name; <see cref="Describe"/> adds the file name for the CLI.
/// </summary>
public sealed class CaptureFileException : Exception
{
    public CaptureErrorKind Kind { get; }
    public string? FileName { get; }
    /// <summary>Number of packets successfully delivered before the error.</summary>
    public long PacketsRead { get; }

    public CaptureFileException(CaptureErrorKind kind, string message, string? fileName = null, long packetsRead = 0, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        FileName = fileName;
        PacketsRead = packetsRead;
    }

    /// <summary>"The file "x.pcap" appears to have been cut short in the middle of a packet." style line.</summary>
    public string Describe() => FileName is null ? Message : $"The file \"{FileName}\" {Message}";
}
