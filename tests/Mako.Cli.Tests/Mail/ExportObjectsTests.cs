using System.Security.Cryptography;
using Mako.Cli.Export;

namespace Mako.Cli.Tests.Mail;

/// <summary>
/// `--export-objects imf,DIR`: the files written must have tshark 4.0's names and bytes (Expected/export/*.tsv,
/// recorded by record-expected.py), never overwrite anything, never leave DIR, and fail with tshark's messages.
/// </summary>
public sealed class ExportObjectsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mako-eo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(MailGoldenTests.Dir, "exports.tsv")))
            if (line.Length > 0 && line[0] != '#') data.Add(line.Trim());
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Files_match_tshark(string capture)
    {
        var expected = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(MailGoldenTests.Dir, "Expected", "export", Path.GetFileName(capture) + ".tsv")))
        {
            if (line.Length == 0 || line[0] is '-' or '#') continue;
            expected.Add(line[0] == '+' ? line[1..] : line);
        }
        expected.Sort(StringComparer.Ordinal);

        var (code, stdout, stderr) = MailGoldenTests.Run(capture, "-q", "--export-objects", "imf," + _dir);

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
        Assert.Equal(expected, Manifest(_dir));
    }

    [Fact]
    public void Existing_files_are_kept_and_new_ones_get_a_suffix()
    {
        Directory.CreateDirectory(_dir);
        string mine = Path.Combine(_dir, "Quarterly report.eml");
        File.WriteAllText(mine, "mine");
        File.WriteAllText(Path.Combine(_dir, "Quarterly report(1).eml"), "mine too");

        var (code, _, stderr) = MailGoldenTests.Run("mail/smtp.pcap", "-q", "--export-objects", "imf," + _dir);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.Equal(3763, new FileInfo(Path.Combine(_dir, "Quarterly report(2).eml")).Length);
    }

    [Fact]
    public void Exporting_twice_adds_suffixes_as_tshark_does()
    {
        MailGoldenTests.Run("mail/export.pcap", "-q", "--export-objects", "imf," + _dir);
        MailGoldenTests.Run("mail/export.pcap", "-q", "--export-objects", "imf," + _dir);
        var names = Directory.GetFiles(_dir).Select(Path.GetFileName).ToHashSet();
        // tshark 4.0 on the same directory: Dup.eml, Dup(1).eml, then Dup(2).eml and Dup(3).eml; .eml then (1).eml.
        Assert.Contains("Dup(3).eml", names);
        Assert.Contains("(1).eml", names);
        Assert.Equal(22, names.Count);
    }

    [Fact]
    public void A_planted_symbolic_link_is_not_followed()
    {
        Directory.CreateDirectory(_dir);
        string target = Path.Combine(_dir, "target-outside");
        File.CreateSymbolicLink(Path.Combine(_dir, "Quarterly report.eml"), target);

        MailGoldenTests.Run("mail/smtp.pcap", "-q", "--export-objects", "imf," + _dir);

        Assert.False(File.Exists(target));
        Assert.True(File.Exists(Path.Combine(_dir, "Quarterly report(1).eml")));
    }

    [Fact]
    public void Hostile_subjects_stay_inside_the_directory()
    {
        string inner = Path.Combine(_dir, "a", "b");
        MailGoldenTests.Run("mail/export.pcap", "-q", "--export-objects", "imf," + inner);
        Assert.Empty(Directory.GetFiles(_dir, "*", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "a"), "*", SearchOption.TopDirectoryOnly));
        Assert.True(File.Exists(Path.Combine(inner, "..%2f..%2fx.eml")));
    }

    [Fact]
    public void A_file_in_the_way_of_the_directory_is_reported()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "afile");
        File.WriteAllText(file, "x");

        var (code, _, stderr) = MailGoldenTests.Run("mail/smtp.pcap", "-q", "--export-objects", "imf," + file);

        // tshark 4.0: same text, exit 0.
        Assert.Equal(0, code);
        Assert.Equal($"Failed to create export objects output directory \"{file}\": Not a directory\n", stderr);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void An_empty_directory_name_is_reported()
    {
        var (code, _, stderr) = MailGoldenTests.Run("mail/smtp.pcap", "-q", "--export-objects", "imf,");
        Assert.Equal(0, code);
        Assert.Equal("Failed to create export objects output directory \"\": Invalid argument\n", stderr);
    }

    [Fact]
    public void The_directory_is_created_with_its_parents_even_when_nothing_is_exported()
    {
        string inner = Path.Combine(_dir, "x", "y");
        var (code, _, stderr) = MailGoldenTests.Run("mail/credentials.pcap", "-q", "--export-objects", "imf," + inner);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.True(Directory.Exists(inner));
    }

    [Fact]
    public void Types_are_listed_on_request()
    {
        var (code, stdout, stderr) = MailGoldenTests.Run("mail/smtp.pcap", "--export-objects", "help");
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("mako: The available export object types for the \"--export-objects\" option are:\n     imf\n", stderr);
    }

    [Theory]
    [InlineData("../../x", 0, "..%2f..%2fx")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", 0, "a%2fb%5cc%3ad%2ae%3ff%22g%3ch%3ei%7cj")]
    [InlineData("tab\there\r\n", 2, "tab%09here%0d%0a(2)")]
    [InlineData("", 1, "(1)")]
    [InlineData("caf\uFFFD", 0, "caf\uFFFD")]
    public void Names_are_made_safe_as_tshark_makes_them(string subject, int dup, string expected) =>
        Assert.Equal(expected + ".eml", ExportNames.Safe(subject + ".eml", dup));

    [Fact]
    public void Long_names_are_cut_to_255_bytes_keeping_the_extension()
    {
        string name = ExportNames.Safe(new string('L', 300) + ".eml", 0);
        Assert.Equal(new string('L', 251) + ".eml", name);
        Assert.Equal(new string('L', 248) + "(1).eml", ExportNames.Safe(new string('L', 300) + ".eml", 1));
        // A cut never splits a character (tshark would leave half of it).
        string wide = ExportNames.Safe(new string('\uFFFD', 100) + ".eml", 0);
        Assert.Equal(83, wide.Length - 4);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(wide) <= 255);
    }

    private static List<string> Manifest(string dir)
    {
        var rows = new List<string>();
        if (!Directory.Exists(dir)) return rows;
        var names = Directory.GetFiles(dir).Select(Path.GetFileName).ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var n in names)
        {
            byte[] data = File.ReadAllBytes(Path.Combine(dir, n!));
            rows.Add($"{n}\t{data.Length}\t{Convert.ToHexStringLower(SHA256.HashData(data))}");
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
