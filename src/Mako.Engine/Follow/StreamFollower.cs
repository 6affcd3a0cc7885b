using Mako.Engine.Dissection;
using Mako.Files;

namespace Mako.Engine.Follow;

/// <summary>One piece of a followed stream: who sent it, in which frame, and the bytes.</summary>
/// <param name="Peer">0 for the side that sent the first packet seen (tshark's "Node 0"), 1 for the other.</param>
public sealed record FollowChunk(long Frame, long TimestampNs, int Peer, byte[] Data);

/// <summary>A followed stream: both peers and the chunks in stream order (tshark's follow_info_t).</summary>
public sealed class FollowResult
{
    /// <summary>The filter tshark prints ("tcp.stream eq 0").</summary>
    public string Filter { get; init; } = "";
    /// <summary>Peer 0 (the sender of the first packet seen) and peer 1; AddressType.None when nothing matched.</summary>
    public Address Address0 { get; internal set; }
    public uint Port0 { get; internal set; }
    public Address Address1 { get; internal set; }
    public uint Port1 { get; internal set; }
    public List<FollowChunk> Chunks { get; } = new();
    /// <summary>Bytes each peer sent (what was captured of them).</summary>
    public long[] Bytes { get; } = new long[2];
}

/// <summary>
/// Follows one TCP, UDP, HTTP or TLS stream as tshark's follow taps do. Register it with
/// <see cref="FollowTaps.Add"/> before the packets are dissected, then read <see cref="Result"/>; or use
/// <see cref="FollowFile"/>. TCP data is put in sequence order: retransmitted bytes are dropped, segments after a
/// gap wait until the gap is filled, and when the peer acknowledges bytes the capture never had, a
/// "[N bytes missing in capture file]" chunk stands in for them (tshark 4.0's check_follow_fragments).
/// </summary>
public sealed class StreamFollower : IFollowListener
{
    private readonly FollowSpec _spec;
    private readonly uint[] _seq = new uint[2];
    private readonly long[] _written = new long[2];
    private readonly List<Pending>[] _fragments = [new(), new()];
    private bool _haveClient;

    private sealed record Pending(long Frame, long TimestampNs, uint Seq, byte[] Data);

    public StreamFollower(FollowSpec spec)
    {
        _spec = spec;
        Result = new FollowResult { Filter = spec.FilterText };
    }

    public FollowResult Result { get; }

    private static bool Lt(uint a, uint b) => (int)(a - b) < 0;
    private static bool Gt(uint a, uint b) => (int)(a - b) > 0;

    /// <summary>Dissects a capture file and returns the stream (for programs such as the web UI).</summary>
    public static FollowResult FollowFile(string path, FollowSpec spec, DissectionOptions? options = null)
    {
        var follower = new StreamFollower(spec);
        using var reader = CaptureReader.Open(path);
        var session = new CaptureSession(null, options);
        session.IsPcapNg = reader.Format == CaptureFormat.PcapNg;
        session.State<FollowTaps>().Add(follower);
        var pkt = new Packet(session) { WantColumns = false, WantTree = false };
        pkt.SetInterest(new bool[session.Fields.Count]);
        while (reader.ReadPacket())
        {
            session.SetInterfaces(reader.Interfaces);
            session.Dissect(reader.Packet, pkt);
        }
        return follower.Result;
    }

    private bool Matches(Packet pkt, int stream)
    {
        if (_spec.StreamIndex is int index) return stream == index;
        return (pkt.Src == _spec.Address0 && pkt.SrcPort == _spec.Port0 && pkt.Dst == _spec.Address1 && pkt.DstPort == _spec.Port1)
            || (pkt.Src == _spec.Address1 && pkt.SrcPort == _spec.Port1 && pkt.Dst == _spec.Address0 && pkt.DstPort == _spec.Port0);
    }

    /// <summary>The first packet seen names the client (peer 0); returns the packet's peer.</summary>
    private int PeerOf(Packet pkt)
    {
        if (!_haveClient)
        {
            _haveClient = true;
            Result.Address0 = pkt.Src;
            Result.Port0 = pkt.SrcPort;
            Result.Address1 = pkt.Dst;
            Result.Port1 = pkt.DstPort;
        }
        return pkt.Src == Result.Address0 && pkt.SrcPort == Result.Port0 ? 0 : 1;
    }

