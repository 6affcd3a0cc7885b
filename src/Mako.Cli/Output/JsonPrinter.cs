using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// `-T json` and `-T jsonraw` as tshark 4.0 writes them: an array of {"_index", "_type", "_score", "_source":
/// {"layers": ...}} objects. Each node becomes "abbrev": "value"; a node with children adds "abbrev_tree" (or just
/// "abbrev" when it has no value, e.g. protocols); `-x` adds "abbrev_raw": [hex, start, length, bitmask, type]
/// (jsonraw prints only those). Keys repeat when a field occurs twice, unless `--no-duplicate-keys` merges them into
/// arrays. `-j`/`-J` keep only the listed keys' children (`-J`: with everything below them).
/// </summary>
internal sealed class JsonPrinter : IPacketPrinter
{
    private readonly TextWriter _out;
    private readonly LabelFormatter _labels;
    private readonly FieldRegistry _reg;
    private readonly bool _text, _hex, _mergeDuplicates, _includeChildren, _flush;
    private HashSet<string>? _filter;
    private readonly FieldList? _fields;
    private readonly StringBuilder _sb = new(8192);
    private readonly StringBuilder _val = new(256);
    private readonly JsonText _json;

    public JsonPrinter(TextWriter output, LabelFormatter labels, bool raw, bool hex, bool noDuplicateKeys,
        HashSet<string>? filter, bool includeChildren, FieldList? fields, bool flush)
    {
        _out = output;
        _labels = labels;
        _reg = labels.Registry;
        _text = !raw;
        _hex = raw || hex;
        _mergeDuplicates = noDuplicateKeys;
        _filter = filter;
        _includeChildren = includeChildren;
        _fields = fields;
        _flush = flush;
        _json = new JsonText(_sb, pretty: true);
    }

    public IReadOnlyCollection<int>? InterestingFields => _fields is null ? null : _fields.FieldIds;
    public bool NeedsColumns => _fields?.NeedsColumns ?? false;
    public bool NeedsLabels => _fields?.NeedsLabels ?? false;

    public void Begin()
    {
        _sb.Clear();
        _json.BeginArray();
        Flush();
    }

    public void End()
    {
        _json.EndArray();
        _json.Finish();
        Flush();
    }

    public void Print(Packet pkt)
    {
        var tree = pkt.Tree;
        _json.BeginObject();
        _json.Name("_index");
        _json.String(NodeFacts.IndexName(pkt.TimestampNs));
        _json.Name("_type");
        _json.String("doc");
        _json.Name("_score");
        _json.String((string?)null);
        _json.Name("_source");
        _json.BeginObject();
        _json.Name("layers");
        if (_fields is not null)
        {
            _json.BeginObject();
            _fields.Collect(pkt);
            for (int i = 0; i < _fields.Count; i++)
            {
                var values = _fields.Values(i);
                if (values.Count == 0) continue;
                _json.Name(_fields.Name(i));
                _json.BeginArray();
                foreach (var v in values) _json.String(v);
                _json.EndArray();
            }
            _json.EndObject();
        }
        else
        {
            WriteChildren(tree, -1);
        }
        _json.EndObject();
        _json.EndObject();
        Flush();
    }

    private void Flush()
    {
        _out.Write(_sb);
        _sb.Clear();
        if (_flush) _out.Flush();
    }

    /// <summary>An object holding the children of <paramref name="parent"/> (-1: the top-level protocols).</summary>
    private void WriteChildren(PacketTree tree, int parent)
    {
        _json.BeginObject();
        var nodes = tree.Nodes;
        if (_mergeDuplicates)
        {
            // Group children by key, in order of first appearance.
            var groups = new List<List<int>>();
            var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (int c in Children(tree, parent))
            {
                string key = Key(tree, c);
                if (!byKey.TryGetValue(key, out var g))
                {
                    byKey[key] = g = new List<int>(1);
                    groups.Add(g);
                }
                g.Add(c);
            }
            foreach (var g in groups) WriteGroup(tree, g);
        }
        else
        {
            var single = new List<int>(1) { 0 };
            foreach (int c in Children(tree, parent))
            {
                single[0] = c;
                WriteGroup(tree, single);
            }
        }
        _json.EndObject();
    }

