using System.Runtime.InteropServices;
using Mako.Capture;
using Mako.Capture.Output;
using Mako.Files;

namespace Mako.Cli.Tools.Dumpcap;

/// <summary>`mako dumpcap`: dumpcap 4.0's flags and messages over Mako.Capture.</summary>
internal sealed class DumpcapCommand : ISubcommand
{
    public string Name => "dumpcap";
    public string Summary => "Capture packets to pcapng/pcap files (dumpcap's flags)";

    public int Run(string[] args, CliIo io)
    {
        var o = DumpcapOptions.Parse(args, out var error, out bool usage);
        if (o is null)
        {
            io.Err.WriteLine("dumpcap: " + error);
            if (usage)
                DumpcapHelp.WriteUsage(io.Err);
            return 1;
        }
        if (o.Help)
        {
            DumpcapHelp.WriteHeader(io.Out);
            DumpcapHelp.WriteUsage(io.Out);
            return 0;
        }
        if (o.Version)
        {
            io.Out.WriteLine($"Dumpcap (Mako) {Program.Version}");
            return 0;
        }
        try
        {
            return Execute(o, io);
        }
        catch (CaptureException e)
        {
            io.Err.WriteLine("dumpcap: " + e.Describe());
            return 1;   // dumpcap exits 1 for every capture error
        }
    }

    private static int Execute(DumpcapOptions o, CliIo io)
    {
        if (o.ListInterfaces)
        {
            var list = InterfaceLister.List();
            if (o.MachineReadable) InterfaceLister.WriteMachineList(io.Out, list);
            else InterfaceLister.WriteList(io.Out, list);
            return 0;
        }
        if (o.Interfaces.Count == 0)
            o.Interfaces.Add(DefaultInterface(o));
        if (o.ListLinkTypes || o.ListTimestampTypes)
        {
            foreach (var i in o.Interfaces)
            {
                var dev = InterfaceLister.Resolve(i.Name);
                if (o.ListLinkTypes)
                    InterfaceLister.WriteLinkTypes(io.Out, dev.Name, InterfaceLister.ListLinkTypes(dev.Name), o.MachineReadable);
                else
                    InterfaceLister.WriteTimestampTypes(io.Out, InterfaceLister.ListTimestampTypes(dev.Name));
            }
            return 0;
        }
        if (o.DumpBpf)
        {
            foreach (var i in o.Interfaces)
            {
                var dev = InterfaceLister.Resolve(i.Name);
                int linkType = DltMap.ToLinkType(i.LinkType is { } y ? InterfaceLister.ParseLinkType(y) : DefaultLinkType(dev.Name));
                try
                {
                    using var f = BpfFilter.Compile(i.Filter ?? "", linkType, i.SnapLength);
                    f.Dump(io.Out);
                }
                catch (CaptureException e) when (e.Kind == CaptureFailure.BadFilter)
                {
                    throw Mako.Capture.Sources.LiveSource.InvalidFilter(i.Filter ?? "", dev.Name, e.Message);
                }
            }
            return 0;
        }
        return RunCapture(o, io);
    }

