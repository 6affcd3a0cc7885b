using Mako.Cli.Tests.Output;

namespace Mako.Cli.Tests.Stats;

/// <summary>
/// `-z conv,...` and `-z endpoints,...` against tshark 4.0's recorded stdout, stderr and exit code (Expected/, made by
/// record-expected.py from cases.tsv on tests/captures/stats/conv.pcap, which make-stats-captures.py writes). Exact.
/// </summary>
public class StatsGoldenTests
{
    static StatsGoldenTests() => TestEnvironment.UseUtc();

    public static TheoryData<string> Cases() => RecordedRuns.Names(Dir);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_tshark(string name)
        => RecordedRuns.AssertMatchesRecording(Dir, name, firstErrorLineOnly: name.StartsWith("invalid-", StringComparison.Ordinal),
            err => err.Replace(Path.Combine(TestEnvironment.RepoRoot, "tests", "captures") + "/", "", StringComparison.Ordinal));

    private static string Dir => Path.Combine(TestEnvironment.RepoRoot, "tests", "Mako.Cli.Tests", "Stats");
}
