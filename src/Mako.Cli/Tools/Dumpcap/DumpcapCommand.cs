using Mako.Capture;
using Mako.Capture.Output;
using Mako.Cli.Tools.Shared;
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
        var c = o.Capture;
        if (o.ListInterfaces)
        {
            var list = InterfaceLister.List();
            if (o.MachineReadable) InterfaceLister.WriteMachineList(io.Out, list);
            else InterfaceLister.WriteList(io.Out, list);
            return 0;
        }
        if (c.Interfaces.Count == 0)
            c.Interfaces.Add(CaptureRun.DefaultInterface(c));
        if (o.ListLinkTypes || o.ListTimestampTypes)
        {
            foreach (var i in c.Interfaces)
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
            foreach (var i in c.Interfaces)
            {
                var dev = InterfaceLister.Resolve(i.Name);
                int linkType = CaptureRun.LinkTypeOf(i, dev.Name);
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
        var c = o.Capture;
        var names = CaptureRun.DisplayNames(c.Interfaces);
        io.Err.WriteLine("Capturing on " + CaptureRun.JoinNames(names));

        if (c.AnyRingFlag && (c.WritePath is null || c.WritePath == "-"))
        {
            io.Err.WriteLine("dumpcap: Ring buffer requested, but capture isn't being saved to a permanent file.");
            c.ClearRing();
        }
        else if (c.AnyRingFlag && !c.WantsRing)
        {
            io.Err.WriteLine("dumpcap: Ring buffer requested, but no maximum capture file size, duration interval, or packets were specified.");
        }
        if (c.Comments.Count > 0 && c.Format != CaptureFormat.PcapNg)
            throw new CaptureException(CaptureFailure.BadOption, "A capture comment can only be written to a pcapng file.");

        using var session = CaptureSession.Open(c.Interfaces, c.Limits());

        string path = c.WritePath ?? TempFileName(o, names[0]);
        Stream? stdout = path == "-" ? io.RawOut : null;
        if (stdout is not null) io.Out.Flush();
        using var sink = new CaptureFileSink(c.FileOptions(path, stdout), session.Sources);

        long shown = 0;
        void ShowCount()
        {
            long n = sink.PacketsWritten;
            if (o.Quiet || n == shown) return;
            shown = n;
            io.Err.Write($"\rPackets: {n} ");
        }
        CaptureException? failure;
        using (CaptureRun.StopOnSignals(session))
        {
            failure = CaptureRun.RunToFiles(session, sink, c, io, fileOpened: name =>
            {
                ShowCount();
                io.Err.WriteLine("File: " + name);
            }, onTick: ShowCount);
        }

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

    private static string TempFileName(DumpcapOptions o, string display)
    {
        var clean = new System.Text.StringBuilder();
        foreach (char ch in display)
            if (char.IsAsciiLetterOrDigit(ch)) clean.Append(ch);
        string dir = o.TempDir ?? Path.GetTempPath();
        string rnd = Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..6];
        string ext = o.Capture.Format == CaptureFormat.PcapNg ? ".pcapng" : ".pcap";
        return Path.Combine(dir, $"mako_{clean}{rnd}{ext}");
    }
}
