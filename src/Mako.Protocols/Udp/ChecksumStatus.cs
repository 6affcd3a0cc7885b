using Mako.Engine.Dissection;
using Mako.Engine.Fields;

namespace Mako.Protocols.Udp;

/// <summary>
/// Checksum items as Wireshark's proto_tree_add_checksum adds them: the checksum field, its "[unverified]",
/// "[correct]" or "incorrect, should be 0x...." text, and a generated *.checksum.status sibling (values below).
/// </summary>
public static class ChecksumStatus
{
    public const ulong Bad = 0, Good = 1, Unverified = 2, NotPresent = 3, Illegal = 4;

    /// <summary>The checksum was not checked (the default for TCP and UDP): status 2.</summary>
    public static int AddUnverified(Packet pkt, int parent, in Tvb tvb, int offset, ushort sum, FieldDef checksum, FieldDef status)
    {
        int item = pkt.Add(checksum, parent, tvb, offset, 2, sum);
        if (pkt.WantTree) pkt.Label(item, $"Checksum: 0x{sum:x4} [unverified]");
        int st = Generated.At(pkt, status, parent, tvb, offset, 0, Unverified);
        return item;
    }

    /// <summary>
    /// The checksum was verified: <paramref name="computed"/> is the Internet checksum over the data including the
    /// field (0 when right). Adds the calculated value (when the protocol has such a field) under the checksum item and, when wrong, the expert item and
    /// the Info suffix.
    /// </summary>
    public static int AddVerified(Packet pkt, int parent, in Tvb tvb, int offset, ushort sum, ushort computed, FieldDef checksum,
        FieldDef status, FieldDef? calculated, ExpertDef bad, string badSuffix, string infoSuffix, bool calculatedAsSibling = false)
    {
        int item = pkt.Add(checksum, parent, tvb, offset, 2, sum);
        ushort shouldBe = computed == 0 ? sum : TransportChecksum.ShouldBe(sum, computed);
        int st;
        if (computed == 0)
        {
            if (pkt.WantTree) pkt.Label(item, $"Checksum: 0x{sum:x4} [correct]");
            st = Generated.At(pkt, status, parent, tvb, offset, 0, Good);
        }
        else
        {
            if (pkt.WantTree) pkt.Label(item, $"Checksum: 0x{sum:x4} incorrect, should be 0x{shouldBe:x4}{badSuffix}");
            st = Generated.At(pkt, status, parent, tvb, offset, 0, Bad);
            pkt.Expert(bad, item, $"{bad.Message} [should be 0x{shouldBe:x4}]");
            if (pkt.WantColumns && infoSuffix.Length > 0) pkt.Info.Append(infoSuffix);
        }
        if (calculated is null) return item;
        int calc = Generated.At(pkt, calculated, calculatedAsSibling ? parent : item, tvb, offset, 2, shouldBe);
        return item;
    }
}
