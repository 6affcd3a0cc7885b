using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Format;

namespace Mako.Cli.Output;

/// <summary>
/// `-T text` and `-T tabs` with any of the summary line (default, or `-P`), the details tree (`-V`, `-O`) and the
/// hex dump (`-x`, `--hexdump`), laid out as tshark 4.0 does: the tree is followed by the separator line (`-S`, a
/// blank line by default) unless a hex dump follows; the hex dump is preceded by a blank line when anything was
/// printed before it and followed by the separator line.
/// </summary>
internal sealed class TextPrinter : IPacketPrinter
{
    private readonly TextWriter _out;
    private readonly SummaryPrinter? _summary;
    private readonly TreeText? _tree;
    private readonly bool _hex, _allSources, _flush;
    private readonly HexAscii _ascii;
    private readonly string _separator;
    private readonly StringBuilder _sb = new(4096);

    public TextPrinter(TextWriter output, SummaryPrinter? summary, LabelFormatter? labels, HashSet<string>? onlyProtocols,
        bool hex, bool allSources, HexAscii ascii, string? separator, bool flush)
    {
        _out = output;
        _summary = summary;
        _hex = hex;
        _allSources = allSources;
        _ascii = ascii;
        _separator = separator ?? "";
        _flush = flush;
        if (labels is not null) _tree = new TreeText(labels, onlyProtocols, dumpData: !hex);
    }

    /// <summary>The details tree needs every field and label; a summary and hex dump need none.</summary>
    public IReadOnlyCollection<int>? InterestingFields => _tree is null ? Array.Empty<int>() : null;
    public bool NeedsColumns => _summary is not null;
    public void Begin() { }
    public void End() { }

    public void Print(Packet pkt)
    {
        _sb.Clear();
        if (_summary is not null)
        {
            _summary.AppendLine(_sb, pkt);
            _sb.Append('\n');
        }
        if (_tree is not null)
        {
            _tree.Append(_sb, pkt.Tree);
            if (!_hex) _sb.Append(_separator).Append('\n');
        }
        if (_hex)
        {
            if (_summary is not null || _tree is not null) _sb.Append('\n');
            HexDump.AppendPacket(_sb, pkt.Tree, _allSources, _ascii);
            _sb.Append(_separator).Append('\n');
        }
        _out.Write(_sb);
        if (_flush) _out.Flush();
    }
}
