using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mako.Cli.Tests.ToolGolden;

/// <summary>
/// Runs `mako &lt;tool&gt;` in-process on a golden case and compares with what Wireshark's tool did:
/// exit code, standard output and error (text), and every file written (capture records, and bytes where the
/// formats allow: whole pcap files, pcapng after the section header).
/// </summary>
internal static partial class GoldenRunner
{
    public static void Check(GoldenCase c)
    {
        string outDir = Path.Combine(Path.GetTempPath(), "mako-golden-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(outDir);
        try
        {
            CheckIn(c, outDir);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static void CheckIn(GoldenCase c, string outDir)
    {
        string inDir = Repo.ToolCaptures;
        var args = GoldenCases_Substitute(c, inDir, outDir);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var rawOut = new MemoryStream();
        Stream? stdin = c.FlagValue("stdin") is { } file ? new MemoryStream(File.ReadAllBytes(Path.Combine(inDir, file))) : new MemoryStream();
        var io = new CliIo(stdout, stderr, stdin, rawOut);
        int rc = Program.Run([c.Tool.ToLowerInvariant(), .. args], io);
        stdout.Flush();

        string Norm(string s) => s.Replace(inDir, "{IN}", StringComparison.Ordinal).Replace(outDir, "{OUT}", StringComparison.Ordinal);
        string gold = c.GoldenDir;
        string expectedErr = File.ReadAllText(Path.Combine(gold, "stderr.txt"));
        string actualErr = Norm(stderr.ToString());
        var actualFiles = Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var expectedFiles = Directory.GetFiles(gold, "out.*").Select(f => Path.GetFileName(f)![4..]).Select(LocalSplitName)
            .Order(StringComparer.Ordinal).ToList();

        var problems = new List<string>();
        int expectedRc = int.Parse(File.ReadAllText(Path.Combine(gold, "rc")).Trim(), CultureInfo.InvariantCulture);
        if (rc != expectedRc)
            problems.Add($"exit code {rc}, expected {expectedRc}");
        if (c.Has("stdout=capture"))
        {
            // Text a tool prints on standard output lands after the capture bytes (stdout is flushed at exit).
            byte[] both = [.. rawOut.ToArray(), .. Encoding.UTF8.GetBytes(stdout.ToString())];
            CompareCapture(c, "stdout", File.ReadAllBytes(Path.Combine(gold, "stdout.bin")), both, problems);
        }
        else
        {
            string expectedOut = NormalizeText(File.ReadAllText(Path.Combine(gold, "stdout.txt")));
            string actualOut = NormalizeText(Norm(stdout.ToString()));
            (expectedOut, actualOut) = CompareListings(expectedOut, actualOut, c.Has("listing-superset") ? null : problems);
            if (expectedOut != actualOut)
                problems.Add($"stdout differs:\n--- expected\n{expectedOut}\n--- actual\n{actualOut}");
        }
        expectedErr = NormalizeText(expectedErr);
        actualErr = NormalizeText(CheckByteCounts(actualErr, outDir, problems));
        (expectedErr, actualErr) = CompareListings(expectedErr, actualErr, c.Has("listing-superset") ? null : problems);
        if (expectedErr != actualErr)
            problems.Add($"stderr differs:\n--- expected\n{expectedErr}\n--- actual\n{actualErr}");
        if (c.Has("nofile"))
        {
            // A documented difference (docs/differences.md): Wireshark writes a file here, Mako deliberately does not.
            if (actualFiles.Count != 0)
                problems.Add($"wrote [{string.Join(", ", actualFiles)}], expected no file");
        }
        else if (!expectedFiles.SequenceEqual(actualFiles))
            problems.Add($"files written: [{string.Join(", ", actualFiles)}], expected [{string.Join(", ", expectedFiles)}]");
        else
        {
            var goldNames = Directory.GetFiles(gold, "out.*").Order(StringComparer.Ordinal).ToList();
            foreach (var name in actualFiles)
            {
                string g = goldNames.First(f => LocalSplitName(Path.GetFileName(f)[4..]) == name);
                CompareCapture(c, name!, File.ReadAllBytes(g), File.ReadAllBytes(Path.Combine(outDir, name!)), problems);
            }
        }
        Assert.True(problems.Count == 0, $"{c.Tool} {c.Name}: {c.Arguments}\n" + string.Join("\n", problems));
    }

    private static List<string> GoldenCases_Substitute(GoldenCase c, string inDir, string outDir)
        => GoldenCase.SplitArgs(c.Arguments).Select(a => a.Replace("{IN}", inDir).Replace("{OUT}", outDir)).ToList();

    private static void CompareCapture(GoldenCase c, string name, byte[] expected, byte[] actual, List<string> problems)
    {
        bool rel = c.Has("relts");
        // Section comments can name files (mergecap, text2pcap): compare them without the folders.
        string e = Paths(CaptureDump.Of(expected, name, rel)), a = Paths(CaptureDump.Of(actual, name, rel));
        if (e != a)
        {
            problems.Add($"{name}: records differ:\n{FirstDifference(e, a)}");
            return;
        }
        if (!c.Has("inexact") && !rel && !CaptureDump.AfterSectionHeader(expected).SequenceEqual(CaptureDump.AfterSectionHeader(actual)))
            problems.Add($"{name}: same records but different bytes after the section header");
    }

    private static string Paths(string dump)
        => OutPathRegex().Replace(InPathRegex().Replace(dump, "{IN}"), "{OUT}");

    private static string FirstDifference(string e, string a)
    {
        var el = e.Split('\n');
        var al = a.Split('\n');
        for (int i = 0; i < Math.Max(el.Length, al.Length); i++)
        {
            string x = i < el.Length ? el[i] : "<end>", y = i < al.Length ? al[i] : "<end>";
            if (x != y)
                return $"line {i + 1}\n  expected: {Trunc(x)}\n  actual:   {Trunc(y)}";
        }
        return "";
    }

    private static string Trunc(string s) => s.Length > 300 ? s[..300] + "..." : s;

    /// <summary>
    /// "-F"/"-T" listings: Wireshark knows far more file and encapsulation types than Mako writes, so each line Mako
    /// lists must be one Wireshark lists (same text, same relative order); the lines are then left out of the comparison.
    /// </summary>
    private static (string, string) CompareListings(string expected, string actual, List<string>? problems)
    {
        // "listing-superset": Mako lists every link type it knows where Wireshark lists fewer (text2pcap -E).
        problems ??= new List<string>();
        var exp = ListingRegex().Matches(expected).Select(m => m.Value).ToList();
        var act = ListingRegex().Matches(actual).Select(m => m.Value).ToList();
        int at = 0;
        foreach (var line in act)
        {
            int found = exp.IndexOf(line, at);
            if (found < 0)
                problems.Add($"listed \"{line.Trim()}\", which Wireshark does not list (in that order)");
            else
                at = found + 1;
        }
        if (exp.Count > 0 && act.Count == 0)
            problems.Add("Wireshark printed a listing, Mako did not");
        return (ListingRegex().Replace(expected, "").Replace("\n\n", "\n"), ListingRegex().Replace(actual, "").Replace("\n\n", "\n"));
    }

    /// <summary>The tools' name-and-version lines differ by design; everything else must match.</summary>
    private static string NormalizeText(string s)
    {
        s = BannerRegex().Replace(s, "<banner>");
        // Wireshark's log lines carry a pid, a clock time and a source location; keep the function and message.
        s = LogLineRegex().Replace(s, "<log $1> $2");
        s = OverheadRegex().Replace(s, "N bytes including overhead");
        return s;
    }

    /// <summary>
    /// text2pcap reports the bytes it wrote, which depend on the section header's strings: check Mako's number is
    /// its own file's size, then compare the rest of the line.
    /// </summary>
    private static string CheckByteCounts(string err, string outDir, List<string> problems)
    {
        return OverheadRegex().Replace(err, m =>
        {
            long said = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var files = Directory.GetFiles(outDir);
            if (files.Length == 1 && new FileInfo(files[0]).Length != said)
                problems.Add($"reported {said} bytes written, the file has {new FileInfo(files[0]).Length}");
            return "N bytes including overhead";
        });
    }

    /// <summary>Split file names carry the local time; the goldens were made in UTC.</summary>
    private static string LocalSplitName(string name)
    {
        var m = SplitTimeRegex().Match(name);
        if (!m.Success)
            return name;
        var utc = DateTime.ParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.Local);
        return name[..m.Groups[1].Index] + local.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + name[(m.Groups[1].Index + 14)..];
    }

    [GeneratedRegex(@"^(Editcap|Mergecap|Reordercap|Text2pcap) \((Wireshark|Mako)\) .*$", RegexOptions.Multiline)]
    private static partial Regex BannerRegex();

    [GeneratedRegex(@"^    \S+ - .*\n", RegexOptions.Multiline)]
    private static partial Regex ListingRegex();

    [GeneratedRegex(@"^ \*\* \(text2pcap:\d+\) \S+ \[\(none\) (\w+)\] (?:\S+ )?-- (.*)$", RegexOptions.Multiline)]
    private static partial Regex LogLineRegex();

    [GeneratedRegex(@"(\d+) bytes? including overhead")]
    private static partial Regex OverheadRegex();

    [GeneratedRegex(@"/[^\s""]*tests/captures/tools")]
    private static partial Regex InPathRegex();

    [GeneratedRegex(@"/[^\s""]*(golden-|mako-golden-)[^/\s""]*")]
    private static partial Regex OutPathRegex();

    [GeneratedRegex(@"_\d{5}_(\d{14})")]
    private static partial Regex SplitTimeRegex();
}
