using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// `-T ek`: Elasticsearch bulk format, two lines per packet: {"index":{"_index":"packets-DATE","_type":"doc"}} and a
/// document {"timestamp":"&lt;epoch ms&gt;","layers":{...}}. Each protocol is an object whose fields, flattened from all
/// levels below it, are named "proto_field" with dots turned into underscores ("eth_eth_src"); repeated fields under
/// the same parent become arrays; booleans are JSON true/false, FT_NONE null, absolute times ISO 8601 in UTC.
/// With `-P` the document carries the summary columns instead of the layers.
/// </summary>
internal sealed class EkPrinter : IPacketPrinter
{
    private readonly TextWriter _out;
    private readonly LabelFormatter _labels;
    private readonly FieldRegistry _reg;
    private readonly ColumnFormatter? _summary;
    private readonly bool _hex, _includeChildren, _flush;
    private HashSet<string>? _filter;
    private readonly FieldList? _fields;
    private readonly StringBuilder _sb = new(8192);
    private readonly StringBuilder _val = new(256);
    private readonly JsonText _json;

    public EkPrinter(TextWriter output, LabelFormatter labels, ColumnFormatter? summary, bool hex, HashSet<string>? filter,
        bool includeChildren, FieldList? fields, bool flush)
    {
        _out = output;
        _labels = labels;
        _reg = labels.Registry;
        _summary = summary;
        _hex = hex;
        _filter = filter;
        _includeChildren = includeChildren;
        _fields = fields;
        _flush = flush;
        _json = new JsonText(_sb, pretty: false, dotToUnderscore: true);
    }

    public IReadOnlyCollection<int>? InterestingFields => _summary is not null ? Array.Empty<int>() : _fields?.FieldIds;
    public bool NeedsColumns => _summary is not null || (_fields?.NeedsColumns ?? false);
    public bool NeedsLabels => _fields?.NeedsLabels ?? false;
    public void Begin() { }
    public void End() { }

    public void Print(Packet pkt)
    {
        _sb.Clear();
        _json.BeginObject();
        _json.Name("index");
        _json.BeginObject();
        _json.Name("_index");
        _json.String(NodeFacts.IndexName(pkt.TimestampNs));
        _json.Name("_type");
        _json.String("doc");
        _json.EndObject();
        _json.EndObject();
        _json.Finish();

        _json.BeginObject();
        _json.Name("timestamp");
        long secs = Math.DivRem(pkt.TimestampNs, 1_000_000_000L, out long ns);
        if (ns < 0) { ns += 1_000_000_000L; secs--; }
        _json.Raw("\"" + ((ulong)secs).ToString(CultureInfo.InvariantCulture) + (ns / 1_000_000).ToString("D3", CultureInfo.InvariantCulture) + "\"");
        if (_summary is not null)
        {
            for (int i = 0; i < ColumnFormatter.Titles.Length; i++)
            {
                _json.Name(ColumnFormatter.Titles[i].ToLowerInvariant());
                _val.Clear();
                _summary.Append(_val, pkt, i);
                _json.String(_val);
            }
        }
        else
        {
            _json.Name("layers");
            _json.BeginObject();
            if (_fields is not null) WriteFields(pkt);
            else WriteNode(pkt.Tree, -1);
            _json.EndObject();
        }
        _json.EndObject();
        _json.Finish();
        _out.Write(_sb);
        if (_flush) _out.Flush();
    }

    private void WriteFields(Packet pkt)
    {
        _fields!.Collect(pkt);
        for (int i = 0; i < _fields.Count; i++)
        {
            var values = _fields.Values(i);
            if (values.Count == 0) continue;
            _json.Name(_fields.Name(i));
            _json.BeginArray();
            foreach (var v in values) _json.String(v);
            _json.EndArray();
        }
    }

    /// <summary>Writes the members for everything below <paramref name="node"/> (-1: the packet) down to the next protocols.</summary>
    private void WriteNode(PacketTree tree, int node)
    {
        var attrs = new List<List<int>>();
        var byKey = new Dictionary<(int Parent, int Field), List<int>>();
        Collect(tree, node, attrs, byKey);
        foreach (var group in attrs) WriteAttr(tree, group);
    }