    private static int RunCapture(DumpcapOptions o, CliIo io)
    {
        var names = new List<string>();
        IReadOnlyList<CaptureInterface>? known = null;
        foreach (var i in o.Interfaces)
        {
            if (i.IsRemote) { names.Add(i.Name); continue; }
            known ??= InterfaceLister.List();
            names.Add(InterfaceLister.Resolve(i.Name, known).DisplayName);
        }
        io.Err.WriteLine("Capturing on " + JoinNames(names));

        if (o.AnyRingFlag && (o.WritePath is null || o.WritePath == "-"))
        {
            io.Err.WriteLine("dumpcap: Ring buffer requested, but capture isn't being saved to a permanent file.");
            o.SwitchDuration = null; o.SwitchFileSizeKB = null; o.SwitchPackets = null; o.SwitchInterval = null; o.RingFiles = null;
        }
        else if (o.AnyRingFlag && !o.WantsRing)
        {
            io.Err.WriteLine("dumpcap: Ring buffer requested, but no maximum capture file size, duration interval, or packets were specified.");
        }
        if (o.Comments.Count > 0 && o.Format != CaptureFormat.PcapNg)
            throw new CaptureException(CaptureFailure.BadOption, "A capture comment can only be written to a pcapng file.");

        var limits = new SessionLimits { PacketLimit = o.PacketLimit };
        if (o.Duration is double d) limits.Duration = TimeSpan.FromSeconds(d);
        using var session = CaptureSession.Open(o.Interfaces, limits);

        string path = o.WritePath ?? TempFileName(o, names[0]);
        Stream? stdout = path == "-" ? io.RawOut : null;
        if (stdout is not null) io.Out.Flush();
        using var sink = new CaptureFileSink(o.FileOptions(path, stdout), session.Sources);

        long shown = 0;
        void ShowCount()
        {
            long n = sink.PacketsWritten;
            if (o.Quiet || n == shown) return;
            shown = n;
            io.Err.Write($"\rPackets: {n} ");
        }
        TextWriter? printName = o.PrintNameTo switch
        {
            null => null,
            "stdout" or "-" => io.Out,
            "stderr" => io.Err,
            var f => new StreamWriter(f, append: false),
        };
        string? previous = null;
        sink.FileOpened += name =>
        {
            ShowCount();
            io.Err.WriteLine("File: " + name);
            if (previous is not null && printName is not null) { printName.WriteLine(previous); printName.Flush(); }
            previous = name;
        };

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; session.Stop(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; session.Stop(); });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; session.Stop(); });

        CaptureException? failure = null;
        try
        {
            sink.Run(session, alsoOnTick: ShowCount);
        }
        catch (CaptureException e)
        {
            failure = e;
        }
        if (previous is not null && printName is not null) { printName.WriteLine(previous); printName.Flush(); }
        if (printName is StreamWriter sw && printName != io.Out && printName != io.Err) sw.Dispose();

        io.Err.WriteLine($"\rPackets captured: {session.PacketCount}");
        for (int i = 0; i < session.Sources.Count; i++)
        {
            var s = session.GetStatistics(i);
            ulong pcapDrop = s.PcapDropped ?? 0;
            ulong received = s.Received;
            double pct = received == 0 ? 0.0 : 100.0 * received / (received + pcapDrop);
            io.Err.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Packets received/dropped on interface '{names[i]}': {received}/{pcapDrop} (pcap:{pcapDrop}/dumpcap:0/flushed:0/ps_ifdrop:{s.IfDropped ?? 0}) ({pct:F1}%)"));
        }
        if (failure is not null)
        {
            io.Err.WriteLine("dumpcap: " + failure.Describe());
            return 1;
        }
        return 0;
    }

    /// <summary>dumpcap's list of names: 'a', 'a' and 'b', 'a', 'b', and 'c'.</summary>
    internal static string JoinNames(IReadOnlyList<string> names)
    {
        if (names.Count == 1) return $"'{names[0]}'";
        if (names.Count == 2) return $"'{names[0]}' and '{names[1]}'";
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(i == names.Count - 1 ? ", and " : ", ");
            sb.Append('\'').Append(names[i]).Append('\'');
        }
        return sb.ToString();
    }

    private static InterfaceOptions DefaultInterface(DumpcapOptions o)
    {
        var list = InterfaceLister.List();
        CaptureInterface? pick = null;
        foreach (var i in list)
        {
            if (!i.IsLoopback && i.IsUp) { pick = i; break; }
        }
        pick ??= list.Count > 0 ? list[0] : throw new CaptureException(CaptureFailure.NoSuchDevice,
            "There are no interfaces on which a capture can be done.");
        // Flags given without any -i apply to the default interface.
        return o.DefaultsFor(new InterfaceOptions { Name = pick.Name });
    }

    private static int DefaultLinkType(string device)
    {
        var types = InterfaceLister.ListLinkTypes(device);
        return types.Count > 0 ? types[0].Value : LinkTypes.Ethernet;
    }

    private static string TempFileName(DumpcapOptions o, string display)
    {
        var clean = new System.Text.StringBuilder();
        foreach (char c in display)
            if (char.IsAsciiLetterOrDigit(c)) clean.Append(c);
        string dir = o.TempDir ?? Path.GetTempPath();
        string rnd = Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..6];
        string ext = o.Format == CaptureFormat.PcapNg ? ".pcapng" : ".pcap";
        return Path.Combine(dir, $"mako_{clean}{rnd}{ext}");
    }
}