    public void Chunk(Packet pkt, string protocol, int stream, ReadOnlySpan<byte> data)
    {
        if (protocol != _spec.ProtocolName || !Matches(pkt, stream)) return;
        int peer = PeerOf(pkt);
        Result.Bytes[peer] += data.Length;
        Result.Chunks.Add(new FollowChunk(pkt.Number, pkt.TimestampNs, peer, data.ToArray()));
    }

    public void Tcp(Packet pkt, in TcpSegmentTap segment, ReadOnlySpan<byte> payload)
    {
        if (_spec.Protocol != FollowProtocol.Tcp || !Matches(pkt, segment.Stream)) return;
        uint sequence = segment.Seq + (segment.Syn ? 1u : 0u);
        uint length = segment.SegLen;
        int dataOffset = 0, dataLength = payload.Length;
        int peer = PeerOf(pkt);

        // An ACK for bytes the other side sent but the capture lacks releases what waited behind the gap.
        if (_fragments[1 - peer].Count > 0)
            while (CheckFragments(1 - peer, segment.Ack, pkt, true)) { }

        if (_written[peer] == 0 && _seq[peer] == 0) _seq[peer] = sequence;

        if (Lt(sequence, _seq[peer]))
        {
            // Starts before what was already seen: keep only the new bytes of a retransmission with more data.
            uint next = sequence + length;
            if (Gt(next, _seq[peer]))
            {
                dataOffset = (int)(_seq[peer] - sequence);
                dataLength = dataLength <= dataOffset ? 0 : dataLength - dataOffset;
                sequence = _seq[peer];
                length = next - _seq[peer];
            }
        }
        if (dataLength == 0 || Lt(sequence, _seq[peer])) return;

        var data = payload.Slice(dataOffset, dataLength).ToArray();
        if (sequence == _seq[peer])
        {
            _seq[peer] += length;
            _written[peer] += data.Length;
            Add(pkt.Number, pkt.TimestampNs, peer, data);
            while (CheckFragments(peer, 0, pkt, false)) { }
        }
        else
        {
            _fragments[peer].Add(new Pending(pkt.Number, pkt.TimestampNs, sequence, data));
        }
    }

    private void Add(long frame, long ts, int peer, byte[] data)
    {
        Result.Bytes[peer] += data.Length;
        Result.Chunks.Add(new FollowChunk(frame, ts, peer, data));
    }

    /// <summary>Moves the first waiting segment that now fits into the stream; true if one did.</summary>
    private bool CheckFragments(int peer, uint acknowledged, Packet pkt, bool useAck)
    {
        var list = _fragments[peer];
        if (list.Count == 0) return false;
        uint lowest = list[0].Seq;
        for (int i = 0; i < list.Count; i++)
        {
            var f = list[i];
            if (Gt(lowest, f.Seq)) lowest = f.Seq;
            if (Lt(f.Seq, _seq[peer]))
            {
                uint next = f.Seq + (uint)f.Data.Length;
                if (Gt(next, _seq[peer]))
                {
                    int newPos = (int)(_seq[peer] - f.Seq);
                    if (f.Data.Length > newPos) Add(f.Frame, f.TimestampNs, peer, f.Data[newPos..]);
                    _seq[peer] += (uint)(f.Data.Length - newPos);
                }
                list.RemoveAt(i);
                return true;
            }
            if (f.Seq == _seq[peer])
            {
                if (f.Data.Length > 0) Add(f.Frame, f.TimestampNs, peer, f.Data);
                _seq[peer] += (uint)f.Data.Length;
                list.RemoveAt(i);
                return true;
            }
        }
        if (useAck && Gt(acknowledged, lowest))
        {
            // tshark writes the message with its terminating NUL, so the chunk is one byte longer than the text.
            string text = $"[{(int)(lowest - _seq[peer])} bytes missing in capture file]";
            var bytes = new byte[text.Length + 1];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            Result.Chunks.Add(new FollowChunk(pkt.Number, 0, peer, bytes));
            Result.Bytes[peer] += bytes.Length;
            _seq[peer] = lowest;
            return true;
        }
        return false;
    }
}
