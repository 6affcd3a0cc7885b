using Mako.Engine.Dissection;

namespace Mako.Protocols.Tests.Mail;

/// <summary>
/// IMAP (and the IMF it hands FETCH literals to) against tshark 4.0: curl, python's imaplib and a scripted client
/// talking to dovecot (tests/captures/make-imap-captures.py) and crafted edge cases
/// (tests/captures/make-imap-edge-captures.py). Every field of Expected/fields-imap.txt, packet by packet, and the
/// -V -O imap,imf text. Expected output recorded by Expected/record-imap.sh; frames tshark hands to TLS are left out
/// with the same display filters (Mako has no TLS dissector yet).
/// </summary>
public class ImapGoldenTests
{
    static ImapGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static string Root => Robustness.MutationTests.RepoRoot();
    private static string ExpectedDir => Path.Combine(Root, "tests", "Mako.Protocols.Tests", "Mail", "Expected");
    private static string Capture(string name) => Path.Combine(Root, "tests", "captures", "mail", name + ".pcap");

    private const string NoTls = "!(frame.number in {38,45,46})";

    /// <summary>
    /// Where Mako is deliberately right and tshark 4.0 is not (docs/differences.md): tshark drops the first and last
    /// character of an unquoted LOGIN password ("wonderland" shown as "onderlan").
    /// </summary>
    private static readonly (string Capture, string Field, string Label, string Tshark, string Mako)[] KnownDifferences =
    [
        ("imap-raw", "imap.request.password", "Request Password", "onderlan", "wonderland"),
    ];

    /// <summary>tshark's value of a -T fields cell, or Mako's where they knowingly differ.</summary>
    private static string ExpectedCell(string capture, string field, string tshark)
    {
        foreach (var d in KnownDifferences)
            if (d.Capture == capture && d.Field == field && d.Tshark == tshark) return d.Mako;
        return tshark;
    }

    /// <summary>tshark's -V text with the known differences' tree lines replaced by Mako's.</summary>
    private static string ExpectedTree(string capture)
    {
        string text = File.ReadAllText(Path.Combine(ExpectedDir, capture + ".V.txt"));
        foreach (var d in KnownDifferences)
            if (d.Capture == capture) text = text.Replace($"{d.Label}: {d.Tshark}\n", $"{d.Label}: {d.Mako}\n", StringComparison.Ordinal);
        return text;
    }

    [Theory]
    [InlineData("imap-curl", "frame")]
    [InlineData("imap-imaplib", "frame")]
    [InlineData("imap-raw", "frame")]
    [InlineData("imap-starttls", "frame.number <= 11")]
    [InlineData("imap-edge", NoTls)]
    [InlineData("imap-8bit", "frame")]
    public void Fields_match_tshark(string capture, string filter)
    {
        var fields = FieldTables.ReadFieldList(Path.Combine(ExpectedDir, "fields-imap.txt"));
        var args = FieldTables.Arguments(Capture(capture), fields, "-Y", filter);
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, capture + ".tsv")).Split('\n');
        FieldTables.AssertSameCells(fields, expected, MailGoldenTests.Run(args).Split('\n'),
            expectedValue: (field, value) => ExpectedCell(capture, field, value));
    }

    [Theory]
    [InlineData("imap-imaplib", "frame")]
    [InlineData("imap-raw", "frame")]
    [InlineData("imap-edge", NoTls)]
    [InlineData("imap-8bit", "frame")]
    public void Tree_matches_tshark(string capture, string filter)
    {
        string expected = ExpectedTree(capture);
        string actual = MailGoldenTests.Run("-r", Capture(capture), "-Y", filter, "-V", "-O", "imap,imf");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void After_starttls_the_connection_is_no_longer_imap()
    {
        // Frame 11 is "A002 OK Begin TLS negotiation now."; tshark shows TLS after it, Mako (no TLS yet) data.
        var lines = MailGoldenTests.Run("-r", Capture("imap-starttls"), "-T", "fields", "-e", "frame.number", "-e", "frame.protocols", "-e", "tcp.len")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("11\teth:ethertype:ip:tcp:imap\t36", lines);
        var later = lines.Select(l => l.Split('\t')).Where(c => int.Parse(c[0]) > 11 && c[2] != "0").ToList();
        Assert.NotEmpty(later);
        Assert.All(later, c => Assert.Equal("eth:ethertype:ip:tcp:data", c[1]));
    }
}
