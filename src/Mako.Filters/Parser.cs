namespace Mako.Filters;

/// <summary>
/// Recursive-descent parser with Wireshark 4.0's precedence: or &lt; and &lt; not &lt; comparison/in &lt; &amp;
/// &lt; + - &lt; * / % &lt; unary minus &lt; slices/layers.
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> _t;
    private readonly string _text;
    private int _i;

    private Parser(string text)
    {
        _text = text;
        _t = Lexer.Tokenize(text);
    }

    public static Ast Parse(string text)
    {
        var p = new Parser(text);
        var e = p.Or();
        if (p.Peek.Kind != Tok.End) throw p.Unexpected(p.Peek);
        return e;
    }

    private int _depth;

    /// <summary>Bounds recursion (nested parentheses, "not", unary minus) so hostile input cannot overflow the stack.</summary>
    private void Enter(Token at)
    {
        if (++_depth > 400) throw new FilterException("The filter is nested too deeply.", at.Pos, Math.Max(1, at.Len));
    }

    private Token Peek => _t[_i];
    private Token Next() => _t[_i++];

    private FilterException Unexpected(Token t) => t.Kind == Tok.End
        ? new FilterException("Unexpected end of filter expression.", -1, 0)
        : new FilterException($"\"{t.Text}\" was unexpected in this context.", t.Pos, t.Len);

    private Token Expect(Tok k)
    {
        var t = Next();
        if (t.Kind != k) throw Unexpected(t);
        return t;
    }

    private Ast Or()
    {
        var l = And();
        while (Peek.Kind == Tok.Or)
        {
            Next();
            l = new OrNode(l, And());
        }
        return l;
    }

    private Ast And()
    {
        var l = Unary();
        while (Peek.Kind == Tok.And)
        {
            Next();
            l = new AndNode(l, Unary());
        }
        return l;
    }

    private Ast Unary()
    {
        if (Peek.Kind == Tok.Not)
        {
            var n = Next();
            Enter(n);
            var x = new NotNode(Unary(), n.Pos);
            _depth--;
            return x;
        }
        return Relation();
    }

    private Ast Relation()
    {
        if (Peek.Kind == Tok.LParen)
        {
            Enter(Next());
            var inner = Or();
            Expect(Tok.RParen);
            _depth--;
            return inner;
        }
        var q = Quant.Default;
        if (Peek.Kind is Tok.Any or Tok.All)
        {
            q = Next().Kind == Tok.Any ? Quant.Any : Quant.All;
        }
        var left = BitAnd();
        var op = Peek;
        switch (op.Kind)
        {
            case Tok.Eq or Tok.Ne or Tok.AllEq or Tok.AnyNe or Tok.Gt or Tok.Lt or Tok.Ge or Tok.Le or Tok.Contains or Tok.Matches:
                Next();
                var right = BitAnd();
                return new CompareNode(op.Kind, op.Text, left, right, q, op.Pos);
            case Tok.In:
                Next();
                return SetTail(left, negated: false);
            case Tok.Not when _i + 1 < _t.Count && _t[_i + 1].Kind == Tok.In:
                Next();
                Next();
                return SetTail(left, negated: true);
        }
        if (q != Quant.Default) throw Unexpected(Peek);
        return new TestNode(left);
    }

    private Ast SetTail(Ast left, bool negated)
    {
        Expect(Tok.LBrace);
        var items = new List<SetItem>();
        while (true)
        {
            var lo = BitAnd();
            Ast? hi = null;
            if (Peek.Kind == Tok.DotDot)
            {
                Next();
                hi = BitAnd();
            }
            items.Add(new SetItem(lo, hi));
            if (Peek.Kind == Tok.Comma)
            {
                Next();
                continue;
            }
            var close = Peek;
            if (close.Kind != Tok.RBrace) throw Unexpected(close);
            Next();
            return new InNode(left, items, negated, close.Pos + 1);
        }
    }

    private Ast BitAnd()
    {
        var l = Additive();
        while (Peek.Kind == Tok.BitAnd)
        {
            var op = Next();
            l = new ArithNode(Tok.BitAnd, l, Additive(), op.Pos, op.Text);
        }
        return l;
    }

    private Ast Additive()
    {
        var l = Multiplicative();
        while (Peek.Kind is Tok.Plus or Tok.Minus)
        {
            var op = Next();
            l = new ArithNode(op.Kind, l, Multiplicative(), op.Pos, op.Text);
        }
        return l;
    }

    private Ast Multiplicative()
    {
        var l = UnaryMinus();
        while (Peek.Kind is Tok.Star or Tok.Slash or Tok.Percent)
        {
            var op = Next();
            l = new ArithNode(op.Kind, l, UnaryMinus(), op.Pos, op.Text);
        }
        return l;
    }

    private Ast UnaryMinus()
    {
        if (Peek.Kind == Tok.Minus)
        {
            var m = Next();
            Enter(m);
            var x = UnaryMinus();
            _depth--;
            // "-1" is a literal; "-tcp.port" negates a field.
            if (x is WordNode w && w.Text.Length > 0 && char.IsAsciiDigit(w.Text[0]) && w.Pos == m.Pos + 1)
                return new WordNode("-" + w.Text, m.Pos, w.Pos + w.Len - m.Pos);
            return new NegNode(x, m.Pos);
        }
        return Postfix();
    }

    private Ast Postfix()
    {
        var x = Primary();
        if (Peek.Kind == Tok.Hash)
        {
            Next();
            var n = Expect(Tok.LayerIndex);
            if (!int.TryParse(n.Text, out int layer)) layer = int.MaxValue;
            x = new LayerNode(x, layer, x.Pos, n.Pos + n.Len - x.Pos);
        }
        if (Peek.Kind == Tok.LBracket)
        {
            var open = Next();
            var ranges = new List<(int, int?, bool)>();
            while (true)
            {
                var r = Expect(Tok.Range);
                ranges.Add(Range(r));
                if (Peek.Kind == Tok.Comma)
                {
                    Next();
                    continue;
                }
                break;
            }
            var close = Expect(Tok.RBracket);
            x = new SliceNode(x, ranges, close.Pos + 1, _text[(open.Pos + 1)..close.Pos]);
        }
        return x;
    }

    /// <summary>One range of a slice: "i:j" (start:length), "i-j" (start-end inclusive), "i", ":j", "i:"; i may be negative.</summary>
    private static (int Start, int? Length, bool ToEnd) Range(Token t)
    {
        string s = t.Text.Trim();
        int i = 0;
        int start = 0;
        if (s.StartsWith(':'))
        {
            i = 1;
            if (!TryInt(s, ref i, out int l) || i != s.Length) throw new FilterException($"\"{t.Text}\" is not a valid range.", t.Pos, t.Len);
            return Checked(0, l, t);
        }
        if (!TryInt(s, ref i, out start)) throw new FilterException($"\"{t.Text}\" is not a valid number.", t.Pos, t.Len);
        if (i == s.Length) return (start, 1, false);
        char sep = s[i++];
        if (sep == ':' && i == s.Length) return (start, null, true);
        if (sep is not (':' or '-') || !TryInt(s, ref i, out int second) || i != s.Length)
            throw new FilterException($"\"{t.Text}\" is not a valid range.", t.Pos, t.Len);
        if (sep == ':') return Checked(start, second, t);
        if (start > second)
            throw new FilterException($"Range {t.Text} isn't valid because {start} is greater or equal than {second}", t.Pos, t.Len);
        return (start, second - start + 1, false);
    }

    private static (int, int?, bool) Checked(int start, int length, Token t)
    {
        if (length <= 0) throw new FilterException($"Range {t.Text} isn't valid because length {length} isn't positive", t.Pos, t.Len);
        return (start, length, false);
    }

    /// <summary>An optionally signed decimal integer at <paramref name="i"/> (strtol-like).</summary>
    private static bool TryInt(string s, ref int i, out int v)
    {
        v = 0;
        int j = i;
        bool neg = false;
        if (j < s.Length && s[j] is '+' or '-') neg = s[j++] == '-';
        int d = j;
        long acc = 0;
        while (j < s.Length && char.IsAsciiDigit(s[j]) && acc < int.MaxValue) acc = acc * 10 + (s[j++] - '0');
        if (j == d || acc > int.MaxValue) return false;
        v = (int)(neg ? -acc : acc);
        i = j;
        return true;
    }

    private Ast Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case Tok.Word:
                if (Peek.Kind == Tok.LParen)
                {
                    Enter(Next());
                    var args = new List<Ast>();
                    if (Peek.Kind != Tok.RParen)
                    {
                        while (true)
                        {
                            args.Add(BitAnd());
                            if (Peek.Kind == Tok.Comma)
                            {
                                Next();
                                continue;
                            }
                            break;
                        }
                    }
                    var close = Expect(Tok.RParen);
                    _depth--;
                    return new CallNode(t.Text, args, t.Pos, close.Pos + 1 - t.Pos);
                }
                return new WordNode(t.Text, t.Pos, t.Len);
            case Tok.String:
                return new StringNode(t.Value!, t.Raw, t.Pos, t.Len, t.Bytes!, t.Text);
            case Tok.Char:
                return new CharNode(t.Text, int.Parse(t.Value!, System.Globalization.CultureInfo.InvariantCulture), t.Pos, t.Len);
            case Tok.Reference:
                return new RefNode(t.Text, t.Pos, t.Len);
            case Tok.LBrace:
                {
                    Enter(t);
                    var inner = BitAnd();
                    Expect(Tok.RBrace);
                    _depth--;
                    return inner;
                }
            default:
                throw Unexpected(t);
        }
    }
}
