using System.Text;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>
/// `mako dftest`: prints a filter the way Wireshark 4.0's dftest does: the text, the syntax tree (node kinds as
/// DFVM names them, fields and values with their FT_ types) and a listing of DFVM-like instructions
/// (READ_TREE into registers, comparisons, IF_TRUE_GOTO/IF_FALSE_GOTO for and/or, NOT, RETURN).
/// The instructions describe Mako's evaluation order; they are not executed as such.
/// </summary>
public static class Explain
{
    public static string Run(string text, FieldRegistry registry)
    {
        // Compiling first gives the same errors as -Y.
        DisplayFilter.Compile(text, registry);
        var ast = Parser.Parse(text);
        var sb = new StringBuilder();
        sb.Append("Filter: ").Append(text).Append("\n\nSyntax tree:\n");
        Tree(ast, 0, registry, null, sb);
        sb.Append("\nInstructions:\n");
        var code = new List<string>();
        var e = new Emitter(registry, code);
        e.Test(ast);
        code.Add("RETURN");
        for (int i = 0; i < code.Count; i++) sb.Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(code[i]).Append('\n');
        return sb.ToString();
    }

    private static string Op(Tok op, Quant q) => (op, q) switch
    {
        (Tok.Eq, Quant.All) => "ALL_EQ",
        (Tok.Ne, Quant.Any) => "ANY_NE",
        (Tok.Eq, _) => "ANY_EQ",
        (Tok.Ne, _) => "ALL_NE",
        (Tok.AllEq, _) => "ALL_EQ",
        (Tok.AnyNe, _) => "ANY_NE",
        (Tok.Gt, Quant.All) => "ALL_GT",
        (Tok.Lt, Quant.All) => "ALL_LT",
        (Tok.Ge, Quant.All) => "ALL_GE",
        (Tok.Le, Quant.All) => "ALL_LE",
        (Tok.Gt, _) => "ANY_GT",
        (Tok.Lt, _) => "ANY_LT",
        (Tok.Ge, _) => "ANY_GE",
        (Tok.Le, _) => "ANY_LE",
        (Tok.Contains, _) => "ANY_CONTAINS",
        (Tok.Matches, _) => "ANY_MATCHES",
        _ => op.ToString().ToUpperInvariant(),
    };

    private static string Symbol(Tok op) => op switch
    {
        Tok.Eq or Tok.AllEq => "==",
        Tok.Ne or Tok.AnyNe => "!=",
        Tok.Gt => ">",
        Tok.Lt => "<",
        Tok.Ge => ">=",
        Tok.Le => "<=",
        Tok.Contains => "contains",
        Tok.Matches => "matches",
        Tok.BitAnd => "&",
        Tok.Plus => "+",
        Tok.Minus => "-",
        Tok.Star => "*",
        Tok.Slash => "/",
        Tok.Percent => "%",
        _ => op.ToString(),
    };

    private static string ArithName(Tok op) => op switch
    {
        Tok.BitAnd => "OP_BITWISE_AND",
        Tok.Plus => "OP_ADD",
        Tok.Minus => "OP_SUBTRACT",
        Tok.Star => "OP_MULTIPLY",
        Tok.Slash => "OP_DIVIDE",
        _ => "OP_MODULO",
    };

    /// <summary>The field type an expression has (the type literals next to it take).</summary>
    private static FieldType? TypeOf(Ast a, FieldRegistry reg) => a switch
    {
        WordNode w => reg.Find(w.Text)?.Type,
        LayerNode { Field: WordNode w } => reg.Find(w.Text)?.Type,
        RefNode r => reg.Find(r.Field)?.Type,
        SliceNode => FieldType.Bytes,
        ArithNode ar => TypeOf(ar.L, reg) ?? TypeOf(ar.R, reg),
        NegNode n => TypeOf(n.X, reg),
        CallNode { Name: "len" or "count" } => FieldType.UInt32,
        CallNode { Name: "string" or "lower" or "upper" } => FieldType.String,
        CallNode c when c.Args.Count > 0 => TypeOf(c.Args[0], reg),
        _ => null,
    };

