using Mako.Engine.Dissection;

namespace Mako.Engine.Follow;

/// <summary>What TCP tells stream followers about one segment (Wireshark's tcp_follow_tap_data).</summary>
/// <param name="Stream">tcp.stream.</param>
/// <param name="Seq">Sequence number as shown (relative by default).</param>
/// <param name="SegLen">tcp.len.</param>
/// <param name="Ack">Acknowledgement number as shown.</param>
/// <param name="Syn">The SYN flag (its sequence number comes before the data).</param>
public readonly record struct TcpSegmentTap(int Stream, uint Seq, uint SegLen, uint Ack, bool Syn);

/// <summary>Receives the data of streams as dissectors see it (Wireshark's follow tap listeners).</summary>
public interface IFollowListener
{
    /// <summary>A TCP segment whose length is known; <paramref name="payload"/> is what was captured of its data.</summary>
    void Tcp(Packet pkt, in TcpSegmentTap segment, ReadOnlySpan<byte> payload);

    /// <summary>A protocol's chunk of stream data ("udp": a datagram's payload; "http", "tls": what those
    /// dissectors publish once they exist). <paramref name="stream"/> is udp.stream or tcp.stream.</summary>
    void Chunk(Packet pkt, string protocol, int stream, ReadOnlySpan<byte> data);
}

/// <summary>
/// The follow taps of one capture (per-capture state: <c>pkt.Session.State&lt;FollowTaps&gt;()</c>). Dissectors
/// publish only when <see cref="Active"/>, so nothing is copied when nobody follows a stream.
/// </summary>
public sealed class FollowTaps
{
    private readonly List<IFollowListener> _listeners = new();

    public bool Active => _listeners.Count > 0;

    public void Add(IFollowListener listener) => _listeners.Add(listener);

    public void PublishTcp(Packet pkt, in TcpSegmentTap segment, ReadOnlySpan<byte> payload)
    {
        foreach (var l in _listeners) l.Tcp(pkt, segment, payload);
    }

    public void PublishChunk(Packet pkt, string protocol, int stream, ReadOnlySpan<byte> data)
    {
        foreach (var l in _listeners) l.Chunk(pkt, protocol, stream, data);
    }
}
