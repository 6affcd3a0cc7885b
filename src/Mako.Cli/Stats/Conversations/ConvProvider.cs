using Mako.Filters;

namespace Mako.Cli.Stats.Conversations;

/// <summary>Registers `-z conv,TYPE[,FILTER]` and `-z endpoints,TYPE[,FILTER]` for eth, ip, ipv6, tcp and udp.</summary>
internal sealed class ConvProvider : IStatProvider
{
    private static readonly (string Proto, LayerKind Kind, string Title)[] Types =
    [
        ("eth", LayerKind.Eth, "Ethernet"),
        ("ip", LayerKind.IPv4, "IPv4"),
        ("ipv6", LayerKind.IPv6, "IPv6"),
        ("tcp", LayerKind.Tcp, "TCP"),
        ("udp", LayerKind.Udp, "UDP"),
    ];

    public IEnumerable<string> Names
    {
        get
        {
            foreach (var t in Types)
            {
                yield return "conv," + t.Proto;
                yield return "endpoints," + t.Proto;
            }
        }
    }

    public IStatistic? Create(string name, string arg, StatContext context, out string? error)
    {
        error = null;
        bool conv = name.StartsWith("conv,", StringComparison.Ordinal);
        var type = Array.Find(Types, t => name.EndsWith("," + t.Proto, StringComparison.Ordinal));
        // As tshark: a filter follows only after a comma right behind the name ("conv,tcpx" is conv,tcp, unfiltered;
        // "conv,tcp," has an empty filter, which filters nothing but is shown as "Filter:").
        string? filterText = arg.Length > name.Length && arg[name.Length] == ',' ? arg[(name.Length + 1)..] : null;
        DisplayFilter? filter = null;
        if (!string.IsNullOrEmpty(filterText))
        {
            try
            {
                filter = DisplayFilter.Compile(filterText, context.Protocols.Fields);
            }
            catch (FilterException fe)
            {
                error = $"Couldn't register {(conv ? "conversations" : "endpoint")} tap: Filter \"{filterText}\" is invalid - {fe.Message}";
                return null;
            }
        }
        return conv
            ? new ConversationStatistic(type.Kind, type.Title, filterText, filter, context)
            : new EndpointStatistic(type.Kind, type.Title, filterText, filter, context);
    }
}
