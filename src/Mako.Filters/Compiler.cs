using System.Text.RegularExpressions;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Filters;

/// <summary>
/// Binds a parsed filter to the field registry (resolving words to fields or literals, parsing literals for the
/// field they meet, checking types) and compiles it to delegates. Each delegate reuses its value lists, so
/// evaluating a packet allocates nothing for integer/address/byte comparisons.
/// </summary>
internal sealed class Compiler(FieldRegistry reg)
{
    public HashSet<int> FieldIds { get; } = new();

    public Func<Packet, bool> Compile(Ast a)
    {
        switch (a)
        {
            case OrNode o:
                {
                    var l = Compile(o.L);
                    var r = Compile(o.R);
                    return p => l(p) || r(p);
                }
            case AndNode n:
                {
                    var l = Compile(n.L);
                    var r = Compile(n.R);
                    return p => l(p) && r(p);
                }
            case NotNode n:
                {
                    var x = Compile(n.X);
                    return p => !x(p);
                }
            case TestNode t:
                return Test(t.X);
            case CompareNode c:
                return Comparison(c);
            case InNode i:
                return Membership(i);
            default:
                // A parenthesised logical expression can appear where a relation is expected.
                return Test(a);
        }
    }

    private Func<Packet, bool> Test(Ast x)
    {
        switch (x)
        {
            case WordNode w:
                {
                    var f = reg.Find(w.Text) ?? throw new FilterException($"{w.Text} is neither a field nor a protocol name.", w.Pos, w.Len);
                    FieldIds.Add(f.Id);
                    var fe = new FieldExpr(f);
                    return fe.Exists;
                }
            case LayerNode ln when ln.Field is WordNode lw:
                {
                    var f = reg.Find(lw.Text) ?? throw new FilterException($"\"{lw.Text}\" is neither a field nor a protocol name.", lw.Pos, lw.Len);
                    FieldIds.Add(f.Id);
                    return new FieldExpr(f, ln.Layer).Exists;
                }
            case SliceNode s:
                {
                    var e = Entity(s, null);
                    var buf = new List<Value>();
                    return p =>
                    {
                        buf.Clear();
                        e.Eval(p, buf);
                        return buf.Count > 0;
                    };
                }
            case CallNode c:
                throw new FilterException("You cannot test whether a function is present.", c.Pos, c.Name.Length);
            case StringNode or CharNode:
                throw new FilterException($"\"{Text(x)}\" is not a valid protocol or protocol field.", x.Pos, x.Len);
            case RefNode:
                return _ => false;
            case ArithNode { Op: Tok.BitAnd }:
                {
                    // "tcp.flags & 0x02" as a test: true when the masked value is non-zero.
                    var e = Entity(x, null);
                    var buf = new List<Value>();
                    return p =>
                    {
                        buf.Clear();
                        e.Eval(p, buf);
                        foreach (var v in buf) if (v.I != 0) return true;
                        return false;
                    };
                }
            case ArithNode or NegNode:
                throw new FilterException("You cannot test whether an arithmetic expression is present.", x.Pos, x.Len);
            default:
                return Compile(x);
        }
    }

    private static string Text(Ast a) => a switch
    {
        WordNode w => w.Text,
        StringNode s => s.Text,
        CharNode c => c.Text,
        _ => "",
    };

