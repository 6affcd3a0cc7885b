namespace Mako.Cli.Tools.Shared;

/// <summary>
/// A command-line problem the tool reports as "tool: message" and exits with <see cref="ExitCode"/>
/// (1 = invalid option, 2 = file error, as Wireshark's tools do).
/// </summary>
internal sealed class ToolError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
