using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;

namespace Mako.Cli.Output;

/// <summary>`-T fields -e f1 -e f2 [-E header=y,separator=,occurrence=,aggregator=,quote=,bom=]`.</summary>
internal sealed class FieldsPrinter : IPacketPrinter
{
    private readonly TextWriter _out;
    private readonly ColumnFormatter _columns;
    private readonly string[] _names;
    private readonly int[] _ids;       // field id, or -(column index + 1) for _ws.col.*, or int.MinValue for unknown columns
    private readonly FieldRegistry _reg;
    private readonly char _sep = '\t', _agg = ',', _quote = '\0', _occ = 'a';
    private readonly bool _header, _bom, _flush;
    private readonly StringBuilder _line = new(256);
    private readonly StringBuilder _val = new(64);

    public FieldsPrinter(TextWriter output, FieldRegistry reg, ColumnFormatter columns, IReadOnlyList<string> fields,
        IReadOnlyDictionary<string, string> options, bool flush, out string? error)
    {
        _out = output;
        _reg = reg;
        _columns = columns;
        _flush = flush;
        _names = fields.ToArray();
        _ids = new int[_names.Length];
        var list = FieldList.Create(fields, reg, columns, out error);
        if (list is null) return;
        for (int i = 0; i < _names.Length; i++)
        {
            string name = _names[i];
            if (name.StartsWith("_ws.col.", StringComparison.Ordinal))
            {
                int c = ColumnFormatter.IndexOf(name["_ws.col.".Length..]);
                _ids[i] = c >= 0 ? -(c + 1) : int.MinValue;
            }
            else
            {
                _ids[i] = reg.Find(name)!.Id;
            }
        }
        NeedsColumns = list.NeedsColumns;
        NeedsLabels = list.NeedsLabels;
        foreach (var (k, v) in options)
        {
            switch (k)
            {
                case "header": _header = v == "y"; break;
                case "bom": _bom = v == "y"; break;
                case "separator": _sep = Char(v); break;
                case "aggregator": _agg = Char(v); break;
                case "occurrence":
                    if (v is not ("f" or "l" or "a")) { error = $"Invalid -E parameter \"occurrence={v}\""; return; }
                    _occ = v[0];
                    break;
                case "quote":
                    _quote = v switch { "d" => '"', "s" => '\'', "n" => '\0', _ => '\u0001' };
                    if (_quote == '\u0001') { error = $"Invalid -E parameter \"quote={v}\""; return; }
                    break;
                default:
                    error = $"Invalid -E parameter \"{k}\"";
                    return;
            }
        }
        InterestingFields = _ids.Where(id => id >= 0).ToArray();
    }

    private static char Char(string v) => v switch { "/t" => '\t', "/s" => ' ', "" => '\t', _ => v[0] };

    public IReadOnlyCollection<int>? InterestingFields { get; } = Array.Empty<int>();
    public bool NeedsColumns { get; }
    public bool NeedsLabels { get; }

    public void Begin()
    {
        if (_bom) _out.Write('\uFEFF');
        if (!_header) return;
        for (int i = 0; i < _names.Length; i++)
        {
            if (i > 0) _out.Write(_sep);
            _out.Write(_names[i]);
        }
        _out.Write('\n');
    }

    public void End() { }

    public void Print(Packet pkt)
    {
        _line.Clear();
        var tree = pkt.Tree;
        for (int i = 0; i < _ids.Length; i++)
        {
            if (i > 0) _line.Append(_sep);
            int id = _ids[i];
            if (id < 0)
            {
                if (id == int.MinValue) continue;
                _val.Clear();
                _columns.Append(_val, pkt, -id - 1);
                Quote(_val);
                continue;
            }
            int first = -1, last = -1, count = 0;
            for (int n = tree.Find(id); n >= 0; n = tree.FindNext(id, n))
            {
                if (first < 0) first = n;
                last = n;
                count++;
            }
            if (count == 0) continue;
            if (_occ == 'f' || count == 1)
            {
                Value(tree, first);
            }
            else if (_occ == 'l')
            {
                Value(tree, last);
            }
            else
            {
                bool any = false;
                for (int n = first; n >= 0; n = tree.FindNext(id, n))
                {
                    if (any) _line.Append(_agg);
                    Value(tree, n);
                    any = true;
                }
            }
        }
        _line.Append('\n');
        _out.Write(_line);
        if (_flush) _out.Flush();
    }

    private void Value(Engine.Tree.PacketTree tree, int node)
    {
        _val.Clear();
        FieldList.AppendValue(_val, tree, node, _reg);
        Quote(_val);
    }

    private void Quote(StringBuilder v)
    {
        if (_quote != '\0') _line.Append(_quote);
        // tshark escapes control characters that would break the line/column structure.
        for (int i = 0; i < v.Length; i++)
        {
            char c = v[i];
            switch (c)
            {
                case '\b': _line.Append("\\b"); break;
                case '\f': _line.Append("\\f"); break;
                case '\n': _line.Append("\\n"); break;
                case '\r': _line.Append("\\r"); break;
                case '\t': _line.Append("\\t"); break;
                default: _line.Append(c); break;
            }
        }
        if (_quote != '\0') _line.Append(_quote);
    }
}
