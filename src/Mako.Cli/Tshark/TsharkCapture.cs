using Mako.Capture;
using Mako.Capture.Output;
using Mako.Cli.Output;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tshark;

/// <summary>
/// tshark mode's capture side: `mako -D`, `-L`, `--list-time-stamp-types`, and `mako [-i IF ...]` capturing to files
/// (-w with -b/-a, as dumpcap does: <see cref="CaptureRun"/>) and/or decoding live through the very loop that reads
/// files (<see cref="TsharkMode.ReadFile"/> over a <see cref="LiveFrameReader"/>). Messages are tshark 4.0's.
/// </summary>
internal static class TsharkCapture
{
    public static int Run(TsharkOptions o, CliIo io)
    {
        CaptureArgs c;
        try
        {
            c = Build(o);
        }
        catch (FormatException e)
        {
            io.Err.WriteLine("mako: " + e.Message);
            return 1;
        }
        try
        {
            if (o.ListInterfaces)
            {
                InterfaceLister.WriteList(io.Out, InterfaceLister.List());
                return 0;
            }
            if (c.Interfaces.Count == 0)
                c.Interfaces.Add(CaptureRun.DefaultInterface(c));
            foreach (var i in c.Interfaces)
                i.Filter ??= o.OperandCaptureFilter;
            if (o.ListLinkTypes || o.ListTimeStampTypes)
            {
                foreach (var i in c.Interfaces)
                {
                    var dev = InterfaceLister.Resolve(i.Name);
                    if (o.ListLinkTypes)
                        InterfaceLister.WriteLinkTypes(io.Out, dev.Name, InterfaceLister.ListLinkTypes(dev.Name));
                    else
                        InterfaceLister.WriteTimestampTypes(io.Out, InterfaceLister.ListTimestampTypes(dev.Name));
                }
                return 0;
            }
        }
        catch (CaptureException e)
        {
            io.Out.Flush();
            io.Err.WriteLine("mako: " + e.Describe());
            return 2;
        }

        if (CaptureOptionError(o, c) is { } error)
        {
            io.Err.WriteLine("mako: " + error);
            return 1;
        }
        List<string> names;
        try
        {
            names = CaptureRun.DisplayNames(c.Interfaces);
        }
        catch (CaptureException e)
        {
            io.Err.WriteLine("mako: " + e.Describe());
            return 1;
        }
        // Dissect only when something reads the packets: with -w and nothing to print, just save them (dumpcap's job).
        bool dissect = c.WritePath is null || PrinterFactory.PrintsPackets(o) || o.Statistics.Count > 0 || o.ExportObjects.Count > 0;
        return dissect ? Decode(o, c, names, io) : Save(o, c, names, io);
    }

    /// <summary>The capture flags, bound to their interfaces in command-line order.</summary>
    internal static CaptureArgs Build(TsharkOptions o)
    {
        var c = new CaptureArgs();
        foreach (var p in o.Parsed)
        {
            string v = p.Value ?? "";
            switch (p.Id)
            {
                case 'i': c.AddInterface(v); break;
                case 'f': c.SetFilter(v); break;
                case 's': c.SetSnapLength(v); break;
                case 'p': c.SetNoPromiscuous(); break;
                case 'B': c.SetBufferSize(v); break;
                case 'y': c.SetLinkType(v); break;
                case TsharkOptions.TimeStampTypeId: c.SetTimestampType(v); break;
                case 'c': c.SetPacketCount(v); break;
                case 'a': c.ApplyAutostop(v); break;
                case 'b': c.ApplyRing(v); break;
                case 'w': c.WritePath = v; break;
                case 'F':
                    c.Format = v switch
                    {
                        "pcapng" => CaptureFormat.PcapNg,
                        "pcap" or "libpcap" => CaptureFormat.Pcap,
                        _ => throw new FormatException("Live captures can only be saved in pcap or pcapng format."),
                    };
                    break;
                case 'I': throw new FormatException("Monitor mode (-I) is not supported by Mako.");
                default:
                    if (p.Spelling == "--capture-comment") c.Comments.Add(v);
                    break;
            }
        }
        return c;
    }

    /// <summary>tshark's refusals of capture flag combinations, in its order.</summary>
    private static string? CaptureOptionError(TsharkOptions o, CaptureArgs c)
    {
        if (o.TwoPass)
            return "Live captures do not support two-pass analysis.";
        if (c.WritePath == "-" && PrinterFactory.PrintsPackets(o))
            return "You can't write both raw packet data and dissected packets to the standard output.";
        if (c.WritePath is not null)
        {
            if (c.Comments.Count > 0 && c.Format != CaptureFormat.PcapNg)
                return "Capture comments can only be written to a pcapng file.";
            if (c.RingRequested && c.WritePath == "-")
                return "Multiple capture files requested, but the capture is being written to the standard output.";
            if (c.RingRequested && !c.WantsRing)
                return "Multiple capture files requested, but no maximum capture file size, duration, interval or packets were specified.";
            if (o.ReadFilter is not null)
                return "Read filters aren't supported when capturing and saving the captured packets.";
            if (o.DisplayFilter is not null)
                return "Display filters aren't supported when capturing and saving the captured packets.";
            return null;
        }
        if (c.StopFileSizeKB is not null || c.SwitchFileSizeKB is not null)
            return "Maximum capture file size specified, but capture isn't being saved to a file.";
        if (c.RingRequested)
            return "Multiple capture files requested, but the capture isn't being saved to a file.";
        if (c.Comments.Count > 0)
            return "Capture comments were specified, but the capture isn't being saved to a file.";
        return null;
    }

