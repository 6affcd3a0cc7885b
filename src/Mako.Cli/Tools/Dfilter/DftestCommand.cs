using Mako.Engine.Dissection;
using Mako.Filters;

namespace Mako.Cli.Tools.Dfilter;

/// <summary>`mako dftest FILTER`: Wireshark's dftest: the filter, its syntax tree and its instructions.</summary>
internal sealed class DftestCommand : ISubcommand
{
    public string Name => "dftest";
    public string Summary => "Show how a display filter is parsed and compiled (as dftest)";

    public int Run(string[] args, CliIo io)
    {
        ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            io.Out.WriteLine("Usage: mako dftest <filter>");
            return args.Length == 0 ? 1 : 0;
        }
        // dftest joins its arguments with spaces into one filter.
        string filter = string.Join(' ', args);
        try
        {
            io.Out.Write(Explain.Run(filter, ProtocolSet.Default.Fields));
            return 0;
        }
        catch (FilterException fe)
        {
            FilterErrors.Write(io.Err, "dftest: ", filter, fe);
            return 2;
        }
    }
}
