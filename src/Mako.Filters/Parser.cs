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
            return new NotNode(Unary(), n.Pos);
        }
        return Relation();
    }

    private Ast Relation()
    {
        if (Peek.Kind == Tok.LParen)
        {
            Next();
            var inner = Or();
            Expect(Tok.RParen);
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
            Next();
            l = new ArithNode(Tok.BitAnd, l, Additive());
        }
        return l;
    }

    private Ast Additive()
    {
        var l = Multiplicative();
        while (Peek.Kind is Tok.Plus or Tok.Minus)
        {
            var op = Next().Kind;
            l = new ArithNode(op, l, Multiplicative());
        }
        return l;
    }

    private Ast Multiplicative()
    {
        var l = UnaryMinus();
        while (Peek.Kind is Tok.Star or Tok.Slash or Tok.Percent)
        {
            var op = Next().Kind;
            l = new ArithNode(op, l, UnaryMinus());
        }
        return l;
    }

    private Ast UnaryMinus()
    {
        if (Peek.Kind == Tok.Minus)
        {
            var m = Next();
            var x = UnaryMinus();
            // "-1" is a literal; "-tcp.port" negates a field.
            if (x is WordNode w && w.Text.Length > 0 && char.IsAsciiDigit(w.Text[0]))
                return new WordNode("-" + w.Text, m.Pos, w.Pos + w.Len - m.Pos);
            return new NegNode(x, m.Pos);
        }
        if (Peek.Kind == Tok.Plus)
        {
            Next();
            return UnaryMinus();
        }
        return Postfix();
    }

    private Ast Postfix()
    {
        var x = Primary();
        while (true)
        {
            if (Peek.Kind == Tok.LBracket)
            {
                Next();
                var ranges = new List<(int, int?, bool)>();
                while (true)
                {
                    ranges.Add(Range());
                    if (Peek.Kind == Tok.Comma)
                    {
                        Next();
                        continue;
                    }
                    break;
                }
                var close = Expect(Tok.RBracket);
                x = new SliceNode(x, ranges, close.Pos + 1);
                continue;
            }
            if (Peek.Kind == Tok.Hash)
            {
                Next();
                var n = Expect(Tok.Word);
                if (!int.TryParse(n.Text, out int layer)) throw new FilterException($"\"{n.Text}\" is not a valid layer number.", n.Pos, n.Len);
                x = new LayerNode(x, layer, x.Pos, n.Pos + n.Len - x.Pos);
                continue;
            }
            return x;
        }
    }

    /// <summary>[i:j] (start:length), [i-j] (start-end inclusive), [i], [:j], [i:]; i may be negative.</summary>
    private (int Start, int? Length, bool ToEnd) Range()
    {
        int start = 0;
        var t = Peek;
        if (t.Kind == Tok.Colon)
        {
            Next();
            return (0, Int(Expect(Tok.Word)), false);
        }
        bool neg = false;
        if (t.Kind == Tok.Minus)
        {
            Next();
            neg = true;
        }
        var w = Expect(Tok.Word);
        string text = w.Text;
        if (text.StartsWith(':'))
            return (start, IntText(text[1..], w), false);
        // The lexer keeps "1:2" and "1-2" together as one word.
        int colon = text.IndexOf(':');
        int dash = text.IndexOf('-', 1);
        if (colon > 0)
        {
            start = IntText(text[..colon], w);
            if (neg) start = -start;
            return (start, IntText(text[(colon + 1)..], w), false);
        }
        if (dash > 0)
        {
            start = IntText(text[..dash], w);
            if (neg) start = -start;
            int end = IntText(text[(dash + 1)..], w);
            return (start, end - start + 1, false);
        }
        start = IntText(text, w);
        if (neg) start = -start;
        if (Peek.Kind == Tok.Colon)
        {
            Next();
            if (Peek.Kind == Tok.Word)
                return (start, Int(Next()), false);
            return (start, null, true);
        }
        if (text.EndsWith(':')) return (start, null, true);
        return (start, 1, false);
    }

    private static int Int(Token t) => IntText(t.Text, t);

    private static int IntText(string s, Token t)
    {
        s = s.TrimEnd(':');
        if (!int.TryParse(s, out int v)) throw new FilterException($"\"{t.Text}\" is not a valid range.", t.Pos, t.Len);
        return v;
    }

    private Ast Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case Tok.Word:
                if (Peek.Kind == Tok.LParen && Peek.Pos == t.Pos + t.Len)
                {
                    Next();
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
                    return new CallNode(t.Text, args, t.Pos, close.Pos + 1 - t.Pos);
                }
                return new WordNode(t.Text, t.Pos, t.Len);
            case Tok.String:
                return new StringNode(t.Text, t.Raw, t.Pos, t.Len);
            case Tok.Char:
                return new CharNode(t.Text, t.Pos, t.Len);
            case Tok.DollarBrace:
                {
                    var f = Expect(Tok.Word);
                    var close = Expect(Tok.RBrace);
                    return new RefNode(f.Text, t.Pos, close.Pos + 1 - t.Pos);
                }
            case Tok.LBrace:
                {
                    var inner = BitAnd();
                    Expect(Tok.RBrace);
                    return inner;
                }
            case Tok.Colon:
                // ":8080" style is not valid on its own.
                throw Unexpected(t);
            default:
                throw Unexpected(t);
        }
    }
}
