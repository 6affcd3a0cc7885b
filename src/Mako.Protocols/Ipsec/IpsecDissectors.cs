using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ip;
using Mako.Protocols.Ipv6;

namespace Mako.Protocols.Ipsec;

/// <summary>
/// IP Authentication Header (RFC 4302), protocol 51.
/// <code>
/// +---------------+---------------+-------------------------------+
/// | Next Header   |  Payload Len  |          RESERVED             |
/// +---------------+---------------+-------------------------------+
/// |                 Security Parameters Index (SPI)               |
/// |                    Sequence Number Field                      |
/// |                Integrity Check Value-ICV (variable)           |
/// </code>
/// The payload length is in 32-bit words minus 2. Under IPv6 the header continues the extension header chain.
/// </summary>
public sealed class AhDissector() : Dissector(AhFields.Proto)
{
    private UIntTable _ipProto = null!;

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 51, this);
        _ipProto = tables.UInt("ip.proto");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        // Wireshark hands the IPv4 header on past AH (ICMP after AH still shows the TTL).
        var v4 = Ipv4Context.For(pkt);
        pkt.EnterLayer(AhFields.Proto);
        byte nxt = tvb.U8(0);
        int len = (tvb.U8(1) + 2) * 4;
        uint spi = tvb.U32(4);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "AH";
            pkt.Info.Set("AH (SPI=");
            pkt.Info.AppendHex(spi, 8);
            pkt.Info.Append(')');
        }
        int ah = pkt.AddProtocol(AhFields.Proto, parent, tvb, 0, Math.Min(len, tvb.Length));
        int n = pkt.Add(AhFields.NextHeader, ah, tvb, 0, 1, nxt);
        if (pkt.WantTree) pkt.Label(n, $"Next header: {IpDissector.IpProtoName(nxt)} ({nxt})");
        n = pkt.Add(AhFields.Length, ah, tvb, 1, 1, tvb.U8(1));
        if (pkt.WantTree) pkt.Label(n, $"Length: {tvb.U8(1)} ({len} bytes)");
        pkt.AddBytesChecked(AhFields.Reserved, ah, tvb, 2, 2);
        pkt.Add(AhFields.Spi, ah, tvb, 4, 4, spi);
        pkt.Add(AhFields.Sequence, ah, tvb, 8, 4, tvb.U32(8));
        if (len > 12) pkt.AddBytesChecked(AhFields.Icv, ah, tvb, 12, len - 12);
        else if (len < 12 || tvb.Length == 12) pkt.AddObject(AhFields.Icv, ah, tvb, Math.Min(len, 12), 0, "<MISSING>"); // no ICV bytes: tshark's text
        else pkt.AddBytes(AhFields.Icv, ah, tvb, 12, 0);

        var next = tvb.Slice(len);
        if (pkt.Dst.Type == AddressType.IPv6)
        {
            Ipv6Dissector.DissectNext(nxt, next, pkt, parent, _ipProto);
        }
        else
        {
            if (v4 is not null) v4.Set(pkt, v4.Ttl);
            var d = pkt.Session.Lookup(_ipProto, nxt);
            if (d is null || pkt.Session.Call(d, next, pkt, parent) == 0) pkt.Session.CallData(next, pkt, parent);
        }
        return tvb.Length;
    }
}

/// <summary>
/// Encapsulating Security Payload (RFC 4303), protocol 50 (and UDP-encapsulated ESP). Without keys only the SPI and
/// sequence number can be shown; sequence numbers are checked per SPI as tshark does by default.
/// </summary>
public sealed class EspDissector() : Dissector(EspFields.Proto)
{
    static EspDissector() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(EspExperts).TypeHandle);

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ip.proto", 50, this);
    }

    /// <summary>Last sequence number and frame seen per SPI.</summary>
    private sealed class SequenceState
    {
        public readonly Dictionary<uint, (uint Seq, long Frame)> Last = new();
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(EspFields.Proto);
        uint spi = tvb.U32(0);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "ESP";
            pkt.Info.Set("ESP (SPI=");
            pkt.Info.AppendHex(spi, 8);
            pkt.Info.Append(')');
        }
        int esp = pkt.AddProtocol(EspFields.Proto, parent, tvb, 0, tvb.Length);
        pkt.Add(EspFields.Spi, esp, tvb, 0, 4, spi);
        uint seq = tvb.U32(4);
        pkt.Add(EspFields.Sequence, esp, tvb, 4, 4, seq);

        var state = pkt.Session.State<SequenceState>();
        if (state.Last.TryGetValue(spi, out var prev) && seq != prev.Seq + 1)
        {
            uint expected = prev.Seq + 1;
            int sn = pkt.AddGenerated(EspFields.SequenceAnalysisExpectedSn, esp, expected);
            if (sn != esp && pkt.WantTree && seq > expected) pkt.Label(sn, $"Expected SN: {expected} ({seq - expected} SNs missing)");
            pkt.Expert(EspExperts.WrongSequence, sn, $"Wrong Sequence Number for SPI {spi:x8} - {expected} expected");
            pkt.AddGenerated(EspFields.SequenceAnalysisPreviousFrame, esp, (ulong)prev.Frame);
        }
        if (state.Last.Count < 1 << 16 || state.Last.ContainsKey(spi)) state.Last[spi] = (seq, pkt.Number);
        return tvb.Length;
    }
}

/// <summary>ESP expert items.</summary>
public static class EspExperts
{
    public static readonly ExpertDef WrongSequence = EspFields.Proto.Expert("esp.sequence-analysis.wrong-sequence-number", ExpertGroup.Sequence, ExpertSeverity.Warn, "Wrong Sequence Number");
}
