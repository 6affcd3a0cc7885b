using Mako.Cli.Tests.Output;

namespace Mako.Cli.Tests.Mail;

/// <summary>
/// `-z credentials` and the `--export-objects` option checks against tshark 4.0's recorded stdout, stderr and exit
/// code (Expected/, made by record-expected.py from cases.tsv on the captures make-mailcli-captures.py and
/// make-mail-captures.py write). Exact.
/// </summary>
public class MailGoldenTests
{
    static MailGoldenTests() => TestEnvironment.UseUtc();

    internal static string Dir => Path.Combine(TestEnvironment.RepoRoot, "tests", "Mako.Cli.Tests", "Mail");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadCases()) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_tshark(string name)
    {
        var c = ReadCases().Single(x => x.Name == name);
        string baseName = Path.Combine(Dir, "Expected", name);
        string expectedOut = File.ReadAllText(baseName + ".out");
        string expectedErr = File.ReadAllText(baseName + ".err");
        int expectedCode = int.Parse(File.ReadAllText(baseName + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var (code, stdout, stderr) = Run(c.Capture, c.Args);

        Assert.True(expectedCode == code, $"exit {code}, tshark {expectedCode}: {stderr}");
        GoldenOutputTests.AssertSameLines(expectedOut, stdout);
        if (name.StartsWith("list-", StringComparison.Ordinal))
            Assert.Equal(expectedErr.Split('\n')[0], stderr.Split('\n')[0]);
        else
            Assert.Equal(expectedErr, stderr);
    }

    internal static (int Code, string Out, string Err) Run(string capture, params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        string path = Path.Combine(TestEnvironment.RepoRoot, "tests", "captures", capture);
        int code = Program.Run(["-r", path, .. args], new CliIo(o, e));
        return (code, o.ToString(), e.ToString());
    }

    private sealed record Case(string Name, string Capture, string[] Args);

    private static IEnumerable<Case> ReadCases()
    {
        foreach (var line in File.ReadLines(Path.Combine(Dir, "cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            var args = cols.Length > 2 ? cols[2].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            yield return new Case(cols[0], cols[1], args);
        }
    }
}
