using Mako.Cli;

namespace Mako.Protocols.Tests;

/// <summary>
/// The golden tests' common ground: run `mako -r CAPTURE -T fields` with tshark's table options and compare the table
/// with the one tshark 4.0 printed, cell by cell, naming every cell that differs.
/// </summary>
internal static class FieldTables
{
    /// <summary>Runs mako and returns its stdout; a non-zero exit fails the test with mako's stderr.</summary>
    public static string Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        int rc = Program.Run(args, new CliIo(stdout, stderr));
        Assert.True(rc == 0, stderr.ToString());
        return stdout.ToString();
    }

    /// <summary>The arguments of a -T fields run as the recordings were made: header, every occurrence, "," between.</summary>
    public static string[] Arguments(string capture, IEnumerable<string> fields, params string[] extra)
    {
        var args = new List<string> { "-r", capture, "-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=," };
        args.AddRange(extra);
        foreach (var f in fields) args.AddRange(["-e", f]);
        return [.. args];
    }

    /// <summary>The field names of a fields-*.txt file (one per line).</summary>
    public static string[] ReadFieldList(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    /// <summary>
    /// Asserts both tables have the same rows and the same value in every cell; <paramref name="known"/> excuses a
    /// (row, field) cell, and <paramref name="expectedValue"/> rewrites tshark's value of a field first, for
    /// differences documented elsewhere.
    /// </summary>
    public static void AssertSameCells(string[] fields, string[] expected, string[] actual, Func<int, string, bool>? known = null,
        Func<string, string, string>? expectedValue = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var wrong = new List<string>();
        for (int row = 0; row < expected.Length; row++)
        {
            var e = expected[row].Split('\t');
            var a = actual[row].Split('\t');
            for (int col = 0; col < fields.Length; col++)
            {
                string ev = col < e.Length ? e[col] : "", av = col < a.Length ? a[col] : "";
                if (expectedValue is not null) ev = expectedValue(fields[col], ev);
                if (ev == av || (known is not null && known(row, fields[col]))) continue;
                wrong.Add($"frame {row} {fields[col]}: tshark '{ev}' mako '{av}'");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }
}
