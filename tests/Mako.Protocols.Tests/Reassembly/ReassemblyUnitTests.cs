using System.Buffers.Binary;
using System.Text;
using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Files;
using Mako.Protocols.Tcp;

namespace Mako.Protocols.Tests.Reassembly;

/// <summary>
/// The reassembly API driven by small test protocols pinned to a connection (the conversation's dissector, which TCP
/// tries first): a length-prefixed one using <see cref="TcpPdus"/> and a line-based one using
/// <see cref="TvbLines.FindLineEnd"/> with <see cref="Packet.NeedOneMoreSegment"/>. Whatever the segment boundaries,
/// each protocol must see exactly the same PDUs, once each.
/// </summary>
public class ReassemblyUnitTests
{
    static ReassemblyUnitTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static readonly ProtocolDef TestProto = new("Reassembly test", "RTEST", "rtest");

    /// <summary>2-byte big-endian length, then that many bytes.</summary>
    private sealed class LengthPrefixed : Dissector
    {
        public LengthPrefixed() : base(TestProto) { }
        public readonly List<string> Pdus = new();

        public override int Dissect(Tvb tvb, Packet pkt, int parent)
        {
            pkt.EnterLayer(TestProto);
            return TcpPdus.Dissect(tvb, pkt, parent, true, 2,
                static (in Tvb t, int off, Packet _) => t.U16(off) + 2,
                (pdu, p, _) =>
                {
                    Pdus.Add(Encoding.ASCII.GetString(pdu.Span(2, pdu.Length - 2)));
                    if (p.WantColumns)
                    {
                        p.Protocol = "RTEST";
                        p.Info.Set("PDU");
                    }
                });
        }
    }

    /// <summary>CRLF-terminated lines; a partial last line waits for more.</summary>
    private sealed class Lines : Dissector
    {
        public Lines() : base(TestProto) { }
        public readonly List<string> Got = new();

        public override int Dissect(Tvb tvb, Packet pkt, int parent)
        {
            pkt.EnterLayer(TestProto);
            int offset = 0;
            while (offset < tvb.Length)
            {
                int len = TvbLines.FindLineEnd(tvb, offset, out int next, pkt.CanDesegment);
                if (len < 0)
                {
                    pkt.NeedOneMoreSegment(offset);
                    return tvb.Length;
                }
                Got.Add(Encoding.ASCII.GetString(tvb.Span(offset, len)));
                offset = next;
            }
            if (pkt.WantColumns) pkt.Protocol = "LINES";
            return tvb.Length;
        }
    }

    private sealed class Conn(CaptureSession s, Dissector pinned)
    {
        private uint _cseq = 1000, _sseq = 9000;
        private long _n;
        public readonly List<Packet> Packets = new();

        public Packet Send(byte[] payload, bool fromClient = true, string flags = "PA", uint? seq = null, int? cut = null)
        {
            uint own = fromClient ? _cseq : _sseq;
            var frame = TcpTestFrames.Frame(47001, fromClient, flags, seq ?? own, fromClient ? _sseq : _cseq, payload);
            var pkt = new Packet(s);
            int cap = cut ?? frame.Length;
            s.Dissect(new PacketRecord { Number = ++_n, TimestampNs = _n * 1000, Data = frame.AsMemory(0, cap), CapturedLength = cap, OriginalLength = (uint)frame.Length, LinkType = 1 }, pkt);
            Assert.Null(pkt.DissectorBug);
            if (seq is null)
            {
                uint adv = (uint)payload.Length + (flags.Contains('S') || flags.Contains('F') ? 1u : 0u);
                if (fromClient) _cseq += adv; else _sseq += adv;
            }
            if (_n == 1)
            {
                // Pin the test protocol to the connection the first packet created.
                s.State<ConversationTable>().Find(pkt)!.Dissector = pinned;
            }
            Packets.Add(pkt);
            return pkt;
        }

        public void Handshake()
        {
            Send([], true, "S");
            Send([], false, "SA");
            Send([], true, "A");
        }
    }

