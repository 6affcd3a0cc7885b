using Mako.Files;

namespace Mako.Capture.Sources;

/// <summary>What one blocking read of a source produced.</summary>
public enum SourceRead
{
    /// <summary>A packet was stored in the record.</summary>
    Packet,
    /// <summary>The read timeout passed with nothing to deliver; call again.</summary>
    Timeout,
    /// <summary>The source ended (remote stream closed) or was broken off by <see cref="CaptureSource.Break"/>.</summary>
    End,
}

/// <summary>Counters for one source. The pcap values are unknown (null) for remote sources.</summary>
public sealed record SourceStatistics(ulong Received, ulong? PcapReceived, ulong? PcapDropped, ulong? IfDropped);

/// <summary>
/// One place packets come from: a live interface (<see cref="LiveSource"/>) or a remote capture over ssh
/// (<see cref="SshSource"/>). A session reads each source on its own thread.
/// </summary>
public abstract class CaptureSource : IDisposable
{
    /// <summary>What the pcapng IDB says about this source: name, description, filter, OS, link type, snaplen, tsresol.</summary>
    public abstract InterfaceInfo Interface { get; }

    /// <summary>How dumpcap names the source in messages: "Loopback: lo", "eth0", "ssh://user@host/eth0".</summary>
    public abstract string DisplayName { get; }

    /// <summary>
    /// Blocks until a packet arrives (stored into <paramref name="record"/>, its data valid until the next call),
    /// the read timeout passes, or the source ends. Throws <see cref="CaptureException"/> on failure.
    /// </summary>
    public abstract SourceRead Read(PacketRecord record);

    /// <summary>Makes a blocked <see cref="Read"/> return <see cref="SourceRead.End"/> soon. Safe from any thread.</summary>
    public abstract void Break();

    /// <summary>Counters so far; <paramref name="delivered"/> is how many packets the session took from this source.</summary>
    public abstract SourceStatistics GetStatistics(ulong delivered);

    public abstract void Dispose();
}
