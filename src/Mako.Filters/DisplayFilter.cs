using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>A display filter compiled against the field registry (the filter issue fills this in).</summary>
public sealed class DisplayFilter
{
    private DisplayFilter(string text) => Text = text;

    public string Text { get; }

    /// <summary>Field ids the filter reads: dissection only needs to build these.</summary>
    public IReadOnlyCollection<int> FieldIds => _field is null ? Array.Empty<int>() : [_field.Id];

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="FilterException"/> with Wireshark's wording.</summary>
    public static DisplayFilter Compile(string text, FieldRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(text)) return new DisplayFilter(text);
        // A bare protocol or field name is the most common filter; everything else arrives with the filter issue.
        var f = registry.Find(text.Trim());
        if (f is null) throw new FilterException($"\"{text.Trim()}\" is neither a field nor a protocol name.", 0, text.Length);
        return new DisplayFilter(text) { _field = f };
    }

    private FieldDef? _field;

    public bool Matches(Packet pkt) => _field is null || pkt.Tree.Find(_field.Id) >= 0;
}

/// <summary>A filter that does not compile: message and the span it refers to (for the caret line).</summary>
public sealed class FilterException(string message, int position, int length) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}
