using System.Globalization;
using System.Text;

namespace Mako.Cli.Export;

/// <summary>
/// File names for exported objects as tshark 4.0 makes them (ui/export_object_ui.c): the bytes
/// &lt; &gt; : " / \ | ? * and every control byte below 0x20 become "%xx" (lower-case hex), a name over 255 bytes is cut
/// keeping its extension, and the n-th clash gets "(n)" before the extension. No '/' survives, so a header value such
/// as "../../x" can only name a file inside the chosen directory ("..%2f..%2fx.eml").
/// </summary>
internal static class ExportNames
{
    /// <summary>EXPORT_OBJECT_MAXFILELEN.</summary>
    public const int MaxLength = 255;

    private static ReadOnlySpan<byte> Reject => "<>:\"/\\|?*"u8;

    /// <summary>The safe name for <paramref name="name"/>; <paramref name="duplicate"/> &gt; 0 adds "(n)".</summary>
    public static string Safe(string name, int duplicate)
    {
        var bytes = new List<byte>(name.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            if (b < 0x20 || Reject.IndexOf(b) >= 0)
            {
                bytes.Add((byte)'%');
                foreach (char c in ((int)b).ToString("x2", CultureInfo.InvariantCulture)) bytes.Add((byte)c);
            }
            else bytes.Add(b);
        }
        if (bytes.Count > MaxLength)
        {
            int dot = bytes.LastIndexOf((byte)'.');
            if (dot >= 0)
            {
                int ext = bytes.Count - dot;
                Cut(bytes, Math.Max(0, MaxLength - ext), dot);
            }
            else Cut(bytes, MaxLength, bytes.Count);
        }
        if (duplicate != 0)
        {
            var tag = Encoding.ASCII.GetBytes("(" + duplicate.ToString(CultureInfo.InvariantCulture) + ")");
            int dot = bytes.LastIndexOf((byte)'.');
            int ext = dot >= 0 ? bytes.Count - dot : 0;
            int stem = bytes.Count - ext;
            int room = MaxLength - (tag.Length + ext);
            if (stem >= room)
            {
                Cut(bytes, Math.Max(0, room), stem);
                stem = bytes.Count - ext;
            }
            bytes.InsertRange(stem, tag);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// Removes bytes from <paramref name="keep"/> up to <paramref name="end"/>. tshark may cut a UTF-8 sequence in two
    /// (an invalid file name); here the cut moves back to the start of that character.
    /// </summary>
    private static void Cut(List<byte> bytes, int keep, int end)
    {
        while (keep > 0 && keep < bytes.Count && (bytes[keep] & 0xC0) == 0x80) keep--;
        bytes.RemoveRange(keep, end - keep);
    }
}
