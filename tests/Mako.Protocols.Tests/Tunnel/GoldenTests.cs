using Mako.Protocols.Tests.Robustness;

namespace Mako.Protocols.Tests.Tunnel;

/// <summary>
/// PPPoE session, PPP and MPLS captures made by tests/captures/make-tunnel-captures.py, dissected by mako, must give
/// the field values tshark 4.0 gave (Expected/, recorded by record-expected.sh). Columns, frame.protocols and data.len
/// are skipped on frames where tshark dissected a protocol Mako does not have (PPP LCP).
/// </summary>
public class GoldenTests
{
    private static readonly HashSet<string> Covered = ["eth", "ethertype", "pppoes", "ppp", "chdlc", "mpls", "ip", "ipv6", "udp", "icmp", "data"];

    public static IEnumerable<object[]> Captures() => new[] { "pppoe", "ppp", "mpls", "chdlc" }.Select(n => new object[] { n });

    private static string Dir => Path.Combine(MutationTests.RepoRoot(), "tests", "Mako.Protocols.Tests", "Tunnel", "Expected");

    [Theory]
    [MemberData(nameof(Captures))]
    public void Fields_match_tshark(string name)
    {
        var fields = File.ReadAllLines(Path.Combine(Dir, "fields.txt")).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        string capture = Path.Combine(MutationTests.RepoRoot(), "tests", "captures", "tunnel", name + ".pcap");
        var expected = File.ReadAllLines(Path.Combine(Dir, name + ".tsv"));
        var actual = Ip.GoldenTests.RunMako(capture, fields);
        Assert.Equal(expected.Length, actual.Length);
        int layersCol = Array.IndexOf(fields, "frame.protocols");
        var problems = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i].Split('\t');
            var a = actual[i].Split('\t');
            bool covered = e[layersCol].Split(':').All(Covered.Contains);
            for (int j = 0; j < fields.Length; j++)
            {
                string f = fields[j];
                if (!covered && (f.StartsWith("_ws.col.", StringComparison.Ordinal) || f is "frame.protocols" or "data.len")) continue;
                string ev = j < e.Length ? e[j] : "", av = j < a.Length ? a[j] : "";
                if (ev != av) problems.Add($"frame {i + 1} {f}: tshark '{ev}' mako '{av}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
