namespace Mako.Cli.Tests.Output;

/// <summary>Output-flag errors: tshark 4.0's messages (with "mako:" for "tshark:") and exit code 1.</summary>
public class OutputErrorTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) =>
        GoldenOutputTests.Run("output/eth-data.pcap", args);

    [Theory]
    [InlineData("mako: \"-Tfields\" was specified, but no fields were specified with \"-e\".", "-T", "fields")]
    [InlineData("mako: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON", "-x", "-T", "pdml")]
    [InlineData("mako: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON", "-x", "-T", "psml")]
    [InlineData("mako: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON", "-x", "-T", "fields", "-e", "frame.number")]
    [InlineData("mako: Output fields were specified with \"-e\", but \"-Tek, -Tfields, -Tjson or -Tpdml\" was not specified.", "-e", "frame.number")]
    [InlineData("mako: Output fields were specified with \"-e\", but \"-Tek, -Tfields, -Tjson or -Tpdml\" was not specified.", "-T", "jsonraw", "-e", "frame.number")]
    [InlineData("mako: Some fields aren't valid:\n\tzzz\n\tnope.x", "-T", "json", "-e", "nope.x", "-e", "frame.number", "-e", "zzz")]
    [InlineData("mako: Some fields aren't valid:\n\tbaz\n\tfoo.bar", "-T", "fields", "-e", "foo.bar", "-e", "frame.number", "-e", "baz")]
    [InlineData("mako: \"foo\" is an invalid value for --hexdump <hexoption>\nFor valid <hexoption> values enter: mako --hexdump help", "--hexdump", "foo")]
    public void Rejected_as_tshark_rejects_them(string message, params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void Unknown_format_lists_the_formats()
    {
        var (code, _, stderr) = Run("-T", "foo");
        Assert.Equal(1, code);
        Assert.StartsWith("mako: Invalid -T parameter \"foo\"; it must be one of:\n\t\"fields\"  The values of fields", stderr);
        foreach (var f in new[] { "pdml", "ps", "psml", "json", "jsonraw", "ek", "text", "tabs" })
            Assert.Contains($"\t\"{f}\"", stderr);
    }

    [Fact]
    public void PostScript_is_refused_clearly()
    {
        var (code, stdout, stderr) = Run("-T", "ps");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("-T ps (PostScript) is not supported", stderr);
    }

    [Fact]
    public void Hexdump_help_lists_the_options()
    {
        var (code, stdout, _) = Run("--hexdump", "help");
        Assert.Equal(0, code);
        foreach (var o in new[] { "all", "frames", "ascii", "delimit", "noascii", "help" })
            Assert.Contains($"\n  {o} ", stdout);
    }

    [Theory]
    [InlineData("-w")]
    [InlineData("-q")]
    public void Json_follows_tshark_when_writing_or_quiet(string flag)
    {
        // tshark 4.0 prints nothing for -T json while writing a file, but does print it with -q.
        string tmp = Path.Combine(Path.GetTempPath(), $"mako-out-{Guid.NewGuid():N}.pcapng");
        try
        {
            string[] args = flag == "-w" ? ["-T", "json", "-w", tmp] : ["-T", "json", "-q"];
            var (code, stdout, _) = Run(args);
            Assert.Equal(0, code);
            if (flag == "-w") Assert.Equal("", stdout);
            else Assert.StartsWith("[\n  {\n    \"_index\": \"packets-2009-11-24\"", stdout);
        }
        finally
        {
            File.Delete(tmp);
        }
    }
}
