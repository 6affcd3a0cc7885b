namespace Mako.Cli;

/// <summary>The list of `mako` tools. Each tool lives in its own folder under Tools/.</summary>
internal static class SubcommandCatalog
{
    public static ISubcommand[] All() =>
    [
        new Tools.Editcap.EditcapCommand(),
        new Tools.Dumpcap.DumpcapCommand(),
        new Tools.Capinfos.CapinfosCommand(),
        new Tools.Mergecap.MergecapCommand(),
        new Tools.Reordercap.ReordercapCommand(),
        new Tools.Text2pcap.Text2pcapCommand(),
        new Tools.Dfilter.DfilterCommand(),
        new Tools.Dfilter.DftestCommand(),
    ];
}
