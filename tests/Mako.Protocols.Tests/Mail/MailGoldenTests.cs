using Mako.Cli;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Tests.Mail;

/// <summary>
/// POP, SMTP and IMF against tshark 4.0 on captures of real clients and servers talking on loopback
/// (tests/captures/make-mail-captures.py): every field of Expected/fields-*.txt, packet by packet. Expected output
/// recorded by Expected/record.sh.
/// </summary>
public class MailGoldenTests
{
    static MailGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static string Root => Robustness.MutationTests.RepoRoot();
    private static string ExpectedDir => Path.Combine(Root, "tests", "Mako.Protocols.Tests", "Mail", "Expected");
    private static string Capture(string name) => Path.Combine(Root, "tests", "captures", "mail", name + ".pcap");

    internal static string Run(params string[] args) => FieldTables.Run(args);

    [Theory]
    [InlineData("pop3", "pop")]
    [InlineData("smtp", "smtp")]
    public void Fields_match_tshark(string capture, string proto)
    {
        var fields = FieldTables.ReadFieldList(Path.Combine(ExpectedDir, $"fields-{proto}.txt"));
        var args = FieldTables.Arguments(Capture(capture), fields);
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, capture + ".tsv")).Split('\n');
        // Rows where mako is right and tshark 4.0 is not (docs/differences.md), recorded from mako by record.sh.
        string rightFile = Path.Combine(ExpectedDir, capture + ".right.tsv");
        if (File.Exists(rightFile))
        {
            foreach (var line in File.ReadAllLines(rightFile).Skip(1).Where(l => l.Length > 0))
            {
                string frame = line.Split('\t')[0];
                int row = Array.FindIndex(expected, l => l.Split('\t')[0] == frame);
                Assert.True(row > 0, $"frame {frame} of {rightFile} not in the capture");
                expected[row] = line;
            }
        }
        FieldTables.AssertSameCells(fields, expected, Run(args).Split('\n'));
    }
}
