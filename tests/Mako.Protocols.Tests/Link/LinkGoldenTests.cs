using Mako.Cli;
using Mako.Engine.Dissection;
using Mako.Protocols.Tests.Robustness;

namespace Mako.Protocols.Tests.Link;

/// <summary>
/// `mako -T fields` on the link-layer test captures (tests/captures/link, made by make-link-captures.py) must print
/// exactly what tshark 4.0 printed for them (Expected/*.tsv, recorded by record-expected.sh): every link-layer field
/// plus the Protocol, Info, Source and Destination columns and expert messages.
/// </summary>
public class LinkGoldenTests
{
    /// <summary>
    /// Cells where Mako deliberately differs from tshark (docs/differences.md): (capture, frame, field) → Mako's value.
    /// </summary>
    private static readonly Dictionary<(string File, int Frame, string Field), string> KnownDifferences = new()
    {
        // tshark 4.0 reads the SLL2 packet type as 16 bits (packet type and address length together) for Info.
        [("sll2.pcap", 11, "_ws.col.Info")] = "Unicast to us",
        [("sll2.pcap", 12, "_ws.col.Info")] = "Unicast to us",
        [("sll2.pcap", 13, "_ws.col.Info")] = "Unicast to us",
    };

    /// <summary>
    /// Cells Mako cannot match yet: Wireshark declares llc.control.ftype twice (FT_UINT8 for U frames, FT_UINT16 for I
    /// and S frames) and prints each with its own width; Mako's registry holds one declaration (the U-frame one).
    /// </summary>
    private static readonly Dictionary<(string File, int Frame, string Field), string> Limitations = new()
    {
        [("ieee8023.pcap", 8, "llc.control.ftype")] = "0x01",
        [("ieee8023.pcap", 9, "llc.control.ftype")] = "0x01",
        [("ieee8023.pcap", 10, "llc.control.ftype")] = "0x01",
        [("ieee8023.pcap", 11, "llc.control.ftype")] = "0x01",
        [("ieee8023.pcap", 12, "llc.control.ftype")] = "0x00",
    };

    public static IEnumerable<object[]> Captures() =>
        Directory.EnumerateFiles(Path.Combine(MutationTests.RepoRoot(), "tests", "Mako.Protocols.Tests", "Link", "Expected"), "*.tsv")
            .Order().Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(Captures))]
    public void Fields_match_tshark(string capture)
    {
        string root = MutationTests.RepoRoot();
        string here = Path.Combine(root, "tests", "Mako.Protocols.Tests", "Link");
        var fields = File.ReadAllLines(Path.Combine(here, "fields.txt")).Where(l => l.Length > 0).ToArray();
        var args = new List<string> { "-r", Path.Combine(root, "tests", "captures", "link", capture), "-T", "fields", "-E", "header=y", "-E", "occurrence=a" };
        if (capture.StartsWith("null-", StringComparison.Ordinal) || capture.StartsWith("loop", StringComparison.Ordinal) || capture.StartsWith("raw", StringComparison.Ordinal))
        {
            // Recorded with IP and IPv6 disabled so that only the link layer is measured.
            foreach (var p in new[] { "ip", "ipv6" })
            {
                if (ProtocolSet.Default.ForProtocol(p) is not null) args.AddRange(["--disable-protocol", p]);
            }
        }
        foreach (var f in fields) args.AddRange(["-e", f]);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = Program.Run([.. args], new CliIo(stdout, stderr));
        Assert.True(rc == 0, stderr.ToString());

        var expected = File.ReadAllLines(Path.Combine(here, "Expected", capture + ".tsv"));
        var actual = stdout.ToString().Split('\n');
        if (actual.Length > 0 && actual[^1].Length == 0) actual = actual[..^1];
        var problems = new List<string>();
        if (expected.Length != actual.Length) problems.Add($"{expected.Length - 1} frames expected, {actual.Length - 1} printed");
        for (int line = 1; line < Math.Min(expected.Length, actual.Length); line++)
        {
            var e = expected[line].Split('\t');
            var a = actual[line].Split('\t');
            for (int i = 0; i < fields.Length; i++)
            {
                string ev = i < e.Length ? e[i] : "";
                string av = i < a.Length ? a[i] : "";
                if (KnownDifferences.TryGetValue((capture, line, fields[i]), out var known)) ev = known;
                if (Limitations.TryGetValue((capture, line, fields[i]), out var limited)) ev = limited;
                if (ev != av) problems.Add($"frame {line} {fields[i]}: tshark '{ev}' mako '{av}'");
            }
        }
        Assert.True(problems.Count == 0, $"{capture}:\n" + string.Join('\n', problems.Take(40)));
    }
}
