using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// The `-e` fields of a run: resolved once (field ids, or `_ws.col.*` columns), then per packet the text of every
/// occurrence as tshark's `-T fields` shows it (protocols by their label, data as hex, FT_NONE as "1"). Shared by
/// `-T fields` and by `-T json|ek|pdml` with `-e`.
/// </summary>
internal sealed class FieldList
{
    private readonly string[] _names;
    private readonly int[] _ids;   // field id, or -(column index + 1) for _ws.col.*, or int.MinValue for unknown columns
    private readonly FieldRegistry _reg;
    private readonly ColumnFormatter _columns;
    private readonly List<string>[] _values;
    private readonly StringBuilder _val = new(64);

    private FieldList(string[] names, int[] ids, FieldRegistry reg, ColumnFormatter columns)
    {
        _names = names;
        _ids = ids;
        _reg = reg;
        _columns = columns;
        _values = new List<string>[names.Length];
        for (int i = 0; i < _values.Length; i++) _values[i] = new List<string>(2);
        var wanted = new List<int>();
        foreach (int id in ids)
        {
            if (id >= 0) wanted.Add(id);
            else if (id != int.MinValue) NeedsColumns = true;
            if (id >= 0 && reg[id].Type == FieldType.Protocol) NeedsLabels = true;
        }
        FieldIds = wanted.ToArray();
    }

    /// <summary>Resolves the names; unknown ones are reported as tshark does ("Some fields aren't valid: ...").</summary>
    public static FieldList? Create(IReadOnlyList<string> fields, FieldRegistry reg, ColumnFormatter columns, out string? error)
    {
        var names = fields.ToArray();
        var ids = new int[names.Length];
        var bad = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (name.StartsWith("_ws.col.", StringComparison.Ordinal))
            {
                int c = ColumnFormatter.IndexOf(name["_ws.col.".Length..]);
                ids[i] = c >= 0 ? -(c + 1) : int.MinValue;
                continue;
            }
            if (reg.TryFind(name, out var f)) ids[i] = f.Id;
            else bad.Add(name);
        }
        if (bad.Count > 0)
        {
            // tshark lists the invalid fields last-first (it prepends them to a list).
            bad.Reverse();
            error = "Some fields aren't valid:\n" + string.Join("\n", bad.Select(b => "\t" + b));
            return null;
        }
        error = null;
        return new FieldList(names, ids, reg, columns);
    }

    public int Count => _names.Length;
    public string Name(int i) => _names[i];
    public IReadOnlyCollection<int> FieldIds { get; }
    public bool NeedsColumns { get; }
    /// <summary>A protocol is printed as its label, so the tree must carry labels.</summary>
    public bool NeedsLabels { get; }

    /// <summary>The values gathered by the last <see cref="Collect"/> for field <paramref name="i"/>.</summary>
    public IReadOnlyList<string> Values(int i) => _values[i];

    /// <summary>Gathers every occurrence of every field in the packet (columns once).</summary>
    public void Collect(Packet pkt, char occurrence = 'a')
    {
        var tree = pkt.Tree;
        for (int i = 0; i < _ids.Length; i++)
        {
            var list = _values[i];
            list.Clear();
            int id = _ids[i];
            if (id == int.MinValue) continue;
            if (id < 0)
            {
                _val.Clear();
                _columns.Append(_val, pkt, -id - 1);
                list.Add(_val.ToString());
                continue;
            }
            int last = -1;
            for (int n = tree.Find(id); n >= 0; n = tree.FindNext(id, n))
            {
                if (occurrence == 'l')
                {
                    last = n;
                    continue;
                }
                list.Add(Text(tree, n));
                if (occurrence == 'f') break;
            }
            if (last >= 0) list.Add(Text(tree, last));
        }
    }

    private string Text(PacketTree tree, int node)
    {
        _val.Clear();
        AppendValue(_val, tree, node, _reg);
        return _val.ToString();
    }

    /// <summary>One occurrence as `-T fields` prints it.</summary>
    public static void AppendValue(StringBuilder sb, PacketTree tree, int node, FieldRegistry reg)
    {
        ref var n = ref tree[node];
        if (n.FieldId == DataFields.Data.Id)
        {
            // Undissected data prints as the hex of its bytes, not as a protocol label.
            FieldFormatter.AppendHex(sb, tree.Bytes(node), '\0');
            return;
        }
        var f = reg[n.FieldId];
        if (n.FieldId == CoreProtocols.Text.Id)
        {
            sb.Append(tree.GetLabel(node));
            return;
        }
        if (f.Type == FieldType.Protocol && n.FieldId != CoreProtocols.Expert.Id)
        {
            // A protocol shows its label; one without a label (hidden items have none) shows its filter name.
            sb.Append(tree.GetLabel(node) ?? f.Abbrev);
            return;
        }
        FieldFormatter.Append(sb, tree, node, reg);
    }
}
