using System.Globalization;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Text2pcap;

/// <summary>`mako text2pcap`: Wireshark 4.0's text2pcap (hex dumps to pcap/pcapng, optional dummy headers).</summary>
internal sealed class Text2pcapCommand : ISubcommand
{
    public string Name => "text2pcap";
    public string Summary => "Generate a capture file from an ASCII hexdump of packets (as text2pcap)";

    private const int MaxPacket = 262144;

    private static readonly LongOption[] LongOptions =
    [
        new("help", ArgKind.None, 'h'), new("version", ArgKind.None, 'v'),
        new("log-level", ArgKind.Required, 2001), new("log-fatal", ArgKind.Required, 2002), new("log-domains", ArgKind.Required, 2003),
        new("log-debug", ArgKind.Required, 2004), new("log-noisy", ArgKind.Required, 2005), new("log-file", ArgKind.Required, 2006),
    ];

    public int Run(string[] args, CliIo io)
    {
        var err = io.Err;
        if (!new Getopt("aDdhqe:E:F:i:l:m:nN:o:u:P:r:s:S:t:T:v4:6:b:", LongOptions).TryParse(args, out var parsed, out var operands, out string? error))
        {
            err.WriteLine("text2pcap: " + GetoptErrors.ToWsGetopt(error!));
            err.Write(Text2pcapHelp.Usage);
            return 1;
        }
        var h = new DummyHeaders();
        var set = new HexDumpImporter.Settings();
        bool quiet = false, haveProto = false;
        var format = CaptureFormat.PcapNg;
        int linkType = LinkTypes.Ethernet;
        string? ifName = null;

        int Bad(string message)
        {
            err.WriteLine("text2pcap: " + message);
            err.Write(Text2pcapHelp.Usage);
            return 1;
        }
        void SetProto(byte proto)
        {
            haveProto = true;
            h.IpProto = proto;
            h.Ethernet = true;
        }

        foreach (var p in parsed)
        {
            string v = p.Value ?? "";
            char c = (char)p.Id;
            switch (p.Id)
            {
                case 'h':
                    io.Out.WriteLine(SystemInfo.Banner("Text2pcap"));
                    io.Out.WriteLine("Generate a capture file from an ASCII hexdump of packets.");
                    io.Out.WriteLine("See https://www.wireshark.org for more information.");
                    io.Out.Write(Text2pcapHelp.Usage);
                    return 0;
                case 'v':
                    io.Out.WriteLine(SystemInfo.Banner("Text2pcap"));
                    return 0;
                case 'd': break;   // parser debugging output is not reproduced
                case 'D': set.HasDirection = true; break;
                case 'q': quiet = true; break;
                case 'a': set.IdentifyAscii = true; break;
                case 'n': err.WriteLine("text2pcap: '-n' is deprecated; the output format already defaults to pcapng."); break;
                case 'N': ifName = v; break;
                case 'l': linkType = (int)Strtol(v, 0); break;
                case 'm': set.MaxFrame = (int)Math.Clamp(Strtol(v, 0), int.MinValue, int.MaxValue); break;
                case 'E':
                    linkType = LinkTypes.FromShortName(v);
                    if (linkType < 0)
                    {
                        err.WriteLine($"text2pcap: \"{v}\" isn't a valid encapsulation type");
                        Encapsulations.List(err, "text2pcap", "-E");
                        return 1;
                    }
                    break;
                case 'F':
                    if (!FileTypes.TryParse(v, out format))
                    {
                        err.WriteLine($"text2pcap: \"{v}\" isn't a valid capture file type");
                        FileTypes.List(err, "text2pcap");
                        return 1;
                    }
                    break;
                case 'o':
                    if (v.Length == 0 || v[0] is not ('h' or 'o' or 'd' or 'n'))
                        return Bad($"Bad argument for '-o': {v}");
                    set.OffsetBase = v[0] switch { 'o' => 8, 'd' => 10, 'n' => 0, _ => 16 };
                    break;
                case 'e':
                    h.Ethernet = true;
                    if (!TryScanHex(v, out uint et))
                        return Bad($"Bad argument for '-e': {v}");
                    h.EtherType = et;
                    break;
                case 'i':
                    if (!byte.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out byte proto))
                        return Bad($"Bad argument for '-i': {v}");
                    SetProto(proto);
                    break;
                case 'u' or 'T':
                    {
                        h.Udp = c == 'u';
                        h.Tcp = c == 'T';
                        h.Sctp = h.DataChunk = false;
                        var parts = v.Split(',', 2);
                        if (!TryPort(parts[0], out h.SrcPort, parts.Length > 1))
                            return Bad($"Bad src port for '-{c}'");
                        if (parts.Length < 2)
                            return Bad("No dest port specified for '-u'");
                        if (!TryPort(parts[1], out h.DstPort, false))
                            return Bad($"Bad dest port for '-{c}'");
                        SetProto(c == 'u' ? (byte)17 : (byte)6);
                        break;
                    }
                case 's' or 'S':
                    {
                        h.Sctp = true;
                        h.DataChunk = c == 'S';
                        h.Udp = h.Tcp = false;
                        var parts = v.Split(',', 3);
                        if (!TryPort(parts[0], out h.SrcPort, parts.Length > 1))
                            return Bad($"Bad src port for '-{c}'");
                        if (parts.Length < 2)
                            return Bad($"No dest port specified for '-{c}'");
                        if (!TryPort(parts[1], out h.DstPort, parts.Length > 2))
                            return Bad("Bad dest port for '-s'");
                        if (parts.Length < 3)
                            return Bad(c == 'S' ? $"No ppi specified for '-{c}'" : $"No tag specified for '-{c}'");
                        if (!TryPort(parts[2], out uint last, false))
                            return Bad(c == 'S' ? $"Bad ppi for '-{c}'" : $"Bad tag for '-{c}'");
                        if (c == 'S') { h.Ppi = last; h.Tag = 0; } else h.Tag = last;
                        SetProto(132);
                        break;
                    }
                case '4' or '6':
                    {
                        int comma = v.IndexOf(',');
                        if (comma < 0)
                            return Bad($"Bad source param addr for '-{c}'");
                        h.Ipv6 = c == '6';
                        h.Ip = c == '4';
                        h.Ethernet = true;
                        string src = v[..comma], dst = v[(comma + 1)..];
                        bool ok = c == '4' ? DummyHeaders.TryParseIPv4(src, out h.Ip4Src) : DummyHeaders.TryParseIPv6(src, h.Ip6Src);
                        if (!ok)
                            return Bad($"Bad src addr -{c} ''");
                        if (dst.Length == 0)
                            return Bad($"No dest addr specified for '-{c}'");
                        ok = c == '4' ? DummyHeaders.TryParseIPv4(dst, out h.Ip4Dst) : DummyHeaders.TryParseIPv6(dst, h.Ip6Dst);
                        if (!ok)
                            return Bad($"Bad dest addr for -{c} '{dst}'");
                        break;
                    }
                case 't': set.TimeFormat = v; break;
                case 'r' or 'P' or 'b':
                    err.WriteLine($"text2pcap: -{c} (regex mode / exported PDUs) is not supported by Mako");
                    return 1;
            }
        }

