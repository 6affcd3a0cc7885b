using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Filters;

namespace Mako.Cli.Stats.Conversations;

/// <summary>`-z conv,TYPE[,FILTER]`: tshark's conversation report (ui/cli/tap-iousers.c).</summary>
internal sealed class ConversationStatistic(LayerKind layer, string typeName, string? filterText, DisplayFilter? filter, StatContext context)
    : TableStatistic(layer, filter, context)
{
    private readonly ConversationTable _table = new();

    protected override void Add(in LayerRecord r, Packet pkt)
    {
        // TCP and UDP conversations are also told apart by stream index (a reused port pair is a new row).
        long id = Kind is LayerKind.Tcp or LayerKind.Udp ? r.Stream : -1;
        long rel = pkt.TimestampNs - pkt.Session.FirstTs;
        _table.Add(r, id, (ulong)pkt.WireLength, rel, pkt.TimestampNs);
    }

    private static ulong[] FramesOf(ReadOnlySpan<ConversationItem> items)
    {
        var f = new ulong[items.Length];
        for (int i = 0; i < f.Length; i++) f[i] = items[i].Frames;
        return f;
    }

    public override void Write(TextWriter output)
    {
        var names = new ConvNames(Context.Options.Resolve);
        bool ports = Kind is LayerKind.Tcp or LayerKind.Udp;
        var time = TimeColumn.Of(Context.Options.TimeFormat);
        var sb = new StringBuilder();
        sb.Append(Rule).Append('\n');
        sb.Append(typeName).Append(" Conversations\n");
        sb.Append("Filter:").Append(filterText ?? "<No Filter>").Append('\n');
        string pad = ports ? "            " : "";
        string size = time.IsAbsolute ? "Size " : "Bytes";
        sb.Append(pad).Append("                                               |       <-      | |       ->      | |     Total     |")
            .Append(time.Title1).Append("|   Duration   |\n");
        sb.Append(pad).Append($"                                               | Frames  {size} | | Frames  {size} | | Frames  {size} |")
            .Append(time.Title2).Append("|              |\n");

        var items = _table.Items;
        foreach (int i in TableOrder.ByFrames(FramesOf(items)))
        {
            ref readonly var c = ref items[i];
            int w = ports ? 26 : 20;
            string a = names.Address(c.SrcAddress), b = names.Address(c.DstAddress);
            if (ports)
            {
                a += ":" + names.Port(c.SrcPort, Kind);
                b += ":" + names.Port(c.DstPort, Kind);
            }
            sb.Left(a, w).Append(" <-> ").Left(b, w).Append("  ");
            sb.Right(c.RxFrames, 6).Append(' ').Left(StatText.Bytes(c.RxBytes), 9).Append("  ");
            sb.Right(c.TxFrames, 6).Append(' ').Left(StatText.Bytes(c.TxBytes), 9).Append("  ");
            sb.Right(c.Frames, 6).Append(' ').Left(StatText.Bytes(c.TxBytes + c.RxBytes), 9).Append("  ");
            time.AppendStart(sb, c.StartNs, c.StartAbsNs);
            sb.Append("   ").Fixed(StatText.Seconds(c.StopNs) - StatText.Seconds(c.StartNs), 12, 4).Append('\n');
        }
        sb.Append(Rule).Append('\n');
        output.Write(sb.ToString());
    }
}

