using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>
/// The sentences Wireshark's tools print when a capture file cannot be opened, read or written
/// (ui/failure_message.c), without the "tool: " prefix.
/// </summary>
internal static class FailureMessages
{
    /// <summary>Why an input file could not be opened, or null when it exists and is a regular file.</summary>
    public static string? CheckInput(string path)
    {
        if (path == "-")
            return null;
        if (Directory.Exists(path))
            return $"\"{path}\" is a directory (folder), not a file.";
        if (!File.Exists(path))
            return $"The file \"{path}\" doesn't exist.";
        return null;
    }

    /// <summary>An input file could not be opened (the reader threw).</summary>
    public static string OpenFailure(string path, Exception e, string tool) => e switch
    {
        CaptureFileException c => Describe(c, path, tool),
        UnauthorizedAccessException => $"You don't have permission to read the file \"{path}\".",
        FileNotFoundException or DirectoryNotFoundException => $"The file \"{path}\" doesn't exist.",
        _ => $"The file \"{path}\" could not be opened: {e.Message}",
    };

    /// <summary>A read error after some packets ("appears to have been cut short ...").</summary>
    public static string ReadFailure(string path, Exception e, string tool) => e switch
    {
        CaptureFileException c => Describe(c, path, tool),
        _ => $"An error occurred while reading from the file \"{path}\": {e.Message}.",
    };

    /// <summary>Why an output file cannot be created (a directory, a missing folder), or null.</summary>
    public static string? CheckOutputFolder(string path)
    {
        if (Directory.Exists(path))
            return $"\"{path}\" is a directory (folder), not a file.";
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir))
            return $"The path to the file \"{path}\" doesn't exist.";
        return null;
    }

    /// <summary>The output file could not be created.</summary>
    public static string DumpOpenFailure(string path, Exception e, string fileTypeName)
    {
        if (Directory.Exists(path))
            return $"\"{path}\" is a directory (folder), not a file.";
        if (e is CaptureFileException { InnerException: { } inner } && inner is IOException or UnauthorizedAccessException)
            e = inner;
        return e switch
        {
            DirectoryNotFoundException or FileNotFoundException => $"The path to the file \"{path}\" doesn't exist.",
            UnauthorizedAccessException => $"You don't have permission to create or write to the file \"{path}\".",
            CaptureFileException { Kind: CaptureErrorKind.Unsupported } => CantWriteAs(fileTypeName),
            _ => $"The file \"{path}\" could not be created: {e.Message}",
        };
    }

    /// <summary>The input's link types cannot all be stored in the chosen output type (e.g. several in pcap).</summary>
    public static string CantWriteAs(string fileTypeName) => $"The capture file being read can't be written as a \"{fileTypeName}\" file.";

    /// <summary>A packet could not be written (its link type does not fit the output file).</summary>
    public static string WriteFailure(string inPath, string outPath, Exception e, long frame, string fileTypeName) => e switch
    {
        CaptureFileException { Kind: CaptureErrorKind.Unsupported } =>
            $"Frame {frame} of \"{inPath}\" has a network type that can't be saved in a \"{fileTypeName}\" file.",
        IOException io => $"An error occurred while writing to the file \"{outPath}\": {io.Message}.",
        _ => $"An error occurred while writing to the file \"{outPath}\": {e.Message}.",
    };

    /// <summary>Describes a reader error as "The file "x" appears to be ..." with the tool's own name and path.</summary>
    public static string Describe(CaptureFileException e, string path, string tool)
    {
        string summary = e.Summary.Replace("{program}", tool, StringComparison.Ordinal);
        string line = $"The file \"{path}\" {summary}";
        return e.Detail is null ? line : $"{line}\n({e.Detail})";
    }
}
