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

    public static TheoryData<string> Cases() => RecordedRuns.Names(Dir);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_tshark(string name)
        => RecordedRuns.AssertMatchesRecording(Dir, name, firstErrorLineOnly: name.StartsWith("list-", StringComparison.Ordinal));

    internal static (int Code, string Out, string Err) Run(string capture, params string[] args) => RecordedRuns.Run(capture, args);
}
