using Mako.Cli.Tests.ToolGolden;

namespace Mako.Cli.Tests.Editcap;

/// <summary>Every line of cases.tsv, compared with what Wireshark 4.0's editcap did (golden/).</summary>
public class EditcapGoldenTests
{
    public static IEnumerable<object[]> Cases() => GoldenCase.Load("Editcap");

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Matches_editcap(GoldenCase c) => GoldenRunner.Check(c);
}
