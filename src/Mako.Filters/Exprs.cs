using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;

namespace Mako.Filters;

/// <summary>A compiled value expression: fills a reused list with the values it has in a packet.</summary>
internal abstract class Expr
{
    public VKind Kind { get; protected init; }
    /// <summary>The field when this is a plain field reference (for type checks and literal parsing).</summary>
    public FieldDef? Field { get; protected init; }
    /// <summary>The Wireshark type of the values (for arithmetic type errors); null when unknown.</summary>
    public FieldType? FType { get; init; }
    public abstract void Eval(Packet p, List<Value> into);
}

internal sealed class FieldExpr : Expr
{
    private readonly int _id;
    private readonly int _layer;
    private readonly int _protoId;

    /// <summary><paramref name="layer"/>: 1-based "#n" layer, or -1 for every occurrence.</summary>
    public FieldExpr(FieldDef f, int layer = -1)
    {
        Field = f;
        FType = f.Type;
        Kind = FieldValues.KindOf(f.Type);
        _id = f.Id;
        _layer = layer;
        _protoId = (f.Parent ?? f).Id;
    }

    public override void Eval(Packet p, List<Value> into)
    {
        var tree = p.Tree;
        for (int n = tree.Find(_id); n >= 0; n = tree.FindNext(_id, n))
        {
            if (_layer >= 0 && LayerOf(p, n) != _layer) continue;
            into.Add(FieldValues.Read(p, n, Field!));
        }
    }

    /// <summary>len(): the number of bytes each occurrence covers in the packet.</summary>
    public void EvalLengths(Packet p, List<Value> into)
    {
        var tree = p.Tree;
        for (int n = tree.Find(_id); n >= 0; n = tree.FindNext(_id, n))
        {
            if (_layer >= 0 && LayerOf(p, n) != _layer) continue;
            // Strings and byte fields count their value; protocols and numbers the bytes they cover.
            int len = Kind is VKind.String or VKind.Bytes && Field!.Type != FieldType.Protocol ? FieldValues.Read(p, n, Field).B.Length : tree[n].Length;
            into.Add(Value.Int(len, true));
        }
    }

    public int Count(Packet p)
    {
        var tree = p.Tree;
        int c = 0;
        for (int n = tree.Find(_id); n >= 0; n = tree.FindNext(_id, n))
            if (_layer < 0 || LayerOf(p, n) == _layer) c++;
        return c;
    }

    /// <summary>1-based index of the protocol layer (of the field's protocol) a node belongs to.</summary>
    private int LayerOf(Packet p, int node)
    {
        var tree = p.Tree;
        int proto = node;
        while (proto >= 0 && tree[proto].FieldId != _protoId) proto = tree[proto].Parent;
        if (proto < 0) return 0;
        int layer = 0;
        for (int i = 0; i <= proto; i++)
            if (tree[i].FieldId == _protoId) layer++;
        return layer;
    }

    public bool Exists(Packet p)
    {
        if (_layer < 0) return p.Tree.Find(_id) >= 0;
        var tree = p.Tree;
        for (int n = tree.Find(_id); n >= 0; n = tree.FindNext(_id, n))
            if (LayerOf(p, n) == _layer) return true;
        return false;
    }
}

internal sealed class ConstExpr : Expr
{
    public ConstExpr(params Value[] values)
        : this(null, values)
    {
    }

    /// <summary>A literal parsed for a field of type <paramref name="type"/>.</summary>
    public ConstExpr(FieldType? type, params Value[] values)
    {
        FType = type;
        Values = values;
        Kind = values.Length > 0 ? values[0].Kind : VKind.None;
    }

    public Value[] Values { get; }

    public override void Eval(Packet p, List<Value> into) => into.AddRange(Values);
}

internal sealed class SliceExpr : Expr
{
    private readonly Expr _inner;
    private readonly (int Start, int? Length, bool ToEnd)[] _ranges;
    private readonly List<Value> _tmp = new();
    private readonly bool _fromSource;

    public SliceExpr(Expr inner, List<(int, int?, bool)> ranges)
    {
        _inner = inner;
        _ranges = ranges.ToArray();
        Kind = inner.Kind == VKind.String ? VKind.String : VKind.Bytes;
        // Integer/address fields are sliced over the bytes they occupy in the packet.
        _fromSource = inner is FieldExpr && inner.Kind is not (VKind.Bytes or VKind.String or VKind.IPv6);
        SourceField = inner.Field;
    }