    private static byte[] Prefixed(params string[] bodies)
    {
        var ms = new MemoryStream();
        foreach (var body in bodies)
        {
            var bytes = Encoding.ASCII.GetBytes(body);
            ms.WriteByte((byte)(bytes.Length >> 8));
            ms.WriteByte((byte)bytes.Length);
            ms.Write(bytes);
        }
        return ms.ToArray();
    }

    private static readonly string[] Bodies = ["hello", "", "a longer PDU body", "x"];

    [Fact]
    public void Length_prefixed_pdus_are_the_same_for_every_split_point()
    {
        var stream = Prefixed(Bodies);
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            var d = new LengthPrefixed();
            var c = new Conn(new CaptureSession(), d);
            c.Handshake();
            if (cut > 0) c.Send(stream[..cut]);
            if (cut < stream.Length) c.Send(stream[cut..]);
            Assert.Equal(Bodies, d.Pdus);
        }
    }

    [Fact]
    public void One_byte_segments_give_the_same_pdus()
    {
        var stream = Prefixed(Bodies);
        var d = new LengthPrefixed();
        var c = new Conn(new CaptureSession(), d);
        c.Handshake();
        foreach (byte b in stream) c.Send([b]);
        Assert.Equal(Bodies, d.Pdus);
    }

    [Fact]
    public void Segments_of_a_pdu_are_marked_and_the_last_lists_them()
    {
        var stream = Prefixed("0123456789");
        var d = new LengthPrefixed();
        var c = new Conn(new CaptureSession(), d);
        c.Handshake();
        var p1 = c.Send(stream[..4]);
        var p2 = c.Send(stream[4..9]);
        var p3 = c.Send(stream[9..]);
        Assert.Equal("TCP", p1.Protocol);
        Assert.EndsWith("[TCP segment of a reassembled PDU]", p1.Info.ToString());
        Assert.EndsWith("[TCP segment of a reassembled PDU]", p2.Info.ToString());
        Assert.Equal("RTEST", p3.Protocol);
        Assert.Equal("PDU", p3.Info.ToString());
        Assert.Equal([4L, 5L, 6L], Values(p3, TcpFields.Segment));
        Assert.Equal([3L], Values(p3, TcpFields.SegmentCount));
        Assert.Equal([12L], Values(p3, TcpFields.ReassembledLength));
        Assert.Equal([12L], Values(p3, TcpFields.PduSize));
        Assert.Equal(2, p3.Tree.SourceCount);
        Assert.Equal("Reassembled TCP", p3.Tree.SourceName(1));
        Assert.Equal(stream, p3.Tree.Source(1).ToArray());
        // The summary sits right after the TCP tree, before the payload's protocol (as tshark moves it).
        int segs = p3.Tree.Find(TcpFields.Segments.Id);
        int tcp = p3.Tree.Find(TcpFields.Proto.Id);
        Assert.True(segs > tcp);
        for (int i = tcp + 1; i < segs; i++) Assert.True(p3.Tree[i].Parent >= 0);
    }

    [Fact]
    public void Two_pdus_in_one_segment_and_a_third_started()
    {
        var stream = Prefixed("one", "two", "three");
        var d = new LengthPrefixed();
        var c = new Conn(new CaptureSession(), d);
        c.Handshake();
        var p = c.Send(stream[..12]);
        Assert.Equal(["one", "two"], d.Pdus);
        Assert.Equal("RTEST", p.Protocol);
        c.Send(stream[12..]);
        Assert.Equal(["one", "two", "three"], d.Pdus);
    }

    [Fact]
    public void Lines_are_the_same_for_every_split_point()
    {
        var stream = Encoding.ASCII.GetBytes("HELO a\r\nMAIL FROM:<b@c>\r\n\r\nQUIT\r\n");
        string[] expected = ["HELO a", "MAIL FROM:<b@c>", "", "QUIT"];
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            var d = new Lines();
            var c = new Conn(new CaptureSession(), d);
            c.Handshake();
            if (cut > 0) c.Send(stream[..cut]);
            if (cut < stream.Length) c.Send(stream[cut..]);
            Assert.Equal(expected, d.Got);
        }
    }

    [Fact]
    public void A_retransmitted_segment_is_not_dissected_twice()
    {
        var stream = Prefixed("abcdefgh", "ij");
        var d = new LengthPrefixed();
        var c = new Conn(new CaptureSession(), d);
        c.Handshake();
        c.Send(stream[..5]);
        var retrans = c.Send(stream[..5], seq: 1001);
        c.Send(stream[5..]);
        Assert.Equal(["abcdefgh", "ij"], d.Pdus);
        Assert.Contains("[TCP Retransmission]", retrans.Info.ToString());
    }

    [Fact]
    public void A_snapped_segment_is_not_reassembled()
    {
        var stream = Prefixed("0123456789");
        var d = new LengthPrefixed();
        var c = new Conn(new CaptureSession(), d);
        c.Handshake();
        // TCP cannot ask for more when bytes are missing: the protocol sees the PDU as far as it was captured.
        var p = c.Send(stream[..6], cut: 54 + 3);
        Assert.Equal(["0"], d.Pdus);
        Assert.DoesNotContain("[TCP segment of a reassembled PDU]", p.Info.ToString());
    }

    [Fact]
    public void Passing_the_per_direction_limit_drops_the_pdu_with_an_expert_item()
    {
        var s = new CaptureSession();
        s.State<TcpReassemblyLimits>().MaxFlowBytes = 100;
        var d = new LengthPrefixed();
        var c = new Conn(s, d);
        c.Handshake();
        var big = Prefixed(new string('z', 1000));
        Packet? flagged = null;
        for (int off = 0; off < big.Length; off += 60)
        {
            var p = c.Send(big[off..Math.Min(big.Length, off + 60)]);
            if (p.Tree.Find(TcpDissector.EiReassemblyLimit.Id) >= 0) flagged ??= p;
        }
        Assert.NotNull(flagged);
        Assert.True(s.State<TcpReassemblyLimits>().Dropped > 0);
        Assert.True(s.State<TcpReassemblyLimits>().Held <= 100);
    }

    [Fact]
    public void Until_fin_data_is_bounded_by_the_total_limit()
    {
        var s = new CaptureSession();
        s.State<TcpReassemblyLimits>().MaxTotalBytes = 4096;
        var c = new Conn(s, new UntilFin());
        c.Handshake();
        for (int i = 0; i < 200; i++) c.Send(new byte[100]);
        Assert.True(s.State<TcpReassemblyLimits>().Held <= 4096);
        c.Send([], true, "FA");
    }

    /// <summary>Wants everything until the FIN, like a finger response.</summary>
    private sealed class UntilFin : Dissector
    {
        public UntilFin() : base(TestProto) { }

        public override int Dissect(Tvb tvb, Packet pkt, int parent)
        {
            var info = TcpInfo.Of(pkt);
            if (!info.Fin && !info.IsReassembled) pkt.NeedUntilFin(0);
            return tvb.Length;
        }
    }

    [Fact]
    public void Find_line_end_handles_cr_lf_crlf_and_a_trailing_cr()
    {
        var t = new Tvb("ab\r\ncd\nef\rgh\r"u8, 0, 13);
        Assert.Equal(2, TvbLines.FindLineEnd(t, 0, out int next, true));
        Assert.Equal(4, next);
        Assert.Equal(2, TvbLines.FindLineEnd(t, 4, out next, true));
        Assert.Equal(7, next);
        Assert.Equal(2, TvbLines.FindLineEnd(t, 7, out next, true));
        Assert.Equal(10, next);
        Assert.Equal(-1, TvbLines.FindLineEnd(t, 10, out _, true));
        Assert.Equal(2, TvbLines.FindLineEnd(t, 10, out next, false));
        Assert.Equal(13, next);
    }

    private static long[] Values(Packet p, FieldDef f)
    {
        var list = new List<long>();
        for (int i = p.Tree.Find(f.Id); i >= 0; i = p.Tree.FindNext(f.Id, i)) list.Add((long)p.Tree[i].Value);
        return [.. list];
    }
}
