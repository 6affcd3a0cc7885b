using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Files;

namespace Mako.Protocols.Tests.Link;

/// <summary>Dissects hand-written frames and reads fields back as tshark -T fields would print them.</summary>
internal static class LinkTestHelpers
{
    static LinkTestHelpers() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    public static Packet Dissect(string hex, int linkType = 1, int? wireLength = null, CaptureSession? session = null)
    {
        var data = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        session ??= new CaptureSession();
        var pkt = new Packet(session);
        var rec = new PacketRecord
        {
            Number = 1,
            Data = data,
            CapturedLength = data.Length,
            OriginalLength = (uint)(wireLength ?? data.Length),
            LinkType = linkType,
        };
        session.Dissect(rec, pkt);
        Assert.Null(pkt.DissectorBug);
        return pkt;
    }

    /// <summary>All occurrences of a field, comma-separated, formatted as -T fields does.</summary>
    public static string Field(Packet pkt, string name)
    {
        var reg = ProtocolSet.Default.Fields;
        var f = reg.Find(name) ?? throw new ArgumentException($"no field {name}");
        var sb = new StringBuilder();
        for (int n = pkt.Tree.Find(f.Id); n >= 0; n = pkt.Tree.FindNext(f.Id, n))
        {
            if (sb.Length > 0) sb.Append(',');
            FieldFormatter.Append(sb, pkt.Tree, n, reg);
        }
        return sb.ToString();
    }

    public static string LayerList(Packet pkt) => string.Join(':', pkt.Layers);

    public static FieldDef Def(string name) => ProtocolSet.Default.Fields.Find(name)!;
}