    private FieldDef? SourceField { get; }

    public override void Eval(Packet p, List<Value> into)
    {
        if (_fromSource && SourceField is not null)
        {
            var tree = p.Tree;
            for (int n = tree.Find(SourceField.Id); n >= 0; n = tree.FindNext(SourceField.Id, n))
                Cut(FieldValues.SourceBytes(tree, n), into);
            return;
        }
        _tmp.Clear();
        _inner.Eval(p, _tmp);
        foreach (var v in _tmp) Cut(v.B, into);
    }

    private void Cut(ReadOnlyMemory<byte> b, List<Value> into)
    {
        if (_ranges.Length == 1)
        {
            if (TryRange(b, _ranges[0], out var r)) into.Add(Value.Bytes(r, Kind));
            return;
        }
        var buf = new List<byte>();
        foreach (var range in _ranges)
        {
            if (!TryRange(b, range, out var r)) return;
            buf.AddRange(r.ToArray());
        }
        into.Add(Value.Bytes(buf.ToArray(), Kind));
    }

    private static bool TryRange(ReadOnlyMemory<byte> b, (int Start, int? Length, bool ToEnd) r, out ReadOnlyMemory<byte> result)
    {
        int start = r.Start < 0 ? b.Length + r.Start : r.Start;
        int len = r.ToEnd ? b.Length - start : r.Length ?? 1;
        result = default;
        if (start < 0 || len < 0 || start + len > b.Length) return false;
        result = b.Slice(start, len);
        return true;
    }
}

internal sealed class FuncExpr : Expr
{
    private readonly string _name;
    private readonly Expr[] _args;
    private readonly List<Value> _tmp = new();
    private readonly FieldRegistry _reg;

    public FuncExpr(string name, Expr[] args, VKind kind, FieldRegistry reg, FieldDef? typedAs = null)
    {
        Field = typedAs;
        FType = typedAs?.Type;
        _name = name;
        _args = args;
        Kind = kind;
        _reg = reg;
    }

    public override void Eval(Packet p, List<Value> into)
    {
        switch (_name)
        {
            case "count":
                into.Add(Value.Int(((FieldExpr)_args[0]).Count(p), true));
                return;
            case "len" when _args[0] is FieldExpr fe:
                fe.EvalLengths(p, into);
                return;
            case "string":
                {
                    var f = _args[0].Field!;
                    for (int n = p.Tree.Find(f.Id); n >= 0; n = p.Tree.FindNext(f.Id, n))
                        into.Add(Value.Str(FieldFormatter.ToText(p.Tree, n, _reg)));
                    return;
                }
        }
        _tmp.Clear();
        foreach (var a in _args) a.Eval(p, _tmp);
        switch (_name)
        {
            case "len":
                foreach (var v in _tmp)
                    into.Add(Value.Int(v.Kind switch { VKind.Bytes or VKind.String or VKind.IPv6 => v.B.Length, VKind.IPv4 => 4, _ => 0 }, true));
                return;
            case "lower":
            case "upper":
                foreach (var v in _tmp)
                {
                    var s = System.Text.Encoding.UTF8.GetString(v.B.Span);
                    into.Add(Value.Str(_name == "lower" ? s.ToLowerInvariant() : s.ToUpperInvariant()));
                }
                return;
            case "abs":
                foreach (var v in _tmp)
                    into.Add(v.Kind == VKind.Double ? new Value { Kind = VKind.Double, D = Math.Abs(v.D) } : Value.Int(Math.Abs(v.I), v.Unsigned));
                return;
            case "max":
            case "min":
                {
                    if (_tmp.Count == 0) return;
                    var best = _tmp[0];
                    foreach (var v in _tmp)
                    {
                        int c = Compare.Order(v, best);
                        if (_name == "max" ? c > 0 : c < 0) best = v;
                    }
                    into.Add(best);
                    return;
                }
        }
    }
}

internal sealed class ArithExpr : Expr
{
    private readonly Tok _op;
    private readonly Expr _l, _r;
    private readonly List<Value> _lv = new(), _rv = new();

    public ArithExpr(Tok op, Expr l, Expr r)
    {
        _op = op;
        _l = l;
        _r = r;
        Kind = l.Kind == VKind.None ? r.Kind : l.Kind;
        Field = l.Field ?? r.Field;
        FType = l.FType ?? r.FType;
    }

