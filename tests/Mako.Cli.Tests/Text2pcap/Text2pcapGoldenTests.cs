using Mako.Cli.Tests.ToolGolden;

namespace Mako.Cli.Tests.Text2pcap;

/// <summary>Every line of cases.tsv, compared with what Wireshark 4.0's text2pcap did (golden/).</summary>
public class Text2pcapGoldenTests
{
    public static IEnumerable<object[]> Cases() => GoldenCase.Load("Text2pcap");

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Matches_text2pcap(GoldenCase c) => GoldenRunner.Check(c);
}
