using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>
/// A display filter compiled against the field registry: <c>DisplayFilter.Compile("tcp.port == 80 &amp;&amp; http")</c>.
/// Semantics and error messages follow Wireshark 4.0.
/// </summary>
public sealed class DisplayFilter
{
    private readonly Func<Packet, bool> _test;

    private DisplayFilter(string text, Func<Packet, bool> test, IReadOnlyCollection<int> ids)
    {
        Text = text;
        _test = test;
        FieldIds = ids;
    }

    public string Text { get; }

    /// <summary>Field ids the filter reads: dissection only needs to build these.</summary>
    public IReadOnlyCollection<int> FieldIds { get; }

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="FilterException"/> with Wireshark's wording.</summary>
    public static DisplayFilter Compile(string text, FieldRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(text)) return new DisplayFilter(text, _ => true, Array.Empty<int>());
        var ast = Parser.Parse(text);
        var c = new Compiler(registry);
        var test = c.Compile(ast);
        return new DisplayFilter(text, test, c.FieldIds.ToArray());
    }

    public bool Matches(Packet pkt) => _test(pkt);
}

/// <summary>A filter that does not compile: message and the span it refers to (Position -1 = no caret line).</summary>
public sealed class FilterException(string message, int position, int length) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}