        if (operands.Count < 2)
            return Bad("Must specify input and output filename");
        if (set.MaxFrame > MaxPacket)
        {
            err.WriteLine($"text2pcap: Maximum packet length cannot be more than {MaxPacket} bytes");
            return 1;
        }
        if (haveProto && !(h.Ip || h.Ipv6))
            h.Ip = true;
        if (!haveProto && (h.Ip || h.Ipv6))
        {
            err.WriteLine("text2pcap: IP protocol requires a next layer protocol number");
            return 1;
        }
        if ((h.Tcp || h.Udp || h.Sctp) && !(h.Ip || h.Ipv6))
            h.Ip = true;
        if (h.Ip) h.EtherType = 0x800;
        else if (h.Ipv6) h.EtherType = 0x86DD;
        return new Text2pcapRun(operands[0], operands[1], format, linkType, ifName, quiet, h, set, io).Execute();
    }

    private static long Strtol(string s, int _)
    {
        // strtol(s, NULL, 0): decimal, 0x hex or 0 octal prefix; no digits gives 0.
        string t = s.Trim();
        bool neg = t.StartsWith('-');
        if (t.StartsWith('-') || t.StartsWith('+')) t = t[1..];
        int radix = 10;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) { radix = 16; t = t[2..]; }
        else if (t.StartsWith('0') && t.Length > 1) { radix = 8; t = t[1..]; }
        long v = 0;
        foreach (char ch in t)
        {
            int d = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiHexDigit(ch) ? char.ToLowerInvariant(ch) - 'a' + 10 : 99;
            if (d >= radix) break;
            v = Math.Min(v * radix + d, int.MaxValue);
        }
        return neg ? -v : v;
    }

    // sscanf("%x"): optional blanks, optional 0x, hex digits.
    private static bool TryScanHex(string s, out uint v)
    {
        v = 0;
        string t = s.TrimStart();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && t.Length > 2 && char.IsAsciiHexDigit(t[2])) t = t[2..];
        int n = 0;
        while (n < t.Length && char.IsAsciiHexDigit(t[n])) n++;
        if (n == 0)
            return false;
        v = uint.Parse(t[..Math.Min(n, 8)], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return true;
    }

    // strtol(s, &p, 10) with "p != s" and nothing left over (the separators were split off already).
    private static bool TryPort(string s, out uint v, bool _)
    {
        v = 0;
        long n = NumberArgs.Strtol(s, 0, out int end);
        if (end == 0 || end != s.Length)
            return false;
        v = unchecked((uint)n);
        return true;
    }
}
