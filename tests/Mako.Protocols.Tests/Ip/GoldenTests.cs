using Mako.Cli;
using Mako.Protocols.Tests.Robustness;

namespace Mako.Protocols.Tests.Ip;

/// <summary>
/// The network-layer captures made by tests/captures/make-ip-captures.py, dissected by mako, must give the field
/// values tshark 4.0 gave (recorded in Expected/ by record-expected.sh). Protocol and Info are compared for frames
/// whose top protocol is IPv4/IPv6/ICMP/ICMPv6/IGMP; frame.protocols when every layer is one this suite covers.
/// </summary>
public class GoldenTests
{
    private static readonly HashSet<string> OwnProtocols = ["IPv4", "IPv6", "IP", "ICMP", "ICMPv6", "IGMP", "IGMPv1", "IGMPv2", "IGMPv3"];
    private static readonly HashSet<string> CoveredLayers = ["eth", "ethertype", "ip", "ipv6", "ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "icmp", "icmpv6", "igmp", "data", "udp", "tcp"];

    public static IEnumerable<object[]> Captures() =>
        new[] { "ipv4", "ipv4-frag", "ipv6", "ipv6-frag", "icmp", "icmpv6", "igmp", "truncated" }.Select(n => new object[] { n });

    private static string Dir => Path.Combine(MutationTests.RepoRoot(), "tests", "Mako.Protocols.Tests", "Ip", "Expected");

    internal static string[] Fields() =>
        File.ReadAllLines(Path.Combine(Dir, "fields.txt")).Where(l => l.Length > 0 && l[0] != '#').ToArray();

    internal static string[] RunMako(string capture, string[] fields)
    {
        var args = new List<string> { "-r", capture, "-T", "fields", "-E", "occurrence=a" };
        foreach (var f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        int rc = Program.Run([.. args], new CliIo(stdout, stderr));
        Assert.True(rc == 0, $"mako exited {rc}: {stderr}");
        return stdout.ToString().Split('\n', StringSplitOptions.None)[..^1];
    }

    private static string Sorted(string v) => string.Join(",", v.Split(',').Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Captures))]
    public void Fields_match_tshark(string name)
    {
        var fields = Fields();
        string capture = Path.Combine(MutationTests.RepoRoot(), "tests", "captures", "ip", name + ".pcap");
        var expected = File.ReadAllLines(Path.Combine(Dir, name + ".tsv"));
        var actual = RunMako(capture, fields);
        Assert.Equal(expected.Length, actual.Length);
        var problems = new List<string>();
        int protoCol = Array.IndexOf(fields, "_ws.col.Protocol");
        int layersCol = Array.IndexOf(fields, "frame.protocols");
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i].Split('\t');
            var a = actual[i].Split('\t');
            bool own = OwnProtocols.Contains(e[protoCol]);
            bool covered = e[layersCol].Split(':').All(CoveredLayers.Contains);
            // How TCP shows the 8 bytes an ICMP error quotes is the TCP dissector's business (tested there).
            bool quotedTcp = e[layersCol].Contains("icmp:ip:tcp", StringComparison.Ordinal);
            for (int j = 0; j < fields.Length; j++)
            {
                string f = fields[j];
                string ev = j < e.Length ? e[j] : "", av = j < a.Length ? a[j] : "";
                if (f is "_ws.col.Protocol" or "_ws.col.Info" && (!own || quotedTcp)) continue;
                if (f is "frame.protocols" or "data.len" && (!covered || quotedTcp)) continue;
                if ((f.StartsWith("_ws.expert", StringComparison.Ordinal) || f == "_ws.malformed") && (!own || quotedTcp)) continue;
                // -T fields lists expert items in tree order; mako lists them in the order they were raised, which
                // differs when a link-layer trailer note is added after the payload (compared as multisets here).
                if (f is "_ws.expert.message" or "_ws.expert.severity") (ev, av) = (Sorted(ev), Sorted(av));
                if (ev != av) problems.Add($"frame {i + 1} {f}: tshark '{ev}' mako '{av}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
