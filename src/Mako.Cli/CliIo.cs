namespace Mako.Cli;

/// <summary>The streams a command writes to; tests inject their own.</summary>
public sealed class CliIo(TextWriter stdout, TextWriter stderr, Stream? stdin = null, Stream? rawStdout = null)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    /// <summary>Standard input as bytes (captures piped in with "-r -").</summary>
    public Stream In => stdin ?? Console.OpenStandardInput();
    /// <summary>Standard output as bytes (captures written with "-w -"). Flush <see cref="Out"/> first.</summary>
    public Stream RawOut => rawStdout ?? Console.OpenStandardOutput();
    /// <summary>Standard output / error are terminals (only for the process's own console; injected writers are not).</summary>
    public bool OutIsTerminal { get; init; }
    public bool ErrIsTerminal { get; init; }

    public static CliIo Console_()
    {
        var o = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
        var e = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new CliIo(o, e) { OutIsTerminal = !Console.IsOutputRedirected, ErrIsTerminal = !Console.IsErrorRedirected };
    }
}

/// <summary>A `mako` subcommand such as capinfos or editcap.</summary>
public interface ISubcommand
{
    string Name { get; }
    /// <summary>One line for `mako --help`.</summary>
    string Summary { get; }
    /// <summary>Runs with the arguments after the subcommand name; returns the process exit code.</summary>
    int Run(string[] args, CliIo io);
}
