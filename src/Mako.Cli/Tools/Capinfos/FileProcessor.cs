using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// One input file: open, hash and walk (concurrently), report. Returns capinfos' per-file status:
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
            Separate(needSeparator);
            Report(path, EmptyErfSummary(), opt.Hashes ? EmptyHashes : FileHashes.Unknown);
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
            // capinfos separates reports as soon as the file opens, so a file that fails later leaves a blank line.
            Separate(needSeparator);
            bool fast = FastPcapScanner.Applies(reader, path);
            bool hashes = opt.Hashes && path != "-";
            var hasher = hashes ? FileHasher.Start(path) : null;
            var collector = hasher is null ? Walk(reader, path, fast) : WalkBehind(reader, path, fast);
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
            Report(path, collector.Summary, hasher?.Wait() ?? FileHashes.Unknown);
            return status;
        }
    }

    /// <summary>
    /// <see cref="Walk"/> on a thread of the lowest priority, like the SHA digests, so that RIPEMD-160, which sets the
    /// pace, keeps a processor to itself (see <see cref="FileHasher"/>).
    /// </summary>
    private SummaryCollector WalkBehind(CaptureReader reader, string path, bool fast)
    {
        SummaryCollector? collector = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            ThreadPriorities.Lower();
            try { collector = Walk(reader, path, fast); }
            catch (Exception e) { failure = e; }
        })
        { IsBackground = true, Name = "capinfos walk" };
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return collector!;
    }

    /// <summary>The pcap fast path when it applies and succeeds, otherwise a full walk with the reader.</summary>
    private SummaryCollector Walk(CaptureReader reader, string path, bool fast)
    {
        if (fast)
        {
            using var chunks = new FileChunks(path);
            var quick = new SummaryCollector(reader, path, io.Err);
            if (new FastPcapScanner(reader, quick.Summary).Run(chunks))
            {
                quick.FinishWithoutWalk();
                return quick;
            }
        }
        var full = new SummaryCollector(reader, path, io.Err);
        full.Run();
        return full;
    }

    private void Separate(bool needSeparator)
    {
        if (needSeparator && table is null)
            io.Out.Write('\n');
    }

    private void Report(string path, CaptureSummary summary, FileHashes hashes)
    {
        if (table is not null)
            table.WriteRow(path, summary, hashes);
        else
            LongReport.Write(io.Out, path, summary, hashes, opt);
    }

    // The digests of zero bytes.
    private static readonly FileHashes EmptyHashes = new(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "9c1185a5c5e9fc54612808977ee8f548b2258d31",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709");

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
        // For standard input capinfos reports what fstat says: the size of a redirected file, 0 for a pipe.
        try
        {
            if (path == "-")
                return File.ResolveLinkTarget("/proc/self/fd/0", returnFinalTarget: true) is FileInfo { Exists: true } f ? f.Length : 0;
            return new FileInfo(path).Length;
        }
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
