namespace Mako.Filters;

/// <summary>Parsed filter syntax, before fields and literals are resolved. Positions point into the filter text.</summary>
internal abstract record Ast(int Pos, int Len);

internal sealed record OrNode(Ast L, Ast R) : Ast(L.Pos, R.Pos + R.Len - L.Pos);
internal sealed record AndNode(Ast L, Ast R) : Ast(L.Pos, R.Pos + R.Len - L.Pos);
internal sealed record NotNode(Ast X, int P) : Ast(P, X.Pos + X.Len - P);
/// <summary>A bare entity used as a test: existence of a field/protocol.</summary>
internal sealed record TestNode(Ast X) : Ast(X.Pos, X.Len);
internal enum Quant { Default, Any, All }
internal sealed record CompareNode(Tok Op, string OpText, Ast L, Ast R, Quant Q, int OpPos) : Ast(L.Pos, R.Pos + R.Len - L.Pos);
internal sealed record InNode(Ast L, List<SetItem> Items, bool Negated, int End) : Ast(L.Pos, End - L.Pos);
internal sealed record SetItem(Ast Lo, Ast? Hi);

/// <summary>A word: a field/protocol name or an unquoted literal, decided by the binder.</summary>
internal sealed record WordNode(string Text, int P, int L) : Ast(P, L);
/// <summary>A quoted string: decoded text, its bytes (escapes are raw bytes) and the source text with quotes.</summary>
internal sealed record StringNode(string Text, bool Raw, int P, int L, byte[] Bytes, string Source) : Ast(P, L);
/// <summary>A character constant ('a', '\x41'): its source text and value.</summary>
internal sealed record CharNode(string Text, int Value, int P, int L) : Ast(P, L);
internal sealed record RefNode(string Field, int P, int L) : Ast(P, L);
internal sealed record LayerNode(Ast Field, int Layer, int P, int L) : Ast(P, L);
internal sealed record SliceNode(Ast X, List<(int Start, int? Length, bool ToEnd)> Ranges, int End, string RangeText) : Ast(X.Pos, End - X.Pos);
internal sealed record CallNode(string Name, List<Ast> Args, int P, int L) : Ast(P, L);
internal sealed record ArithNode(Tok Op, Ast L, Ast R, int OpPos, string OpText) : Ast(L.Pos, R.Pos + R.Len - L.Pos);
internal sealed record NegNode(Ast X, int P) : Ast(P, X.Pos + X.Len - P);
