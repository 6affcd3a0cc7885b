using System.Buffers.Binary;
using System.Text;
using Mako.Files;

namespace Mako.Capture.Output;

/// <summary>
/// Mako.Files' writer takes its pcapng section header (shb_hardware, shb_os, shb_userappl, comments) from a
/// template reader. A live capture has no input file, so this builds a one-block pcapng in memory holding just
/// the SHB dumpcap would write and opens it as that template.
/// </summary>
internal static class SectionTemplate
{
    public static CaptureReader Create(IReadOnlyList<string> comments)
    {
        var opts = new List<(ushort Code, byte[] Value)>();
        foreach (var c in comments)
        {
            var bytes = Encoding.UTF8.GetBytes(c);
            if (bytes.Length > ushort.MaxValue)
                throw new CaptureException(CaptureFailure.BadOption, "A capture comment can be at most 65535 bytes long.");
            opts.Add((1, bytes));
        }
        if (SystemInfo.Hardware is { } hw) opts.Add((2, Encoding.UTF8.GetBytes(hw)));
        opts.Add((3, Encoding.UTF8.GetBytes(SystemInfo.OsDescription)));
        opts.Add((4, Encoding.UTF8.GetBytes(SystemInfo.Application)));

        int optLen = 4;   // opt_endofopt
        foreach (var (_, v) in opts)
            optLen += 4 + ((v.Length + 3) & ~3);
        int total = 12 + 16 + optLen;
        var b = new byte[total];
        var s = b.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0x0A0D0D0A);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], total);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(s[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], -1);
        int p = 24;
        foreach (var (code, v) in opts)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s[p..], code);
            BinaryPrimitives.WriteUInt16LittleEndian(s[(p + 2)..], (ushort)v.Length);
            v.CopyTo(s[(p + 4)..]);
            p += 4 + ((v.Length + 3) & ~3);
        }
        p += 4;   // opt_endofopt: zeros
        BinaryPrimitives.WriteInt32LittleEndian(s[p..], total);

        var reader = CaptureReader.Open(new MemoryStream(b, writable: false), "(section header)");
        while (reader.Read() != RecordKind.End) { }   // make sure the SHB has been parsed
        return reader;
    }
}