    /// <summary>Which operators a value family supports in 4.0 (others are "FT_X cannot OP.").</summary>
    public static bool Supports(VKind k, FieldType? t, Tok op) => k switch
    {
        VKind.Integer => true,
        VKind.Double => op is Tok.Plus or Tok.Minus or Tok.Star or Tok.Slash,
        VKind.RelTime => op is Tok.Plus or Tok.Minus,
        VKind.IPv4 or VKind.IPv6 or VKind.Bytes => op == Tok.BitAnd,
        _ => false,
    };

    public override void Eval(Packet p, List<Value> into)
    {
        _lv.Clear();
        _rv.Clear();
        _l.Eval(p, _lv);
        _r.Eval(p, _rv);
        // Like 4.0's DFVM, the operation applies to every pair of left and right values.
        foreach (var a in _lv)
            foreach (var b in _rv)
                if (Apply(a, b) is { } v) into.Add(v);
    }

    private Value? Apply(in Value a, in Value b)
    {
        switch (a.Kind)
        {
            case VKind.Double:
                {
                    double x = a.D, y = b.Kind == VKind.Double ? b.D : b.I;
                    return new Value { Kind = VKind.Double, D = _op switch { Tok.Plus => x + y, Tok.Minus => x - y, Tok.Star => x * y, _ => x / y } };
                }
            case VKind.Bytes or VKind.IPv6:
                {
                    var x = a.B.Span;
                    var y = b.B.Span;
                    var r = new byte[Math.Min(x.Length, y.Length)];
                    for (int i = 0; i < r.Length; i++) r[i] = (byte)(x[i] & y[i]);
                    return new Value { Kind = a.Kind, B = r, Prefix = a.Prefix };
                }
            case VKind.IPv4:
                return new Value { Kind = VKind.IPv4, I = a.I & b.I };
            case VKind.RelTime:
                return new Value { Kind = VKind.RelTime, I = _op == Tok.Plus ? a.I + b.I : a.I - b.I };
        }
        if (a.Unsigned)
        {
            // Unsigned fields compute in 64-bit unsigned arithmetic (wrapping), as 4.0 does.
            ulong x = (ulong)a.I, y = (ulong)b.I;
            ulong res;
            switch (_op)
            {
                case Tok.Plus: res = x + y; break;
                case Tok.Minus: res = x - y; break;
                case Tok.Star: res = x * y; break;
                case Tok.Slash: if (y == 0) return null; res = x / y; break;
                case Tok.Percent: if (y == 0) return null; res = x % y; break;
                default: res = x & y; break;
            }
            return new Value { Kind = a.Kind, I = (long)res, Unsigned = true };
        }
        long sres;
        switch (_op)
        {
            case Tok.Plus: sres = a.I + b.I; break;
            case Tok.Minus: sres = a.I - b.I; break;
            case Tok.Star: sres = a.I * b.I; break;
            case Tok.Slash: if (b.I == 0) return null; sres = a.I / b.I; break;
            case Tok.Percent: if (b.I == 0) return null; sres = a.I % b.I; break;
            default: sres = a.I & b.I; break;
        }
        return new Value { Kind = a.Kind, I = sres, Unsigned = false };
    }
}

internal sealed class NegExpr : Expr
{
    private readonly List<Value> _tmp = new();
    private readonly Expr x;

    public NegExpr(Expr inner)
    {
        x = inner;
        Kind = inner.Kind;
    }

    public override void Eval(Packet p, List<Value> into)
    {
        _tmp.Clear();
        x.Eval(p, _tmp);
        foreach (var v in _tmp)
            into.Add(v.Kind == VKind.Double ? new Value { Kind = VKind.Double, D = -v.D } : new Value { Kind = v.Kind, I = -v.I, Unsigned = false });
    }
}

/// <summary>"${field}": the field's values in the reference frame (none in tshark, which has no selected frame).</summary>
internal sealed class RefExpr : Expr
{
    private readonly Compiler _owner;
    private readonly int _id;

    public RefExpr(FieldDef f, Compiler owner)
    {
        Field = f;
        FType = f.Type;
        Kind = FieldValues.KindOf(f.Type);
        _id = f.Id;
        _owner = owner;
    }

    public override void Eval(Packet p, List<Value> into)
    {
        if (_owner.ReferenceValues.TryGetValue(_id, out var values)) into.AddRange(values);
    }
}
