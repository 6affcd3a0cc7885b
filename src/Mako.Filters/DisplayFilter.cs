using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>
/// A display filter compiled against the field registry: <c>DisplayFilter.Compile("tcp.port == 80 &amp;&amp; http", registry)</c>,
/// then <see cref="Matches"/> on each dissected packet. Semantics and error messages follow Wireshark 4.0.
/// </summary>
public sealed class DisplayFilter
{
    private readonly Func<Packet, bool> _test;
    private readonly Compiler? _compiler;

    private DisplayFilter(string text, Func<Packet, bool> test, IReadOnlyCollection<int> ids, Compiler? compiler)
    {
        Text = text;
        _test = test;
        FieldIds = ids;
        _compiler = compiler;
    }

    public string Text { get; }

    /// <summary>Field ids the filter reads: dissection only needs to build these.</summary>
    public IReadOnlyCollection<int> FieldIds { get; }

    /// <summary>Fields written as "${field}" in the filter.</summary>
    public IEnumerable<FieldDef> References => _compiler?.References ?? Enumerable.Empty<FieldDef>();

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="FilterException"/> with Wireshark's wording.</summary>
    public static DisplayFilter Compile(string text, FieldRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(text)) return new DisplayFilter(text, _ => true, Array.Empty<int>(), null);
        var ast = Parser.Parse(text);
        var c = new Compiler(registry);
        var test = c.Compile(ast);
        return new DisplayFilter(text, test, c.FieldIds.ToArray(), c);
    }

    public bool Matches(Packet pkt) => _test(pkt);

    /// <summary>
    /// Makes "${field}" references take their values from <paramref name="reference"/> (Wireshark's selected frame;
    /// a UI sets it). Without a reference frame, as in tshark, comparisons with a reference match nothing.
    /// </summary>
    public void SetReferenceFrame(Packet? reference)
    {
        if (_compiler is null) return;
        _compiler.ReferenceValues.Clear();
        if (reference is null) return;
        foreach (var f in _compiler.References)
        {
            var values = new List<Value>();
            new FieldExpr(f).Eval(reference, values);
            // Copy the bytes: the reference packet's buffers are reused for the next packet.
            for (int i = 0; i < values.Count; i++) values[i] = values[i] with { B = values[i].B.ToArray() };
            _compiler.ReferenceValues[f.Id] = values.ToArray();
        }
    }
}

/// <summary>A filter that does not compile: message and the span it refers to (Position -1 = no caret line).</summary>
public sealed class FilterException(string message, int position, int length) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}
