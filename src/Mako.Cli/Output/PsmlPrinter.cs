using System.Text;
using Mako.Engine.Dissection;

namespace Mako.Cli.Output;

/// <summary>`-T psml`: the summary columns as XML, a &lt;structure&gt; with the column titles, then one &lt;packet&gt; per packet.</summary>
internal sealed class PsmlPrinter(TextWriter output, ColumnFormatter columns, bool flush) : IPacketPrinter
{
    private readonly StringBuilder _sb = new(1024);
    private readonly StringBuilder _cell = new(128);

    public IReadOnlyCollection<int>? InterestingFields => Array.Empty<int>();
    public bool NeedsColumns => true;

    public void Begin()
    {
        _sb.Clear();
        _sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        _sb.Append("<psml version=\"0\" creator=\"mako/").Append(Program.Version).Append("\">\n");
        _sb.Append("<structure>\n");
        foreach (var t in ColumnFormatter.Titles)
        {
            _sb.Append("<section>");
            Xml.Escape(_sb, t);
            _sb.Append("</section>\n");
        }
        _sb.Append("</structure>\n\n");
        output.Write(_sb);
    }

    public void Print(Packet pkt)
    {
        _sb.Clear();
        _sb.Append("<packet>\n");
        for (int i = 0; i < ColumnFormatter.Titles.Length; i++)
        {
            _cell.Clear();
            columns.Append(_cell, pkt, i);
            _sb.Append("<section>");
            Xml.Escape(_sb, _cell);
            _sb.Append("</section>\n");
        }
        _sb.Append("</packet>\n\n");
        output.Write(_sb);
        if (flush) output.Flush();
    }

    public void End() => output.Write("</psml>\n");
}
