using Mako.Engine.Dissection;

namespace Mako.Protocols.Tests.Mail;

/// <summary>
/// MIME multipart, SMTP and POP against tshark 4.0, every pop/smtp/imf/mime_multipart/media field plus the Protocol
/// and Info columns, packet by packet, on crafted captures (tests/captures/make-mime-captures.py: multipart
/// variants, SMTP AUTH/BDAT/EOM edge cases, POP edge cases) and captures of real software
/// (tests/captures/make-mail-real-captures.sh: curl against aiosmtpd and dovecot). Expected values are tshark's
/// (Expected/record-mime.sh), except the rows of Expected/&lt;capture&gt;.right.tsv: frames where tshark 4.0 is wrong
/// and mako is right (docs/differences.md, "POP: message in the +OK segment" and "POP: SASL challenge").
/// </summary>
public class MimeGoldenTests
{
    static MimeGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static string Root => Robustness.MutationTests.RepoRoot();
    private static string ExpectedDir => Path.Combine(Root, "tests", "Mako.Protocols.Tests", "Mail", "Expected");
    private static string Capture(string name) => Path.Combine(Root, "tests", "captures", "mail", name + ".pcap");

    [Theory]
    [InlineData("mime-multipart", null)]
    [InlineData("smtp-edge", null)]
    [InlineData("pop-edge", null)]
    [InlineData("smtp-real-auth", null)]
    [InlineData("smtp-real-pipelining", null)]
    [InlineData("smtp-real-starttls", "frame.number <= 17")] // the TLS after it has no dissector in mako yet
    [InlineData("pop3-real", null)]
    public void Fields_match_tshark(string capture, string? filter)
    {
        var fields = File.ReadAllLines(Path.Combine(ExpectedDir, "fields-mime.txt")).Where(l => l.Length > 0).ToArray();
        var args = new List<string> { "-r", Capture(capture) };
        if (filter is not null) args.AddRange(["-Y", filter]);
        args.AddRange(["-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=,"]);
        foreach (var f in fields) args.AddRange(["-e", f]);
        var expected = File.ReadAllText(Path.Combine(ExpectedDir, capture + ".tsv")).Split('\n');
        // Rows where mako is right and tshark 4.0 is not, by frame number.
        var right = new Dictionary<string, string>();
        string rightFile = Path.Combine(ExpectedDir, capture + ".right.tsv");
        if (File.Exists(rightFile))
        {
            foreach (var line in File.ReadAllLines(rightFile).Skip(1))
                if (line.Length > 0) right[line.Split('\t')[0]] = line;
        }
        var actual = MailGoldenTests.Run([.. args]).Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        var wrong = new List<string>();
        int overridden = 0;
        for (int row = 0; row < expected.Length; row++)
        {
            string want = expected[row];
            string frame = want.Split('\t')[0];
            if (row > 0 && right.TryGetValue(frame, out var r))
            {
                want = r;
                overridden++;
            }
            var e = want.Split('\t');
            var a = actual[row].Split('\t');
            for (int col = 0; col < fields.Length; col++)
            {
                string ev = col < e.Length ? e[col] : "", av = col < a.Length ? a[col] : "";
                if (ev != av) wrong.Add($"row {row} {fields[col]}: expected '{ev}' mako '{av}'");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
        Assert.Equal(right.Count, overridden);
    }

    /// <summary>The -V text from "Internet Message Format" on (labels of parts, boundaries, media, data, gzip).</summary>
    [Theory]
    [InlineData(24)]
    [InlineData(58)]
    [InlineData(92)]
    [InlineData(160)]
    [InlineData(194)]
    [InlineData(230)]
    [InlineData(298)]
    [InlineData(332)]
    [InlineData(366)]
    [InlineData(400)]
    [InlineData(434)]
    public void Tree_matches_tshark(int frame)
    {
        string expected = File.ReadAllText(Path.Combine(ExpectedDir, $"mime-multipart-{frame}.V.txt"));
        string all = MailGoldenTests.Run("-r", Capture("mime-multipart"), "-Y", $"frame.number=={frame}", "-V");
        int at = all.IndexOf("Internet Message Format", StringComparison.Ordinal);
        Assert.True(at >= 0, all);
        Assert.Equal(expected, all[at..]);
    }
}
