using System.Buffers.Binary;
using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Protocols.Tcp;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tests.Tcp;

/// <summary>
/// Finished TCP streams and idle UDP conversations are retired into compact records (TcpStreams, UdpStreams), so the
/// state a capture keeps does not grow with the number of streams that are over; and a retired one that shows up
/// again is numbered and analysed exactly as if it had never left.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class RetiredStreamTests
{
    static RetiredStreamTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
    private const uint Server = 0xc0a80001;

    /// <summary>Ethernet/IPv4 frame carrying TCP (or UDP when <paramref name="udp"/>) between client i and the server.</summary>
    private static byte[] Frame(int client, ushort cport, ushort sport, bool toServer, uint seq, uint ack, byte flags, int payload = 0, bool udp = false)
    {
        int l4 = udp ? 8 : 20;
        var f = new byte[14 + 20 + l4 + payload];
        f[12] = 0x08;
        var ip = f.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + l4 + payload));
        ip[8] = 64;
        ip[9] = udp ? (byte)17 : (byte)6;
        uint c = 0x0a000000u | (uint)(client + 1);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], toServer ? c : Server);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], toServer ? Server : c);
        var t = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(t, toServer ? cport : sport);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], toServer ? sport : cport);
        if (udp)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t[4..], (ushort)(8 + payload));
            return f;
        }
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(t[8..], ack);
        t[12] = 0x50;
        t[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(t[14..], 64240);
        return f;
    }

    /// <summary>A whole connection: handshake, a request and its ACK, both FINs acknowledged (8 frames).</summary>
    private static IEnumerable<byte[]> Connection(int client, ushort cport, uint isn = 1000)
    {
        const ushort S = 80;
        yield return Frame(client, cport, S, true, isn, 0, Syn);
        yield return Frame(client, cport, S, false, 5000, isn + 1, Syn | Ack);
        yield return Frame(client, cport, S, true, isn + 1, 5001, Ack);
        yield return Frame(client, cport, S, true, isn + 1, 5001, Psh | Ack, 50);
        yield return Frame(client, cport, S, false, 5001, isn + 51, Ack);
        yield return Frame(client, cport, S, true, isn + 51, 5001, Fin | Ack);
        yield return Frame(client, cport, S, false, 5001, isn + 52, Fin | Ack);
        yield return Frame(client, cport, S, true, isn + 52, 5002, Ack);
    }

    /// <summary>Feeds frames 1 ms apart and records, per frame, what a user sees of streams and analysis.</summary>
    private sealed class Run
    {
        public readonly CaptureSession Session = new();
        private readonly Packet _pkt;
        private long _n;
        public readonly List<string> Lines = new();

        public Run(long graceFrames, long graceNs)
        {
            _pkt = new Packet(Session);
            var tcp = Session.State<TcpStreams>();
            tcp.GraceFrames = graceFrames;
            tcp.GraceNs = graceNs;
            Session.State<UdpStreams>().Sweeper.IdleFrames = graceFrames;
        }

        public void Feed(IEnumerable<byte[]> frames)
        {
            foreach (var data in frames) Feed(data);
        }

        public void Feed(byte[] data)
        {
            long n = ++_n;
            Session.Dissect(new PacketRecord { Number = n, TimestampNs = n * 1_000_000, Data = data, CapturedLength = data.Length, OriginalLength = (uint)data.Length, LinkType = 1 }, _pkt);
            Assert.Null(_pkt.DissectorBug);
            var reg = ProtocolSet.Default.Fields;
            string V(string f)
            {
                int i = _pkt.Tree.Find(reg.Find(f)!.Id);
                return i < 0 ? "-" : _pkt.Tree[i].Value.ToString();
            }
            Lines.Add($"{n} tcp.stream={V("tcp.stream")} compl={V("tcp.completeness")} rtt={V("tcp.analysis.initial_rtt")} acks={V("tcp.analysis.acks_frame")} "
                + $"udp.stream={V("udp.stream")} rel={V("udp.time_relative")} delta={V("udp.time_delta")} tdelta={V("tcp.time_delta")} | {_pkt.Info}");
        }

        public long Live => Session.State<ConversationTable>().Count;
    }

    [Fact]
    public void Closed_streams_do_not_accumulate()
    {
        long LiveAfter(int connections)
        {
            var run = new Run(graceFrames: 200, graceNs: 100_000_000);
            for (int i = 0; i < connections; i++)
            {
                run.Feed(Connection(i, (ushort)(1024 + i % 50000)));
                // A one-datagram UDP exchange per connection too (a DNS lookup from a random port).
                run.Feed(Frame(i, (ushort)(20000 + i % 40000), 53, true, 0, 0, 0, 20, udp: true));
            }
            var tcp = run.Session.State<TcpStreams>();
            var udp = run.Session.State<UdpStreams>();
            Assert.Equal(connections, tcp.RetiredCount + tcp.Sweeper.Count);
            Assert.Equal(connections, udp.RetiredCount + udp.Sweeper.Count);
            Assert.Equal(run.Live, tcp.Sweeper.Count + udp.Sweeper.Count);
            return run.Live;
        }

        long small = LiveAfter(1000), large = LiveAfter(8000);
        // 9 frames per connection: about 200 / 9 streams in their grace period, plus one trip round the queues.
        Assert.InRange(small, 1, 200);
        Assert.InRange(large, 1, 200);
    }

    [Fact]
    public void Open_streams_are_not_retired()
    {
        var run = new Run(graceFrames: 10, graceNs: 0);
        for (int i = 0; i < 300; i++) run.Feed(Connection(i, 2000).Take(5));
        Assert.Equal(0, run.Session.State<TcpStreams>().Sweeper.Count); // only finished streams wait in the queue
        Assert.Equal(0, run.Session.State<TcpStreams>().RetiredCount);
        Assert.Equal(300, run.Live);
    }

    [Fact]
    public void A_retired_stream_that_comes_back_looks_as_if_it_never_left()
    {
        // The same frames through a session that keeps everything and one that retires after 20 quiet frames.
        IEnumerable<byte[]> Scenario()
        {
            foreach (var f in Connection(0, 40000)) yield return f;
            yield return Frame(0, 33333, 53, true, 0, 0, 0, 30, udp: true);
            for (int i = 1; i < 40; i++)
                foreach (var f in Connection(i, (ushort)(41000 + i))) yield return f;
            // Late: a retransmitted FIN, its ACK, the UDP flow again, then port reuse with a new initial sequence
            // number (a new tcp.stream, "[TCP Port numbers reused]").
            yield return Frame(0, 40000, 80, true, 1051, 5001, Fin | Ack);
            yield return Frame(0, 40000, 80, false, 5002, 1052, Ack);
            yield return Frame(0, 33333, 53, false, 0, 0, 0, 60, udp: true);
            foreach (var f in Connection(0, 40000, isn: 777777)) yield return f;
            // A stream closed by RST, then data on it long after.
            yield return Frame(50, 45000, 80, true, 10, 0, Syn);
            yield return Frame(50, 45000, 80, false, 90, 11, Rst | Ack);
            for (int i = 60; i < 70; i++)
                foreach (var f in Connection(i, (ushort)(41000 + i))) yield return f;
            yield return Frame(50, 45000, 80, true, 11, 91, Psh | Ack, 10);
        }

        var keep = new Run(graceFrames: long.MaxValue / 2, graceNs: long.MaxValue / 2);
        var retire = new Run(graceFrames: 20, graceNs: 0);
        keep.Feed(Scenario());
        retire.Feed(Scenario());
        Assert.True(retire.Session.State<TcpStreams>().Revived >= 2);
        Assert.True(retire.Session.State<UdpStreams>().Revived >= 1);
        Assert.Equal(0, keep.Session.State<TcpStreams>().RetiredCount);
        Assert.Equal(keep.Lines, retire.Lines);
        Assert.Contains(retire.Lines, l => l.Contains("[TCP Port numbers reused]"));
    }
}
