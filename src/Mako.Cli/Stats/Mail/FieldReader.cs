using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Tcp;

namespace Mako.Cli.Stats.Mail;

/// <summary>
/// Small helpers the mail taps share to read dissected values: fields looked up by their Wireshark name (so a tap can
/// use a protocol that may not be registered, such as IMAP), string values as tshark's ENC_ASCII reads them, and the
/// packet's TCP stream index.
/// </summary>
internal static class FieldReader
{
    /// <summary>The id of the field named <paramref name="abbrev"/>, or -1 when no dissector declares it.</summary>
    public static int Id(FieldRegistry fields, string abbrev) => fields.Find(abbrev) is { } f ? f.Id : -1;

    /// <summary>The bytes of a string node (computed strings as UTF-8).</summary>
    public static byte[] Bytes(PacketTree tree, int node)
    {
        ref var n = ref tree[node];
        if ((n.Flags & NodeFlags.ObjectValue) != 0)
        {
            return tree.GetObject(node) switch
            {
                string s => Encoding.UTF8.GetBytes(s),
                byte[] b => b,
                _ => [],
            };
        }
        return tree.Bytes(node).ToArray();
    }

    /// <summary>
    /// A string as Wireshark's tvb_get_string_enc(ENC_ASCII) makes it: it ends at a NUL (C strings), and each byte
    /// above 0x7f becomes U+FFFD.
    /// </summary>
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes) sb.Append(b < 0x80 ? (char)b : '\uFFFD');
        return sb.ToString();
    }

    /// <summary>A string field's value as tshark holds it: a string the dissector already decoded is taken as it is
    /// (up to a NUL), raw bytes are read as ENC_ASCII.</summary>
    public static string Ascii(PacketTree tree, int node)
    {
        if ((tree[node].Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(node) is string s)
        {
            int nul = s.IndexOf('\0', StringComparison.Ordinal);
            return nul >= 0 ? s[..nul] : s;
        }
        return Ascii(Bytes(tree, node));
    }

    /// <summary>The TCP stream index of the packet's (first) TCP header, or -1.</summary>
    public static long TcpStream(Packet pkt)
    {
        int n = pkt.Tree.Find(TcpFields.Stream.Id);
        return n < 0 ? -1 : (long)pkt.Tree[n].Value;
    }

    /// <summary>Is <paramref name="node"/> inside the subtree of <paramref name="ancestor"/>?</summary>
    public static bool Within(PacketTree tree, int node, int ancestor)
    {
        for (int p = tree[node].Parent; p >= 0; p = tree[p].Parent)
            if (p == ancestor) return true;
        return false;
    }
}
