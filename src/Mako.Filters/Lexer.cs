namespace Mako.Filters;

internal enum Tok
{
    End, Word, String, Char, LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, DotDot, Colon,
    Eq, Ne, AllEq, AnyNe, Gt, Lt, Ge, Le, Contains, Matches, BitAnd,
    And, Or, Not, In, Any, All,
    Plus, Minus, Star, Slash, Percent, DollarBrace, Hash,
}

internal readonly record struct Token(Tok Kind, string Text, int Pos, int Len, bool Raw = false);

/// <summary>
/// Splits a display filter into tokens. Like Wireshark's scanner, literals that look like addresses, byte strings or
/// numbers ("00:0b:ab", "10.0.0.0/8", "0x02", "fe80::1") are single "words": their meaning is decided later by the
/// field they are compared with.
/// </summary>
internal static class Lexer
{
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
            string two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            string three = i + 2 < s.Length ? s.Substring(i, 3) : "";
            if (three is "===" or "!==")
            {
                list.Add(new Token(three == "===" ? Tok.AllEq : Tok.AnyNe, three, start, 3));
                i += 3;
                continue;
            }
            Tok? op2 = two switch
            {
                "==" => Tok.Eq,
                "!=" => Tok.Ne,
                ">=" => Tok.Ge,
                "<=" => Tok.Le,
                "&&" => Tok.And,
                "||" => Tok.Or,
                "${" => Tok.DollarBrace,
                ".." => Tok.DotDot,
                "^^" => null,
                _ => null,
            };
            if (op2 is { } k2)
            {
                list.Add(new Token(k2, two, start, 2));
                i += 2;
                continue;
            }
            Tok? op1 = c switch
            {
                '(' => Tok.LParen,
                ')' => Tok.RParen,
                '{' => Tok.LBrace,
                '}' => Tok.RBrace,
                '[' => Tok.LBracket,
                ']' => Tok.RBracket,
                ',' => Tok.Comma,
                '>' => Tok.Gt,
                '<' => Tok.Lt,
                '!' => Tok.Not,
                '&' => Tok.BitAnd,
                '~' => Tok.Matches,
                '+' => Tok.Plus,
                '*' => Tok.Star,
                '/' => Tok.Slash,
                '%' => Tok.Percent,
                '#' => Tok.Hash,
                _ => null,
            };
            if (c == '"' || (c == 'r' || c == 'R') && i + 1 < s.Length && s[i + 1] == '"')
            {
                bool raw = c != '"';
                if (raw) i++;
                list.Add(ReadString(s, ref i, start, raw));
                continue;
            }
            if (c == '\'')
            {
                int end = s.IndexOf('\'', i + 1);
                if (end > i + 1 && s[end - 1] == '\\' && end + 1 < s.Length && s[end + 1] == '\'') end++;
                if (end < 0) throw new FilterException("The character constant is missing a closing quote.", start, s.Length - start);
                list.Add(new Token(Tok.Char, s.Substring(i + 1, end - i - 1), start, end - start + 1));
                i = end + 1;
                continue;
            }
            if (op1 is { } k1 && !(c == '-' || c == ':'))
            {
                list.Add(new Token(k1, c.ToString(), start, 1));
                i++;
                continue;
            }
            if (c == '-')
            {
                list.Add(new Token(Tok.Minus, "-", start, 1));
                i++;
                continue;
            }
            if (c == ':')
            {
                list.Add(new Token(Tok.Colon, ":", start, 1));
                i++;
                continue;
            }
            if (c == '=')
            {
                throw new FilterException($"\"{c}\" was unexpected in this context.", start, 1);
            }
            // A word: field names, numbers, addresses, byte strings; ".." ends it (ranges in sets).
            while (i < s.Length && (IsWordChar(s[i]) || s[i] == ':' && i > start && (i + 1 < s.Length && (IsWordChar(s[i + 1]) || s[i + 1] is ':' or '/') || s[i - 1] == ':') || s[i] == '/' && i > start))
            {
                if (s[i] == '.' && i + 1 < s.Length && s[i + 1] == '.') break;
                i++;
            }
            if (i == start)
                throw new FilterException($"\"{c}\" was unexpected in this context.", start, 1);
            string w = s[start..i];
            Tok kind = w switch
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
            list.Add(new Token(kind, w, start, i - start));
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' || c > 127;

    private static Token ReadString(string s, ref int i, int start, bool raw)
    {
        i++; // opening quote
        var sb = new System.Text.StringBuilder();
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                if (raw)
                {
                    sb.Append(s[i]).Append(s[i + 1]);
                    i += 2;
                    continue;
                }
                i++;
                char e = s[i];
                switch (e)
                {
                    case 'n': sb.Append('\n'); i++; break;
                    case 't': sb.Append('\t'); i++; break;
                    case 'r': sb.Append('\r'); i++; break;
                    case 'a': sb.Append('\a'); i++; break;
                    case 'b': sb.Append('\b'); i++; break;
                    case 'f': sb.Append('\f'); i++; break;
                    case 'v': sb.Append('\v'); i++; break;
                    case 'x':
                        {
                            int j = i + 1, v = 0, n = 0;
                            while (j < s.Length && n < 2 && Uri.IsHexDigit(s[j])) { v = v * 16 + Convert.ToInt32(s[j].ToString(), 16); j++; n++; }
                            if (n == 0) throw new FilterException("\\x has no following hex digits.", i - 1, 2);
                            sb.Append((char)v);
                            i = j;
                            break;
                        }
                    case >= '0' and <= '7':
                        {
                            int j = i, v = 0, n = 0;
                            while (j < s.Length && n < 3 && s[j] is >= '0' and <= '7') { v = v * 8 + (s[j] - '0'); j++; n++; }
                            sb.Append((char)v);
                            i = j;
                            break;
                        }
                    case 'u' or 'U':
                        {
                            int digits = e == 'u' ? 4 : 8;
                            if (i + digits >= s.Length + 0 && i + digits > s.Length - 1 + 1) throw new FilterException($"\\{e} requires {digits} hex digits.", i - 1, 2);
                            string hex = s.Substring(i + 1, Math.Min(digits, s.Length - i - 1));
                            if (hex.Length != digits || !int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out int cp))
                                throw new FilterException($"\\{e} requires {digits} hex digits.", i - 1, 2);
                            sb.Append(char.ConvertFromUtf32(cp));
                            i += digits + 1;
                            break;
                        }
                    default: sb.Append(e); i++; break;
                }
                continue;
            }
            sb.Append(s[i]);
            i++;
        }
        if (i >= s.Length) throw new FilterException("The string is missing a closing quote.", start, s.Length - start);
        i++;
        return new Token(Tok.String, sb.ToString(), start, i - start, raw);
    }
}