/// <summary>`-z endpoints,TYPE[,FILTER]`: tshark's endpoint report (ui/cli/tap-endpoints.c).</summary>
internal sealed class EndpointStatistic(LayerKind layer, string typeName, string? filterText, DisplayFilter? filter, StatContext context)
    : TableStatistic(layer, filter, context)
{
    private readonly EndpointTable _table = new();

    protected override void Add(in LayerRecord r, Packet pkt)
    {
        // Two passes per packet, so an address talking to itself counts once as sender and once as receiver.
        ulong len = (ulong)pkt.WireLength;
        _table.Add(r.Src, r.SrcPort, true, len);
        _table.Add(r.Dst, r.DstPort, false, len);
    }

    private static ulong[] FramesOf(ReadOnlySpan<EndpointItem> items)
    {
        var f = new ulong[items.Length];
        for (int i = 0; i < f.Length; i++) f[i] = items[i].Frames;
        return f;
    }

    public override void Write(TextWriter output)
    {
        var names = new ConvNames(Context.Options.Resolve);
        bool ports = Kind is LayerKind.Tcp or LayerKind.Udp;
        var sb = new StringBuilder();
        sb.Append(Rule).Append('\n');
        sb.Append(typeName).Append(" Endpoints\n");
        sb.Append("Filter:").Append(filterText ?? "<No Filter>").Append('\n');
        sb.Append("                       |  ").Append(ports ? "Port  ||  " : "")
            .Append("Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        var items = _table.Items;
        foreach (int i in TableOrder.ByFrames(FramesOf(items)))
        {
            ref readonly var e = ref items[i];
            sb.Left(names.Address(e.Address), 20).Append("      ");
            if (ports) sb.Right(names.Port(e.Port, Kind), 5).Append("     ");
            sb.Right(e.Frames, 6).Append("     ").Right(e.TxBytes + e.RxBytes, 9).Append("     ");
            sb.Right(e.TxFrames, 6).Append("       ").Right(e.TxBytes, 9).Append("      ");
            sb.Right(e.RxFrames, 6).Append("       ").Right(e.RxBytes, 9).Append("   \n");
        }
        sb.Append(Rule).Append('\n');
        output.Write(sb.ToString());
    }
}

/// <summary>What the conversation and endpoint reports share: the tap filter and the layer walk.</summary>
internal abstract class TableStatistic(LayerKind kind, DisplayFilter? filter, StatContext context) : IStatistic
{
    protected LayerKind Kind { get; } = kind;

    protected const string Rule = "================================================================================";

    private readonly LayerScanner _scanner = new(kind, context.Protocols.Fields);

    protected StatContext Context { get; } = context;

    public IReadOnlyCollection<int>? FieldIds
    {
        get
        {
            var ids = new List<int>();
            foreach (var f in _scanner.Fields) ids.Add(f.Id);
            if (filter is not null) ids.AddRange(filter.FieldIds);
            return ids;
        }
    }

    public void Packet(Packet pkt)
    {
        if (filter is not null && !filter.Matches(pkt)) return;
        int n = _scanner.Scan(pkt);
        var records = _scanner.Records;
        for (int i = 0; i < n; i++) Add(records[i], pkt);
    }

    protected abstract void Add(in LayerRecord r, Packet pkt);

    public abstract void Write(TextWriter output);
}

/// <summary>tshark's report order: rows by total frames, most first; rows with equal counts in order of creation.</summary>
internal static class TableOrder
{
    public static int[] ByFrames(ulong[] frames)
    {
        var order = new List<int>(frames.Length);
        for (int i = 0; i < frames.Length; i++)
        {
            if (frames[i] != 0 && frames[i] < uint.MaxValue) order.Add(i);   // tshark's loop never reaches these
        }
        order.Sort((x, y) =>
        {
            int c = frames[y].CompareTo(frames[x]);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order.ToArray();
    }
}

/// <summary>The "start" column of the conversation report for tshark's -t setting.</summary>
internal sealed class TimeColumn
{
    private enum Kind { Relative, Absolute, AbsoluteYmd, AbsoluteYdoy, Utc, UtcYmd, UtcYdoy, Epoch }

    private readonly Kind _kind;

    private TimeColumn(Kind k) => _kind = k;

    public static TimeColumn Of(string format) => new(format switch
    {
        "a" => Kind.Absolute,
        "ad" => Kind.AbsoluteYmd,
        "adoy" => Kind.AbsoluteYdoy,
        "u" => Kind.Utc,
        "ud" => Kind.UtcYmd,
        "udoy" => Kind.UtcYdoy,
        "e" => Kind.Epoch,
        _ => Kind.Relative,
    });

    /// <summary>The absolute formats title their byte columns "Size".</summary>
    public bool IsAbsolute => _kind is not (Kind.Relative or Kind.Epoch);

    public string Title1 => _kind switch
    {
        Kind.Absolute or Kind.Utc => " Absolute Time  ",
        Kind.AbsoluteYmd or Kind.AbsoluteYdoy or Kind.UtcYmd or Kind.UtcYdoy => " Absolute Date  ",
        Kind.Epoch => "       Relative       ",
        _ => "    Relative    ",
    };

    public string Title2 => _kind switch
    {
        Kind.Absolute or Kind.Utc => "      Start     ",
        Kind.AbsoluteYmd or Kind.AbsoluteYdoy or Kind.UtcYmd or Kind.UtcYdoy => "     Start      ",
        Kind.Epoch => "         Start        ",
        _ => "      Start     ",
    };

    public void AppendStart(StringBuilder sb, long relNs, long absNs)
    {
        if (_kind == Kind.Relative)
        {
            sb.Fixed(StatText.Seconds(relNs), 14, 9);
            return;
        }
        if (_kind == Kind.Epoch)
        {
            sb.Fixed(StatText.Seconds(absNs), 20, 9);
            return;
        }
        // localtime()/gmtime() of the whole seconds.
        long secs = Math.DivRem(absNs, 1_000_000_000, out long rem);
        if (rem < 0) secs--;
        var utc = DateTimeOffset.FromUnixTimeSeconds(secs);
        var t = _kind is Kind.Utc or Kind.UtcYmd or Kind.UtcYdoy ? utc : TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.Local);
        var inv = CultureInfo.InvariantCulture;
        sb.Append(_kind switch
        {
            Kind.Absolute or Kind.Utc => t.ToString("HH:mm:ss", inv),
            Kind.AbsoluteYmd or Kind.UtcYmd => t.ToString("yyyy-MM-dd HH:mm:ss", inv),
            _ => $"{t.Year:D4}/{t.DayOfYear:D3} {t.ToString("HH:mm:ss", inv)}",
        });
    }
}
