using System.Globalization;

namespace Mako.Cli.Tests.Capinfos;

/// <summary>
/// `mako capinfos` against what Wireshark's capinfos 4.0 printed for the same command (cases.tsv, golden/, recorded
/// by record-goldens.sh from the captures made by tests/captures/make-capinfos-captures.py).
/// </summary>
public sealed class CapinfosGoldenTests
{
    static CapinfosGoldenTests() => CapinfosTestEnv.UseUtc();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(CapinfosTestEnv.TestDir, "cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t', 2);
            data.Add(parts[0], parts.Length > 1 ? parts[1] : "");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_capinfos(string name, string arguments)
    {
        string inDir = CapinfosTestEnv.CaptureDir;
        string[] args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.Replace("{IN}", inDir, StringComparison.Ordinal)).ToArray();
        var (rc, stdout, stderr) = CapinfosTestEnv.Run(args);

        string gold = Path.Combine(CapinfosTestEnv.TestDir, "golden", name);
        string Norm(string s) => s.Replace(inDir, "{IN}", StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(gold + ".out"), Norm(stdout));
        Assert.Equal(File.ReadAllText(gold + ".err"), Norm(stderr));
        Assert.Equal(int.Parse(File.ReadAllText(gold + ".rc").Trim(), CultureInfo.InvariantCulture), rc);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-c -h")]
    public void Help_has_capinfos_usage_under_a_Mako_header(string arguments)
    {
        var (rc, stdout, stderr) = CapinfosTestEnv.Run(arguments.Split(' '));
        Assert.Equal(0, rc);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n');
        Assert.StartsWith("Capinfos (Mako) ", lines[0]);
        Assert.Equal("Print various information (infos) about capture files.", lines[1]);
        string usage = string.Join('\n', lines.Skip(3));
        Assert.Equal(File.ReadAllText(Path.Combine(CapinfosTestEnv.TestDir, "golden", "capinfos-usage.txt")), usage);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("--version")]
    public void Version_names_Mako(string flag)
    {
        var (rc, stdout, _) = CapinfosTestEnv.Run([flag]);
        Assert.Equal(0, rc);
        Assert.StartsWith($"Capinfos (Mako) {Program.Version}.\n", stdout);
    }
}
