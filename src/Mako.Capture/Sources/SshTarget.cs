using System.Text;
using System.Text.RegularExpressions;

namespace Mako.Capture.Sources;

/// <summary>
/// A remote capture address, <c>ssh://user@host[:port]/IF</c>, and the command lines built from it.
/// Every piece that reaches a command line is checked against a strict character set, and the capture filter
/// (the only free text) is passed to the remote shell inside single quotes, so neither the interface name nor
/// the filter can inject shell syntax on the remote host or options into the local ssh.
/// </summary>
public sealed partial record SshTarget(string? User, string Host, int? Port, string Interface)
{
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex UserRe();
    [GeneratedRegex(@"^(?:[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\[[0-9A-Fa-f:.]{2,45}\])$")]
    private static partial Regex HostRe();
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$")]
    private static partial Regex InterfaceRe();

    /// <summary>Parses "ssh://user@host:port/IF". Throws <see cref="CaptureException"/> with a clear reason.</summary>
    public static SshTarget Parse(string text)
    {
        const string scheme = "ssh://";
        if (!text.StartsWith(scheme, StringComparison.Ordinal))
            throw Bad(text, "it does not start with ssh://");
        string rest = text[scheme.Length..];
        int slash = rest.IndexOf('/');
        if (slash < 0 || slash == rest.Length - 1)
            throw Bad(text, "the remote interface is missing (ssh://user@host/eth0)");
        string authority = rest[..slash];
        string iface = Uri.UnescapeDataString(rest[(slash + 1)..]);
        string? user = null;
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            user = Uri.UnescapeDataString(authority[..at]);
            authority = authority[(at + 1)..];
        }
        int? port = null;
        string host = authority;
        int colon = authority.LastIndexOf(':');
        if (colon > 0 && !authority.EndsWith(']') && authority.IndexOf(':') == colon)
        {
            if (!int.TryParse(authority.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                throw Bad(text, "the port is not a number from 1 to 65535");
            port = p;
            host = authority[..colon];
        }
        else if (authority.StartsWith('[') && authority.Contains("]:", StringComparison.Ordinal))
        {
            int end = authority.IndexOf("]:", StringComparison.Ordinal);
            if (!int.TryParse(authority.AsSpan(end + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                throw Bad(text, "the port is not a number from 1 to 65535");
            port = p;
            host = authority[..(end + 1)];
        }
        if (user is not null && !UserRe().IsMatch(user))
            throw Bad(text, "the user name may hold only letters, digits, '.', '_' and '-'");
        if (!HostRe().IsMatch(host))
            throw Bad(text, "the host must be a name, an IPv4 address or an [IPv6] address");
        if (!InterfaceRe().IsMatch(iface))
            throw Bad(text, "the interface name may hold only letters, digits, '.', '_', ':' and '-'");
        return new SshTarget(user, host, port, iface);
    }

    private static CaptureException Bad(string text, string why)
        => new(CaptureFailure.BadOption, $"The remote capture source \"{text}\" is not valid: {why}.");

    /// <summary>ssh's destination argument: "user@host" (brackets removed from IPv6 literals).</summary>
    public string Destination
    {
        get
        {
            string h = Host.StartsWith('[') ? Host[1..^1] : Host;
            return User is null ? h : $"{User}@{h}";
        }
    }

    public override string ToString() => $"ssh://{(User is null ? "" : User + "@")}{Host}{(Port is int p ? ":" + p : "")}/{Interface}";

    /// <summary>Quotes a string for a POSIX shell: 'it'\''s' — nothing inside single quotes is special.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The command the remote shell runs: tcpdump (or "mako dumpcap") writing pcap to stdout, unbuffered per packet.
    /// </summary>
    public string RemoteCommand(string? filter, int snapLength, bool promiscuous, RemoteTool tool)
    {
        var sb = new StringBuilder();
        if (tool == RemoteTool.Tcpdump)
        {
            sb.Append("tcpdump -U -w - -i ").Append(ShellQuote(Interface));
            if (snapLength > 0) sb.Append(" -s ").Append(snapLength);
            if (!promiscuous) sb.Append(" -p");
            if (!string.IsNullOrEmpty(filter)) sb.Append(' ').Append(ShellQuote(filter));
        }
        else
        {
            sb.Append("mako dumpcap -q -P -w - -i ").Append(ShellQuote(Interface));
            if (snapLength > 0) sb.Append(" -s ").Append(snapLength);
            if (!promiscuous) sb.Append(" -p");
            if (!string.IsNullOrEmpty(filter)) sb.Append(" -f ").Append(ShellQuote(filter));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The local ssh argument vector (no local shell is involved): key authentication only, no prompts, no tty.
    /// </summary>
    public IReadOnlyList<string> SshArguments(string remoteCommand, SshOptions options)
    {
        var args = new List<string>
        {
            "-T",
            "-o", "BatchMode=yes",
            "-o", "PasswordAuthentication=no",
            "-o", "KbdInteractiveAuthentication=no",
            "-o", "ConnectTimeout=" + (int)Math.Max(1, options.ConnectTimeout.TotalSeconds),
        };
        if (Port is int p) { args.Add("-p"); args.Add(p.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        if (options.IdentityFile is { Length: > 0 } id) { args.Add("-i"); args.Add(id); }
        foreach (var o in options.ExtraOptions) { args.Add("-o"); args.Add(o); }
        args.Add("--");
        args.Add(Destination);
        args.Add(remoteCommand);
        return args;
    }
}

/// <summary>The program that captures on the remote host.</summary>
public enum RemoteTool { Tcpdump, MakoDumpcap }

/// <summary>How to reach remote hosts.</summary>
public sealed class SshOptions
{
    /// <summary>The ssh client (default "ssh" from PATH).</summary>
    public string SshPath { get; set; } = "ssh";
    public string? IdentityFile { get; set; }
    /// <summary>Extra "-o" options (e.g. "StrictHostKeyChecking=accept-new", "UserKnownHostsFile=...").</summary>
    public List<string> ExtraOptions { get; } = new();
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long to wait for the remote capture's pcap header before giving up.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public RemoteTool Tool { get; set; } = RemoteTool.Tcpdump;
}
