namespace Mako.Capture;

/// <summary>Why a live capture could not start or went wrong (Mako.Files.CaptureErrorKind is for file errors).</summary>
public enum CaptureFailure
{
    /// <summary>libpcap (the shared library) is not installed.</summary>
    LibraryMissing,
    /// <summary>The process may not capture (no CAP_NET_RAW/CAP_NET_ADMIN, not root).</summary>
    PermissionDenied,
    /// <summary>No interface of that name or index.</summary>
    NoSuchDevice,
    /// <summary>The capture filter does not compile (libpcap's message is in the secondary text).</summary>
    BadFilter,
    /// <summary>An option the interface or libpcap refuses (link type, time stamp type, buffer...).</summary>
    BadOption,
    /// <summary>A remote (ssh) source failed: ssh could not connect, or the remote command failed.</summary>
    Remote,
    /// <summary>Anything else libpcap or the OS reported.</summary>
    Other,
}

/// <summary>
/// The one exception Mako.Capture throws for expected failures. <see cref="Exception.Message"/> is the primary
/// one-line error as dumpcap words it (without a program prefix); <see cref="Secondary"/> is the explanation and
/// advice dumpcap prints after it (may be empty). <see cref="Describe"/> joins both for the CLI.
/// </summary>
public sealed class CaptureException(CaptureFailure kind, string message, string secondary = "", Exception? inner = null)
    : Exception(message, inner)
{
    public CaptureFailure Kind { get; } = kind;
    public string Secondary { get; } = secondary;

    /// <summary>For <see cref="CaptureFailure.BadFilter"/> from a live source: the device, the filter and libpcap's bare
    /// message, so a front end can word the error its own way (tshark names the interface differently from dumpcap).</summary>
    public string? Device { get; init; }
    public string? Filter { get; init; }
    public string? LibraryMessage { get; init; }

    /// <summary>"primary\nsecondary" (the secondary text only when present).</summary>
    public string Describe() => Secondary.Length == 0 ? Message : Message + "\n" + Secondary;
}
