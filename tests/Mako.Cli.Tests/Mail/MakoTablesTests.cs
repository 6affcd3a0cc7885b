using Mako.Cli.Tests.Output;

namespace Mako.Cli.Tests.Mail;

/// <summary>Mako's own mail reports (-z credentials,full, -z smtp,stat, -z pop,stat) against reviewed snapshots.</summary>
public class MakoTablesTests
{
    public static TheoryData<string> Cases() => RecordedRuns.Names(MailGoldenTests.Dir, "mako-cases.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_snapshot(string name)
    {
        var c = RecordedRuns.Read(MailGoldenTests.Dir, "mako-cases.tsv").Single(x => x.Name == name);
        var (code, stdout, stderr) = MailGoldenTests.Run(c.Capture, c.Args);
        string expected = File.ReadAllText(Path.Combine(MailGoldenTests.Dir, "Expected", "mako-" + name + ".out"));
        Assert.Equal(expected, stdout + stderr + $"exit {code}\n");
    }

    [Fact]
    public void Full_table_shows_decoded_users_passwords_and_answers()
    {
        var (_, stdout, _) = MailGoldenTests.Run("mail/credentials.pcap", "-q", "-z", "credentials,full");
        Assert.Contains("39     40     SMTP      10.0.0.1:40003  10.0.0.4:25   carol@example.org  p4ssw0rd  accepted (235)", stdout);
        Assert.Contains("7      8      POP3      10.0.0.1:40001  10.0.0.2:110  alice              wrong     refused (-ERR)", stdout);
        // AUTH PLAIN, which tshark 4.0 does not list.
        Assert.Contains("dave               right     accepted (235)", stdout);
    }
}
