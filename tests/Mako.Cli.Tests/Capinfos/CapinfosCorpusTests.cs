using System.Diagnostics;
using Xunit.Abstractions;

namespace Mako.Cli.Tests.Capinfos;

/// <summary>
/// Runs `mako capinfos` and Wireshark's capinfos on every capture of the shared corpus (when the corpus and capinfos
/// are both present) and requires byte-identical output, error text and exit code on nearly all of them. The known
/// differences are listed in docs/differences.md (invalid pcap sub-second fields, multi-section interface counts,
/// time stamps beyond year 2262).
/// </summary>
public sealed class CapinfosCorpusTests(ITestOutputHelper output)
{
    static CapinfosCorpusTests() => CapinfosTestEnv.UseUtc();

    [SkippableFact]
    public void Agrees_with_capinfos_on_the_corpus()
    {
        string? corpus = CapinfosTestEnv.FindCorpus();
        Skip.If(corpus is null, "shared/captures not found");
        Skip.If(CapinfosTestEnv.Which("capinfos") is null, "capinfos is not installed");

        var files = File.ReadLines(Path.Combine(corpus!, "MANIFEST.tsv")).Skip(1)
            .Select(l => l.Split('\t')[0])
            .Select(p => Path.Combine(corpus!, p.StartsWith("shared/captures/", StringComparison.Ordinal) ? p["shared/captures/".Length..] : p))
            .Where(File.Exists)
            .ToList();
        Skip.If(files.Count == 0, "corpus is empty");

        int same = 0;
        var different = new List<string>();
        foreach (var f in files)
        {
            var expected = RunCapinfos(f);
            var actual = CapinfosTestEnv.Run([f]);
            if (expected == actual)
                same++;
            else
                different.Add($"{f}: {FirstDifference(expected, actual)}");
        }
        output.WriteLine($"capinfos corpus: {same} of {files.Count} files identical");
        foreach (var d in different)
            output.WriteLine("  differs: " + d);
        Assert.True(same >= files.Count * 0.97, $"only {same} of {files.Count} identical:\n" + string.Join("\n", different));
    }

    private static (int, string, string) RunCapinfos(string file)
    {
        var psi = new ProcessStartInfo("capinfos") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(file);
        psi.Environment["TZ"] = "UTC";
        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, err.Result);
    }

    private static string FirstDifference((int Rc, string Out, string Err) e, (int Rc, string Out, string Err) a)
    {
        if (e.Rc != a.Rc) return $"exit code {a.Rc}, capinfos {e.Rc}";
        foreach (var (name, x, y) in new[] { ("stdout", e.Out, a.Out), ("stderr", e.Err, a.Err) })
        {
            var xl = x.Split('\n');
            var yl = y.Split('\n');
            for (int i = 0; i < Math.Max(xl.Length, yl.Length); i++)
            {
                string xs = i < xl.Length ? xl[i] : "<none>", ys = i < yl.Length ? yl[i] : "<none>";
                if (xs != ys) return $"{name} line {i + 1}: capinfos \"{xs}\", mako \"{ys}\"";
            }
        }
        return "?";
    }
}