    private static string Leaf(Ast a, FieldRegistry reg, FieldType? typedAs)
    {
        string Ft(FieldType? t) => t is { } x ? FieldTypes.Name(x) : "FT_NONE";
        switch (a)
        {
            case WordNode w when reg.Find(w.Text) is { } f:
                return $"FIELD({f.Abbrev} <{FieldTypes.Name(f.Type)}>)";
            case WordNode w:
                return $"FVALUE({w.Text} <{Ft(typedAs)}>)";
            case StringNode s:
                return $"FVALUE({s.Source} <{Ft(typedAs ?? FieldType.String)}>)";
            case CharNode c:
                return $"FVALUE({c.Text} <{Ft(typedAs)}>)";
            case RefNode r:
                return $"REFERENCE({r.Field} <{Ft(reg.Find(r.Field)?.Type)}>)";
            case LayerNode { Field: WordNode lw } l:
                return $"FIELD({lw.Text}#{l.Layer} <{Ft(reg.Find(lw.Text)?.Type)}>)";
            default:
                return a.GetType().Name;
        }
    }

    private static void Tree(Ast a, int depth, FieldRegistry reg, FieldType? typedAs, StringBuilder sb)
    {
        if (a is TestNode test)
        {
            Tree(test.X, depth, reg, typedAs, sb);
            return;
        }
        sb.Append(' ', 1 + depth * 2).Append(depth).Append(' ');
        switch (a)
        {
            case OrNode o:
                sb.Append("TEST_OR:\n");
                Tree(o.L, depth + 1, reg, null, sb);
                Tree(o.R, depth + 1, reg, null, sb);
                return;
            case AndNode n:
                sb.Append("TEST_AND:\n");
                Tree(n.L, depth + 1, reg, null, sb);
                Tree(n.R, depth + 1, reg, null, sb);
                return;
            case NotNode n:
                sb.Append("TEST_NOT:\n");
                Tree(n.X, depth + 1, reg, null, sb);
                return;
            case CompareNode c:
                {
                    string name = Op(c.Op, c.Q);
                    sb.Append("TEST_").Append(name).Append(":\n");
                    var lt = TypeOf(c.L, reg);
                    var rt = TypeOf(c.R, reg);
                    Tree(c.L, depth + 1, reg, rt, sb);
                    Tree(c.R, depth + 1, reg, c.Op == Tok.Matches ? FieldType.String : lt, sb);
                    return;
                }
            case InNode i:
                {
                    sb.Append(i.Negated ? "TEST_NOT_IN:\n" : "TEST_IN:\n");
                    var lt = TypeOf(i.L, reg);
                    Tree(i.L, depth + 1, reg, null, sb);
                    foreach (var it in i.Items)
                    {
                        Tree(it.Lo, depth + 1, reg, lt, sb);
                        if (it.Hi is not null) Tree(it.Hi, depth + 1, reg, lt, sb);
                    }
                    return;
                }
            case SliceNode s:
                sb.Append("SLICE(").Append(s.RangeText).Append("):\n");
                Tree(s.X, depth + 1, reg, null, sb);
                return;
            case CallNode c:
                sb.Append("FUNCTION(").Append(c.Name).Append("#").Append(c.Args.Count).Append("):\n");
                foreach (var arg in c.Args) Tree(arg, depth + 1, reg, null, sb);
                return;
            case ArithNode ar:
                sb.Append(ArithName(ar.Op)).Append(":\n");
                var at = TypeOf(ar, reg) ?? typedAs;
                Tree(ar.L, depth + 1, reg, at, sb);
                Tree(ar.R, depth + 1, reg, at, sb);
                return;
            case NegNode n:
                sb.Append("OP_UNARY_MINUS:\n");
                Tree(n.X, depth + 1, reg, typedAs, sb);
                return;
            default:
                sb.Append(Leaf(a, reg, typedAs)).Append('\n');
                return;
        }
    }

    /// <summary>Emits DFVM-like instructions: values into registers, then a test; and/or jump over the right side.</summary>
    private sealed class Emitter(FieldRegistry reg, List<string> code)
    {
        private int _reg;

