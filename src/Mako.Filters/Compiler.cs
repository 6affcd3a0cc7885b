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

    /// <summary>Fields referenced as "${field}": their values come from the reference frame (two-pass -R/-Y).</summary>
    public HashSet<FieldDef> References { get; } = new();

    /// <summary>Values of the referenced fields (filled by <see cref="DisplayFilter.SetReferenceFrame"/>).</summary>
    public Dictionary<int, Value[]> ReferenceValues { get; } = new();

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
                    var f = reg.Find(lw.Text) ?? throw new FilterException($"{lw.Text} is neither a field nor a protocol name.", lw.Pos, lw.Len);
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
            case StringNode sn:
                throw new FilterException($"{sn.Source} is neither a field nor a protocol name.", x.Pos, x.Len);
            case CharNode cn:
                throw new FilterException($"{cn.Text} is neither a field nor a protocol name.", x.Pos, x.Len);
            case RefNode r:
                {
                    var f = Reference(r);
                    throw new FilterException($"{f.Abbrev} <{FieldTypes.Name(f.Type)}> is neither a field nor a protocol name.", r.Pos + 2, r.Field.Length);
                }
            case ArithNode { Op: Tok.BitAnd }:
                {
                    // "tcp.flags & 0x02" as a test: true when some masked value is non-zero.
                    var e = Entity(x, null);
                    var buf = new List<Value>();
                    return p =>
                    {
                        buf.Clear();
                        e.Eval(p, buf);
                        foreach (var v in buf)
                        {
                            if (v.Kind is VKind.Bytes or VKind.IPv6 or VKind.String)
                            {
                                if (v.B.Span.IndexOfAnyExcept((byte)0) >= 0) return true;
                            }
                            else if (v.I != 0) return true;
                        }
                        return false;
                    };
                }
            case ArithNode or NegNode:
                throw new FilterException("You cannot test whether an arithmetic expression is present.", x.Pos, x.Len);
            default:
                return Compile(x);
        }
    }

    /// <summary>A "${field}" reference: 4.0 expands "${name}" as a macro first, so unknown names are macro errors.</summary>
    private FieldDef Reference(RefNode r) =>
        reg.Find(r.Field) ?? throw new FilterException($"macro '{r.Field}' does not exist", -1, 0);

    /// <summary>A literal: a quoted string, a character constant or a word that names no field.</summary>
    private bool IsLiteral(Ast a) => a is StringNode or CharNode || a is WordNode w && reg.Find(w.Text) is null;

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
                    return Literal(w, other);
                }
            case StringNode or CharNode:
                return Literal(a, other);
            case RefNode r:
                {
                    var f = Reference(r);
                    References.Add(f);
                    return new RefExpr(f, this);
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
                    if (inner.Field is { } nf && inner is FieldExpr && !Sliceable(nf.Type))
                    {
                        if (nf.Type == FieldType.None)
                            throw new FilterException($"\"{nf.Abbrev}\" is a FT_NONE field and cannot be sliced.", s.X.Pos, s.X.Len);
                        throw new FilterException($"\"{nf.Abbrev}\" is a {Literals.TypeName(nf.Type)} and cannot be sliced into a sequence of bytes.", s.X.Pos, s.X.Len);
                    }
                    return new SliceExpr(inner, s.Ranges);
                }
            case CallNode c:
                return Call(c);
            case ArithNode ar:
                {
                    Expr l, r;
                    if (IsLiteral(ar.L) && !IsLiteral(ar.R))
                    {
                        r = Entity(ar.R, other);
                        l = Entity(ar.L, r);
                        CheckArith(ar, l);
                    }
                    else
                    {
                        l = Entity(ar.L, other);
                        CheckArith(ar, l);
                        r = Entity(ar.R, l);
                    }
                    return new ArithExpr(ar.Op, l, r);
                }
            case NegNode n:
                return new NegExpr(Entity(n.X, other));
            default:
                throw new FilterException("Syntax error.", a.Pos, a.Len);
        }
    }

    /// <summary>4.0 refuses an operator the left operand's type lacks: "FT_IPv4 cannot +."</summary>
    private static void CheckArith(ArithNode ar, Expr l)
    {
        var t = l.FType;
        if (t == FieldType.Boolean || !ArithExpr.Supports(l.Kind, t, ar.Op))
            throw new FilterException($"{(t is { } ft ? FieldTypes.Name(ft) : "FT_NONE")} cannot {ar.OpText}.", ar.L.Pos, ar.L.Len);
    }

    private static bool Sliceable(FieldType t) =>
        !(FieldTypes.IsInteger(t) || t is FieldType.Boolean or FieldType.AbsoluteTime or FieldType.RelativeTime or FieldType.Float or FieldType.Double);

    /// <summary>A literal typed by the expression on the other side (a field's own parser when there is one).</summary>
    private Expr Literal(Ast lit, Expr? other)
    {
        string text = lit switch { WordNode w => w.Text, StringNode sn => sn.Text, CharNode cn => cn.Text, _ => "" };
        if (other is null)
        {
            // Nothing to type it yet: integers stay integers, the rest raw text; callers re-bind when possible.
            if (lit is WordNode && Literals.TryInteger(text, out long v, out bool neg)) return new ConstExpr(Value.Int(v, !neg));
            if (lit is CharNode c0) return new ConstExpr(Value.Int(c0.Value, true));
            return new ConstExpr(lit is StringNode s0 ? Value.Bytes(s0.Bytes, VKind.String) : Value.Str(text));
        }
        if (other is SliceExpr || other.Field?.Type == FieldType.Protocol && other is not FuncExpr)
            return new ConstExpr(FieldType.Bytes, BytesLiteral(lit, text));
        var f = other.Field;
        if (f is null)
        {
            // Typed by a function or arithmetic without a field: parse by the value kind.
            return other.Kind switch
            {
                VKind.Integer or VKind.Bool when lit is CharNode cn => new ConstExpr(Value.Int(cn.Value, true)),
                VKind.Integer or VKind.Bool when lit is WordNode && Literals.TryInteger(text, out long v, out bool neg) => new ConstExpr(Value.Int(v, !neg)),
                VKind.Integer or VKind.Bool => throw new FilterException($"\"{text}\" is not a valid number.", lit.Pos, lit.Len),
                VKind.String => new ConstExpr(lit is StringNode s1 ? Value.Bytes(s1.Bytes, VKind.String) : Value.Str(text)),
                _ => new ConstExpr(BytesLiteral(lit, text)),
            };
        }
        return new ConstExpr(f.Type, Literals.Parse(f, lit));
    }

    private static Value BytesLiteral(Ast lit, string text)
    {
        if (lit is StringNode s) return Value.Bytes(s.Bytes);
        if (lit is CharNode c) return Value.Bytes(new[] { (byte)c.Value });
        if (Literals.TryBytes(text, out var b)) return Value.Bytes(b);
        throw new FilterException($"\"{text}\" is not a valid byte string.", lit.Pos, lit.Len);
    }

    private Expr Call(CallNode c)
    {
        string name = c.Name;
        var args = new List<Expr>();
        foreach (var a in c.Args) args.Add(Entity(a, null));
        void Arity(int min, int max)
        {
            if (args.Count < min) throw new FilterException($"Function {c.Name} needs at least {min} arguments.", c.Pos, c.Name.Length);
            if (args.Count > max) throw new FilterException($"Function {c.Name} can only accept {max} arguments.", c.Pos, c.Name.Length);
        }
        (int Pos, int Len) ArgAt(int i) => c.Args[i] is ArithNode an ? (an.OpPos, an.OpText.Length) : (c.Args[i].Pos, c.Args[i].Len);
        switch (name)
        {
            case "len":
                Arity(1, 1);
                return new FuncExpr(name, args.ToArray(), VKind.Integer, reg);
            case "count":
                Arity(1, 1);
                if (args[0] is not FieldExpr)
                {
                    var (p, l) = ArgAt(0);
                    throw new FilterException("Only fields can be used as parameter for count()", p, l);
                }
                return new FuncExpr(name, args.ToArray(), VKind.Integer, reg);
            case "string":
                Arity(1, 1);
                if (args[0] is not FieldExpr sf)
                {
                    var (p, l) = ArgAt(0);
                    throw new FilterException("Only fields can be used as parameter for string()", p, l);
                }
                if (sf.Field!.Type is FieldType.RelativeTime or FieldType.None or FieldType.Protocol)
                    throw new FilterException($"String conversion for field \"{sf.Field.Abbrev}\" is not supported", c.Args[0].Pos, c.Args[0].Len);
                return new FuncExpr(name, args.ToArray(), VKind.String, reg);
            case "lower":
            case "upper":
                Arity(1, 1);
                if (args[0] is not FieldExpr || args[0].Kind != VKind.String)
                {
                    var (p, l) = ArgAt(0);
                    throw new FilterException($"Only string type fields can be used as parameter for {name}()", p, l);
                }
                return new FuncExpr(name, args.ToArray(), VKind.String, reg);
            case "max":
            case "min":
                Arity(1, int.MaxValue);
                return new FuncExpr(name, args.ToArray(), args[0].Kind, reg, args[0].Field);
            case "abs":
                Arity(1, 1);
                return new FuncExpr(name, args.ToArray(), args[0].Kind, reg, args[0].Field);
            default:
                throw new FilterException($"Function '{c.Name}' does not exist", c.Pos, c.Name.Length);
        }
    }

    /// <summary>The operator as 4.0 names it in "Left side of ..." (quoted, except the word tests).</summary>
    private static string OpName(CompareNode c) => c.Op is Tok.Contains or Tok.Matches ? c.OpText : $"\"{c.OpText}\"";

    private Func<Packet, bool> Comparison(CompareNode c)
    {
        if (c.Op == Tok.Matches && c.R is not StringNode)
            throw new FilterException("Matches requires a double quoted string on the right side.", c.R.Pos, c.R.Len);
        if (c.L is ArithNode la && IsLiteral(la.L) && IsLiteral(la.R))
            throw new FilterException("Constant arithmetic expression on the LHS is invalid.", la.L.Pos, la.L.Len);
        // Operands: a field/function on at least one side; literals take the other side's type.
        Expr left, right;
        if (c.L is WordNode lw && reg.Find(lw.Text) is null)
        {
            if (c.R is WordNode rw0 && reg.Find(rw0.Text) is not null || c.R is CallNode or SliceNode or LayerNode)
            {
                right = Entity(c.R, null);
                left = Entity(c.L, right);
            }
            else
            {
                throw new FilterException($"Left side of {OpName(c)} expression must be a field or function, not {lw.Text}.", lw.Pos, lw.Len);
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
            if (c.Op is Tok.Matches or Tok.Contains && !Searchable(left))
            {
                string name = left.Field?.Abbrev ?? "value";
                string type = Literals.TypeName(left.Field?.Type ?? left.FType ?? FieldType.None);
                throw new FilterException($"{name} (type={type}) cannot participate in {c.OpText} comparison.", c.L.Pos, c.L.Len);
            }
            if (c.Op == Tok.Matches)
                right = new ConstExpr(Value.Str(""));
            else if (c.Op == Tok.Contains && left.Kind is VKind.Bytes && IsLiteral(c.R))
                right = new ConstExpr(FieldType.Bytes, BytesLiteral(c.R, c.R is WordNode cw ? cw.Text : ""));
            else
                right = Entity(c.R, left);
        }
        if (left is FieldExpr lf && right is FieldExpr rf && !Compatible(lf.Kind, rf.Kind))
            throw new FilterException($"{lf.Field!.Abbrev} and {rf.Field!.Abbrev} are not of compatible types.", c.R.Pos, c.R.Len);
        if (left is FieldExpr lf2 && right is FieldExpr rf2 && lf2.Field!.Type == FieldType.Protocol != (rf2.Field!.Type == FieldType.Protocol) && !Compatible(lf2.Kind, rf2.Kind))
            throw new FilterException($"{lf2.Field.Abbrev} and {rf2.Field.Abbrev} are not of compatible types.", c.R.Pos, c.R.Len);

        if (c.Op == Tok.Matches)
        {
            var sn = (StringNode)c.R;
            var re = RegexTranslator.Compile(sn.Bytes, sn.Raw);
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
        if (left.Field?.Type == FieldType.None || right.Field?.Type == FieldType.None)
        {
            var nf = left.Field?.Type == FieldType.None ? left.Field : right.Field!;
            throw new FilterException($"{nf!.Abbrev} (type={Literals.TypeName(FieldType.None)}) cannot participate in '{c.OpText}' comparison.", c.L.Pos, c.L.Len);
        }

        var op = c.Op;
        // Quantifiers: "all"/"===" need every value to pass; "!=" (all_ne) means no value is equal; an explicit
        // "any"/"all" applies the plain relation to each value.
        bool all = op is Tok.AllEq || c.Q == Quant.All;
        bool none = op is Tok.Ne && c.Q == Quant.Default;
        if (none) op = Tok.Eq;
        if (op is Tok.Ne) op = Tok.AnyNe;
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

    /// <summary>Types 4.0 can search with contains/matches: strings, byte sequences (MACs too) and protocols.</summary>
    private static bool Searchable(Expr e) =>
        e.Field?.Type == FieldType.Protocol || e is SliceExpr || e.Kind is VKind.String || e.Kind == VKind.Bytes && e.FType is not null && e.FType != FieldType.None;

    private static bool Compatible(VKind a, VKind b) =>
        a == b || a is VKind.Integer or VKind.Bool && b is VKind.Integer or VKind.Bool || a is VKind.Bytes or VKind.String && b is VKind.Bytes or VKind.String;

    private Func<Packet, bool> Membership(InNode n)
    {
        if (n.L is not (WordNode or LayerNode or SliceNode) || n.L is WordNode w0 && reg.Find(w0.Text) is null)
        {
            int len = n.L is CallNode cn ? cn.Name.Length : n.L.Len;
            throw new FilterException("Only a field may be tested for membership in a set.", n.L.Pos, len);
        }
        var left = Entity(n.L, null);
        var items = new List<(Expr Lo, Expr? Hi)>();
        foreach (var it in n.Items)
            items.Add((Entity(it.Lo, left), it.Hi is null ? null : Entity(it.Hi, left)));
        var lv = new List<Value>();
        var tmp = new List<Value>();
        var hiTmp = new List<Value>();
        var set = items.ToArray();
        bool negated = n.Negated;
        return p =>
        {
            lv.Clear();
            left.Eval(p, lv);
            // "x not in {...}" is "not (x in {...})": true when the field is absent too.
            if (lv.Count == 0) return negated;
            bool any = false;
            foreach (var (lo, hi) in set)
            {
                tmp.Clear();
                lo.Eval(p, tmp);
                if (hi is not null)
                {
                    hiTmp.Clear();
                    hi.Eval(p, hiTmp);
                }
                foreach (var v in lv)
                {
                    foreach (var l in tmp)
                    {
                        if (hi is null ? Compare.Order(v, l) == 0 : Compare.Order(v, l) >= 0 && hiTmp.Count > 0 && Compare.Order(v, hiTmp[0]) <= 0)
                        {
                            any = true;
                            break;
                        }
                    }
                    if (any) break;
                }
                if (any) break;
            }
            return negated ? !any : any;
        };
    }
}

