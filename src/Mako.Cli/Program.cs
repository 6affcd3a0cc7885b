using System.Reflection;

namespace Mako.Cli;

public static class Program
{
    /// <summary>Subcommands, looked up by the first argument. Anything else is tshark mode.</summary>
    internal static readonly ISubcommand[] Subcommands = SubcommandCatalog.All();

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Main(string[] args)
    {
        var io = CliIo.Console_();
        try
        {
            return Run(args, io);
        }
        finally
        {
            io.Out.Flush();
            io.Err.Flush();
        }
    }

    public static int Run(string[] args, CliIo io)
    {
        if (args.Length > 0)
        {
            foreach (var sc in Subcommands)
            {
                if (sc.Name == args[0])
                    return sc.Run(args[1..], io);
            }
            if (args[0] is "--version")
            {
                io.Out.WriteLine($"Mako {Version}");
                return 0;
            }
            if (args[0] is "--help" && args.Length == 1)
            {
                WriteHelp(io.Out);
                return 0;
            }
        }
        return TsharkMode.Run(args, io);
    }

    internal static void WriteHelp(TextWriter o)
    {
        o.WriteLine($"Mako {Version}");
        o.WriteLine("Dump and analyze network traffic; tshark-compatible flags.");
        o.WriteLine();
        o.WriteLine("Usage: mako [options] ...");
        o.WriteLine("       mako <tool> [tool options]   (mako <tool> --help for the tool's flags)");
        o.WriteLine();
        o.WriteLine("Tools:");
        foreach (var sc in Subcommands)
            o.WriteLine($"  {sc.Name,-12} {sc.Summary}");
        o.WriteLine();
        TsharkMode.WriteOptionsHelp(o);
    }
}