    /// <summary>`mako -r F` with capture-only flags: tshark's refusals (-a packets:N is honoured as -c N).</summary>
    public static string? FileModeError(TsharkOptions o)
    {
        if (o.WriteFile == "-" && PrinterFactory.PrintsPackets(o))
            return "You can't write both raw packet data and dissected packets to the standard output.";
        foreach (var p in o.Parsed)
        {
            string v = p.Value ?? "";
            if (p.Id == 'b' || (p.Id == 'a' && v.StartsWith("files:", StringComparison.Ordinal)))
                return "Multiple capture files requested, but a capture isn't being done.";
            if (p.Id == 'a' && v.StartsWith("duration:", StringComparison.Ordinal))
                return "A maximum capture time was specified, but a capture isn't being done.";
            if (p.Id == 'a' && v.StartsWith("packets:", StringComparison.Ordinal) && o.Count < 0
                && long.TryParse(v.AsSpan(8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) && n > 0)
                o.Count = n;
            if (p.Spelling == "--capture-comment" && o.WriteFile is null)
                return "Capture comments were specified, but you aren't writing a capture file.";
        }
        return null;
    }

    /// <summary>`mako -r F -f 'BPF'`: the file's packets that the capture filter accepts, dissected as usual.</summary>
    public static int ReadFiltered(TsharkOptions o, CliIo io)
    {
        string filter = o.CaptureFilter!;
        try
        {
            return TsharkMode.ReadFile(o, io, () =>
            {
                var inner = o.ReadFile == "-" ? CaptureReader.Open(io.In, "-", leaveOpen: true) : CaptureReader.Open(o.ReadFile!);
                return new BpfFilteredReader(inner, filter);
            });
        }
        catch (CaptureException e)
        {
            io.Out.Flush();
            io.Err.WriteLine("mako: " + (e.Kind == CaptureFailure.BadFilter ? FilterError(filter, null, e.Message) : e.Describe()));
            return 1;
        }
    }

    /// <summary>-w without anything to print: save the packets as dumpcap would, with tshark's messages.</summary>
    private static int Save(TsharkOptions o, CaptureArgs c, List<string> names, CliIo io)
    {
        Announce(o, names, io);
        using var session = Open(o, c, io);
        if (session is null)
            return 1;
        string path = c.WritePath!;
        Stream? stdout = path == "-" ? io.RawOut : null;
        if (stdout is not null) io.Out.Flush();
        CaptureFileSink sink;
        try
        {
            sink = new CaptureFileSink(c.FileOptions(path, stdout), session.Sources);
        }
        catch (CaptureException e)
        {
            return OpenFailed(o, e, io);
        }
        // On a terminal tshark redraws the running count ("\r12 ") instead of printing the total at the end.
        bool counts = !o.Quiet && stdout is null && io.ErrIsTerminal;
        long shown = 0;
        void ShowCount()
        {
            long n = sink.PacketsWritten;
            if (!counts || n == shown) return;
            shown = n;
            io.Err.Write($"\r{n} ");
        }
        CaptureException? failure;
        using (sink)
        using (CaptureRun.StopOnSignals(session))
            failure = CaptureRun.RunToFiles(session, sink, c, io, onTick: ShowCount);
        ShowCount();
        return Finish(o, session, names, failure, counts, io);
    }

    /// <summary>Decode live: tshark mode's file loop reads a <see cref="LiveFrameReader"/>; -w (with -P) is saved alongside.</summary>
    private static int Decode(TsharkOptions o, CaptureArgs c, List<string> names, CliIo io)
    {
        CaptureSession? session = null;
        CaptureFileSink? sink = null;
        LiveFrameReader? reader = null;
        IDisposable? signals = null;
        o.CaptureWritesFile = c.WritePath is not null;
        if (io.OutIsTerminal)
            o.LineBuffered = true;   // a terminal sees each packet as it arrives, as with tshark's line-buffered stdout
        try
        {
            int code = TsharkMode.ReadFile(o, io, () =>
            {
                Announce(o, names, io);
                session = CaptureSession.Open(c.Interfaces, c.Limits());
                WithoutDescriptions(session);
                if (c.WritePath is { } path)
                {
                    Stream? stdout = path == "-" ? io.RawOut : null;
                    sink = new CaptureFileSink(c.FileOptions(path, stdout), session.Sources);
                }
                signals = CaptureRun.StopOnSignals(session);
                var s = session;
                var k = sink;
                reader = new LiveFrameReader(s, put => k is null ? RunPlain(s, put) : CaptureRun.RunToFiles(s, k, c, io, alsoOnPacket: put));
                return reader;
            });
            if (session is null)
                return code;   // stopped before capturing (bad display filter, output flags...)
            int end = Finish(o, session, names, reader?.Failure, false, io);
            return code != 0 ? code : end;
        }
        catch (CaptureException e)
        {
            return OpenFailed(o, e, io);
        }
        finally
        {
            signals?.Dispose();
            sink?.Dispose();
            session?.Dispose();
        }
    }

    private static CaptureException? RunPlain(CaptureSession session, Action<PacketRecord> onPacket)
    {
        try
        {
            session.Run(onPacket);
            return null;
        }
        catch (CaptureException e)
        {
            return e;
        }
    }

    private static void Announce(TsharkOptions o, List<string> names, CliIo io)
    {
        if (!o.VeryQuiet)
            io.Err.WriteLine("Capturing on " + CaptureRun.JoinNames(names));
    }

    private static CaptureSession? Open(TsharkOptions o, CaptureArgs c, CliIo io)
    {
        try
        {
            return WithoutDescriptions(CaptureSession.Open(c.Interfaces, c.Limits()));
        }
        catch (CaptureException e)
        {
            OpenFailed(o, e, io);
            return null;
        }
    }

    // Captures made through tshark carry no if_description (dumpcap's own do): frames and -w files show none.
    private static CaptureSession WithoutDescriptions(CaptureSession session)
    {
        foreach (var source in session.Sources)
            source.Interface.Description = null;
        return session;
    }

    // tshark reports the error, then the (zero) count, and exits 1.
    private static int OpenFailed(TsharkOptions o, CaptureException e, CliIo io)
    {
        io.Out.Flush();
        io.Err.WriteLine("mako: " + Describe(e));
        if (!o.VeryQuiet)
            io.Err.WriteLine("0 packets captured");
        return 1;
    }

    /// <summary>The end of a capture: the failure if any, per-interface drops, and "N packets captured".</summary>
    private static int Finish(TsharkOptions o, CaptureSession session, List<string> names, Exception? failure, bool countsShown, CliIo io)
    {
        io.Out.Flush();
        if (failure is not null)
            io.Err.WriteLine("mako: " + (failure is CaptureException ce ? Describe(ce) : failure.Message));
        if (countsShown)
            io.Err.WriteLine();
        if (!o.VeryQuiet)
        {
            for (int i = 0; i < session.Sources.Count; i++)
            {
                ulong dropped = session.GetStatistics(i).PcapDropped ?? 0;
                if (dropped != 0)
                    io.Err.WriteLine($"{dropped} packet{(dropped == 1 ? "" : "s")} dropped from {names[i]}");
            }
            if (!countsShown)
            {
                long n = session.PacketCount;
                io.Err.WriteLine($"{n} packet{(n == 1 ? "" : "s")} captured");
            }
        }
        return failure is null ? 0 : 2;
    }

    /// <summary>tshark's wording: a bad filter names the interface by its friendly name ('Loopback'), not 'lo'.</summary>
    private static string Describe(CaptureException e)
    {
        if (e.Kind == CaptureFailure.BadFilter && e.Filter is { } f && e.LibraryMessage is { } msg)
        {
            string? iface = e.Device;
            if (iface is not null)
            {
                try
                {
                    iface = InterfaceLister.Resolve(iface).Description ?? iface;
                }
                catch (CaptureException) { }
            }
            return FilterError(f, iface, msg);
        }
        return e.Describe();
    }

    internal static string FilterError(string filter, string? iface, string pcapMessage)
    {
        string head = iface is null
            ? $"Invalid capture filter \"{filter}\"."
            : $"Invalid capture filter \"{filter}\" for interface '{iface}'.";
        if (LooksLikeDisplayFilter(filter))
            return head + "\n\nThat string looks like a valid display filter; however, it isn't a valid\n" +
                   $"capture filter ({pcapMessage}).\n\n" +
                   "Note that display filters and capture filters don't have the same syntax,\n" +
                   "so you can't use most display filter expressions as capture filters.\n\n" +
                   "See the User's Guide for a description of the capture filter syntax.";
        return head + $"\n\nThat string isn't a valid capture filter ({pcapMessage}).\n" +
               "See the User's Guide for a description of the capture filter syntax.";
    }

    private static bool LooksLikeDisplayFilter(string text)
    {
        try
        {
            Mako.Filters.DisplayFilter.Compile(text, Mako.Engine.Dissection.ProtocolSet.Default.Fields);
            return true;
        }
        catch (Mako.Filters.FilterException)
        {
            return false;
        }
    }
}