    /// <summary>Resolves an operand. <paramref name="other"/> is the expression on the other side (for literal parsing).</summary>
    private Expr Entity(Ast a, Expr? other)
    {
        switch (a)
        {
            case WordNode w:
                {
                    var f = reg.Find(w.Text);
                    if (f is not null)
                    {
                        FieldIds.Add(f.Id);
                        return new FieldExpr(f);
                    }
                    return Literal(w.Text, quoted: false, isChar: false, w, other);
                }
            case StringNode s:
                return Literal(s.Text, quoted: true, isChar: false, s, other);
            case CharNode c:
                return Literal(c.Text, quoted: false, isChar: true, c, other);
            case RefNode r:
                {
                    var f = reg.Find(r.Field) ?? throw new FilterException($"\"{r.Field}\" is not a valid protocol or protocol field.", r.Pos, r.Len);
                    return new EmptyExpr(f);
                }
            case LayerNode ln:
                {
                    if (ln.Field is not WordNode lw || reg.Find(lw.Text) is not { } f)
                        throw new FilterException("Layer operator can only be applied to a field.", ln.Pos, ln.Len);
                    FieldIds.Add(f.Id);
                    return new FieldExpr(f, ln.Layer);
                }
            case SliceNode s:
                {
                    var inner = Entity(s.X, null);
                    if (inner is ConstExpr || inner.Kind == VKind.None && inner.Field?.Type != FieldType.Protocol)
                    {
                        if (inner.Field is { } nf && nf.Type == FieldType.None)
                            throw new FilterException($"\"{nf.Abbrev}\" is a FT_NONE field and cannot be sliced.", s.Pos, s.Len);
                    }
                    return new SliceExpr(inner, s.Ranges);
                }
            case CallNode c:
                return Call(c, other);
            case ArithNode ar:
                {
                    var l = Entity(ar.L, other);
                    var r = Entity(ar.R, l);
                    if (l is ConstExpr && r is not ConstExpr && ar.L is WordNode lw2) l = Entity(ar.L, r);
                    return new ArithExpr(ar.Op, l, r);
                }
            case NegNode n:
                return new NegExpr(Entity(n.X, other));
            default:
                throw new FilterException("Syntax error.", a.Pos, a.Len);
        }
    }

    private Expr Literal(string text, bool quoted, bool isChar, Ast at, Expr? other)
    {
        if (other is null)
        {
            // Literal with nothing to type it yet: keep the raw text as a string/bytes; callers re-bind when possible.
            if (!quoted && !isChar && Literals.TryInteger(text, out long v, out bool neg)) return new ConstExpr(Value.Int(v, !neg));
            return new ConstExpr(Value.Str(text));
        }
        var f = other.Field;
        if (f is null)
        {
            // Typed by a function or arithmetic: parse by the value kind.
            return other.Kind switch
            {
                VKind.Integer or VKind.Bool when Literals.TryInteger(text, out long v, out bool neg) => new ConstExpr(Value.Int(v, !neg)),
                VKind.Integer or VKind.Bool => throw new FilterException($"\"{text}\" is not a valid number.", at.Pos, at.Len),
                VKind.String => new ConstExpr(Value.Str(text)),
                _ when !quoted && Literals.TryBytes(text, out var b) => new ConstExpr(Value.Bytes(b)),
                _ => new ConstExpr(Value.Str(text)),
            };
        }
        if (other is SliceExpr)
        {
            if (quoted) return new ConstExpr(Value.Bytes(System.Text.Encoding.UTF8.GetBytes(text)));
            if (Literals.TryBytes(text, out var sb)) return new ConstExpr(Value.Bytes(sb));
            throw new FilterException($"\"{text}\" is not a valid byte string.", at.Pos, at.Len);
        }
        if (f.Type == FieldType.Protocol)
        {
            if (quoted) return new ConstExpr(Value.Bytes(System.Text.Encoding.UTF8.GetBytes(text)));
            if (Literals.TryBytes(text, out var pb)) return new ConstExpr(Value.Bytes(pb));
            throw new FilterException($"\"{text}\" is not a valid byte string.", at.Pos, at.Len);
        }
        return new ConstExpr(Literals.Parse(f, text, quoted, isChar, at.Pos, at.Len));
    }