    /// <summary>
    /// Flattens the children of <paramref name="node"/>: fields with children contribute their children too (unless a
    /// filter hides them); protocols stay single members whose objects are written later. Members are keyed by
    /// (parent field, field), so a field under two different parents appears twice.
    /// </summary>
    private void Collect(PacketTree tree, int node, List<List<int>> attrs, Dictionary<(int, int), List<int>> byKey)
    {
        for (int c = First(tree, node); c >= 0; c = Next(tree, node, c))
        {
            ref var n = ref tree[c];
            var key = (node < 0 ? -1 : tree[node].FieldId, n.FieldId);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = new List<int>(1);
                attrs.Add(list);
            }
            list.Add(c);
            var f = _reg[n.FieldId];
            if (f.Type == FieldType.Protocol || n.FirstChild < 0) continue;
            if (_filter is null)
            {
                Collect(tree, c, attrs, byKey);
            }
            else if (Matches(f.Abbrev))
            {
                var saved = _filter;
                if (_includeChildren) _filter = null;
                Collect(tree, c, attrs, byKey);
                _filter = saved;
            }
        }
    }

    private static int First(PacketTree tree, int node)
    {
        if (node >= 0) return tree[node].FirstChild;
        for (int i = 0; i < tree.Count; i++)
            if (tree[i].Parent < 0) return i;
        return -1;
    }

    private static int Next(PacketTree tree, int node, int current)
    {
        if (node >= 0) return tree[current].NextSibling;
        for (int i = current + 1; i < tree.Count; i++)
            if (tree[i].Parent < 0) return i;
        return -1;
    }

    private bool Matches(string abbrev) => _filter!.Contains(abbrev) || _filter.Contains(abbrev.Replace('.', '_'));

    private void WriteAttr(PacketTree tree, List<int> group)
    {
        int first = group[0];
        var f = _reg[tree[first].FieldId];
        bool text = NodeFacts.IsTextItem(f);
        if (_hex && tree[first].Length > 0 && !text)
        {
            WriteName(tree, first, f, "_raw");
            if (group.Count > 1) _json.BeginArray();
            foreach (int n in group) WriteHex(tree, n);
            if (group.Count > 1) _json.EndArray();
        }
        WriteName(tree, first, f, "");
        if (group.Count > 1) _json.BeginArray();
        foreach (int n in group)
        {
            if (f.Type != FieldType.Protocol)
            {
                if (_filter is not null && !Matches(f.Abbrev))
                {
                    _json.BeginObject();
                    _json.Name("filtered");
                    _json.String(f.Abbrev);
                    _json.EndObject();
                }
                else
                {
                    WriteValue(tree, n, f);
                }
                continue;
            }
            _json.BeginObject();
            if (_filter is null)
            {
                WriteNode(tree, n);
            }
            else if (Matches(f.Abbrev))
            {
                var saved = _filter;
                if (_includeChildren) _filter = null;
                WriteNode(tree, n);
                _filter = saved;
            }
            else
            {
                _json.Name("filtered");
                _json.String(f.Abbrev);
            }
            _json.EndObject();
        }
        if (group.Count > 1) _json.EndArray();
    }

    /// <summary>"proto_field" for fields, "proto" for protocols (the writer turns dots into underscores).</summary>
    private void WriteName(PacketTree tree, int node, FieldDef f, string suffix)
    {
        if (f.Parent is { } p && f.Type != FieldType.Protocol)
        {
            _val.Clear();
            _val.Append(Owner(tree, node, f, p).Abbrev).Append('_').Append(f.Abbrev);
            _json.Name(_val.ToString(), suffix);
            return;
        }
        _json.Name(f.Abbrev, suffix);
    }

    /// <summary>
    /// The protocol that declared the field. Wireshark names "proto_field" after it; a name two protocols declare
    /// (ip.version in ip and ipv6) shares one id here, so the enclosing protocol decides when it declares the name too.
    /// </summary>
    private ProtocolDef Owner(PacketTree tree, int node, FieldDef f, ProtocolDef declared)
    {
        for (int a = tree[node].Parent; a >= 0; a = tree[a].Parent)
        {
            if (_reg[tree[a].FieldId] is not ProtocolDef proto || ReferenceEquals(proto, CoreProtocols.ExpertProto)) continue;
            if (ReferenceEquals(proto, declared)) return declared;
            var key = (proto.Id, f.Id);
            if (!_declares.TryGetValue(key, out bool has))
            {
                has = false;
                foreach (var pf in proto.Fields)
                    if (pf.Abbrev == f.Abbrev) { has = true; break; }
                _declares[key] = has;
            }
            return has ? proto : declared;
        }
        return declared;
    }

    private readonly Dictionary<(int Proto, int Field), bool> _declares = new();

    private void WriteHex(PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        var f = _reg[n.FieldId];
        _val.Clear();
        if (f.Bitmask != 0)
        {
            NodeFacts.AppendMaskedHex(_val, f, n);
            _json.String(_val);
            return;
        }
        if (NodeFacts.HasNoSource(tree, node, _reg)) return;
        _json.String(NodeFacts.AppendBytesHex(_val, tree, node) ? _val.ToString() : "field length invalid!");
    }

    private void WriteValue(PacketTree tree, int node, FieldDef f)
    {
        ref var n = ref tree[node];
        if (NodeFacts.IsTextItem(f))
        {
            _json.String(_labels.Label(tree, node));
            return;
        }
        switch (f.Type)
        {
            case FieldType.None:
                _json.String((string?)null);
                return;
            case FieldType.Boolean:
                _json.Raw(FieldFormatter.IntValue(f, n) != 0 ? "true" : "false");
                return;
            case FieldType.AbsoluteTime:
                {
                    long secs = Math.DivRem((long)n.Value, 1_000_000_000L, out long ns);
                    if (ns < 0) { ns += 1_000_000_000L; secs--; }
                    var t = DateTimeOffset.FromUnixTimeSeconds(secs);
                    _json.String(t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + ns.ToString("D9", CultureInfo.InvariantCulture) + "Z");
                    return;
                }
        }
        _val.Clear();
        _labels.AppendShow(_val, tree, node);
        _json.String(_val);
    }
}
