using System.Buffers.Binary;
using System.Text;
using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// The "Interface #n info:" lines (Wireshark's wtap_get_debug_if_descr), built from the raw IDB options because
/// capinfos prints an option only when it is present in the file (an explicit if_tsresol of 6 is shown, a missing one
/// is not). Like Wireshark, the first occurrence of a single-valued option wins and malformed lengths are ignored.
/// </summary>
internal sealed class InterfaceDescription
{
    private const string Indent = "                     ";

    public string? Name { get; private set; }
    public string? Description { get; private set; }
    public string? Hardware { get; private set; }
    public ulong? Speed { get; private set; }
    public byte? FcsLength { get; private set; }
    public byte? TsResolution { get; private set; }
    public long? TsOffset { get; private set; }
    /// <summary>0: libpcap filter string in <see cref="FilterString"/>; 1: BPF program of <see cref="BpfLength"/> instructions.</summary>
    public int FilterType { get; private set; } = -1;
    public string? FilterString { get; private set; }
    public uint BpfLength { get; private set; }
    public string? Os { get; private set; }
    public string? Comment { get; private set; }

    public int Wtap { get; init; }
    public uint SnapLength { get; init; }
    public int StatEntries { get; set; }

    /// <summary>Ticks per second and precision follow from if_tsresol (default: microseconds).</summary>
    public ulong TicksPerSecond => TsResolution is byte r ? WtapNames.TicksPerSecond(r) : 1_000_000;
    public int Precision => WtapNames.PrecisionForTicks(TicksPerSecond);

    /// <summary>Parses an IDB body as the reader returned it (link type, reserved, snaplen, options).</summary>
    public static InterfaceDescription FromIdbBody(ReadOnlySpan<byte> body, bool bigEndian, InterfaceInfo info)
    {
        var d = new InterfaceDescription { Wtap = WtapEncap.FromLinkType(info.LinkType), SnapLength = info.SnapLength };
        var opts = body.Length > 8 ? body[8..] : default;
        while (opts.Length >= 4)
        {
            ushort code = U16(opts, bigEndian);
            int len = U16(opts[2..], bigEndian);
            if (code == 0 || len > opts.Length - 4)
                break;
            d.Apply(code, opts.Slice(4, len), bigEndian);
            int padded = (len + 3) & ~3;
            opts = padded > opts.Length - 4 ? default : opts[(4 + padded)..];
        }
        return d;
    }

    /// <summary>From the reader's decoded fields, for interfaces whose raw block is not available.</summary>
    public static InterfaceDescription FromInfo(InterfaceInfo info)
    {
        var d = new InterfaceDescription
        {
            Wtap = WtapEncap.FromLinkType(info.LinkType),
            SnapLength = info.SnapLength,
            Name = info.Name,
            Description = info.Description,
            Hardware = info.Hardware,
            Speed = info.Speed,
            FcsLength = info.FcsLength,
            Os = info.Os,
            Comment = info.Comments.Count > 0 ? info.Comments[0] : null,
        };
        if (info.TsResolution != 6) d.TsResolution = info.TsResolution;
        if (info.TsOffset != 0) d.TsOffset = info.TsOffset;
        if (info.Filter is not null) { d.FilterType = 0; d.FilterString = info.Filter; }
        return d;
    }

    /// <summary>The implicit interface of a pcap file: only nanosecond files carry a time resolution.</summary>
    public static InterfaceDescription ForPcap(int wtap, uint snapLength, bool nanoseconds) => new()
    {
        Wtap = wtap,
        SnapLength = snapLength,
        TsResolution = nanoseconds ? (byte)9 : null,
    };

    private void Apply(ushort code, ReadOnlySpan<byte> v, bool be)
    {
        switch (code)
        {
            case 1: Comment ??= Text(v); break;
            case 2: Name ??= Text(v); break;
            case 3: Description ??= Text(v); break;
            case 8 when v.Length == 8: Speed ??= U64(v, be); break;
            case 9 when v.Length == 1: TsResolution ??= v[0]; break;
            case 11 when v.Length >= 1 && FilterType < 0:
                if (v[0] == 0) { FilterType = 0; FilterString = Text(v[1..]); }
                else if (v[0] == 1) { FilterType = 1; BpfLength = (uint)(v.Length - 1) / 8; }
                break;
            case 12: Os ??= Text(v); break;
            case 13 when v.Length == 1: FcsLength ??= v[0]; break;
            case 14 when v.Length == 8: TsOffset ??= (long)U64(v, be); break;
            case 15: Hardware ??= Text(v); break;
        }
    }

    /// <summary>The lines capinfos prints under "Interface #n info:", each ending in a newline.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        if (Name is not null) Line(sb, $"Name = {Name}");
        if (Description is not null) Line(sb, $"Description = {Description}");
        Line(sb, $"Encapsulation = {WtapEncap.Description(Wtap)} ({Wtap} - {WtapEncap.Name(Wtap)})");
        if (Hardware is not null) Line(sb, $"Hardware = {Hardware}");
        if (Speed is ulong speed) Line(sb, $"Speed = {speed}");
        Line(sb, $"Capture length = {SnapLength}");
        if (FcsLength is byte fcs) Line(sb, $"FCS length = {fcs}");
        Line(sb, $"Time precision = {WtapNames.Precision(Precision)} ({Precision})");
        Line(sb, $"Time ticks per second = {TicksPerSecond}");
        if (TsResolution is byte res) Line(sb, $"Time resolution = 0x{res:x2}");
        if (TsOffset is long off) Line(sb, $"Timestamp offset = {off}");
        if (FilterType == 0) Line(sb, $"Filter string = {FilterString}");
        else if (FilterType == 1) Line(sb, $"BPF filter length = {BpfLength}");
        if (Os is not null) Line(sb, $"Operating system = {Os}");
        if (Comment is not null) Line(sb, $"Comment = {Comment}");
        Line(sb, $"Number of stat entries = {StatEntries}");
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string s) => sb.Append(Indent).Append(s).Append('\n');

    // Option strings are C strings to Wireshark: an embedded NUL ends them.
    private static string Text(ReadOnlySpan<byte> v)
    {
        int nul = v.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? v[..nul] : v);
    }

    private static ushort U16(ReadOnlySpan<byte> s, bool be)
        => be ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private static ulong U64(ReadOnlySpan<byte> s, bool be)
        => be ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
}
