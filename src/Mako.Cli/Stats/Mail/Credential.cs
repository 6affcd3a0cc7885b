using Mako.Engine.Dissection;

namespace Mako.Cli.Stats.Mail;

/// <summary>
/// One login seen in the capture. <see cref="Username"/> and <see cref="Info"/> are what tshark 4.0's credentials tap
/// receives (the user name as the dissector keeps it, null when it has none); the other members feed Mako's own
/// `-z credentials,full` table.
/// </summary>
internal sealed class Credential
{
    /// <summary>The frame carrying the password (tshark's "Packet" column).</summary>
    public long Frame { get; init; }
    public string Protocol { get; init; } = "";
    /// <summary>tshark's user name (SMTP: still base64; IMAP: with its quotes); null prints as "(null)".</summary>
    public string? Username { get; init; }
    public string? Info { get; init; }
    /// <summary>False for logins tshark 4.0 does not list (SMTP AUTH PLAIN): only the full table shows them.</summary>
    public bool InTshark { get; init; } = true;

    // ---- Mako's full table ----
    /// <summary>The user name decoded (base64 undone, quotes removed).</summary>
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public Address Client { get; init; }
    public uint ClientPort { get; init; }
    public Address Server { get; init; }
    public uint ServerPort { get; init; }
    /// <summary>The frame of the server's answer, 0 while none was seen.</summary>
    public long ReplyFrame { get; set; }
    /// <summary>True: accepted, false: refused, null: no answer seen.</summary>
    public bool? Succeeded { get; set; }
    /// <summary>The answer's code or status ("+OK", "-ERR", "235", "NO").</summary>
    public string Reply { get; set; } = "";
}
