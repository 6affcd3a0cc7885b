using Mako.Cli;

namespace Mako.Filters.Tests;

/// <summary>
/// Every filter in cases.txt gives the frames (or the error message and caret) that tshark 4.0 gave on
/// tests/captures/filters/filters.pcap, as recorded in expected.tsv by record-expected.sh.
/// </summary>
public class TsharkAgreementTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var (filter, expected) in Expected()) yield return [filter, expected];
    }

    private static IEnumerable<(string Filter, string Expected)> Expected()
    {
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "expected.tsv")))
        {
            int tab = line.IndexOf('\t');
            if (tab > 0) yield return (line[..tab], line[(tab + 1)..]);
        }
    }

    internal static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Mako.sln"))) d = d.Parent;
        return d!.FullName;
    }

    private static string Capture() => Path.Combine(RepoRoot(), "tests", "captures", "filters", "filters.pcap");

    /// <summary>Mako's answer in record-expected.sh's format.</summary>
    internal static string Run(string filter, string capture)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int rc = Program.Run(["-r", capture, "-Y", filter, "-T", "fields", "-e", "frame.number"], new CliIo(o, e));
        string err = e.ToString().Replace("mako: ", "").Replace("\n", "\\n");
        if (rc != 0) return "error: " + err;
        string frames = "frames: " + string.Join(',', o.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return err.Length > 0 ? frames + " warning: " + err : frames;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_agrees_with_tshark(string filter, string expected) => Assert.Equal(expected, Run(filter, Capture()));

    [Fact]
    public void Set_is_large_enough() => Assert.True(Expected().Count() >= 300);

    /// <summary>Set MAKO_FILTER_ACTUAL=path to write Mako's answers in expected.tsv's format (for diffing).</summary>
    [Fact]
    public void Write_actual_when_asked()
    {
        string? path = Environment.GetEnvironmentVariable("MAKO_FILTER_ACTUAL");
        if (path is null) return;
        File.WriteAllLines(path, Expected().Select(x => x.Filter + "\t" + Run(x.Filter, Capture())));
    }
}
