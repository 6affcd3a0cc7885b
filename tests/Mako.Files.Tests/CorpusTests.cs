using Xunit.Abstractions;

namespace Mako.Files.Tests;

/// <summary>
/// Reads every capture of the shared corpus (when present) and compares the packet count and the error with what
/// capinfos 4.0 reported (Corpus/capinfos-counts.tsv): same count, and an error of the same kind where capinfos
/// stopped with one.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    internal static string? CorpusDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mako.sln")))
            dir = dir.Parent;
        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var c = Path.Combine(up.FullName, "shared", "captures");
            if (Directory.Exists(c))
                return c;
        }
        return null;
    }

    internal static IEnumerable<(string Path, long Packets, string Error)> Expected()
    {
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "capinfos-counts.tsv")))
        {
            if (line.StartsWith('#'))
                continue;
            var f = line.Split('\t');
            yield return (f[0], long.Parse(f[1]), f.Length > 2 ? f[2] : "");
        }
    }

    [Fact]
    public void Every_corpus_file_reads_like_capinfos()
    {
        var corpus = CorpusDirectory();
        if (corpus is null)
        {
            output.WriteLine("corpus not found: skipped");
            return;
        }
        int agree = 0, total = 0;
        var problems = new List<string>();
        foreach (var (rel, packets, error) in Expected())
        {
            var path = Path.Combine(corpus, rel);
            if (!File.Exists(path))
                continue;
            total++;
            long n = 0;
            string got = "";
            try
            {
                using var r = CaptureReader.Open(path);
                while (r.ReadPacket())
                    n++;
            }
            catch (CaptureFileException e)
            {
                got = e.Kind.ToString();
                Assert.Equal(n, e.PacketsRead);
                Assert.DoesNotContain('\n', e.Message);
            }
            if (n == packets && got == error)
                agree++;
            else
                problems.Add($"{rel}: capinfos {packets} {error}, Mako {n} {got}");
        }
        output.WriteLine($"{agree} of {total} corpus files agree with capinfos");
        foreach (var p in problems)
            output.WriteLine(p);
        Assert.Empty(problems);
    }
}
