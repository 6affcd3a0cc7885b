using Mako.Cli.Tshark;
using Mako.Engine.Dissection;
using Mako.Engine.Format;

namespace Mako.Cli.Output;

/// <summary>
/// Picks and configures the printer for tshark's output flags (-T, -V, -O, -x/--hexdump, -P, -S, -e, -j/-J,
/// --no-duplicate-keys), with tshark 4.0's rules for which parts are printed and its error messages.
/// </summary>
internal static class PrinterFactory
{
    public const string InvalidFormatMessage = """
        Invalid -T parameter "{0}"; it must be one of:
        	"fields"  The values of fields specified with the -e option, in a form
        	          specified by the -E option.
        	"pdml"    Packet Details Markup Language, an XML-based format for the
        	          details of a decoded packet. This information is equivalent to
        	          the packet details printed with the -V flag.
        	"ps"      PostScript for a human-readable one-line summary of each of
        	          the packets, or a multi-line view of the details of each of
        	          the packets, depending on whether the -V flag was specified.
        	"psml"    Packet Summary Markup Language, an XML-based format for the
        	          summary information of a decoded packet. This information is
        	          equivalent to the information shown in the one-line summary
        	          printed by default.
        	"json"    Packet Summary, an JSON-based format for the details
        	          summary information of a decoded packet. This information is 
        	          equivalent to the packet details printed with the -V flag.
        	"jsonraw" Packet Details, a JSON-based format for machine parsing
        	          including only raw hex decoded fields (same as -T json -x but
        	          without text decoding, only raw fields included). 
        	"ek"      Packet Details, an EK JSON-based format for the bulk insert 
        	          into elastic search cluster. This information is 
        	          equivalent to the packet details printed with the -V flag.
        	"text"    Text of a human-readable one-line summary of each of the
        	          packets, or a multi-line view of the details of each of the
        	          packets, depending on whether the -V flag was specified.
        	          This is the default.
        	"tabs"    Similar to the text report except that each column of the
        	          human-readable one-line summary is delimited with an ASCII
        	          horizontal tab character.
        """;

    public const string HexdumpHelp = """

        mako: Valid --hexdump <hexoption> values include:

        Data source options:
          all                      add hexdump, dump all data sources (-x default)
          frames                   add hexdump, dump only frame data source

        ASCII options:
          ascii                    add hexdump, include ASCII dump text (-x default)
          delimit                  add hexdump, delimit ASCII dump text with '|' characters
          noascii                  add hexdump, exclude ASCII dump text

        Miscellaneous:
          help                     display this help and exit

        Example:

            $ mako ... --hexdump frames --hexdump delimit ...

        """;

