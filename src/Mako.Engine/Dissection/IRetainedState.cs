namespace Mako.Engine.Dissection;

/// <summary>
/// Per-capture state that can say how much it holds (entries in its tables), for the memory diagnostic
/// (<c>MAKO_MEMSTATS</c>) and for tests asserting that state stays bounded. Not for per-packet use.
/// </summary>
public interface IRetainedState
{
    /// <summary>(name, count) pairs, e.g. ("conversations", 1234).</summary>
    IEnumerable<(string Name, long Count)> Retained();
}
