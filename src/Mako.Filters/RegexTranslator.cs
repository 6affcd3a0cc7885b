using System.Text;
using System.Text.RegularExpressions;

namespace Mako.Filters;

/// <summary>
/// PCRE2 patterns as .NET regexes, the way 4.0 runs them: case-insensitive by default, no UTF (each byte of the
/// subject is one character). Constructs .NET spells differently are rewritten (\Q...\E, possessive quantifiers,
/// POSIX classes, (?P&lt;name&gt;...)); those it lacks are refused with a clear message rather than silently changing
/// meaning. Error texts follow PCRE2's wording.
/// </summary>
internal static class RegexTranslator
{
    public static Regex Compile(byte[] patternBytes, bool raw)
    {
        string pattern = Encoding.Latin1.GetString(patternBytes);
        if (pattern.StartsWith("(*UTF", StringComparison.Ordinal))
            throw new FilterException("Regex compilation error: using UTF is disabled by the application.", -1, 0);
        if (pattern.Contains("(*", StringComparison.Ordinal))
            throw new FilterException("Regex compilation error: PCRE2 verbs such as (*VERB) are not supported by Mako.", -1, 0);
        string translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (RegexParseException ex)
        {
            throw new FilterException($"Regex compilation error: {Pcre2Message(ex)}.", -1, 0);
        }
    }

    private static string Pcre2Message(RegexParseException ex) => ex.Error switch
    {
        RegexParseError.InsufficientClosingParentheses => "missing closing parenthesis",
        RegexParseError.InsufficientOpeningParentheses => "unmatched closing parenthesis",
        RegexParseError.UnterminatedBracket => "missing terminating ] for character class",
        RegexParseError.QuantifierAfterNothing or RegexParseError.NestedQuantifiersNotParenthesized => "quantifier does not follow a repeatable item",
        RegexParseError.ReversedCharacterRange => "range out of order in character class",
        RegexParseError.ReversedQuantifierRange => "numbers out of order in {} quantifier",
        RegexParseError.UnescapedEndingBackslash => "\\ at end of pattern",
        RegexParseError.UndefinedNumberedReference or RegexParseError.UndefinedNamedReference => "reference to non-existent subpattern",
        _ => ex.Message.Split(". ").Last().TrimEnd('.').ToLowerInvariant(),
    };

