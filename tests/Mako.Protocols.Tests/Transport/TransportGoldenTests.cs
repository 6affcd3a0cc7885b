using Mako.Cli;
using Mako.Engine.Dissection;

namespace Mako.Protocols.Tests.Transport;

/// <summary>
/// Golden tests for TCP, UDP, GRE and VXLAN: `mako -T fields` on the captures made by
/// tests/captures/make-transport-captures.py must print, cell by cell, what tshark 4.0 printed (recorded in
/// Expected/*.tsv by Expected/record.sh). Cells that depend on protocols not implemented yet, or on tshark's
/// tree-order printing of fields, are listed in <see cref="Known"/> with the reason.
/// </summary>
public class TransportGoldenTests
{
    static TransportGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    /// <summary>(capture, frame, column) cells that may differ, and why.</summary>
    private static readonly Dictionary<(string, int, string), string> Known = new()
    {
        // tshark prints an FT_BYTES item of length 0 (options entirely cut off) as "<MISSING>".
        [("tcp-malformed", 8, "tcp.options")] = "<MISSING> for empty bytes items is not reproduced",
        [("prefixes", 21, "tcp.options")] = "<MISSING> for empty bytes items is not reproduced",
        [("prefixes", 62, "tcp.options")] = "<MISSING> for empty bytes items is not reproduced",
        // tshark lists fields in tree order: the Ethernet trailer's note (added after TCP threw) comes first.
        [("tcp-malformed", 9, "_ws.expert.message")] = "fields are printed in insertion order, not tree order",
        // WireGuard's UDP heuristic reads 4 bytes unchecked and throws on 1-3 captured payload bytes.
        [("prefixes", 124, "frame.protocols")] = "WireGuard heuristic not implemented",
        [("prefixes", 124, "_ws.col.Info")] = "WireGuard heuristic not implemented",
        [("prefixes", 125, "frame.protocols")] = "WireGuard heuristic not implemented",
        [("prefixes", 125, "_ws.col.Info")] = "WireGuard heuristic not implemented",
        [("prefixes", 126, "frame.protocols")] = "WireGuard heuristic not implemented",
        [("prefixes", 126, "_ws.col.Info")] = "WireGuard heuristic not implemented",
        // Inner IPv4 cut inside its header: IPv4's own behaviour (Protocol column, layer entry), not transport's.
        [("prefixes", 141, "frame.protocols")] = "inner IPv4 truncation is the IPv4 dissector's",
        [("prefixes", 203, "frame.protocols")] = "inner IPv4 truncation is the IPv4 dissector's",
        [("prefixes", 203, "_ws.col.Protocol")] = "inner IPv4 truncation is the IPv4 dissector's",
        [("prefixes", 203, "_ws.col.Info")] = "inner IPv4 truncation is the IPv4 dissector's",
        // PPP (GRE protocol type 0x880b) is not implemented: its payload shows as data.
        [("gre", 7, "frame.protocols")] = "PPP not implemented",
        [("gre", 7, "_ws.col.Protocol")] = "PPP not implemented",
        [("gre", 7, "_ws.col.Info")] = "PPP not implemented",
        [("gre", 7, "_ws.expert.message")] = "PPP not implemented",
        [("gre", 7, "_ws.malformed")] = "PPP not implemented",
        [("gre", 7, "data.data")] = "PPP not implemented",
    };

    /// <summary>(expected file, fields file, capture, extra flags).</summary>
    public static IEnumerable<object[]> Cases() =>
    [
        ["tcp-handshake", "fields-tcp.txt", "tcp-handshake", ""],
        ["tcp-options", "fields-tcp.txt", "tcp-options", ""],
        ["tcp-analysis", "fields-tcp.txt", "tcp-analysis", ""],
        ["tcp-malformed", "fields-tcp.txt", "tcp-malformed", ""],
        ["prefixes", "fields-tcp.txt", "prefixes", ""],
        ["udp", "fields-udp.txt", "udp", ""],
        ["gre", "fields-tunnel.txt", "gre", ""],
        ["vxlan", "fields-tunnel.txt", "vxlan", ""],
        ["geneve", "fields-geneve.txt", "geneve", ""],
        ["gtp", "fields-gtp.txt", "gtp", ""],
        ["tcp-handshake.checksum-absolute", "fields-tcp.txt", "tcp-handshake", "-o tcp.check_checksum:TRUE -o tcp.relative_sequence_numbers:FALSE"],
        ["tcp-analysis.no-analysis", "fields-tcp.txt", "tcp-analysis", "-o tcp.analyze_sequence_numbers:FALSE"],
        ["udp.checksum", "fields-udp.txt", "udp", "-o udp.check_checksum:TRUE"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fields_match_tshark(string expectedName, string fieldsFile, string capture, string flags)
    {
        string expectedDir = ExpectedDir;
        var fields = FieldTables.ReadFieldList(Path.Combine(expectedDir, fieldsFile));
        string pcap = Path.Combine(Robustness.MutationTests.RepoRoot(), "tests", "captures", "transport", capture + ".pcap");
        var args = FieldTables.Arguments(pcap, fields, flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var expected = File.ReadAllText(Path.Combine(expectedDir, expectedName + ".tsv")).Split('\n');
        FieldTables.AssertSameCells(fields, expected, FieldTables.Run(args).Split('\n'),
            (row, field) => Known.ContainsKey((expectedName, row, field)));
    }

    private static string ExpectedDir =>
        Path.Combine(Robustness.MutationTests.RepoRoot(), "tests", "Mako.Protocols.Tests", "Transport", "Expected");

    [Fact]
    public void Known_differences_name_real_captures_and_columns()
    {
        // A typo in the list would silently excuse nothing; every entry must name a case and one of its columns.
        foreach (var group in Known.Keys.GroupBy(k => k.Item1))
        {
            var fields = File.ReadAllLines(Path.Combine(ExpectedDir,
                Cases().First(c => (string)c[0] == group.Key)[1].ToString()!)).Where(l => l.Length > 0).ToArray();
            Assert.All(group, k => Assert.Contains(k.Item3, fields));
        }
    }
}
