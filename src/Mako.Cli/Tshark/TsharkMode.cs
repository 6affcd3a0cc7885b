using Mako.Cli.Output;
using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Filters;

namespace Mako.Cli;

/// <summary>`mako [tshark flags]`: reading, dissecting, filtering and printing packets as tshark does.</summary>
internal static class TsharkMode
{
    public static int Run(string[] args, CliIo io)
    {
        ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);
        // tshark treats "-G" specially: `tshark -G fields` takes the next word as the report name.
        if (args.Length >= 1 && args[0] == "-G")
            return Tshark.Glossary.Run(args.Length >= 2 ? args[1] : "fields", io);

        var o = Tshark.TsharkOptions.Parse(args, out var error);
        if (error is not null)
        {
            io.Err.WriteLine($"mako: {error}");
            if (error.StartsWith("invalid option", StringComparison.Ordinal) || error.Contains("requires an argument", StringComparison.Ordinal) || error.StartsWith("unrecognized", StringComparison.Ordinal))
                io.Err.WriteLine("See `mako --help' for more information.");
            return 1;
        }
        if (o.Help)
        {
            Program.WriteHelp(io.Out);
            return 0;
        }
        if (o.Version)
        {
            io.Out.WriteLine($"Mako {Program.Version} (tshark 4.0 compatible)");
            return 0;
        }
        if (o.Glossary is not null) return Tshark.Glossary.Run(o.Glossary, io);
        if (Stats.StatRegistry.Validate(o.Statistics, io) is int zExit) return zExit;
        if (Export.ExportObjects.Validate(o.ExportObjects, io) is int eoExit) return eoExit;
        var outputError = PrinterFactory.Validate(o, out bool hexdumpHelp);
        if (hexdumpHelp)
        {
            io.Out.Write($"Mako {Program.Version} (tshark 4.0 compatible)\n");
            io.Out.Write(PrinterFactory.HexdumpHelp.ReplaceLineEndings("\n"));
            return 0;
        }
        if (outputError is not null)
        {
            io.Err.WriteLine($"mako: {outputError}");
            return 1;
        }
        // Capture (src/Mako.Cli/Tshark/TsharkCapture.cs): interface listings, and live capture when no -r is given.
        if (o.BpfDump is not null)
            return Tshark.BpfDump.Run(o, io);
        if (o.ReadFile is null || o.ListInterfaces || o.ListLinkTypes || o.ListTimeStampTypes)
            return Tshark.TsharkCapture.Run(o, io);
        if (Tshark.TsharkCapture.FileModeError(o) is { } fileModeError)
        {
            io.Err.WriteLine($"mako: {fileModeError}");
            return 1;
        }
        if (o.CaptureFilter is not null)
            return Tshark.TsharkCapture.ReadFiltered(o, io);
        return ReadFile(o, io);
    }

    /// <summary>Dissects, filters and prints every packet of the input: the -r file, or what <paramref name="open"/>
    /// returns (a live capture, a BPF-filtered file), opened only after every option has been checked.</summary>
    internal static int ReadFile(Tshark.TsharkOptions o, CliIo io, Func<CaptureReader>? open = null)
    {
        var set = ProtocolSet.Default;
        foreach (var name in o.Dissection.DecodeAs.Values.Distinct())
        {
            if (set.ForProtocol(name) is null)
            {
                io.Err.WriteLine($"mako: Unknown protocol -- \"{name}\"");
                return 1;
            }
        }
        foreach (var table in o.Dissection.DecodeAs.Keys.Select(k => k.Table).Distinct())
        {
            if (!set.Tables.HasUIntTable(table))
            {
                io.Err.WriteLine($"mako: Bad layer type \"{table}\" in decode-as specification");
                return 1;
            }
        }
        foreach (var name in o.Dissection.DisabledProtocols.Concat(o.Dissection.EnabledProtocols))
        {
            if (set.Fields.Find(name) is not Engine.Fields.ProtocolDef)
            {
                io.Err.WriteLine($"mako: No such protocol {name}, can't {(o.Dissection.DisabledProtocols.Contains(name) ? "disable" : "enable")}");
                return 1;
            }
        }

        if (o.ReadFilter is not null && !o.TwoPass)
        {
            io.Err.WriteLine("mako: -R without -2 is deprecated. For single-pass filtering use -Y.");
            return 1;
        }
        if (!Tshark.ReadFilterPass.TryCompile(o.DisplayFilter, set.Fields, io, out var filter)
            || !Tshark.ReadFilterPass.TryCompile(o.ReadFilter, set.Fields, io, out var readFilter))
            return 2;
        var readPass = readFilter is null ? null : new Tshark.ReadFilterPass(readFilter);

        var columns = new ColumnFormatter(o.TimeFormat, o.SecondsFormat, o.Resolve);
        var printer = PrinterFactory.Create(o, io, set, columns, out var perror);
        if (perror is not null)
        {
            io.Err.WriteLine($"mako: {perror}");
            return 1;
        }

        // -2: a first pass over the file leaves the notes that let the second pass show look-ahead items.
        var lookAhead = o.TwoPass && open is null && o.ReadFile is not null && o.ReadFile != "-"
            ? FirstPass(o, set, readFilter) : null;

        CaptureReader reader;
        try
        {
            reader = open is not null ? open()
                : o.ReadFile == "-" ? CaptureReader.Open(io.In, "-", leaveOpen: true) : CaptureReader.Open(o.ReadFile!);
        }
        catch (CaptureFileException ex)
        {
            io.Err.WriteLine($"mako: {OpenError(ex, o.ReadFile!)}");
            return 2;
        }

        using (reader)
        {
            var session = new CaptureSession(set, o.Dissection) { Recalled = lookAhead };
            session.IsPcapNg = reader.Format == CaptureFormat.PcapNg;
            var pkt = new Packet(session);
            var stats = Stats.StatRunner.Start(o.Statistics, new Stats.StatContext(set, o, session), io);
            if (stats is null) return 1;
            ConfigureInterest(pkt, set, printer, filter, stats, readFilter);

            CaptureWriter? writer = null;
            long displayed = 0;
            int exit = 0;
            printer?.Begin();
            var memStats = Tshark.MemStats.FromEnvironment(io.Err);
            long read = 0;
            try
            {
                while (reader.ReadPacket())
                {
                    bool last = ++read == o.Count; // tshark's -c counts packets read, not packets displayed
                    readPass?.Prepare(reader.Packet, session);
                    session.SetInterfaces(reader.Interfaces);
                    session.Dissect(reader.Packet, pkt);
                    memStats?.Packet(read, session);
                    if (readPass is not null && !readPass.Passes(pkt))
                    {
                        if (last) break;
                        continue;
                    }
                    stats.Packet(pkt);
                    if (filter is not null && !filter.Matches(pkt))
                    {
                        if (last) break;
                        continue;
                    }
                    if (o.WriteFile is not null && !o.CaptureWritesFile)
                    {
                        writer ??= CreateWriter(o, reader, io);
                        writer.WritePacket(reader.Packet);
                    }
                    printer?.Print(pkt);
                    session.MarkDisplayed(pkt);
                    displayed++;
                    if (last) break;
                }
            }
            catch (CaptureFileException ex)
            {
                io.Out.Flush();
                io.Err.WriteLine($"mako: {ex.Describe()}");
                exit = 2;
            }
            printer?.End();
            stats.Write(io.Out);
            memStats?.Write(read, session, final: true);
            if (o.WriteFile is not null && !o.CaptureWritesFile)
            {
                writer ??= CreateWriter(o, reader, io);
                writer.Commit();
                writer.Dispose();
            }
            return exit;
        }
    }

    private static CaptureWriter CreateWriter(Tshark.TsharkOptions o, CaptureReader reader, CliIo io)
    {
        var format = o.OutputFileType switch
        {
            null or "pcapng" => CaptureFormat.PcapNg,
            "pcap" or "libpcap" => CaptureFormat.Pcap,
            "nsecpcap" or "pcapnano" => CaptureFormat.PcapNanosecond,
            _ => throw new CaptureFileException(CaptureErrorKind.Unsupported, $"output file type \"{o.OutputFileType}\" is not supported"),
        };
        if (o.WriteFile == "-")
        {
            io.Out.Flush();
            return CaptureWriter.Create(io.RawOut, format, reader, leaveOpen: true);
        }
        return CaptureWriter.Create(o.WriteFile!, format, reader);
    }

    private static string OpenError(CaptureFileException ex, string path) => ex.Kind switch
    {
        CaptureErrorKind.Io when !File.Exists(path) => $"The file \"{path}\" doesn't exist.",
        CaptureErrorKind.UnknownFormat => $"The file \"{path}\" isn't a capture file in a format Mako understands.",
        _ => ex.Describe(),
    };

    /// <summary>
    /// tshark's first pass: every packet dissected (no tree, no columns beyond what the read filter needs), the read
    /// filter numbering survivors as the second pass will, and the dissectors' notes kept. Stops where tshark's first
    /// pass stops with -c. A file that cannot be read is left for the second pass to report.
    /// </summary>
    private static LookAhead? FirstPass(Tshark.TsharkOptions o, ProtocolSet set, DisplayFilter? readFilter)
    {
        var notes = new LookAhead();
        try
        {
            using var reader = CaptureReader.Open(o.ReadFile!);
            var session = new CaptureSession(set, o.Dissection) { Notes = notes };
            session.IsPcapNg = reader.Format == CaptureFormat.PcapNg;
            var pkt = new Packet(session) { WantColumns = false, WantTree = false };
            var interest = new bool[set.Fields.Count];
            if (readFilter is not null) foreach (int id in readFilter.FieldIds) interest[id] = true;
            pkt.SetInterest(interest);
            var readPass = readFilter is null ? null : new Tshark.ReadFilterPass(readFilter);
            long kept = 0;
            while (reader.ReadPacket())
            {
                readPass?.Prepare(reader.Packet, session);
                session.SetInterfaces(reader.Interfaces);
                session.Dissect(reader.Packet, pkt);
                if (readPass is not null && !readPass.Passes(pkt)) continue;
                if (++kept == o.Count) break;
            }
        }
        catch (CaptureFileException)
        {
        }
        return notes;
    }

    private static void ConfigureInterest(Packet pkt, ProtocolSet set, IPacketPrinter? printer, DisplayFilter? filter, Stats.StatRunner stats, DisplayFilter? readFilter = null)
    {
        // Labels come with the whole tree: a dissector labels the node Add() returned, which is its parent when the
        // field itself is not wanted.
        bool full = printer is not null && (printer.InterestingFields is null || printer.NeedsLabels);
        pkt.WantColumns = (printer?.NeedsColumns ?? false) || stats.NeedsColumns;
        var interest = new bool[set.Fields.Count];
        full |= !stats.AddInterest(interest);
        pkt.WantTree = full;
        if (full)
        {
            pkt.SetInterest(null);
            return;
        }
        if (printer?.InterestingFields is { } ids) foreach (int id in ids) interest[id] = true;
        if (filter is not null) foreach (int id in filter.FieldIds) interest[id] = true;
        if (readFilter is not null) foreach (int id in readFilter.FieldIds) interest[id] = true;
        pkt.SetInterest(interest);
    }

    /// <summary>Every flag TsharkOptions accepts, grouped as tshark's help groups them (a test checks none is missing).</summary>
    public static void WriteOptionsHelp(TextWriter o)
    {
        o.Write("""
            Capture interface:
              -i <interface>, --interface <interface>
                                       name or idx of interface (def: first non-loopback)
              -f <capture filter>      packet filter in libpcap filter syntax
              -s <snaplen>, --snapshot-length <snaplen>
                                       packet snapshot length (def: appropriate maximum)
              -p, --no-promiscuous-mode
                                       don't capture in promiscuous mode
              -I, --monitor-mode       capture in monitor mode, if available
              -B <buffer size>, --buffer-size <buffer size>
                                       size of kernel buffer (def: 2MB)
              -y <link type>, --linktype <link type>
                                       link layer type (def: first appropriate)
              --time-stamp-type <type> timestamp method for interface
              -D, --list-interfaces    print list of interfaces and exit
              -L, --list-data-link-types
                                       print list of link-layer types of iface and exit
              --list-time-stamp-types  print list of timestamp types for iface and exit
              --bpf-dump <capture filter>
                                       print the capture filter compiled for the -r file's
                                       or the -i interface's link type, as tcpdump -d, and
                                       exit (Mako extension)
              --bpf-dump-format d|dd|ddd
                                       as tcpdump -d, -dd (C array) or -ddd (decimal)

            Capture stop conditions:
              -c <packet count>        stop after n packets (def: infinite)
              -a <autostop cond.> ..., --autostop <autostop cond.> ...
                                       duration:NUM - stop after NUM seconds
                                       filesize:NUM - stop this file after NUM KB
                                          files:NUM - stop after NUM files
                                        packets:NUM - stop after NUM packets
            Capture output:
              -b <ringbuffer opt.> ..., --ring-buffer <ringbuffer opt.>
                                       duration:NUM - switch to next file after NUM secs
                                       filesize:NUM - switch to next file after NUM KB
                                          files:NUM - ringbuffer: replace after NUM files
                                        packets:NUM - switch to next file after NUM packets
                                       interval:NUM - switch to next file when the time is
                                                      an exact multiple of NUM secs
            Input file:
              -r <infile>, --read-file <infile>
                                       set the filename to read from (or '-' for stdin)
              -r <infile> -f <capture filter>
                                       keep only the packets the capture filter accepts,
                                       numbered 1, 2, ... as if captured with it (Mako
                                       extension, as tcpdump -r)

            Processing:
              -2                       perform a two-pass analysis
              -M <packet count>        perform session auto reset (accepted, no effect)
              -R <read filter>, --read-filter <read filter>
                                       packet Read filter in Wireshark display filter syntax
                                       (requires -2)
              -Y <display filter>, --display-filter <display filter>
                                       packet displaY filter in Wireshark display filter
                                       syntax
              -n                       disable all name resolutions (def: "m" enabled)
              -N <name resolve flags>  enable specific name resolution(s): "mnNtdv"
              -d <layer_type>==<selector>,<decode_as_protocol> ...
                                       "Decode As", see the man page for details
                                       Example: tcp.port==8888,http
              -H <hosts file>          read a list of entries from a hosts file (accepted,
                                       no effect)
              --enable-protocol <proto_name>
                                       enable dissection of proto_name
              --disable-protocol <proto_name>
                                       disable dissection of proto_name
              --enable-heuristic <short_name>
                                       enable dissection of heuristic protocol
              --disable-heuristic <short_name>
                                       disable dissection of heuristic protocol
            Output:
              -w <outfile|->           write packets to a pcapng-format file named "outfile"
                                       (or '-' for stdout)
              --capture-comment <comment>
                                       add a capture file comment, if supported
              -C <config profile>      start with specified configuration profile (accepted,
                                       Mako has no profiles)
              -F <output file type>    set the output file type, default is pcapng
              -V                       add output of packet tree        (Packet Details)
              -O <protocols>           Only show packet details of these protocols, comma
                                       separated
              -P, --print              print packet summary even when writing to a file
              -S <separator>           the line separator to print between packets
              -x                       add output of hex and ASCII dump (Packet Bytes)
              --hexdump <hexoption>    add hexdump, set options for data source and ASCII dump
                 all                   dump all data sources (-x default)
                 frames                dump only frame data source
                 ascii                 include ASCII dump text (-x default)
                 delimit               delimit ASCII dump text with '|' characters
                 noascii               exclude ASCII dump text
                 help                  display help for --hexdump and exit
              -T pdml|ps|psml|json|jsonraw|ek|tabs|text|fields|?
                                       format of text output (def: text; ps is not supported)
              -j <protocolfilter>      protocols layers filter if -T ek|pdml|json selected
                                       (e.g. "ip ip.flags text", filter does not expand child
                                       nodes, unless child is specified also in the filter)
              -J <protocolfilter>      top level protocol filter if -T ek|pdml|json selected
                                       (e.g. "http tcp", filter which expands all child nodes)
              -e <field>               field to print if -Tfields selected (e.g. tcp.port,
                                       _ws.col.Info)
                                       this option can be repeated to print multiple fields
              -E<fieldsoption>=<value> set options for output when -Tfields selected:
                 bom=y|n               print a UTF-8 BOM
                 header=y|n            switch headers on and off
                 separator=/t|/s|<char> select tab, space, printable character as separator
                 occurrence=f|l|a      print first, last or all occurrences of each field
                 aggregator=,|/s|<char> select comma, space, printable character as
                                       aggregator
                 quote=d|s|n           select double, single, no quotes for values
              -t a|ad|adoy|d|dd|e|r|u|ud|udoy
                                       output format of time stamps (def: r: rel. to first)
              -u s|hms                 output format of seconds (def: s: seconds)
              -l                       flush standard output after each packet
              -q                       be more quiet on stdout (e.g. when using statistics)
              -Q                       only log true errors to stderr (quieter than -q)
              -g                       enable group read access on the output file(s)
                                       (accepted, no effect)
              -W n                     Save extra information in the file, if supported
                                       (accepted, no effect)
              -X <key>:<value>         eXtension options (accepted, no effect)
              -U tap_name              PDUs export mode (accepted, no effect)
              -z <statistics>          various statistics, see the man page for details
              --export-objects <protocol>,<destdir>
                                       save exported objects for a protocol to a directory
                                       named "destdir"
              --export-tls-session-keys <keyfile>
                                       export TLS Session Keys to a file named "keyfile"
                                       (accepted, no effect)
              --color                  color output text similarly to the Wireshark GUI
                                       (accepted, no effect)
              --no-duplicate-keys      If -T json is specified, merge duplicate keys in an object
                                       into a single key with as value a json array containing all
                                       values
              --elastic-mapping-filter <protocols> If -G elastic-mapping is specified, put only the
                                       specified protocols within the mapping file
              --temp-dir <directory>   write temporary files to this directory
                                       (default: /tmp)

            Diagnostic output (accepted, no effect):
              --log-level <level>      sets the active log level ("critical", "warning", etc.)
              --log-fatal <level>      sets level to abort the program ("critical" or "warning")
              --log-domains <[!]list>  comma separated list of the active log domains
              --log-debug <[!]list>    comma separated list of domains with "debug" level
              --log-noisy <[!]list>    comma separated list of domains with "noisy" level
              --log-file <path>        file to output messages to (in addition to stderr)

            Miscellaneous:
              -h, --help               display this help and exit
              -v, --version            display version info and exit
              -o <name>:<value> ...    override preference setting
              -K <keytab>              keytab file to use for kerberos decryption (accepted,
                                       no effect)
              -G [report]              dump one of several available reports and exit
                                       default report="fields"
                                       use "-G help" for more help

            """);
    }
}
