using Mako.Cli.Tshark;
using Mako.Engine.Dissection;

namespace Mako.Cli.Stats;

/// <summary>
/// One `-z` statistic while a capture is read: tshark's tap listener. It reads what it needs from each dissected
/// packet's fields (dissectors never know it exists) and prints its report when the capture ends.
/// </summary>
internal interface IStatistic
{
    /// <summary>Ids of the fields the statistic reads (its filter's included); dissection builds only these. Null =
    /// the whole tree with labels.</summary>
    IReadOnlyCollection<int>? FieldIds { get; }

    /// <summary>True when the statistic reads the Protocol/Info columns.</summary>
    bool NeedsColumns => false;

    /// <summary>Called for every packet read (tshark's taps see packets whatever -Y says).</summary>
    void Packet(Packet pkt);

    /// <summary>Prints the report (after the packets, if any were printed).</summary>
    void Write(TextWriter output);
}

/// <summary>
/// Makes statistics for one or more `-z` names. Implementations are found by reflection (no central list): add a
/// class with a public parameterless constructor and it is registered.
/// </summary>
internal interface IStatProvider
{
    /// <summary>The names tshark lists for `-z help` ("conv,tcp", "io,phs", "follow,tcp").</summary>
    IEnumerable<string> Names { get; }

    /// <summary>
    /// Creates the statistic for <paramref name="arg"/> (the whole -z argument, which starts with
    /// <paramref name="name"/>). On failure returns null and sets <paramref name="error"/> to the message tshark
    /// prints after "tshark: " (the caller exits with 1).
    /// </summary>
    IStatistic? Create(string name, string arg, StatContext context, out string? error);
}

/// <summary>What a statistic may need to know about the run: the field registry, the user's flags, and the capture's
/// session (for statistics that listen to taps before the first packet, such as follow).</summary>
internal sealed record StatContext(ProtocolSet Protocols, TsharkOptions Options, CaptureSession? Session = null);
