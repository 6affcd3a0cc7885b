using Mako.Cli.Tests.ToolGolden;

namespace Mako.Cli.Tests.Mergecap;

/// <summary>Every line of cases.tsv, compared with what Wireshark 4.0's mergecap did (golden/).</summary>
public class MergecapGoldenTests
{
    public static IEnumerable<object[]> Cases() => GoldenCase.Load("Mergecap");

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Matches_mergecap(GoldenCase c) => GoldenRunner.Check(c);
}
