using System.Text;
using System.Text.RegularExpressions;

namespace Mako.Filters;

internal enum Tok
{
    End, Word, String, Char, LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, DotDot, Range,
    Eq, Ne, AllEq, AnyNe, Gt, Lt, Ge, Le, Contains, Matches, BitAnd,
    And, Or, Not, In, Any, All,
    Plus, Minus, Star, Slash, Percent, Reference, Hash, LayerIndex,
}

internal readonly record struct Token(Tok Kind, string Text, int Pos, int Len, bool Raw = false, string? Value = null, byte[]? Bytes = null);

/// <summary>
/// Splits a display filter into tokens with Wireshark 4.0's scanner rules: unquoted literals that look like
/// addresses, byte strings or numbers ("00:0b:ab", "10.0.0.0/8", "0x02", "fe80::1") are single words whose meaning
/// the binder decides; the longest matching literal pattern wins (as in flex), so "0:19" is "0" then ":19".
/// Inside "[...]" everything up to "," or "]" is one range token; after "#" only digits may follow.
/// </summary>
internal static partial class Lexer
{
    private const string Hex2 = "[0-9A-Fa-f]{2}";
    private const string Oct = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private const string V4 = Oct + @"\." + Oct + @"\." + Oct + @"\." + Oct;
    private const string H16 = "[0-9A-Fa-f]{1,4}";
    private const string Ls32 = "(?:" + H16 + ":" + H16 + "|" + V4 + ")";
    private const string V6 =
        "(?:(?:" + H16 + ":){6}" + Ls32 + "|::(?:" + H16 + ":){5}" + Ls32 + "|(?:" + H16 + ")?::(?:" + H16 + ":){4}" + Ls32 +
        "|(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + Ls32 + "|(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + Ls32 +
        "|(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + Ls32 + "|(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + Ls32 +
        "|(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16 + "|(?:(?:" + H16 + ":){0,6}" + H16 + ")?::)";
    private const string Bytes = "(?:" + Hex2 + "(?::" + Hex2 + ")+|" + Hex2 + ":|" + Hex2 + "(?:-" + Hex2 + ")+|" + Hex2 + @"(?:\." + Hex2 + ")+|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})";
    private const string Ident = @"[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\-\u0080-\uffff]*(?:\.[A-Za-z0-9_\-\u0080-\uffff]+)*";
    private const string Number = @"0[bBxX]?[0-9A-Fa-f]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?";

    // Each alternative is tried at the current position; the longest match is the token.
    private static readonly Regex[] Literal =
    [
        new(@"\G" + V4 + "(?:/[0-9]{1,2})?", RegexOptions.CultureInvariant),
        new(@"\G" + V6 + "(?:/[0-9]{1,3})?", RegexOptions.CultureInvariant),
        new(@"\G:?" + Bytes, RegexOptions.CultureInvariant),
        new(@"\G:[0-9A-Fa-f]+", RegexOptions.CultureInvariant),
        new(@"\G(?:" + Number + ")", RegexOptions.CultureInvariant),
        new(@"\G" + Ident, RegexOptions.CultureInvariant),
    ];

    public static List<Token> Tokenize(string s)
    {
        var list = new List<Token>();
        int i = 0;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length)
            {
                list.Add(new Token(Tok.End, "", s.Length, 0));
                return list;
            }
            int start = i;
            char c = s[i];
            if (c == '"' || (c is 'r' or 'R') && i + 1 < s.Length && s[i + 1] == '"')
            {
                list.Add(ReadString(s, ref i, start, raw: c != '"'));
                continue;
            }
            if (c == '\'')
            {
                list.Add(ReadChar(s, ref i));
                continue;
            }
            if (c == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                // 4.0 expands "${name}" as a macro before parsing; names of fields stay field references.
                int close = s.IndexOf('}', i + 2);
                if (close < 0) throw new FilterException("end of filter in the middle of a macro expression", -1, 0);
                list.Add(new Token(Tok.Reference, s[(i + 2)..close], start, close + 1 - start));
                i = close + 1;
                continue;
            }
            if (c == '#')
            {
                list.Add(new Token(Tok.Hash, "#", start, 1));
                i++;
                if (i >= s.Length) continue; // "Unexpected end" from the parser
                if (char.IsAsciiDigit(s[i]))
                {
                    int d = i;
                    while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                    list.Add(new Token(Tok.LayerIndex, s[d..i], d, i - d));
                }
                else if (s[i] != '[')
                {
                    throw new FilterException($"Expected digit or \"[\", not \"{s[i]}\"", i, 1);
                }
                continue;
            }
            if (c == '[')
            {
                ReadRanges(s, ref i, list);
                continue;
            }
            if (Operator(s, i) is { } op)
            {
                list.Add(new Token(op.Kind, s.Substring(i, op.Len), start, op.Len));
                i += op.Len;
                continue;
            }
            int best = 0;
            foreach (var re in Literal)
            {
                var m = re.Match(s, i);
                if (m.Success && m.Length > best) best = m.Length;
            }
            if (best == 0) throw new FilterException($"\"{c}\" was unexpected in this context.", start, 1);
            string w = s.Substring(i, best);
            i += best;
            list.Add(new Token(Keyword(w), w, start, best));
        }
    }

    private static Tok Keyword(string w) => w switch
    {
        "and" => Tok.And,
        "or" => Tok.Or,
        "not" => Tok.Not,
        "in" => Tok.In,
        "contains" => Tok.Contains,
        "matches" => Tok.Matches,
        "eq" or "any_eq" => Tok.Eq,
        "ne" or "all_ne" => Tok.Ne,
        "all_eq" => Tok.AllEq,
        "any_ne" => Tok.AnyNe,
        "gt" => Tok.Gt,
        "lt" => Tok.Lt,
        "ge" => Tok.Ge,
        "le" => Tok.Le,
        "bitwise_and" => Tok.BitAnd,
        "any" => Tok.Any,
        "all" => Tok.All,
        _ => Tok.Word,
    };

    private static (Tok Kind, int Len)? Operator(string s, int i)
    {
        string three = i + 3 <= s.Length ? s.Substring(i, 3) : "";
        if (three == "===") return (Tok.AllEq, 3);
        if (three == "!==") return (Tok.AnyNe, 3);
        string two = i + 2 <= s.Length ? s.Substring(i, 2) : "";
        switch (two)
        {
            case "==": return (Tok.Eq, 2);
            case "!=": return (Tok.Ne, 2);
            case ">=": return (Tok.Ge, 2);
            case "<=": return (Tok.Le, 2);
            case "&&": return (Tok.And, 2);
            case "||": return (Tok.Or, 2);
            case "..": return (Tok.DotDot, 2);
        }
        return s[i] switch
        {
            '(' => (Tok.LParen, 1),
            ')' => (Tok.RParen, 1),
            '{' => (Tok.LBrace, 1),
            '}' => (Tok.RBrace, 1),
            ']' => (Tok.RBracket, 1),
            ',' => (Tok.Comma, 1),
            '>' => (Tok.Gt, 1),
            '<' => (Tok.Lt, 1),
            '!' => (Tok.Not, 1),
            '&' => (Tok.BitAnd, 1),
            '~' => (Tok.Matches, 1),
            '+' => (Tok.Plus, 1),
            '-' => (Tok.Minus, 1),
            '*' => (Tok.Star, 1),
            '/' => (Tok.Slash, 1),
            '%' => (Tok.Percent, 1),
            _ => null,
        };
    }

    /// <summary>"[" range ("," range)* "]": each range is the raw text between separators (parsed by the parser).</summary>
    private static void ReadRanges(string s, ref int i, List<Token> list)
    {
        list.Add(new Token(Tok.LBracket, "[", i, 1));
        i++;
        while (true)
        {
            if (i >= s.Length) throw new FilterException("The right bracket was missing from a slice.", s.Length, 1);
            char c = s[i];
            if (c == ']')
            {
                list.Add(new Token(Tok.RBracket, "]", i, 1));
                i++;
                return;
            }
            if (c == ',')
            {
                list.Add(new Token(Tok.Comma, ",", i, 1));
                i++;
                continue;
            }
            int start = i;
            while (i < s.Length && s[i] is not (']' or ',')) i++;
            list.Add(new Token(Tok.Range, s[start..i], start, i - start));
        }
    }

    private static Token ReadChar(string s, ref int i)
    {
        int start = i;
        i++;
        while (i < s.Length && s[i] != '\'')
            i += s[i] == '\\' && i + 1 < s.Length ? 2 : 1;
        if (i >= s.Length) throw new FilterException("The final quote was missing from a character constant.", s.Length, 1);
        i++;
        string text = s[start..i];
        return new Token(Tok.Char, text, start, i - start, Value: CharValue(text, start).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The value of a C character constant such as 'a', '\x41', '\101' or '\t' (4.0's accepted forms).</summary>
    private static int CharValue(string text, int pos)
    {
        string body = text[1..^1];
        if (body.Length == 0) throw new FilterException("Empty character constant.", pos, text.Length);
        if (body[0] != '\\')
        {
            if (body.Length > 1) throw new FilterException($"{text} is too long to be a valid character constant.", pos, text.Length);
            return body[0];
        }
        if (body.Length < 2) throw new FilterException($"{text} isn't a valid character constant.", pos, text.Length);
        char e = body[1];
        int v;
        if (e == 'x')
        {
            string hex = body[2..];
            if (hex.Length is 0 or > 2 || !hex.All(Uri.IsHexDigit))
                throw new FilterException($"{text} isn't a valid character constant.", pos, text.Length);
            return Convert.ToInt32(hex, 16);
        }
        if (e is >= '0' and <= '7')
        {
            string oct = body[1..];
            if (oct.Length > 3 || !oct.All(ch => ch is >= '0' and <= '7'))
                throw new FilterException($"{text} is too long to be a valid character constant.", pos, text.Length);
            v = Convert.ToInt32(oct, 8);
            if (v > 255) throw new FilterException($"{text} is too large to be a valid character constant.", pos, text.Length);
            return v;
        }
        if (body.Length > 2) throw new FilterException($"{text} is too long to be a valid character constant.", pos, text.Length);
        // tshark 4.0 refuses '\n' as "too long" while accepting the other C escapes.
        return e switch
        {
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'r' => 13,
            't' => 9,
            'v' => 11,
            '\\' or '\'' or '"' => e,
            'n' => throw new FilterException($"{text} is too long to be a valid character constant.", pos, text.Length),
            _ => throw new FilterException($"{text} isn't a valid character constant.", pos, text.Length),
        };
    }

    private static Token ReadString(string s, ref int i, int start, bool raw)
    {
        if (raw) i++;
        i++; // opening quote
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        void Text(string t)
        {
            sb.Append(t);
            bytes.AddRange(Encoding.UTF8.GetBytes(t));
        }
        void Byte(int v)
        {
            sb.Append((char)v);
            bytes.Add((byte)v);
        }
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] != '\\')
            {
                int run = i;
                while (i < s.Length && s[i] is not ('"' or '\\')) i++;
                Text(s[run..i]);
                continue;
            }
            if (i + 1 >= s.Length)
            {
                i++;
                break;
            }
            int esc = i;
            char e = s[i + 1];
            if (raw)
            {
                // Raw strings keep every backslash; \" does not end the string.
                Text("\\" + e);
                i += 2;
                continue;
            }
            if (e is >= '0' and <= '7')
            {
                int j = i + 1, v = 0;
                while (j < s.Length && j < i + 4 && s[j] is >= '0' and <= '7') v = v * 8 + (s[j++] - '0');
                if (v > 255) throw new FilterException($"{s[esc..j]} is larger than 255.", esc, j - esc);
                Byte(v);
                i = j;
                continue;
            }
            if (e == 'x' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 2]))
            {
                int j = i + 2, v = 0;
                while (j < s.Length && j < i + 4 && Uri.IsHexDigit(s[j])) v = v * 16 + Convert.ToInt32(s[j++].ToString(), 16);
                Byte(v);
                i = j;
                continue;
            }
            if (e is 'u' or 'U')
            {
                int max = e == 'u' ? 4 : 8, j = i + 2;
                while (j < s.Length && j < i + 2 + max && Uri.IsHexDigit(s[j])) j++;
                string ucn = s[esc..j];
                if (j - (i + 2) != max || !ValidUcn(Convert.ToInt64(s[(i + 2)..j], 16), out int cp))
                    throw new FilterException($"{ucn} is not a valid universal character name", esc, j - esc);
                Text(char.ConvertFromUtf32(cp));
                i = j;
                continue;
            }
            char? simple = e switch
            {
                'a' => '\a',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                '\\' or '"' or '\'' => e,
                _ => null,
            };
            if (simple is null) throw new FilterException($"\\{e} is not a valid character escape sequence", esc, 2);
            Byte(simple.Value);
            i += 2;
        }
        if (i >= s.Length) throw new FilterException("The final quote was missing from a quoted string.", s.Length, 1);
        i++;
        return new Token(Tok.String, s[start..i], start, i - start, raw, sb.ToString(), bytes.ToArray());
    }

    /// <summary>C's rule for universal character names: no surrogates, nothing past U+10FFFF, and nothing below
    /// U+00A0 except $ @ `.</summary>
    private static bool ValidUcn(long v, out int cp)
    {
        cp = (int)Math.Min(v, int.MaxValue);
        if (v > 0x10FFFF || v is >= 0xD800 and <= 0xDFFF) return false;
        return v >= 0xA0 || v is 0x24 or 0x40 or 0x60;
    }
}
