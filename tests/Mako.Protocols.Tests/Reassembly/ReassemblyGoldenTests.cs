using Mako.Cli;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Tests.Reassembly;

/// <summary>
/// TCP reassembly against tshark 4.0 on tests/captures/reassembly/finger.pcap (made by
/// tests/captures/make-reassembly-captures.py): line-based and until-FIN PDUs, retransmitted, out-of-order and
/// snapped segments. Expected output recorded by Expected/record.sh.
/// </summary>
public class ReassemblyGoldenTests
{
    static ReassemblyGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static string Root => Robustness.MutationTests.RepoRoot();
    private static string ExpectedDir => Path.Combine(Root, "tests", "Mako.Protocols.Tests", "Reassembly", "Expected");
    private static string Capture(string name) => Path.Combine(Root, "tests", "captures", "reassembly", name + ".pcap");

    private static string Run(params string[] args) => FieldTables.Run(args);

    [Theory]
    [InlineData("finger", "finger", "")]
    [InlineData("finger.no-desegment", "finger", "tcp.desegment_tcp_streams:FALSE")]
    public void Fields_match_tshark(string expectedName, string capture, string pref)
    {
        var fields = FieldTables.ReadFieldList(Path.Combine(ExpectedDir, "fields-reassembly.txt"));
        var args = FieldTables.Arguments(Capture(capture), fields, pref.Length > 0 ? ["-o", pref] : []);
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, expectedName + ".tsv")).Split('\n');
        FieldTables.AssertSameCells(fields, expected, Run(args).Split('\n'));
    }

    [Fact]
    public void Verbose_text_and_reassembled_hex_match_tshark()
    {
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, "finger.V.txt"));
        var actual = Run("-r", Capture("finger"), "-V", "-x", "-c", "20");
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
            Assert.True(e[i] == a[i], $"line {i + 1}: tshark '{e[i]}' mako '{a[i]}'");
        Assert.Equal(e.Length, a.Length);
    }
}
