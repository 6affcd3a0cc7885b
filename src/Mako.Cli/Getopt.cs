namespace Mako.Cli;

/// <summary>How a long option takes its argument (as getopt_long's has_arg).</summary>
public enum ArgKind { None, Required, Optional }

public sealed record LongOption(string Name, ArgKind Arg, int Id);

/// <summary>One parsed option: <see cref="Id"/> is the short option character, or the long option's id.</summary>
public readonly record struct ParsedOption(int Id, string? Value, string Spelling);

/// <summary>
/// A faithful GNU getopt_long: the Wireshark tools parse their flags with it, so Mako does too and users'
/// habits (bundled flags "-qz", attached values "-c10", "--opt=value", unique long-option prefixes,
/// options after operands, "--" ending options) behave identically.
/// </summary>
public sealed class Getopt
{
    private readonly Dictionary<char, ArgKind> _short = new();
    private readonly IReadOnlyList<LongOption> _long;

    /// <param name="shortSpec">getopt's optstring: "c:hqz:" (a trailing ':' means a required argument, '::' optional).</param>
    public Getopt(string shortSpec, IReadOnlyList<LongOption>? longOptions = null)
    {
        for (int i = 0; i < shortSpec.Length; i++)
        {
            char c = shortSpec[i];
            if (c is '+' or '-' or ':' && i == 0) continue;
            var kind = ArgKind.None;
            if (i + 1 < shortSpec.Length && shortSpec[i + 1] == ':')
            {
                kind = ArgKind.Required;
                i++;
                if (i + 1 < shortSpec.Length && shortSpec[i + 1] == ':') { kind = ArgKind.Optional; i++; }
            }
            _short[c] = kind;
        }
        _long = longOptions ?? Array.Empty<LongOption>();
    }

    /// <summary>
    /// Parses <paramref name="args"/>. Operands (non-options) are returned in order, GNU-style permuted.
    /// Returns false with a getopt-style message ("invalid option -- 'x'", "option requires an argument -- 'c'",
    /// "unrecognized option '--foo'") in <paramref name="error"/>.
    /// </summary>
    public bool TryParse(IReadOnlyList<string> args, out List<ParsedOption> options, out List<string> operands, out string? error)
    {
        options = new List<ParsedOption>();
        operands = new List<string>();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                for (i++; i < args.Count; i++) operands.Add(args[i]);
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (!TryLong(args, ref i, options, out error)) return false;
                continue;
            }
            if (a.Length < 2 || a[0] != '-')
            {
                operands.Add(a);
                continue;
            }
            for (int j = 1; j < a.Length; j++)
            {
                char c = a[j];
                if (!_short.TryGetValue(c, out var kind))
                {
                    error = $"invalid option -- '{c}'";
                    return false;
                }
                if (kind == ArgKind.None)
                {
                    options.Add(new ParsedOption(c, null, "-" + c));
                    continue;
                }
                if (j + 1 < a.Length)
                {
                    options.Add(new ParsedOption(c, a[(j + 1)..], "-" + c));
                }
                else if (kind == ArgKind.Required)
                {
                    if (i + 1 >= args.Count)
                    {
                        error = $"option requires an argument -- '{c}'";
                        return false;
                    }
                    options.Add(new ParsedOption(c, args[++i], "-" + c));
                }
                else
                {
                    options.Add(new ParsedOption(c, null, "-" + c));
                }
                break;
            }
        }
        return true;
    }

    private bool TryLong(IReadOnlyList<string> args, ref int i, List<ParsedOption> options, out string? error)
    {
        error = null;
        string body = args[i][2..];
        string name = body;
        string? value = null;
        int eq = body.IndexOf('=');
        if (eq >= 0) { name = body[..eq]; value = body[(eq + 1)..]; }

        LongOption? match = null;
        bool ambiguous = false;
        foreach (var lo in _long)
        {
            if (lo.Name == name) { match = lo; ambiguous = false; break; }
            if (lo.Name.StartsWith(name, StringComparison.Ordinal))
            {
                if (match is null) match = lo;
                else if (match.Id != lo.Id || match.Arg != lo.Arg) ambiguous = true;
            }
        }
        if (ambiguous)
        {
            error = $"option '--{name}' is ambiguous";
            return false;
        }
        if (match is null)
        {
            error = $"unrecognized option '--{name}'";
            return false;
        }
        switch (match.Arg)
        {
            case ArgKind.None when value is not null:
                error = $"option '--{match.Name}' doesn't allow an argument";
                return false;
            case ArgKind.Required when value is null:
                if (i + 1 >= args.Count)
                {
                    error = $"option '--{match.Name}' requires an argument";
                    return false;
                }
                value = args[++i];
                break;
        }
        options.Add(new ParsedOption(match.Id, value, "--" + match.Name));
        return true;
    }
}
