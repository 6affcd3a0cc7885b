using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Filters;

namespace Mako.Cli.Tools.Dfilter;

/// <summary>
/// `mako dfilter check FILTER`: exit 0 when the display filter compiles, 2 with tshark's message and caret when not
/// (for scripts and a UI's red/green filter bar). `mako dfilter match -r FILE [-f FILTERS] [FILTER...]`: for each
/// filter, the frame numbers it matches in FILE in one dissection pass ("FILTER\t1,2,5" or "FILTER\terror: ...").
/// </summary>
internal sealed class DfilterCommand : ISubcommand
{
    public string Name => "dfilter";
    public string Summary => "Check a display filter (exit code) or list the frames many filters match";

    private const string Usage = """
        Usage: mako dfilter check <filter>
               mako dfilter match -r <infile> [-f <filter file>] [<filter> ...]

        check   exit 0 if the display filter is valid, 2 with the error (and a caret) if not
        match   print "<filter><TAB><frame numbers>" for every filter, dissecting the file once
        """;

    public int Run(string[] args, CliIo io)
    {
        ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);
        if (args.Length >= 1 && args[0] is "-h" or "--help")
        {
            io.Out.WriteLine(Usage);
            return 0;
        }
        if (args.Length == 2 && args[0] == "check") return Check(args[1], io);
        if (args.Length >= 1 && args[0] == "match") return Match(args[1..], io);
        io.Err.WriteLine(Usage);
        return 1;
    }

    private static int Check(string filter, CliIo io)
    {
        try
        {
            DisplayFilter.Compile(filter, ProtocolSet.Default.Fields);
            return 0;
        }
        catch (FilterException fe)
        {
            FilterErrors.Write(io.Err, "mako: ", filter, fe);
            return 2;
        }
    }

    private static int Match(string[] args, CliIo io)
    {
        string? file = null;
        var texts = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-r" && i + 1 < args.Length) file = args[++i];
            else if (args[i] == "-f" && i + 1 < args.Length) texts.AddRange(File.ReadAllLines(args[++i]).Where(l => l.Length > 0 && !l.StartsWith('#')));
            else texts.Add(args[i]);
        }
        if (file is null)
        {
            io.Err.WriteLine(Usage);
            return 1;
        }
        var set = ProtocolSet.Default;
        var filters = new DisplayFilter?[texts.Count];
        var errors = new string?[texts.Count];
        var hits = new List<long>[texts.Count];
        var interest = new bool[set.Fields.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            hits[i] = new List<long>();
            try
            {
                filters[i] = DisplayFilter.Compile(texts[i], set.Fields);
                foreach (int id in filters[i]!.FieldIds) interest[id] = true;
            }
            catch (FilterException fe)
            {
                errors[i] = fe.Message;
            }
        }
        int exit = 0;
        bool opened = false;
        try
        {
            using var reader = CaptureReader.Open(file);
            opened = true;
            var session = new CaptureSession(set, new DissectionOptions());
            session.IsPcapNg = reader.Format == CaptureFormat.PcapNg;
            var pkt = new Packet(session);
            pkt.SetInterest(interest);
            while (reader.ReadPacket())
            {
                session.SetInterfaces(reader.Interfaces);
                session.Dissect(reader.Packet, pkt);
                for (int i = 0; i < filters.Length; i++)
                    if (filters[i] is { } f && f.Matches(pkt)) hits[i].Add(reader.Packet.Number);
                // Every frame counts as displayed (as in a tap with no display filter).
                session.MarkDisplayed(pkt);
            }
        }
        catch (CaptureFileException ex)
        {
            // A damaged file: the packets read before the damage still count, as in tshark; then the error.
            io.Err.WriteLine($"mako: {ex.Describe()}");
            exit = 2;
        }
        if (!opened) return exit;
        for (int i = 0; i < texts.Count; i++)
            io.Out.WriteLine($"{texts[i]}\t{(errors[i] is { } e ? "error: " + e : string.Join(',', hits[i]))}");
        return exit;
    }
}