        public void Test(Ast a)
        {
            switch (a)
            {
                case OrNode o:
                    {
                        Test(o.L);
                        int j = code.Count;
                        code.Add("");
                        Test(o.R);
                        code[j] = $"IF_TRUE_GOTO     {code.Count}";
                        return;
                    }
                case AndNode n:
                    {
                        Test(n.L);
                        int j = code.Count;
                        code.Add("");
                        Test(n.R);
                        code[j] = $"IF_FALSE_GOTO    {code.Count}";
                        return;
                    }
                case NotNode n:
                    Test(n.X);
                    code.Add("NOT");
                    return;
                case TestNode t:
                    Test(t.X);
                    return;
                case CompareNode c:
                    {
                        string l = Value(c.L, TypeOf(c.R, reg));
                        string r = Value(c.R, c.Op == Tok.Matches ? FieldType.String : TypeOf(c.L, reg));
                        code.Add($"{Op(c.Op, c.Q),-16} {l} {Symbol(c.Op)} {r}");
                        return;
                    }
                case InNode i:
                    {
                        string l = Value(i.L, null);
                        var lt = TypeOf(i.L, reg);
                        var items = i.Items.Select(it => it.Hi is null ? Value(it.Lo, lt) : $"{Value(it.Lo, lt)}..{Value(it.Hi, lt)}");
                        code.Add($"{(i.Negated ? "NOT_IN" : "ANY_IN"),-16} {l} in {{{string.Join(", ", items)}}}");
                        return;
                    }
                case ArithNode { Op: Tok.BitAnd } ar:
                    code.Add($"{"NOT_ALL_ZERO",-16} {Value(ar, null)}");
                    return;
                case WordNode w when reg.Find(w.Text) is { } f:
                    code.Add($"{"CHECK_EXISTS",-16} {f.Abbrev}");
                    return;
                case LayerNode { Field: WordNode lw } ln:
                    code.Add($"{"CHECK_EXISTS",-16} {lw.Text}#{ln.Layer}");
                    return;
                default:
                    code.Add($"{"NOT_ALL_ZERO",-16} {Value(a, null)}");
                    return;
            }
        }

        /// <summary>Emits what loads <paramref name="a"/> and returns its register (or the constant's text).</summary>
        private string Value(Ast a, FieldType? typedAs)
        {
            string Ft(FieldType? t) => t is { } x ? FieldTypes.Name(x) : "FT_NONE";
            switch (a)
            {
                case WordNode w when reg.Find(w.Text) is { } f:
                    {
                        string r = $"reg#{_reg++}";
                        code.Add($"{"READ_TREE",-16} {f.Abbrev} <{FieldTypes.Name(f.Type)}> -> {r}");
                        return r;
                    }
                case LayerNode { Field: WordNode lw } ln:
                    {
                        string r = $"reg#{_reg++}";
                        code.Add($"{"READ_TREE",-16} {lw.Text}#{ln.Layer} <{Ft(reg.Find(lw.Text)?.Type)}> -> {r}");
                        return r;
                    }
                case RefNode rf:
                    {
                        string r = $"reg#{_reg++}";
                        code.Add($"{"READ_REFERENCE",-16} ${{{rf.Field}}} <{Ft(reg.Find(rf.Field)?.Type)}> -> {r}");
                        return r;
                    }
                case SliceNode s:
                    {
                        string inner = Value(s.X, null);
                        string r = $"reg#{_reg++}";
                        code.Add($"{"SLICE",-16} {inner}[{s.RangeText}] -> {r}");
                        return r;
                    }
                case CallNode c:
                    {
                        var args = c.Args.Select(x => Value(x, null)).ToList();
                        string r = $"reg#{_reg++}";
                        code.Add($"{"CALL_FUNCTION",-16} {c.Name}({string.Join(", ", args)}) -> {r}");
                        return r;
                    }
                case ArithNode ar:
                    {
                        var t = TypeOf(ar, reg) ?? typedAs;
                        string l = Value(ar.L, t), rr = Value(ar.R, t);
                        string r = $"reg#{_reg++}";
                        code.Add($"{ArithName(ar.Op),-16} {l} {Symbol(ar.Op)} {rr} -> {r}");
                        return r;
                    }
                case NegNode n:
                    {
                        string x = Value(n.X, typedAs);
                        string r = $"reg#{_reg++}";
                        code.Add($"{"OP_UNARY_MINUS",-16} -{x} -> {r}");
                        return r;
                    }
                case WordNode w:
                    return $"{w.Text} <{Ft(typedAs)}>";
                case StringNode s:
                    return $"{s.Source} <{Ft(typedAs ?? FieldType.String)}>";
                case CharNode ch:
                    return $"{ch.Text} <{Ft(typedAs)}>";
                default:
                    return "?";
            }
        }
    }
}
