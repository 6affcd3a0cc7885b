using Mako.Engine.Conversations;
using Mako.Engine.Dissection;
using Mako.Protocols.Tcp;

namespace Mako.Protocols.Finger;

/// <summary>
/// The Finger User Information Protocol (RFC 1288), TCP port 79: the client sends one line ending in CRLF, the server
/// answers with text until it closes the connection. It is the smallest user of both kinds of TCP reassembly: a
/// query is collected until it ends with CRLF (<see cref="Packet.NeedOneMoreSegment"/>), a response until the
/// server's FIN (<see cref="Packet.NeedUntilFin"/>), as tshark 4.0's finger dissector does.
/// </summary>
public sealed class FingerDissector() : Dissector(FingerFields.Proto)
{
    private const int Port = 79;

    public override void Handoff(DissectorTables tables) => tables.AddUInt("tcp.port", Port, this);

    /// <summary>The query and response frames of a connection (finger_transaction_t).</summary>
    private sealed class Transaction
    {
        public long ReqFrame, RepFrame, ReqTime;
    }

    public override int Dissect(Tvb tvb, Packet pkt, int parent)
    {
        pkt.EnterLayer(FingerFields.Proto);
        bool isQuery = pkt.DstPort == Port;
        if (pkt.WantColumns)
        {
            pkt.Protocol = "FINGER";
            pkt.Info.Set(isQuery ? "Query" : "Response");
        }

        var conv = pkt.Session.State<ConversationTable>().FindOrCreate(pkt);
        var trans = conv.GetOrAdd(FingerFields.Proto, static _ => new Transaction());

        int len = tvb.ReportedLength;
        bool endsWithCrlf = len >= 2 && tvb.Has(len - 2, 2) && tvb.Data[len - 2] == '\r' && tvb.Data[len - 1] == '\n';
        if (pkt.CanDesegment)
        {
            if (isQuery)
            {
                if (!endsWithCrlf)
                {
                    pkt.NeedOneMoreSegment(0);
                    return tvb.Length;
                }
                trans.ReqFrame = pkt.Number;
                trans.ReqTime = pkt.TimestampNs;
            }
            else
            {
                // The FIN itself, or bytes already reassembled (an out-of-order segment after the FIN), are dissected.
                var info = TcpInfo.Of(pkt);
                if (!(info.Fin || info.IsReassembled))
                {
                    pkt.NeedUntilFin(0);
                    return tvb.Length;
                }
            }
        }
        if (!isQuery && trans.RepFrame == 0)
        {
            trans.RepFrame = pkt.Number;
            if (trans.ReqFrame != 0) pkt.Session.Note(FingerFields.ResponseIn, trans.ReqFrame, pkt.Number);   // for -2
        }

        int node = pkt.AddProtocol(FingerFields.Proto, parent, tvb, 0, -1);
        if (pkt.WantTree) pkt.Label(node, isQuery ? "FINGER: Query" : "FINGER: Response");
        if (isQuery)
        {
            int q = pkt.AddBytes(FingerFields.Query, node, tvb, 0, tvb.Length);
            if (!endsWithCrlf) pkt.Expert(FingerFields.EiNocrlf, q);
            long rep = trans.RepFrame;
            if (rep == 0 && pkt.Session.Recall(FingerFields.ResponseIn, pkt.Number, out long later)) rep = later;   // -2
            if (rep != 0) pkt.AddGenerated(FingerFields.ResponseIn, node, (ulong)rep);
        }
        else if (trans.RepFrame != 0)
        {
            pkt.AddBytes(FingerFields.Response, node, tvb, 0, tvb.Length);
            if (trans.ReqFrame != 0)
            {
                pkt.AddGenerated(FingerFields.ResponseTo, node, (ulong)trans.ReqFrame);
                if (pkt.Number == trans.RepFrame)
                    pkt.AddGenerated(FingerFields.ResponseTime, node, (ulong)(pkt.TimestampNs - trans.ReqTime));
            }
        }
        return tvb.Length;
    }
}
