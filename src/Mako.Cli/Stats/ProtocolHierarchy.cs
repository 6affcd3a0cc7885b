using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Filters;

namespace Mako.Cli.Stats;

/// <summary>`-z io,phs[,FILTER]`: tshark's protocol hierarchy (ui/cli/tap-protohierstat.c).</summary>
internal sealed class PhsProvider : IStatProvider
{
    public IEnumerable<string> Names => ["io,phs"];

    public IStatistic? Create(string name, string arg, StatContext context, out string? error)
    {
        error = null;
        // tshark: "io,phs" has no filter; "io,phs,X" filters on X (an empty X shows "Filter: " and filters nothing);
        // anything else that starts with io,phs ("io,phsx") has no filter either.
        string? filterText = arg.StartsWith("io,phs,", StringComparison.Ordinal) ? arg["io,phs,".Length..] : null;
        DisplayFilter? filter = null;
        if (!string.IsNullOrEmpty(filterText))
        {
            try
            {
                filter = DisplayFilter.Compile(filterText, context.Protocols.Fields);
            }
            catch (FilterException fe)
            {
                error = $"Couldn't register io,phs tap: Filter \"{filterText}\" is invalid - {fe.Message}";
                return null;
            }
        }
        return new ProtocolHierarchy(filterText, filter);
    }
}

/// <summary>
/// Counts frames and bytes per path of top-level tree items (eth → ip → tcp → http ...), each packet's items nested
/// in the order they appear, as tshark does: every top-level item counts, protocols and the few other items
/// dissectors put at the top (tcp.segments, _ws.short, _ws.malformed). The frame item itself is not shown.
/// </summary>
internal sealed class ProtocolHierarchy(string? filterText, DisplayFilter? filter) : IStatistic
{
    private sealed class Node(int fieldId, string name)
    {
        public int FieldId { get; } = fieldId;
        public string Name { get; } = name;
        public uint Frames;
        public ulong Bytes;
        public List<Node> Children { get; } = new();
    }

    private readonly Node _root = new(-1, "");

    /// <summary>The whole tree: the top-level items are whatever the dissectors add there.</summary>
    public IReadOnlyCollection<int>? FieldIds => null;

    public void Packet(Packet pkt)
    {
        if (filter is not null && !filter.Matches(pkt)) return;
        var nodes = pkt.Tree.Nodes;
        var level = _root;
        ulong len = (ulong)pkt.WireLength;
        int frameId = FrameFields.Frame.Id;
        for (int i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].Parent != -1) continue;
            int id = nodes[i].FieldId;
            if (id == frameId) continue;
            Node? child = null;
            foreach (var c in level.Children)
            {
                if (c.FieldId == id)
                {
                    child = c;
                    break;
                }
            }
            if (child is null)
            {
                child = new Node(id, pkt.Session.Fields[id].Abbrev);
                level.Children.Add(child);
            }
            child.Frames++;
            child.Bytes += len;
            level = child;
        }
    }

    public void Write(TextWriter output)
    {
        var sb = new StringBuilder();
        sb.Append("\n===================================================================\n");
        sb.Append("Protocol Hierarchy Statistics\n");
        sb.Append("Filter: ").Append(filterText ?? "").Append("\n\n");
        Draw(sb, _root, 0);
        sb.Append("===================================================================\n");
        output.Write(sb.ToString());
    }

    private static void Draw(StringBuilder sb, Node level, int indentation)
    {
        foreach (var n in level.Children)
        {
            var label = new StringBuilder();
            for (int i = 0; i < indentation; i++)
            {
                if (i > 15)
                {
                    label.Append("...");
                    break;
                }
                label.Append("  ");
            }
            label.Append(n.Name);
            // tshark formats the label into an 80-byte buffer.
            string text = label.Length > 79 ? label.ToString(0, 79) : label.ToString();
            sb.Left(text, 40).Append(" frames:").Append(n.Frames.ToString(CultureInfo.InvariantCulture))
                .Append(" bytes:").Append(n.Bytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            Draw(sb, n, indentation + 1);
        }
    }
}
