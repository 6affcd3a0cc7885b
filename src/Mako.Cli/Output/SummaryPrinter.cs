using System.Text;
using Mako.Engine.Dissection;

namespace Mako.Cli.Output;

/// <summary>
/// tshark's default one-line summary: "    1   0.000000 10.0.0.1 → 10.0.0.2     TCP 74 ..." — number right-aligned to 5,
/// time to 10, source right-aligned to 12, destination left-aligned to 12, then protocol, length and info.
/// With <c>tabs</c>, the padded columns are separated by tabs (-T tabs).
/// </summary>
internal sealed class SummaryPrinter(TextWriter output, ColumnFormatter columns, bool tabs = false, bool flush = false) : IPacketPrinter
{
    private readonly StringBuilder _line = new(256);
    private readonly StringBuilder _cell = new(64);

    public IReadOnlyCollection<int>? InterestingFields => Array.Empty<int>();
    public bool NeedsColumns => true;
    public void Begin() { }
    public void End() { }

    public void Print(Packet pkt)
    {
        _line.Clear();
        AppendLine(_line, pkt);
        output.Write(_line);
        output.Write('\n');
        if (flush) output.Flush();
    }

    public void AppendLine(StringBuilder line, Packet pkt)
    {
        for (int i = 0; i < ColumnFormatter.Titles.Length; i++)
        {
            _cell.Clear();
            columns.Append(_cell, pkt, i);
            // -T tabs pads the columns like the text summary but separates them with tabs.
            if (i > 0) line.Append(tabs ? (i == 3 ? "\t→\t" : "\t") : (i == 3 ? " → " : " "));
            switch (i)
            {
                case 0: Pad(line, 5, right: true); break;
                case 1: Pad(line, 10, right: true); break;
                case 2: Pad(line, 12, right: true); break;
                case 3: Pad(line, 12, right: false); break;
                default: line.Append(_cell); break;
            }
        }
    }

    private void Pad(StringBuilder line, int width, bool right)
    {
        int pad = width - _cell.Length;
        if (right && pad > 0) line.Append(' ', pad);
        line.Append(_cell);
        if (!right && pad > 0) line.Append(' ', pad);
    }
}
