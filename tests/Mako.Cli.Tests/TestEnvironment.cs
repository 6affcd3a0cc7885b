namespace Mako.Cli.Tests;

/// <summary>Locates the repository and pins the time zone the recorded tshark outputs were made in.</summary>
internal static class TestEnvironment
{
    private static readonly object Gate = new();
    private static bool _utc;

    /// <summary>The folder holding Mako.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Mako.sln"))) return d.FullName;
        throw new InvalidOperationException("Mako.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>tshark prints local times; expected outputs were recorded with TZ=UTC, so Mako runs in UTC too.</summary>
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
}
