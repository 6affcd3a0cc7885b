using Mako.Cli;

namespace Mako.Cli.Tests;

public class GetoptTests
{
    private static readonly LongOption[] Longs = [new("help", ArgKind.None, 'h'), new("inject-secrets", ArgKind.Required, 1000)];

    [Fact]
    public void Bundled_flags_and_attached_values()
    {
        var g = new Getopt("c:hqz:", Longs);
        Assert.True(g.TryParse(["-qhc10", "in.pcap", "-z", "conv,tcp", "out.pcap"], out var opts, out var operands, out _));
        Assert.Equal(['q', 'h', 'c', 'z'], opts.Select(o => (char)o.Id));
        Assert.Equal("10", opts[2].Value);
        Assert.Equal("conv,tcp", opts[3].Value);
        Assert.Equal(["in.pcap", "out.pcap"], operands);
    }

    [Fact]
    public void Long_options_with_equals_prefix_and_errors()
    {
        var g = new Getopt("h", Longs);
        Assert.True(g.TryParse(["--inject=tls,keys.txt", "--", "-h"], out var opts, out var operands, out _));
        Assert.Equal(1000, opts[0].Id);
        Assert.Equal("tls,keys.txt", opts[0].Value);
        Assert.Equal(["-h"], operands);

        Assert.False(g.TryParse(["-x"], out _, out _, out var err));
        Assert.Equal("invalid option -- 'x'", err);
        Assert.False(g.TryParse(["--bogus"], out _, out _, out err));
        Assert.Equal("unrecognized option '--bogus'", err);
        Assert.False(new Getopt("c:").TryParse(["-c"], out _, out _, out err));
        Assert.Equal("option requires an argument -- 'c'", err);
    }
}
