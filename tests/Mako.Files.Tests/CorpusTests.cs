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

/// <summary>Every corpus file capinfos reads completely survives pcapng → pcapng and pcap → pcap rewriting.</summary>
public class CorpusRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_readable_corpus_file_round_trips()
    {
        var corpus = CorpusTests.CorpusDirectory();
        if (corpus is null)
        {
            output.WriteLine("corpus not found: skipped");
            return;
        }
        int files = 0;
        foreach (var (rel, _, error) in CorpusTests.Expected())
        {
            var path = Path.Combine(corpus, rel);
            if (error != "" || !File.Exists(path))
                continue;
            var bytes = File.ReadAllBytes(path);
            var before = ReaderTestHelpers.ReadAll(bytes);
            var format = before.Reader!.Format == CaptureFormat.PcapNg ? CaptureFormat.PcapNg : before.Reader.Format;
            var after = ReaderTestHelpers.ReadAll(WriterTests.Rewrite(bytes, format));
            Assert.True(after.Error is null, $"{rel}: {after.Error?.Message}");
            Assert.True(before.Packets.Count == after.Packets.Count, rel);
            for (int i = 0; i < before.Packets.Count; i++)
            {
                var (x, y) = (before.Packets[i], after.Packets[i]);
                Assert.True(x.Data.Span.SequenceEqual(y.Data.Span), $"{rel} #{i + 1} data");
                Assert.True((x.OriginalLength, x.LinkType, x.InterfaceId, x.Flags) == (y.OriginalLength, y.LinkType, y.InterfaceId, y.Flags), $"{rel} #{i + 1}");
                Assert.True(x.Comments.SequenceEqual(y.Comments), $"{rel} #{i + 1} comments");
                // Timestamps survive unless the file stores an out-of-range fraction (pcap) that normalising changes.
                if (!rel.Contains("timestamp_invalid", StringComparison.Ordinal))
                    Assert.True(x.TimestampNs == y.TimestampNs, $"{rel} #{i + 1} time {x.TimestampNs} {y.TimestampNs}");
            }
            Assert.Equal(before.Blocks.Select(b => b.Kind), after.Blocks.Select(b => b.Kind));
            files++;
        }
        output.WriteLine($"{files} corpus files round-tripped");
    }
}
