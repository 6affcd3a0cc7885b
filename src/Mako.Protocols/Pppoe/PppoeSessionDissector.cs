using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Pppoe;

/// <summary>
/// PPP-over-Ethernet session stage (RFC 2516, ethertype 0x8864): a 6-byte header, then one PPP frame without
/// address and control bytes. The payload is cut to the header's length, so the Ethernet padding behind it is
/// neither passed to PPP nor shown (as tshark 4.0 shows these frames).
/// <code>
///  ver(4) type(4) | code(8) | session id(16) | payload length(16) | PPP protocol ...
/// </code>
/// </summary>
public sealed class PppoeSessionDissector() : Dissector(PppoesFields.Proto)
{
    private const int HeaderLength = 6;
    private Dissector? _ppp;

    /// <summary>The header fields are Wireshark's "pppoe.*" ones, shared with the discovery stage.</summary>
    public override IEnumerable<ProtocolDef> ExtraProtocols => [PppoeFields.Proto];

    public override void Handoff(DissectorTables tables)
    {
        tables.AddUInt("ethertype", 0x8864, this);
        _ppp = tables.ByName("ppp");
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(PppoesFields.Proto);
        byte code = tvb.U8(1);
        if (pkt.WantColumns)
        {
            pkt.Protocol = "PPPoES";
            pkt.Info.Set(PppoeFields.Code.Values?.Lookup(code) ?? "Unknown");
        }
        // The rest of the header is read before anything is shown: a frame cut inside it shows no PPPoE item.
        ushort length = tvb.U16(4);
        int node = pkt.AddProtocol(PppoesFields.Proto, parent, tvb, 0, HeaderLength);
        if (pkt.WantTree) pkt.Label(node, PppoesFields.Proto.Name);
        byte vt = tvb.U8(0);
        pkt.Add(PppoeFields.Version, node, tvb, 0, 1, vt);
        pkt.Add(PppoeFields.Type, node, tvb, 0, 1, vt);
        pkt.Add(PppoeFields.Code, node, tvb, 1, 1, code);
        pkt.Add(PppoeFields.SessionId, node, tvb, 2, 2, tvb.U16(2));
        pkt.Add(PppoeFields.PayloadLength, node, tvb, 4, 2, length);

        // A length that claims more than the frame holds is believed only as far as the frame goes.
        int reported = Math.Min(length, tvb.ReportedLength - HeaderLength);
        var payload = tvb.Slice(HeaderLength, reported);
        if (_ppp is not null && pkt.Session.IsEnabled(_ppp)) pkt.Session.Call(_ppp, payload, pkt, -1);
        else pkt.Session.CallData(payload, pkt, -1);
        return tvb.Length;
    }
}
