using System.Text.RegularExpressions;
using Mako.Cli.Tshark;

namespace Mako.Cli.Tests.Output;

/// <summary>`mako --help` documents every flag tshark mode accepts.</summary>
public class HelpTests
{
    private static string Help()
    {
        var o = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, Program.Run(["--help"], new CliIo(o, new StringWriter())));
        return o.ToString();
    }

    [Fact]
    public void Every_short_option_is_documented()
    {
        string help = Help();
        foreach (char c in TsharkOptions.ShortSpec)
        {
            if (c == ':') continue;
            Assert.True(Regex.IsMatch(help, $@"(^|\s)-{Regex.Escape(c.ToString())}[\s<,]", RegexOptions.Multiline), $"-{c} is not in --help");
        }
    }

    [Fact]
    public void Every_long_option_is_documented()
    {
        string help = Help();
        foreach (var l in TsharkOptions.Longs)
            Assert.True(help.Contains("--" + l.Name, StringComparison.Ordinal), $"--{l.Name} is not in --help");
    }

    [Fact]
    public void Output_formats_are_listed()
    {
        Assert.Contains("-T pdml|ps|psml|json|jsonraw|ek|tabs|text|fields|?", Help());
    }
}
