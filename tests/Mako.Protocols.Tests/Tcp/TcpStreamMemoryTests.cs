using System.Buffers.Binary;
using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Protocols.Tcp;

namespace Mako.Protocols.Tests.Tcp;

/// <summary>
/// Per-stream memory stays small and bounded: a capture with many concurrent connections must not cost more than a
/// fixed budget per stream, and a flow's list of unacknowledged segments is capped and given back when idle.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class TcpStreamMemoryTests
{
    static TcpStreamMemoryTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private const ushort Server = 45080;

    /// <summary>Ethernet/IPv4/TCP frame from client <paramref name="i"/> (10.x.y.z:port) or to it.</summary>
    private static byte[] Frame(int i, bool toServer, uint seq, uint ack, byte flags, int payload = 0)
    {
        var f = new byte[14 + 20 + 20 + payload];
        f[12] = 0x08;
        var ip = f.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(40 + payload));
        ip[8] = 64;
        ip[9] = 6;
        uint client = 0x0a000000u | (uint)(i + 1), server = 0xc0a80001;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], toServer ? client : server);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], toServer ? server : client);
        var tcp = ip[20..];
        ushort cport = (ushort)(1024 + i % 60000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, toServer ? cport : Server);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], toServer ? Server : cport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        return f;
    }

    private long _number;

    private void Feed(CaptureSession s, Packet pkt, byte[] data)
    {
        long n = ++_number;
        s.Dissect(new PacketRecord { Number = n, TimestampNs = n * 1000, Data = data, CapturedLength = data.Length, OriginalLength = (uint)data.Length, LinkType = 1 }, pkt);
    }

    /// <summary>Opens connections first..first+count-1 and leaves them established with 100 bytes sent and acknowledged.</summary>
    private void Open(CaptureSession s, Packet pkt, int first, int count)
    {
        for (int i = first; i < first + count; i++) Feed(s, pkt, Frame(i, true, 1000, 0, 0x02));
        for (int i = first; i < first + count; i++) Feed(s, pkt, Frame(i, false, 5000, 1001, 0x12));
        for (int i = first; i < first + count; i++) Feed(s, pkt, Frame(i, true, 1001, 5001, 0x10));
        for (int i = first; i < first + count; i++) Feed(s, pkt, Frame(i, true, 1001, 5001, 0x18, 100));
        for (int i = first; i < first + count; i++) Feed(s, pkt, Frame(i, false, 5001, 1101, 0x10));
    }

    [Fact]
    public void An_open_stream_costs_about_a_kilobyte()
    {
        var s = new CaptureSession();
        var pkt = new Packet(s) { WantColumns = false, WantTree = false };
        Open(s, pkt, 0, 500); // warm up: tables, caches, JIT
        const int N = 20000;
        long before = GC.GetTotalMemory(true);
        Open(s, pkt, 500, N);
        long after = GC.GetTotalMemory(true);
        long perStream = (after - before) / N;
        // Conversation + table entry + TcpStream + two flows with their small unacked arrays: about 840 bytes on x64.
        Assert.InRange(perStream, 200, 1000);
        GC.KeepAlive(s);
        GC.KeepAlive(pkt);
    }

    [Fact]
    public void Unacked_list_is_capped_and_given_back_when_everything_is_acknowledged()
    {
        var list = new UnackedList();
        for (int i = 0; i < UnackedList.Capacity + 5; i++)
            list.Add(new UnackedSegment { Frame = i, Seq = (uint)i, NextSeq = (uint)i + 1 });
        Assert.Equal(UnackedList.Capacity, list.Count);
        Assert.False(list.Add(new UnackedSegment()));
        Assert.Equal(9999L, list[UnackedList.Capacity - 1].Frame);
        list.Truncate(0);
        Assert.Equal(0, list.Count);
        Assert.True(list.Add(new UnackedSegment { Frame = 7 }));
        Assert.Equal(7L, list[0].Frame);
    }
}

/// <summary>
/// Tests that measure the process's managed heap (GC.GetTotalMemory) must not run beside tests that allocate a lot:
/// xunit runs other collections in parallel, this one alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}
