using System.Text;
using Mako.Files;

namespace Mako.Cli.Tests.ToolGolden;

/// <summary>
/// A capture file as text: sections, interfaces, secrets and every packet record (time stamp, lengths, interface,
/// bytes, comments, flags, options). Two tools agree on a capture when these dumps are equal; the section header's
/// application, OS and hardware strings (which name the tool) are left out.
/// </summary>
internal static class CaptureDump
{
    public static string Of(byte[] file, string name, bool relativeTimes = false)
    {
        var sb = new StringBuilder();
        using var reader = CaptureReader.Open(new MemoryStream(file), name);
        sb.Append("format ").Append(reader.Format).Append('\n');
        int sections = 0, interfaces = 0;
        long firstSecond = long.MinValue;
        try
        {
            while (true)
            {
                Sync(reader, sb, ref sections, ref interfaces);
                var kind = reader.Read();
                if (kind == RecordKind.End)
                    break;
                if (kind == RecordKind.Block)
                {
                    var b = reader.Block!;
                    if (b.Kind == BlockKind.DecryptionSecrets && b.Secrets is not null)
                        sb.Append($"secrets type={b.Secrets.SecretsType:x8} data={Convert.ToHexString(b.Secrets.Data)}\n");
                    continue;
                }
                Sync(reader, sb, ref sections, ref interfaces);
                var p = reader.Packet;
                long ts = p.TimestampNs;
                if (relativeTimes)
                {
                    if (firstSecond == long.MinValue)
                        firstSecond = ts / 1_000_000_000 * 1_000_000_000;
                    ts -= firstSecond;
                }
                sb.Append($"packet {p.Number} if={p.InterfaceId} lt={p.LinkType} ts={ts} caplen={p.CapturedLength} len={p.OriginalLength}");
                if (p.Flags is { } f) sb.Append($" flags={f:x}");
                if (p.DropCount is { } d) sb.Append($" drops={d}");
                if (p.PacketId is { } id) sb.Append($" id={id}");
                if (p.Queue is { } q) sb.Append($" queue={q}");
                foreach (var c in p.Comments) sb.Append($" comment=\"{c}\"");
                foreach (var h in p.Hashes) sb.Append($" hash={Convert.ToHexString(h)}");
                foreach (var o in p.OtherOptions) sb.Append($" opt{o.Code}={Convert.ToHexString(o.Value)}");
                sb.Append('\n').Append("  ").Append(Convert.ToHexString(p.Data.Span[..p.CapturedLength])).Append('\n');
            }
        }
        catch (CaptureFileException e)
        {
            sb.Append("error ").Append(e.Kind).Append('\n');
        }
        return sb.ToString();
    }

    // Prints sections and interfaces as the reader discovers them.
    private static void Sync(CaptureReader r, StringBuilder sb, ref int sections, ref int interfaces)
    {
        for (; sections < r.Sections.Count; sections++)
        {
            var s = r.Sections[sections];
            sb.Append($"section {sections} be={s.BigEndian}");
            foreach (var c in s.Comments) sb.Append($" comment=\"{c}\"");
            foreach (var o in s.OtherOptions) sb.Append($" opt{o.Code}={Convert.ToHexString(o.Value)}");
            sb.Append('\n');
        }
        for (; interfaces < r.Interfaces.Count; interfaces++)
        {
            var i = r.Interfaces[interfaces];
            sb.Append($"interface {i.Id} lt={i.LinkType} snap={i.SnapLength} tsresol={i.TsResolution} tsoffset={i.TsOffset}");
            if (i.Name is not null) sb.Append($" name=\"{i.Name}\"");
            if (i.Description is not null) sb.Append($" descr=\"{i.Description}\"");
            if (i.Filter is not null) sb.Append($" filter=\"{i.Filter}\"");
            if (i.Os is not null) sb.Append($" os=\"{i.Os}\"");
            if (i.Hardware is not null) sb.Append($" hw=\"{i.Hardware}\"");
            if (i.Speed is { } sp) sb.Append($" speed={sp}");
            if (i.FcsLength is { } fcs) sb.Append($" fcs={fcs}");
            foreach (var c in i.Comments) sb.Append($" comment=\"{c}\"");
            foreach (var o in i.OtherOptions) sb.Append($" opt{o.Code}={Convert.ToHexString(o.Value)}");
            sb.Append('\n');
        }
    }

    /// <summary>The file's bytes after its first block (pcapng: everything but the section header), or all of a pcap.</summary>
    public static ReadOnlySpan<byte> AfterSectionHeader(byte[] file)
    {
        if (file.Length >= 8 && file[0] == 0x0A && file[1] == 0x0D && file[2] == 0x0D && file[3] == 0x0A)
        {
            bool be = file[8] == 0x1A;
            uint len = be ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4))
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
            return len <= file.Length ? file.AsSpan((int)len) : file;
        }
        return file;
    }
}