    private Expr Call(CallNode c, Expr? other)
    {
        string name = c.Name.ToLowerInvariant();
        var args = new List<Expr>();
        foreach (var a in c.Args) args.Add(Entity(a, null));
        void Arity(int min, int max)
        {
            if (args.Count < min) throw new FilterException($"Function {c.Name} needs at least {min} argument{(min == 1 ? "" : "s")}.", c.Pos, c.Len);
            if (args.Count > max) throw new FilterException($"Function {c.Name} can only accept {max} argument{(max == 1 ? "" : "s")}.", c.Pos, c.Len);
        }
        switch (name)
        {
            case "len":
                Arity(1, 1);
                return new FuncExpr(name, args.ToArray(), VKind.Integer, reg);
            case "count":
                Arity(1, 1);
                if (args[0] is not FieldExpr) throw new FilterException("Only fields can be used as parameter for count()", c.Args[0].Pos, c.Args[0].Len);
                return new FuncExpr(name, args.ToArray(), VKind.Integer, reg);
            case "string":
                Arity(1, 1);
                if (args[0] is not FieldExpr) throw new FilterException("Only fields can be used as parameter for string()", c.Args[0].Pos, c.Args[0].Len);
                return new FuncExpr(name, args.ToArray(), VKind.String, reg);
            case "lower":
            case "upper":
                Arity(1, 1);
                if (args[0].Kind != VKind.String)
                    throw new FilterException($"Only string type fields can be used as parameter for {name}()", c.Args[0].Pos, c.Args[0].Len);
                return new FuncExpr(name, args.ToArray(), VKind.String, reg);
            case "max":
            case "min":
                Arity(1, int.MaxValue);
                return new FuncExpr(name, args.ToArray(), args[0].Kind, reg);
            case "abs":
                Arity(1, 1);
                return new FuncExpr(name, args.ToArray(), args[0].Kind, reg);
            default:
                throw new FilterException($"Function '{c.Name}' does not exist", c.Pos, c.Name.Length);
        }
    }

    private static bool IsTestable(Ast a) => a is WordNode or LayerNode or SliceNode or CallNode or ArithNode or NegNode or RefNode;

    private Func<Packet, bool> Comparison(CompareNode c)
    {
        // Operands: a field/function on at least one side; literals take the other side's type.
        Expr left, right;
        if (c.L is WordNode lw && reg.Find(lw.Text) is null && c.L is not StringNode)
        {
            if (c.R is WordNode rw0 && reg.Find(rw0.Text) is not null || c.R is CallNode or SliceNode or LayerNode)
            {
                right = Entity(c.R, null);
                left = Entity(c.L, right);
            }
            else
            {
                throw new FilterException($"Left side of \"{c.OpText}\" expression must be a field or function, not {lw.Text}.", lw.Pos, lw.Len);
            }
        }
        else if (c.L is StringNode or CharNode)
        {
            right = Entity(c.R, null);
            left = Entity(c.L, right);
        }
        else
        {
            left = Entity(c.L, null);
            if (c.Op == Tok.Matches && left.Field is { } mf && mf.Type != FieldType.Protocol && !FieldTypes.IsString(mf.Type))
                throw new FilterException($"{mf.Abbrev} (type={Literals.TypeName(mf.Type)}) cannot participate in {c.OpText} comparison.", c.L.Pos, c.L.Len);
            if (c.Op == Tok.Matches)
                right = new ConstExpr(Value.Str(""));
            else
                right = Entity(c.R, left);
        }
        if (left is FieldExpr lf && right is FieldExpr rf && !Compatible(lf.Kind, rf.Kind))
            throw new FilterException($"{lf.Field!.Abbrev} and {rf.Field!.Abbrev} are not of compatible types.", c.R.Pos, c.R.Len);

        if (c.Op == Tok.Matches)
        {
            if (left.Kind is not (VKind.String or VKind.Bytes) || left.Field?.Type is { } lt && lt != FieldType.Protocol && !FieldTypes.IsString(lt))
                throw new FilterException($"{left.Field?.Abbrev ?? "value"} (type={Literals.TypeName(left.Field?.Type ?? FieldType.None)}) cannot participate in {c.OpText} comparison.", c.L.Pos, c.L.Len);
            string pattern = c.R is StringNode sn ? sn.Text : c.R is WordNode ww ? ww.Text : throw new FilterException("Regular expression must be a string.", c.R.Pos, c.R.Len);
            var re = RegexTranslator.Compile(pattern, c.R.Pos, c.R.Len);
            var lb = new List<Value>();
            return p =>
            {
                lb.Clear();
                left.Eval(p, lb);
                foreach (var v in lb)
                    if (Compare.Matches(re, v)) return true;
                return false;
            };
        }
        if (c.Op == Tok.Contains)
        {
            if (left.Kind is not (VKind.String or VKind.Bytes or VKind.IPv6) && left.Field?.Type is not FieldType.Protocol)
                throw new FilterException($"{left.Field?.Abbrev ?? "value"} (type={Literals.TypeName(left.Field?.Type ?? FieldType.None)}) cannot participate in 'contains' comparison.", c.L.Pos, c.L.Len);
        }
        if (left.Field?.Type == FieldType.None || right.Field?.Type == FieldType.None)
        {
            var nf = left.Field?.Type == FieldType.None ? left.Field : right.Field!;
            throw new FilterException($"{nf!.Abbrev} (type={Literals.TypeName(FieldType.None)}) cannot participate in '{c.OpText}' comparison.", c.L.Pos, c.L.Len);
        }

        var op = c.Op;
        bool all = op is Tok.AllEq || c.Q == Quant.All;
        bool none = op is Tok.Ne; // "!=" is all_ne: no pair may be equal
        if (none) op = Tok.Eq;
        var lv = new List<Value>();
        var rv = new List<Value>();
        if (right is ConstExpr rc && rc.Values.Length == 1)
        {
            var k = rc.Values[0];
            return p =>
            {
                lv.Clear();
                left.Eval(p, lv);
                if (lv.Count == 0) return false;
                if (all)
                {
                    foreach (var v in lv) if (!Compare.Test(op, v, k)) return false;
                    return true;
                }
                foreach (var v in lv)
                    if (Compare.Test(op, v, k)) return !none;
                return none;
            };
        }
        return p =>
        {
            lv.Clear();
            rv.Clear();
            left.Eval(p, lv);
            right.Eval(p, rv);
            if (lv.Count == 0 || rv.Count == 0) return false;
            if (all)
            {
                foreach (var a in lv) foreach (var b in rv) if (!Compare.Test(op, a, b)) return false;
                return true;
            }
            foreach (var a in lv) foreach (var b in rv) if (Compare.Test(op, a, b)) return !none;
            return none;
        };
    }