    /// <summary>Rewrites the PCRE2-only spellings; everything else passes through unchanged.</summary>
    private static string Translate(string p)
    {
        var sb = new StringBuilder(p.Length + 8);
        int lastAtom = -1; // where the most recent quantifiable atom starts in sb
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                if (p[i + 1] == 'Q')
                {
                    int end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    string lit = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                    lastAtom = sb.Length;
                    sb.Append("(?:").Append(Regex.Escape(lit)).Append(')');
                    i = end < 0 ? p.Length : end + 1;
                    continue;
                }
                if (p[i + 1] == 'E') { i++; continue; }
                lastAtom = sb.Length;
                sb.Append(c).Append(p[i + 1]);
                i++;
                continue;
            }
            if (c == '[')
            {
                lastAtom = sb.Length;
                i = CharClass(p, i, sb);
                continue;
            }
            if (c == '(')
            {
                int close = MatchingParen(p, i);
                if (close < 0)
                {
                    sb.Append(p[i..]);
                    break;
                }
                lastAtom = sb.Length;
                string inner = p[(i + 1)..close];
                if (inner.StartsWith("?P<", StringComparison.Ordinal)) inner = "?<" + inner[3..];
                else if (inner.StartsWith("?P=", StringComparison.Ordinal))
                {
                    sb.Append("\\k<").Append(inner[3..]).Append('>');
                    i = close;
                    continue;
                }
                else if (inner.StartsWith("?P>", StringComparison.Ordinal) || inner.StartsWith("?R", StringComparison.Ordinal) || inner.Length > 1 && inner[0] == '?' && char.IsAsciiDigit(inner[1]))
                    throw new FilterException("Regex compilation error: recursion and subroutine calls are not supported by Mako.", -1, 0);
                sb.Append('(').Append(Translate(inner)).Append(')');
                i = close;
                continue;
            }
            if (c is '*' or '+' or '?' or '{')
            {
                int q = i;
                if (c == '{')
                {
                    int close = p.IndexOf('}', i);
                    if (close < 0 || !Regex.IsMatch(p[(i + 1)..close], @"^\d+(,\d*)?$"))
                    {
                        sb.Append(c);
                        lastAtom = sb.Length - 1;
                        continue;
                    }
                    i = close;
                }
                string quant = p[q..(i + 1)];
                if (i + 1 < p.Length && p[i + 1] == '+' && lastAtom >= 0)
                {
                    // Possessive "X*+" is the atomic group "(?>X*)".
                    string atom = sb.ToString(lastAtom, sb.Length - lastAtom);
                    sb.Length = lastAtom;
                    sb.Append("(?>").Append(atom).Append(quant).Append(')');
                    i++;
                    lastAtom = -1;
                    continue;
                }
                sb.Append(quant);
                if (i + 1 < p.Length && p[i + 1] == '?')
                {
                    sb.Append('?');
                    i++;
                }
                lastAtom = -1;
                continue;
            }
            lastAtom = c is '|' or '^' or '$' ? -1 : sb.Length;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static int MatchingParen(string p, int open)
    {
        int depth = 0;
        for (int i = open; i < p.Length; i++)
        {
            if (p[i] == '\\') { i++; continue; }
            if (p[i] == '[')
            {
                int j = i + 1;
                if (j < p.Length && p[j] == '^') j++;
                if (j < p.Length && p[j] == ']') j++;
                while (j < p.Length && p[j] != ']') j += p[j] == '\\' ? 2 : p[j] == '[' && j + 1 < p.Length && p[j + 1] == ':' ? Math.Max(1, p.IndexOf(":]", j, StringComparison.Ordinal) + 2 - j) : 1;
                i = j;
                continue;
            }
            if (p[i] == '(') depth++;
            else if (p[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static readonly Dictionary<string, string> Posix = new()
    {
        ["alpha"] = "a-zA-Z",
        ["digit"] = "0-9",
        ["alnum"] = "a-zA-Z0-9",
        ["upper"] = "A-Z",
        ["lower"] = "a-z",
        ["space"] = "\\s",
        ["blank"] = " \\t",
        ["punct"] = "!-/:-@\\[-`{-~",
        ["xdigit"] = "0-9A-Fa-f",
        ["word"] = "\\w",
        ["cntrl"] = "\\x00-\\x1f\\x7f",
        ["print"] = "\\x20-\\x7e",
        ["graph"] = "\\x21-\\x7e",
        ["ascii"] = "\\x00-\\x7f",
    };

    /// <summary>Copies a character class starting at <paramref name="i"/>, expanding POSIX [:name:]; returns its last index.</summary>
    private static int CharClass(string p, int i, StringBuilder sb)
    {
        sb.Append('[');
        int j = i + 1;
        if (j < p.Length && p[j] == '^') sb.Append(p[j++]);
        if (j < p.Length && p[j] == ']') { sb.Append("\\]"); j++; }
        while (j < p.Length && p[j] != ']')
        {
            if (p[j] == '[' && j + 1 < p.Length && p[j + 1] == ':')
            {
                int end = p.IndexOf(":]", j + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    string name = p[(j + 2)..end];
                    bool neg = name.StartsWith('^');
                    if (neg || !Posix.TryGetValue(name, out var set))
                        throw new FilterException($"Regex compilation error: POSIX class [:{name}:] is not supported by Mako.", -1, 0);
                    sb.Append(set);
                    j = end + 2;
                    continue;
                }
            }
            if (p[j] == '[') { sb.Append("\\["); j++; continue; }
            if (p[j] == '\\' && j + 1 < p.Length)
            {
                sb.Append(p, j, 2);
                j += 2;
                continue;
            }
            sb.Append(p[j++]);
        }
        if (j >= p.Length) throw new FilterException("Regex compilation error: missing terminating ] for character class.", -1, 0);
        sb.Append(']');
        return j;
    }
}
