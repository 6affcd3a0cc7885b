namespace Mako.Cli.Tests.Capinfos;

/// <summary>Paths and an in-process runner shared by the capinfos tests.</summary>
internal static class CapinfosTestEnv
{
    private static readonly object Gate = new();
    private static bool _utc;

    /// <summary>The folder holding Mako.sln (walking up from the test binaries).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestDir => Path.Combine(RepoRoot, "tests", "Mako.Cli.Tests", "Capinfos");
    public static string CaptureDir => Path.Combine(RepoRoot, "tests", "captures", "capinfos");

    /// <summary>capinfos prints local times and the recordings were made in UTC: make this process local time UTC.</summary>
    public static void UseUtc()
    {
        lock (Gate)
        {
            if (_utc) return;
            Environment.SetEnvironmentVariable("TZ", "UTC");
            TimeZoneInfo.ClearCachedData();
            _utc = true;
        }
    }

    public static (int Rc, string Stdout, string Stderr) Run(string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int rc = Program.Run(["capinfos", .. args], new CliIo(stdout, stderr));
        return (rc, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The shared capture corpus: shared/captures beside the repository (or beside a folder above it).</summary>
    public static string? FindCorpus()
    {
        for (var d = new DirectoryInfo(RepoRoot).Parent; d is not null; d = d.Parent)
        {
            string c = Path.Combine(d.FullName, "shared", "captures");
            if (File.Exists(Path.Combine(c, "MANIFEST.tsv")))
                return c;
        }
        return null;
    }

    /// <summary>Full path of a program on PATH, or null.</summary>
    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string p = Path.Combine(dir, program);
            if (File.Exists(p))
                return p;
        }
        return null;
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Mako.sln")))
                return d.FullName;
        }
        throw new InvalidOperationException("Mako.sln not found above " + AppContext.BaseDirectory);
    }
}
