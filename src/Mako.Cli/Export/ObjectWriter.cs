using System.Text;

namespace Mako.Cli.Export;

/// <summary>
/// Writes exported objects into one directory as tshark 4.0's tap-exportobject does, but as each object is found (so
/// memory does not grow with the capture) and never over an existing file: a taken name gets "(1)", "(2)"... (tshark
/// stops trying after 1000 and overwrites), and files are created with O_EXCL so a symbolic link planted in the
/// directory is never followed. The directory (and its parents) is created when needed; errors are printed with
/// tshark's wording when the capture ends, after the packets.
/// </summary>
internal sealed class ObjectWriter(string directory, TextWriter errors)
{
    private readonly List<string> _messages = new();
    private bool _ready, _failed;

    public int Written { get; private set; }

    /// <summary>Saves one object under <paramref name="name"/> (made safe here).</summary>
    public void Write(string name, ReadOnlySpan<byte> payload)
    {
        if (!EnsureDirectory()) return;
        for (int dup = 0; dup < int.MaxValue; dup++)
        {
            string path = Path.Combine(directory, ExportNames.Safe(name, dup));
            if (Taken(path)) continue;
            try
            {
                using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                f.Write(payload);
                Written++;
                return;
            }
            catch (IOException) when (Taken(path))
            {
                // Created by someone else between the test and the open: try the next suffix.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _messages.Add("mako: " + WriteFailure(path, e));
                return;
            }
        }
    }

    /// <summary>Called when the capture ends: creates the directory even when nothing was found (as tshark does),
    /// then prints the errors.</summary>
    public void Finish()
    {
        EnsureDirectory();
        foreach (var m in _messages) errors.WriteLine(m);
        _messages.Clear();
    }

    private static bool Taken(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return true;
        try
        {
            return new FileInfo(path).LinkTarget is not null; // a dangling symbolic link
        }
        catch (IOException)
        {
            return false;
        }
    }

    private bool EnsureDirectory()
    {
        if (_ready) return true;
        if (_failed) return false;
        string? reason = null;
        if (directory.Length == 0) reason = "Invalid argument";
        else if (!Directory.Exists(directory))
        {
            reason = NotADirectory(directory);
            if (reason is null)
            {
                try
                {
                    Directory.CreateDirectory(directory);
                }
                catch (UnauthorizedAccessException)
                {
                    reason = "Permission denied";
                }
                catch (DirectoryNotFoundException)
                {
                    reason = "No such file or directory";
                }
                catch (IOException e)
                {
                    reason = Reason(e);
                }
            }
        }
        if (reason is not null)
        {
            _failed = true;
            _messages.Add($"Failed to create export objects output directory \"{directory}\": {reason}");
            return false;
        }
        _ready = true;
        return true;
    }

    /// <summary>g_mkdir_with_parents fails with ENOTDIR when the path or one of its parents is a file.</summary>
    private static string? NotADirectory(string dir)
    {
        for (string? d = Path.GetFullPath(dir); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            if (File.Exists(d)) return "Not a directory";
            if (Directory.Exists(d)) return null;
        }
        return null;
    }

    /// <summary>tshark's open_failure_message for a file opened for writing.</summary>
    private static string WriteFailure(string path, Exception e) => e switch
    {
        UnauthorizedAccessException => $"You don't have permission to create or write to the file \"{path}\".",
        DirectoryNotFoundException or FileNotFoundException => $"The path to the file \"{path}\" doesn't exist.",
        PathTooLongException => $"The file name \"{path}\" is too long.",
        _ => $"The file \"{path}\" could not be created: {Reason((IOException)e)}.",
    };

    /// <summary>The system's reason without .NET's decorations (".NET: 'Read-only file system : '/x''").</summary>
    private static string Reason(IOException e)
    {
        string m = e.Message;
        int colon = m.IndexOf(" : ", StringComparison.Ordinal);
        var sb = new StringBuilder(colon > 0 ? m[..colon] : m);
        return sb.ToString().TrimEnd('.');
    }
}