    /// <summary>Checks the output flags before any file is opened (tshark rejects them at option time).</summary>
    public static string? Validate(TsharkOptions o, out bool showHexdumpHelp)
    {
        showHexdumpHelp = false;
        foreach (var h in o.HexDumpOptions)
        {
            if (h == "help")
            {
                showHexdumpHelp = true;
                return null;
            }
            if (h is not ("all" or "frames" or "ascii" or "delimit" or "noascii"))
                return $"\"{h}\" is an invalid value for --hexdump <hexoption>\nFor valid <hexoption> values enter: mako --hexdump help";
        }
        switch (o.OutputFormat)
        {
            case "text" or "tabs" or "fields" or "pdml" or "psml" or "json" or "jsonraw" or "ek":
                break;
            case "ps":
                return "-T ps (PostScript) is not supported; use -T text (and a text-to-PostScript converter such as enscript) instead.";
            default:
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, InvalidFormatMessage, o.OutputFormat).ReplaceLineEndings("\n");
        }
        if (o.Hex && o.OutputFormat is not ("text" or "tabs" or "json" or "jsonraw" or "ek"))
            return "Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON";
        if (o.Fields.Count > 0 && o.OutputFormat is not ("fields" or "json" or "ek" or "pdml" or "psml"))
            return "Output fields were specified with \"-e\", but \"-Tek, -Tfields, -Tjson or -Tpdml\" was not specified.";
        if (o.OutputFormat == "fields" && o.Fields.Count == 0)
            return "\"-Tfields\" was specified, but no fields were specified with \"-e\".";
        return null;
    }

    /// <summary>
    /// Does this run print per-packet output at all? Without `-w`, yes unless `-q` hushes the implicit summary;
    /// with `-w`, only when asked for explicitly (-P, -V, -O, -x, or -T other than json/jsonraw, which tshark 4.0
    /// never prints while writing a file).
    /// </summary>
    public static bool PrintsPackets(TsharkOptions o)
    {
        bool json = o.OutputFormat is "json" or "jsonraw";
        bool explicitOutput = o.PrintSummaryWhileWriting || o.Verbose || o.Hex || (o.OutputFormatSet && !json);
        if (o.WriteFile is not null) return explicitOutput && !json;
        return explicitOutput || json || !o.Quiet;
    }

    /// <summary>Builds the printer (null when nothing is printed); <paramref name="error"/> for bad -e/-E values.</summary>
    public static IPacketPrinter? Create(TsharkOptions o, CliIo io, ProtocolSet set, ColumnFormatter columns, out string? error)
    {
        error = null;
        if (!PrintsPackets(o)) return null;
        var labels = new LabelFormatter(set.Fields, new Engine.Names.NameResolver(o.Resolve));
        bool flush = o.LineBuffered;
        HashSet<string>? filter = null;
        bool includeChildren = false;
        if (o.JsonTopLayers.Count > 0)
        {
            filter = new HashSet<string>(o.JsonTopLayers, StringComparer.Ordinal);
            includeChildren = true;
        }
        else if (o.JsonFilterLayers.Count > 0)
        {
            filter = new HashSet<string>(o.JsonFilterLayers, StringComparer.Ordinal);
        }
        FieldList? fields = null;
        if (o.Fields.Count > 0 && o.OutputFormat is "json" or "ek" or "pdml")
        {
            fields = FieldList.Create(o.Fields, set.Fields, columns, out error);
            if (fields is null) return null;
        }

        switch (o.OutputFormat)
        {
            case "fields":
                {
                    var p = new FieldsPrinter(io.Out, set.Fields, columns, o.Fields, o.FieldOptions, flush, out error);
                    return error is null ? p : null;
                }
            case "json":
                return new JsonPrinter(io.Out, labels, raw: false, o.Hex, o.NoDuplicateKeys, filter, includeChildren, fields, flush);
            case "jsonraw":
                return new JsonPrinter(io.Out, labels, raw: true, o.Hex, o.NoDuplicateKeys, filter, includeChildren, fields, flush);
            case "ek":
                return new EkPrinter(io.Out, labels, o.PrintSummaryWhileWriting ? columns : null, o.Hex, filter, includeChildren, fields, flush);
            case "pdml":
                return new PdmlPrinter(io.Out, labels, o.ReadFile ?? "", filter, includeChildren, fields, flush);
            case "psml":
                return new PsmlPrinter(io.Out, columns, flush);
        }

        // text / tabs
        bool details = o.Verbose;
        bool summary = o.PrintSummaryWhileWriting || (!details && !o.Hex);
        bool allSources = !o.HexDumpOptions.Contains("frames") || o.HexDumpOptions.LastIndexOf("all") > o.HexDumpOptions.LastIndexOf("frames");
        var ascii = HexAscii.Include;
        foreach (var h in o.HexDumpOptions)
        {
            ascii = h switch
            {
                "ascii" => HexAscii.Include,
                "delimit" => HexAscii.Delimit,
                "noascii" => HexAscii.Exclude,
                _ => ascii,
            };
        }
        HashSet<string>? only = o.OnlyProtocols.Count > 0 ? new HashSet<string>(o.OnlyProtocols, StringComparer.Ordinal) : null;
        var summaryPrinter = summary ? new SummaryPrinter(io.Out, columns, tabs: o.OutputFormat == "tabs", flush: flush) : null;
        return new TextPrinter(io.Out, summaryPrinter, details ? labels : null, only, o.Hex, allSources, ascii, o.PacketSeparator, flush);
    }
}

