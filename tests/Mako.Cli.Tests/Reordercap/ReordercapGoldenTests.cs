using Mako.Cli.Tests.ToolGolden;

namespace Mako.Cli.Tests.Reordercap;

/// <summary>Every line of cases.tsv, compared with what Wireshark 4.0's reordercap did (golden/).</summary>
public class ReordercapGoldenTests
{
    public static IEnumerable<object[]> Cases() => GoldenCase.Load("Reordercap");

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Matches_reordercap(GoldenCase c) => GoldenRunner.Check(c);
}
