using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// One input file: open, hash (in the background), walk, report. Returns capinfos' per-file status:
/// 0 fine, 1 cut short (report printed), 2 failed (nothing printed).
/// </summary>
internal sealed class FileProcessor(CliIo io, CapinfosOptions opt, TableReport? table)
{
    public int Process(string path, bool needSeparator)
    {
        if (OpenError(path) is string openError)
        {
            io.Err.Write($"capinfos: {openError}\n");
            return 2;
        }
        if (IsEmptyRegularFile(path))
        {
            // Wireshark's ERF reader accepts a zero-length file, so capinfos reports it as an empty ERF capture.
            var hashes = StartHashes(path);
            Separate(needSeparator);
            Report(path, EmptyErfSummary(), hashes);
            return 0;
        }

        CaptureReader reader;
        try
        {
            reader = CaptureReader.Open(path);
        }
        catch (CaptureFileException e)
        {
            io.Err.Write($"capinfos: {e.Describe("capinfos")}\n");
            return 2;
        }

        using (reader)
        {
            var hasher = StartHashes(path);
            // capinfos separates reports as soon as the file opens, so a file that fails later leaves a blank line.
            Separate(needSeparator);
            var collector = new SummaryCollector(reader, path, io.Err);
            collector.Run();
            int status = 0;
            if (collector.Error is { } err)
            {
                io.Err.Write($"capinfos: An error occurred after reading {collector.Summary.PacketCount} packets from \"{path}\".\n");
                io.Err.Write($"capinfos: {err.Describe("capinfos")}\n");
                if (err.Kind != CaptureErrorKind.CutShort)
                {
                    hasher?.Wait();
                    return 2;
                }
                io.Err.Write("  (will continue anyway, checksums might be incorrect)\n");
                status = 1;
            }
            collector.Summary.FileSize = FileSize(path);
            Report(path, collector.Summary, hasher);
            return status;
        }
    }

    private void Separate(bool needSeparator)
    {
        if (needSeparator && table is null)
            io.Out.Write('\n');
    }

    private void Report(string path, CaptureSummary summary, FileHasher? hasher)
    {
        var hashes = hasher?.Wait() ?? FileHashes.Unknown;
        if (table is not null)
            table.WriteRow(path, summary, hashes);
        else
            LongReport.Write(io.Out, path, summary, hashes, opt);
    }

    private FileHasher? StartHashes(string path) => opt.Hashes && path != "-" ? FileHasher.Start(path) : null;

    /// <summary>The messages Wireshark gives before it looks at the content (cfile_open_failure_message).</summary>
    private static string? OpenError(string path)
    {
        if (path == "-")
            return null;
        if (Directory.Exists(path))
            return $"\"{path}\" is a directory (folder), not a file.";
        if (!File.Exists(path))
            return $"The file \"{path}\" doesn't exist.";
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        }
        catch (UnauthorizedAccessException)
        {
            return $"You don't have permission to read the file \"{path}\".";
        }
        catch (IOException e)
        {
            return $"The file \"{path}\" could not be opened: {e.Message}.";
        }
        return null;
    }

    private static bool IsEmptyRegularFile(string path)
        => path != "-" && new FileInfo(path) is { Exists: true, Length: 0 };

    private static long FileSize(string path)
    {
        if (path == "-")
            return 0;
        try { return new FileInfo(path).Length; }
        catch (IOException) { return 0; }
    }

    private static CaptureSummary EmptyErfSummary()
    {
        var s = new CaptureSummary
        {
            FileTypeDescription = WtapNames.ErfFileType.Description,
            FileTypeName = WtapNames.ErfFileType.Name,
            FileEncap = WtapEncap.Erf,
            FileTsPrec = WtapNames.PrecNano,
        };
        s.Sections.Add(new SectionInfo());
        return s;
    }
}
