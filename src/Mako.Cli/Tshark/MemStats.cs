using Mako.Engine.Dissection;

namespace Mako.Cli.Tshark;

/// <summary>
/// Memory diagnostic for finding what grows with the size of a capture: with <c>MAKO_MEMSTATS=N</c> in the
/// environment, every N packets and at the end one line goes to stderr with the GC's view (live heap after the last
/// collection, committed bytes, fragmentation), the process's resident set (now and peak) and the size of each
/// per-capture state table (<see cref="CaptureSession.RetainedState"/>). Off (and free) otherwise.
/// </summary>
internal sealed class MemStats
{
    private readonly long _every;
    private readonly TextWriter _err;
    private long _next;

    private MemStats(long every, TextWriter err)
    {
        _every = every;
        _next = every;
        _err = err;
    }

    public static MemStats? FromEnvironment(TextWriter err) =>
        long.TryParse(Environment.GetEnvironmentVariable("MAKO_MEMSTATS"), out long n) && n > 0 ? new MemStats(n, err) : null;

    public void Packet(long read, CaptureSession session)
    {
        if (read < _next) return;
        _next += _every;
        Write(read, session);
    }

    /// <summary>One line; at the end (<paramref name="final"/>) also the live bytes after a full collection.</summary>
    public void Write(long read, CaptureSession session, bool final = false)
    {
        var gc = GC.GetGCMemoryInfo();
        var line = new System.Text.StringBuilder();
        line.Append($"memstats: packets={read} heap={gc.HeapSizeBytes >> 20}M committed={gc.TotalCommittedBytes >> 20}M ");
        line.Append($"frag={gc.FragmentedBytes >> 20}M allocated={GC.GetTotalAllocatedBytes() >> 20}M gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} ");
        line.Append($"rss={Status("VmRSS:")}M peak={Status("VmHWM:")}M");
        if (final) line.Append($" live={GC.GetTotalMemory(true) >> 20}M");
        foreach (var (name, count) in session.RetainedState())
            line.Append(' ').Append(name).Append('=').Append(count);
        _err.WriteLine(line.ToString());
    }

    private static long Status(string key)
    {
        try
        {
            foreach (var l in File.ReadLines("/proc/self/status"))
                if (l.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(l.AsSpan(key.Length).Trim().TrimEnd("kB").Trim()) >> 10;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return -1;
    }
}
