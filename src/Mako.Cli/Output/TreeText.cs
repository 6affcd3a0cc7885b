using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// tshark's packet details (`-V`): every visible node's label, four spaces of indentation per level, generated nodes in
/// brackets, hidden nodes left out. A "data" node is followed by a hex dump of its bytes unless the whole packet is
/// dumped (`-x`). With `-O`, only the listed protocols are expanded; the others show their top line only.
/// </summary>
internal sealed class TreeText(LabelFormatter labels, HashSet<string>? onlyProtocols, bool dumpData)
{
    private readonly StringBuilder _label = new(128);

    public void Append(StringBuilder sb, PacketTree tree)
    {
        var nodes = tree.Nodes;
        for (int i = 0; i < nodes.Length; i++)
            if (nodes[i].Parent < 0) AppendNode(sb, tree, i, 0);
    }

    private void AppendNode(StringBuilder sb, PacketTree tree, int node, int level)
    {
        ref var n = ref tree[node];
        if ((n.Flags & NodeFlags.Hidden) != 0) return;
        sb.Append(' ', level * 4);
        _label.Clear();
        labels.AppendLabel(_label, tree, node);
        bool generated = (n.Flags & NodeFlags.Generated) != 0;
        if (generated) sb.Append('[');
        sb.Append(_label);
        if (generated) sb.Append(']');
        sb.Append('\n');

        var f = labels.Registry[n.FieldId];
        if (level == 0 && onlyProtocols is not null && !onlyProtocols.Contains(f.Abbrev)) return;

        if (dumpData && n.FieldId == DataFields.Data.Id)
        {
            var bytes = tree.Bytes(node);
            if (!bytes.IsEmpty)
            {
                sb.Append('\n');
                HexDump.Append(sb, bytes);
            }
        }
        for (int c = n.FirstChild; c >= 0; c = tree[c].NextSibling)
            AppendNode(sb, tree, c, level + 1);
    }
}
