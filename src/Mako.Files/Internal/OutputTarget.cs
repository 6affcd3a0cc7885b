namespace Mako.Files.Internal;

/// <summary>
/// Where a writer's bytes go. For a path: a temporary file in the same folder (so the final rename is atomic and
/// never crosses file systems), renamed over the target by <see cref="Commit"/> and deleted if never committed.
/// "-" is standard output; a caller's stream is used as is.
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private readonly bool _leaveOpen;
    private bool _committed;

    public Stream Stream { get; }
    public string Name { get; }

    private OutputTarget(Stream stream, string name, string? finalPath, string? tempPath, bool leaveOpen)
    {
        Stream = stream;
        Name = name;
        _finalPath = finalPath;
        _tempPath = tempPath;
        _leaveOpen = leaveOpen;
    }

    public static OutputTarget ForPath(string path)
    {
        if (path == "-")
            return new OutputTarget(Console.OpenStandardOutput(), path, null, null, leaveOpen: false);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            return new OutputTarget(fs, path, full, temp, leaveOpen: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, "could not be created.", e.Message, path, inner: e);
        }
    }

    public static OutputTarget ForStream(Stream stream, bool leaveOpen) => new(stream, "stream", null, null, leaveOpen);

    public void Commit()
    {
        if (_committed)
            return;
        try
        {
            Stream.Flush();
            if (_tempPath is not null)
            {
                Stream.Dispose();
                File.Move(_tempPath, _finalPath!, overwrite: true);
            }
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, "could not be written.", e.Message, Name, inner: e);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen || _tempPath is not null)
            Stream.Dispose();
        if (_tempPath is not null && !_committed)
        {
            try { File.Delete(_tempPath); }
            catch (IOException) { }   // nothing more we can do; the name marks it as a leftover temporary file
        }
    }
}
