using Mako.Filters;

namespace Mako.Cli.Tools.Dfilter;

/// <summary>Prints a filter error as tshark does: the message, then the filter and a caret under the offending part.</summary>
internal static class FilterErrors
{
    public static void Write(TextWriter err, string prefix, string filter, FilterException fe)
    {
        err.WriteLine($"{prefix}{fe.Message}");
        if (fe.Position < 0) return;
        err.WriteLine($"    {filter}");
        err.WriteLine($"    {new string(' ', fe.Position)}^{new string('~', Math.Max(0, fe.Length - 1))}");
    }
}
