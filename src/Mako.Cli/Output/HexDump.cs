using System.Text;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>What `--hexdump` chose: which data sources, and how the ASCII column looks.</summary>
internal enum HexAscii : byte { Include, Delimit, Exclude }

/// <summary>
/// tshark's hex and ASCII dump (`-x`): 16 bytes per line, a 4-digit offset (more digits when the buffer needs them),
/// two spaces, "xx " per byte padded to 16 columns, two spaces and the printable ASCII (others as '.').
/// </summary>
internal static class HexDump
{
    private const string Hex = "0123456789abcdef";

    public static void Append(StringBuilder sb, ReadOnlySpan<byte> data, HexAscii ascii = HexAscii.Include)
    {
        if (data.IsEmpty) return;
        int digits = OffsetDigits(data.Length);
        for (int line = 0; line < data.Length; line += 16)
        {
            for (int d = digits - 1; d >= 0; d--) sb.Append(Hex[(line >> (4 * d)) & 0xF]);
            sb.Append("  ");
            int n = Math.Min(16, data.Length - line);
            for (int i = 0; i < 16; i++)
            {
                if (i < n) sb.Append(Hex[data[line + i] >> 4]).Append(Hex[data[line + i] & 0xF]).Append(' ');
                else sb.Append("   ");
            }
            sb.Append("  ");
            if (ascii != HexAscii.Exclude)
            {
                if (ascii == HexAscii.Delimit) sb.Append('|');
                for (int i = 0; i < n; i++)
                {
                    byte c = data[line + i];
                    sb.Append(c >= 0x20 && c < 0x7f ? (char)c : '.');
                }
                if (ascii == HexAscii.Delimit) sb.Append('|');
            }
            sb.Append('\n');
        }
    }

    /// <summary>At least 4 hex digits; as many as the last offset needs beyond that.</summary>
    private static int OffsetDigits(int length)
    {
        uint last = (uint)(length - 1);
        if ((last & 0xF0000000) != 0) return 8;
        if ((last & 0x0F000000) != 0) return 7;
        if ((last & 0x00F00000) != 0) return 6;
        if ((last & 0x000F0000) != 0) return 5;
        return 4;
    }

    /// <summary>
    /// The packet's bytes: every data source ("Frame (74 bytes):" headings when there are several), or only the
    /// frame with `--hexdump frames`.
    /// </summary>
    public static void AppendPacket(StringBuilder sb, PacketTree tree, bool allSources, HexAscii ascii)
    {
        int count = allSources ? tree.SourceCount : 1;
        bool named = count > 1;
        for (int i = 0; i < count; i++)
        {
            var data = tree.Source(i).Span;
            if (named) sb.Append(tree.SourceName(i)).Append(" (").Append(data.Length).Append(data.Length == 1 ? " byte):\n" : " bytes):\n");
            // Wireshark stops at the first empty source.
            if (data.IsEmpty) return;
            Append(sb, data, ascii);
        }
    }
}
