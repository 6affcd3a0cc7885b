namespace Mako.Cli.Tests.Output;

/// <summary>
/// Cases of `mako -r CAPTURE ARGS...` listed in a folder's cases file (name, capture under tests/captures, arguments,
/// tab-separated) and what tshark 4.0 did with each, recorded beside it as Expected/NAME.out, .err and .rc.
/// </summary>
internal static class RecordedRuns
{
    internal sealed record Case(string Name, string Capture, string[] Args);

    public static IEnumerable<Case> Read(string dir, string file = "cases.tsv")
    {
        foreach (var line in File.ReadLines(Path.Combine(dir, file)))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            var args = cols.Length > 2 ? cols[2].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            yield return new Case(cols[0], cols[1], args);
        }
    }

    public static TheoryData<string> Names(string dir, string file = "cases.tsv")
    {
        var data = new TheoryData<string>();
        foreach (var c in Read(dir, file)) data.Add(c.Name);
        return data;
    }

    public static (int Code, string Out, string Err) Run(string capture, params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        string path = Path.Combine(TestEnvironment.RepoRoot, "tests", "captures", capture);
        int code = Program.Run(["-r", path, .. args], new CliIo(o, e));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// Runs the named case and compares exit code and stdout exactly, and stderr exactly or, where tshark's later
    /// lines are not Mako's business (a list of choices), only its first line.
    /// </summary>
    public static void AssertMatchesRecording(string dir, string name, bool firstErrorLineOnly, Func<string, string>? normaliseError = null)
    {
        var c = Read(dir).Single(x => x.Name == name);
        string baseName = Path.Combine(dir, "Expected", name);
        string expectedOut = File.ReadAllText(baseName + ".out");
        string expectedErr = File.ReadAllText(baseName + ".err");
        int expectedCode = int.Parse(File.ReadAllText(baseName + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var (code, stdout, stderr) = Run(c.Capture, c.Args);
        if (normaliseError is not null) stderr = normaliseError(stderr);

        Assert.True(expectedCode == code, $"exit {code}, tshark {expectedCode}: {stderr}");
        GoldenOutputTests.AssertSameLines(expectedOut, stdout);
        if (firstErrorLineOnly)
            Assert.Equal(expectedErr.Split('\n')[0], stderr.Split('\n')[0]);
        else
            Assert.Equal(expectedErr, stderr);
    }
}
