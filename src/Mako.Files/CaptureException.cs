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
    private const string ProgramToken = "{program}";
    private const string FileToken = "{file}";

    public CaptureErrorKind Kind { get; }
    public string? FileName { get; }
    /// <summary>Number of packets successfully delivered before the error.</summary>
    public long PacketsRead { get; }

    /// <summary>
    /// The main sentence without the file name, e.g. "appears to be damaged or corrupt.". May contain the token
    /// "{program}" (replaced by <see cref="Describe(string)"/>'s argument) where Wireshark names the program, and
    /// "{file}" where the sentence itself places the quoted file name (then no "The file" prefix is added).
    /// </summary>
    public string Summary { get; }

    /// <summary>
    /// Wireshark's err_info: the precise cause, e.g. "pcap: File has 4294967295-byte packet, bigger than maximum of 262144".
    /// Wireshark prints it on a second line in parentheses. Null when there is nothing to add.
    /// </summary>
    public string? Detail { get; }

    public CaptureFileException(CaptureErrorKind kind, string message, string? fileName = null, long packetsRead = 0, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        FileName = fileName;
        PacketsRead = packetsRead;
        Summary = message;
    }

    private CaptureFileException(CaptureErrorKind kind, string summary, string? detail, string? fileName, long packetsRead, Exception? inner)
        : base(OneLine(summary, detail), inner)
    {
        Kind = kind;
        FileName = fileName;
        PacketsRead = packetsRead;
        Summary = summary;
        Detail = detail;
    }

    /// <summary>Creates an exception with a Wireshark-style summary and detail.</summary>
    public static CaptureFileException Create(CaptureErrorKind kind, string summary, string? detail,
        string? fileName = null, long packetsRead = 0, Exception? inner = null)
        => new(kind, summary, detail, fileName, packetsRead, inner);

    /// <summary>The same error attributed to a file and a packet count (readers add these as they rethrow).</summary>
    public CaptureFileException WithContext(string? fileName, long packetsRead)
        => new(Kind, Summary, Detail, fileName, packetsRead, InnerException);

    /// <summary>"The file "x.pcap" appears to have been cut short in the middle of a packet." style line.</summary>
    public string Describe() => Describe("Mako");

    /// <summary>
    /// What Wireshark prints after "program: ": the sentence with the file name, then, when there is a
    /// <see cref="Detail"/>, a second line "(detail)". <paramref name="program"/> fills sentences such as
    /// "isn't a capture file in a format capinfos understands".
    /// </summary>
    public string Describe(string program)
    {
        string s = Summary.Replace(ProgramToken, program, StringComparison.Ordinal);
        string line = s.Contains(FileToken, StringComparison.Ordinal)
            ? s.Replace(FileToken, $"\"{FileName}\"", StringComparison.Ordinal)
            : FileName is null ? s : $"The file \"{FileName}\" {s}";
        return Detail is null ? line : $"{line}\n({Detail})";
    }

    private static string OneLine(string summary, string? detail)
    {
        string s = summary.Replace(ProgramToken, "Mako", StringComparison.Ordinal)
            .Replace(" " + FileToken, "", StringComparison.Ordinal).Replace(FileToken + " ", "", StringComparison.Ordinal);
        return detail is null ? s : $"{s} ({detail})";
    }
}