    private static IEnumerable<int> Children(PacketTree tree, int parent)
    {
        if (parent >= 0)
        {
            for (int c = tree[parent].FirstChild; c >= 0; c = tree[c].NextSibling) yield return c;
            yield break;
        }
        for (int i = 0; i < tree.Count; i++)
            if (tree[i].Parent < 0) yield return i;
    }

    private string Key(PacketTree tree, int node)
    {
        var f = _reg[tree[node].FieldId];
        return NodeFacts.IsTextItem(f) ? _labels.Label(tree, node) : f.Abbrev;
    }

    /// <summary>One key (several nodes when duplicates are merged): its _raw, value, children and empty forms.</summary>
    private void WriteGroup(PacketTree tree, List<int> group)
    {
        int first = group[0];
        var f = _reg[tree[first].FieldId];
        string key = Key(tree, first);
        bool filtered = _filter is not null && !_filter.Contains(key);
        bool hasValue = f.Type is not (FieldType.None or FieldType.Protocol);
        bool hasChildren = tree[first].FirstChild >= 0;
        bool textItem = NodeFacts.IsTextItem(f);

        if (_hex && (!_text || tree[first].Length > 0) && !textItem)
        {
            _json.Name(key, "_raw");
            Values(tree, group, Kind.Raw);
        }
        if (_text && hasValue)
        {
            _json.Name(key);
            Values(tree, group, Kind.Value);
        }
        if (hasChildren)
        {
            string suffix = hasValue ? "_tree" : "";
            _json.Name(key, suffix);
            if (filtered)
            {
                Values(tree, group, Kind.Filtered);
            }
            else
            {
                var saved = _filter;
                if (_includeChildren) _filter = null;
                Values(tree, group, Kind.Children);
                _filter = saved;
            }
        }
        if (!hasValue && !hasChildren && (_text || (_hex && textItem)))
        {
            _json.Name(key);
            Values(tree, group, Kind.NoValue);
        }
    }

    private enum Kind { Raw, Value, Filtered, Children, NoValue }

    private void Values(PacketTree tree, List<int> group, Kind kind)
    {
        if (group.Count == 1)
        {
            Value(tree, group[0], kind);
            return;
        }
        _json.BeginArray();
        foreach (int n in group) Value(tree, n, kind);
        _json.EndArray();
    }

    private void Value(PacketTree tree, int node, Kind kind)
    {
        switch (kind)
        {
            case Kind.Raw:
                WriteRaw(tree, node);
                return;
            case Kind.Value:
                _val.Clear();
                _labels.AppendShow(_val, tree, node);
                _json.String(_val);
                return;
            case Kind.Filtered:
                _json.BeginObject();
                _json.Name("filtered");
                _json.String(Key(tree, node));
                _json.EndObject();
                return;
            case Kind.Children:
                WriteChildren(tree, node);
                return;
            default:
                _json.String(_reg[tree[node].FieldId].Type == FieldType.Protocol ? _labels.Label(tree, node) : "");
                return;
        }
    }

    /// <summary>[hex or masked value, start, length, bitmask, type].</summary>
    private void WriteRaw(PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        var f = _reg[n.FieldId];
        _json.BeginArray();
        _val.Clear();
        if (f.Bitmask != 0)
        {
            NodeFacts.AppendMaskedHex(_val, f, n);
            _json.String(_val);
        }
        else if (!NodeFacts.HasNoSource(tree, node, _reg))
        {
            _json.String(NodeFacts.AppendBytesHex(_val, tree, node) ? _val.ToString() : "field length invalid!");
        }
        _json.Number(NodeFacts.HasNoSource(tree, node, _reg) ? 0 : NodeFacts.Start(tree, node, _reg));
        _json.Number(n.Length);
        _json.Number(f.Bitmask);
        _json.Number(NodeFacts.WiresharkType(f.Type));
        _json.EndArray();
    }
}
