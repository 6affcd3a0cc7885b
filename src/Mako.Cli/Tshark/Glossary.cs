using System.Globalization;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Cli.Tshark;

/// <summary>`mako -G fields|protocols|values`: the registry in tshark's report formats.</summary>
internal static class Glossary
{
    public static int Run(string report, CliIo io)
    {
        var reg = ProtocolSet.Default.Fields;
        var o = io.Out;
        switch (report)
        {
            case "fields":
                foreach (var p in reg.Protocols)
                {
                    o.Write($"P\t{p.Name}\t{p.Abbrev}\n");
                    foreach (var f in p.Fields) WriteField(o, p, f);
                }
                return 0;
            case "protocols":
                foreach (var p in reg.Protocols) o.Write($"{p.Name}\t{p.ShortName}\t{p.Abbrev}\n");
                return 0;
            case "values":
                foreach (var p in reg.Protocols)
                    foreach (var f in p.Fields)
                    {
                        if (f.Values is { } vn)
                            foreach (var (v, name) in vn.Entries()) o.Write($"V\t{f.Abbrev}\t{v}\t{name}\n");
                        if (f.TrueFalse is { } tf) o.Write($"T\t{f.Abbrev}\t{tf.True}\t{tf.False}\n");
                    }
                return 0;
            case "decodes":
                foreach (var t in ProtocolSet.Default.Tables.UIntTables)
                    foreach (var (k, d) in t.Entries.OrderBy(e => e.Key))
                        o.Write($"{t.Name}\t{k}\t{d.Protocol.Abbrev}\n");
                return 0;
            case "heuristic-decodes":
                foreach (var l in ProtocolSet.Default.Tables.HeuristicLists)
                    foreach (var e in l.Entries)
                        o.Write($"{l.Name}\t{e.Dissector.Protocol.Abbrev}\t{(e.EnabledByDefault ? "T" : "F")}\n");
                return 0;
            default:
                io.Err.WriteLine($"mako: Invalid \"{report}\" option for -G flag, enter -G help for more help.");
                return 1;
        }
    }

    private static void WriteField(TextWriter o, ProtocolDef p, FieldDef f)
    {
        string type = FieldTypes.Name(f.Type);
        string display = f.Type == FieldType.Boolean ? f.BoolBits.ToString(CultureInfo.InvariantCulture) : FieldBases.Name(f.Base);
        o.Write($"F\t{f.Name}\t{f.Abbrev}\t{type}\t{p.Abbrev}\t{display}\t0x{f.Bitmask:x}\t{f.Blurb}\n");
    }
}
