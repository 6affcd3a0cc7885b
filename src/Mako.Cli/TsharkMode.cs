namespace Mako.Cli;

/// <summary>`mako [tshark flags]`: reading, dissecting and printing packets.</summary>
internal static class TsharkMode
{
    public static int Run(string[] args, CliIo io)
    {
        io.Err.WriteLine("mako: packet dissection is not available yet; try `mako --help`.");
        return 1;
    }

    public static void WriteOptionsHelp(TextWriter o)
    {
        o.WriteLine("  -h, --help               display this help and exit");
        o.WriteLine("  -v, --version            display version info and exit");
    }
}
