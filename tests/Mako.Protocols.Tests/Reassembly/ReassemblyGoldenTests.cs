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

    private static string Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        int rc = Program.Run(args, new CliIo(stdout, stderr));
        Assert.True(rc == 0, stderr.ToString());
        return stdout.ToString();
    }

    [Theory]
    [InlineData("finger", "finger", "")]
    [InlineData("finger.no-desegment", "finger", "tcp.desegment_tcp_streams:FALSE")]
    public void Fields_match_tshark(string expectedName, string capture, string pref)
    {
        var fields = File.ReadAllLines(Path.Combine(ExpectedDir, "fields-reassembly.txt")).Where(l => l.Length > 0).ToArray();
        var args = new List<string> { "-r", Capture(capture), "-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=," };
        if (pref.Length > 0) args.AddRange(["-o", pref]);
        foreach (var f in fields) args.AddRange(["-e", f]);
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, expectedName + ".tsv")).Split('\n');
        var actual = Run([.. args]).Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        var wrong = new List<string>();
        for (int row = 0; row < expected.Length; row++)
        {
            var e = expected[row].Split('\t');
            var a = actual[row].Split('\t');
            for (int col = 0; col < fields.Length; col++)
            {
                string ev = col < e.Length ? e[col] : "", av = col < a.Length ? a[col] : "";
                if (ev != av) wrong.Add($"frame {row} {fields[col]}: tshark '{ev}' mako '{av}'");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
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
