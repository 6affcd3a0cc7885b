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
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "expected.tsv")))
        {
            int tab = line.IndexOf('\t');
            if (tab > 0) yield return [line[..tab], line[(tab + 1)..]];
        }
    }

    private static string Capture()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Mako.sln"))) d = d.Parent;
        return Path.Combine(d!.FullName, "tests", "captures", "filters", "filters.pcap");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_agrees_with_tshark(string filter, string expected)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int rc = Program.Run(["-r", Capture(), "-Y", filter, "-T", "fields", "-e", "frame.number"], new CliIo(o, e));
        string actual;
        if (rc != 0 || e.ToString().Length > 0)
            actual = "error: " + e.ToString().Replace("mako: ", "").Replace("\n", "\\n");
        else
            actual = "frames: " + string.Join(',', o.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected, actual);
    }
}
