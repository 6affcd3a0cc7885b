using System.Text;

namespace Mako.Cli.Tests.ToolGolden;

/// <summary>One line of a tool's cases.tsv: a command line and what the real tool did with it (golden/name/).</summary>
internal sealed record GoldenCase(string Tool, string Name, string Flags, string Arguments)
{
    public override string ToString() => Name;

    public bool Has(string flag) => Flags.Split(',').Contains(flag);

    public string? FlagValue(string key)
    {
        foreach (var f in Flags.Split(','))
        {
            if (f.StartsWith(key + "=", StringComparison.Ordinal))
                return f[(key.Length + 1)..];
        }
        return null;
    }

    public string GoldenDir => Path.Combine(Repo.Root, "tests", "Mako.Cli.Tests", Tool, "golden", Name);

    public static IEnumerable<object[]> Load(string tool)
    {
        foreach (var line in File.ReadLines(Path.Combine(Repo.Root, "tests", "Mako.Cli.Tests", tool, "cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var parts = line.Split('\t', 3);
            yield return [new GoldenCase(tool, parts[0], parts[1], parts.Length > 2 ? parts[2] : "")];
        }
    }

    /// <summary>Splits arguments like a POSIX shell (quotes and backslashes; no expansions).</summary>
    public static List<string> SplitArgs(string s)
    {
        var args = new List<string>();
        var cur = new StringBuilder();
        bool any = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\'')
            {
                int end = s.IndexOf('\'', i + 1);
                cur.Append(s, i + 1, end - i - 1);
                i = end;
                any = true;
            }
            else if (c == '"')
            {
                for (i++; s[i] != '"'; i++)
                {
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or '$' or '`') i++;
                    cur.Append(s[i]);
                }
                any = true;
            }
            else if (c == '\\' && i + 1 < s.Length)
            {
                cur.Append(s[++i]);
                any = true;
            }
            else if (c is ' ' or '\t')
            {
                if (any) args.Add(cur.ToString());
                cur.Clear();
                any = false;
            }
            else
            {
                cur.Append(c);
                any = true;
            }
        }
        if (any) args.Add(cur.ToString());
        return args;
    }
}

/// <summary>Locates the repository (the folder holding Mako.sln) from the test's base directory.</summary>
internal static class Repo
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Mako.sln")))
                return d.FullName;
        }
        throw new InvalidOperationException("Mako.sln not found above " + AppContext.BaseDirectory);
    }

    public static string ToolCaptures => Path.Combine(Root, "tests", "captures", "tools");
}
