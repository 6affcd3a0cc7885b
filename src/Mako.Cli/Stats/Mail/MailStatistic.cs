using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Filters;
using Mako.Protocols.Imf;
using Mako.Protocols.Pop;
using Mako.Protocols.Smtp;

namespace Mako.Cli.Stats.Mail;

/// <summary>
/// `-z smtp,stat[,FILTER]`, `-z pop,stat[,FILTER]` and `-z imap,stat[,FILTER]`: Mako's own summaries (tshark 4.0 has
/// none) of the commands and answers of a mail protocol, laid out like tshark's stats_tree reports (`-z dns,tree`):
/// an item column, the count, and each item's share of its parent.
/// </summary>
internal sealed class MailStatProvider : IStatProvider
{
    public IEnumerable<string> Names => ["imap,stat", "pop,stat", "smtp,stat"];

    public IStatistic? Create(string name, string arg, StatContext context, out string? error)
    {
        error = null;
        string? filterText = arg.StartsWith(name + ",", StringComparison.Ordinal) ? arg[(name.Length + 1)..] : null;
        DisplayFilter? filter = null;
        if (!string.IsNullOrEmpty(filterText))
        {
            try
            {
                filter = DisplayFilter.Compile(filterText, context.Protocols.Fields);
            }
            catch (FilterException fe)
            {
                error = $"Couldn't register {name} tap: Filter \"{filterText}\" is invalid - {fe.Message}";
                return null;
            }
        }
        var fields = context.Protocols.Fields;
        MailStatistic.Spec spec = name switch
        {
            "smtp,stat" => new("SMTP", SmtpFields.Proto.Id, SmtpFields.ReqCommand.Id, SmtpFields.ResponseCode.Id, "Reply Codes",
                v => v + (SmtpFields.ResponseCode.Values?.Lookup(ulong.Parse(v, CultureInfo.InvariantCulture)) is { } n ? " " + n : "")),
            "pop,stat" => new("POP", PopFields.Proto.Id, PopFields.RequestCommand.Id, PopFields.ResponseIndicator.Id, "Response Indicators", v => v),
            _ => new("IMAP", FieldReader.Id(fields, "imap"), FieldReader.Id(fields, "imap.request.command"),
                FieldReader.Id(fields, "imap.response.status"), "Response Status", v => v),
        };
        return new MailStatistic(spec, filter);
    }
}

internal sealed class MailStatistic(MailStatistic.Spec spec, DisplayFilter? filter) : IStatistic
{
    /// <summary>Which protocol, and which fields hold its commands and answers (-1: not registered).</summary>
    internal sealed record Spec(string Name, int Proto, int Command, int Answer, string AnswerTitle, Func<string, string> AnswerName);

    private sealed class Item(string name)
    {
        public string Name { get; } = name;
        public long Count;
        public List<Item> Children { get; } = new();
        private readonly Dictionary<string, Item> _byName = new(StringComparer.Ordinal);

        public Item Child(string n)
        {
            if (!_byName.TryGetValue(n, out var c))
            {
                _byName[n] = c = new Item(n);
                Children.Add(c);
            }
            return c;
        }
    }

    private readonly Item _packets = new($"{spec.Name} Packets");
    private readonly Item _commands = new("Commands");
    private readonly Item _answers = new(spec.AnswerTitle);
    private readonly Item _messages = new("Messages (IMF)");

    public IReadOnlyCollection<int>? FieldIds
    {
        get
        {
            var ids = new List<int>();
            foreach (int id in (int[])[spec.Proto, spec.Command, spec.Answer])
                if (id >= 0) ids.Add(id);
            if (filter is not null) ids.AddRange(filter.FieldIds);
            return ids;
        }
    }

    public void Packet(Packet pkt)
    {
        if (spec.Proto < 0) return;
        var tree = pkt.Tree;
        var nodes = tree.Nodes;
        if (tree.Find(spec.Proto) < 0) return;
        if (filter is not null && !filter.Matches(pkt)) return;
        _packets.Count++;
        for (int i = 0; i < nodes.Length; i++)
        {
            int id = nodes[i].FieldId;
            if (id == spec.Command && spec.Command >= 0)
            {
                _commands.Count++;
                _commands.Child(FieldReader.Ascii(tree, i).ToUpperInvariant()).Count++;
            }
            else if (id == spec.Answer && spec.Answer >= 0)
            {
                string v = pkt.Session.Fields[id].Type == Engine.Fields.FieldType.UInt32
                    ? nodes[i].Value.ToString(CultureInfo.InvariantCulture)
                    : FieldReader.Ascii(tree, i);
                _answers.Count++;
                _answers.Child(spec.AnswerName(v)).Count++;
            }
            else if (id == ImfFields.Proto.Id) _messages.Count++;
        }
    }

    public void Write(TextWriter output)
    {
        var rows = new List<(string Name, long Count, string Percent)>();
        rows.Add((_packets.Name, _packets.Count, "100%"));
        foreach (var group in (Item[])[_commands, _answers, _messages])
        {
            rows.Add((" " + group.Name, group.Count, Percent(group.Count, _packets.Count)));
            var sorted = group.Children.ToList();
            sorted.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Name, b.Name));
            foreach (var c in sorted) rows.Add(("  " + c.Name, c.Count, Percent(c.Count, group.Count)));
        }
        int nameWidth = "Topic / Item".Length;
        foreach (var r in rows) nameWidth = Math.Max(nameWidth, r.Name.Length);
        nameWidth += 2;
        int total = nameWidth + 14 + 14;
        var sb = new StringBuilder();
        sb.Append('\n').Append('=', total).Append('\n');
        sb.Append(spec.Name).Append(" Statistics (Mako):\n");
        sb.Left("Topic / Item", nameWidth).Left("Count", 14).Left("Percent", 14).Append('\n');
        sb.Append('-', total).Append('\n');
        foreach (var r in rows)
            sb.Left(r.Name, nameWidth).Left(r.Count.ToString(CultureInfo.InvariantCulture), 14).Left(r.Percent, 14).Append('\n');
        sb.Append('\n').Append('-', total).Append('\n');
        output.Write(sb.ToString());
    }

    /// <summary>A share of the parent as stats_tree prints it ("%.2f%%").</summary>
    private static string Percent(long n, long of) =>
        of == 0 ? "" : StatText.Fixed(100.0 * n / of, 2) + "%";
}
