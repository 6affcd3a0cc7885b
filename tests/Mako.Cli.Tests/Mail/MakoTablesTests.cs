namespace Mako.Cli.Tests.Mail;

/// <summary>Mako's own mail reports (-z credentials,full, -z smtp,stat, -z pop,stat) against reviewed snapshots.</summary>
public class MakoTablesTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadCases()) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_snapshot(string name)
    {
        var c = ReadCases().Single(x => x.Name == name);
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

    private sealed record Case(string Name, string Capture, string[] Args);

    private static IEnumerable<Case> ReadCases()
    {
        foreach (var line in File.ReadLines(Path.Combine(MailGoldenTests.Dir, "mako-cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            yield return new Case(cols[0], cols[1], cols[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
