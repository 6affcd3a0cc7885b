using System.Text;

namespace Mako.Cli.Tests.Output;

/// <summary>
/// Mako's output modes against tshark 4.0's recorded output (Expected/*.txt, made by record-expected.sh from the cases
/// in cases.tsv on the captures tests/captures/make-output-captures.py writes). The comparison is exact, except the
/// PDML/PSML header line that names the program and the time of the run.
/// </summary>
public class GoldenOutputTests
{
    static GoldenOutputTests() => TestEnvironment.UseUtc();

    public static TheoryData<string> Cases() => Names(pending: false);
    public static TheoryData<string> PendingCases() => Names(pending: true);

    private static TheoryData<string> Names(bool pending)
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadCases())
            if ((c.Pending is not null) == pending) data.Add(c.Name);
        if (data.Count == 0) data.Add("");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_tshark(string name) => Check(name);

    /// <summary>Cases whose remaining difference is a dissector's (see the "pending:" note in cases.tsv).</summary>
    [Theory(Skip = "waits for a dissector change named in cases.tsv")]
    [MemberData(nameof(PendingCases))]
    public void Output_matches_tshark_once_dissectors_land(string name) => Check(name);

    private static void Check(string name)
    {
        if (name.Length == 0) return;
        var c = ReadCases().Single(x => x.Name == name);
        string expected = File.ReadAllText(Path.Combine(OutputDir, "Expected", name + ".txt"));
        var (code, stdout, stderr) = Run(c.Capture, c.Args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        AssertSameLines(Normalize(expected), Normalize(stdout));
    }

    internal static (int Code, string Out, string Err) Run(string capture, IEnumerable<string> args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        string path = Path.Combine(TestEnvironment.RepoRoot, "tests", "captures", capture);
        int code = Program.Run(["-r", path, .. args], new CliIo(o, e));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Reports the first differing line with its number, which a whole-text Assert.Equal hides.</summary>
    internal static void AssertSameLines(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            Assert.True(a[i] == b[i], $"line {i + 1}:\n  tshark: {a[i]}\n  mako:   {b[i]}");
        Assert.Equal(a.Length, b.Length);
    }

    /// <summary>The PDML/PSML root element names the program, its version, the time and the file: not compared.</summary>
    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var line in s.Split('\n'))
        {
            if (line.StartsWith("<pdml version=", StringComparison.Ordinal)) sb.Append("<pdml ...>");
            else if (line.StartsWith("<psml version=", StringComparison.Ordinal)) sb.Append("<psml ...>");
            else sb.Append(line);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string OutputDir => Path.Combine(TestEnvironment.RepoRoot, "tests", "Mako.Cli.Tests", "Output");

    private sealed record Case(string Name, string Capture, string[] Args, string? Pending);

    private static IEnumerable<Case> ReadCases()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(OutputDir, "cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            yield return new Case(cols[0], cols[1], SplitArgs(cols.Length > 2 ? cols[2] : ""), cols.Length > 3 ? cols[3] : null);
        }
    }

    /// <summary>Splits like a shell for the simple cases the manifest uses (spaces, double quotes).</summary>
    internal static string[] SplitArgs(string s)
    {
        var args = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in s)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any) args.Add(cur.ToString());
                cur.Clear();
                any = false;
                continue;
            }
            cur.Append(c);
            any = true;
        }
        if (any) args.Add(cur.ToString());
        return args.ToArray();
    }
}