    private static bool Compatible(VKind a, VKind b) =>
        a == b || a is VKind.Integer or VKind.Bool && b is VKind.Integer or VKind.Bool || a is VKind.Bytes or VKind.String && b is VKind.Bytes or VKind.String;

    private Func<Packet, bool> Membership(InNode n)
    {
        var left = Entity(n.L, null);
        var items = new List<(Value Lo, Value? Hi)>();
        foreach (var it in n.Items)
        {
            var lo = Entity(it.Lo, left) as ConstExpr ?? throw new FilterException("Only literals are supported in a set.", it.Lo.Pos, it.Lo.Len);
            Value? hi = null;
            if (it.Hi is not null)
            {
                var h = Entity(it.Hi, left) as ConstExpr ?? throw new FilterException("Only literals are supported in a set.", it.Hi.Pos, it.Hi.Len);
                hi = h.Values[0];
            }
            items.Add((lo.Values[0], hi));
        }
        var lv = new List<Value>();
        var set = items.ToArray();
        bool negated = n.Negated;
        return p =>
        {
            lv.Clear();
            left.Eval(p, lv);
            // "x not in {...}" is "not (x in {...})": true when the field is absent too.
            if (lv.Count == 0) return negated;
            bool any = false;
            foreach (var v in lv)
            {
                foreach (var (lo, hi) in set)
                {
                    bool inSet = hi is { } h ? Compare.Order(v, lo) >= 0 && Compare.Order(v, h) <= 0 : Compare.Order(v, lo) == 0;
                    if (inSet) { any = true; break; }
                }
                if (any) break;
            }
            return negated ? !any : any;
        };
    }
}

/// <summary>PCRE2 patterns as .NET regexes: case-insensitive by default (as Wireshark's "matches"); constructs .NET
/// lacks are refused with a clear message rather than silently changing meaning.</summary>
internal static class RegexTranslator
{
    public static Regex Compile(string pattern, int pos, int len)
    {
        if (pattern.Contains("\\Q") || pattern.Contains("*+") || pattern.Contains("++") || pattern.Contains("?+") || pattern.Contains("(*"))
            throw new FilterException("Regex compilation error: this PCRE2 construct (possessive quantifier, \\Q...\\E or verb) is not supported by Mako.", pos, len);
        string translated = pattern.Replace("(?P<", "(?<").Replace("(?P=", "\\k<");
        try
        {
            return new Regex(translated, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            string msg = ex.Message.Contains("Not enough )") || ex.Message.Contains("closing parenthesis") ? "missing closing parenthesis" : ex.Message;
            throw new FilterException($"Regex compilation error: {msg}.", -1, 0);
        }
    }
}
