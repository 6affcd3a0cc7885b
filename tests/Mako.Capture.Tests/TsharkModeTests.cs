using System.Buffers.Binary;
using Mako.Cli;
using Mako.Files;

namespace Mako.Capture.Tests;

/// <summary>
/// tshark mode's capture flags that need no live capture: option refusals (tshark 4.0's wording), -r with a BPF
/// capture filter, --bpf-dump, operands as filters.
/// </summary>
public class TsharkModeTests
{
    internal static (int Code, string Out, string Err) Mako(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, new CliIo(o, e));
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("Live captures do not support two-pass analysis.", "-i", "lo", "-2")]
    [InlineData("You can't write both raw packet data and dissected packets to the standard output.", "-i", "lo", "-w", "-", "-P")]
    [InlineData("Display filters aren't supported when capturing and saving the captured packets.", "-i", "lo", "-w", "x.pcapng", "-Y", "udp")]
    [InlineData("Live captures can only be saved in pcap or pcapng format.", "-i", "lo", "-w", "x.pcapng", "-F", "k12text")]
    [InlineData("Multiple capture files requested, but no maximum capture file size, duration, interval or packets were specified.", "-i", "lo", "-w", "x.pcapng", "-b", "files:3")]
    [InlineData("Multiple capture files requested, but the capture is being written to the standard output.", "-i", "lo", "-w", "-", "-b", "filesize:3")]
    [InlineData("Maximum capture file size specified, but capture isn't being saved to a file.", "-i", "lo", "-b", "filesize:10")]
    [InlineData("Maximum capture file size specified, but capture isn't being saved to a file.", "-i", "lo", "-a", "filesize:3")]
    [InlineData("Multiple capture files requested, but the capture isn't being saved to a file.", "-i", "lo", "-b", "packets:3")]
    [InlineData("Capture comments were specified, but the capture isn't being saved to a file.", "-i", "lo", "--capture-comment", "hi")]
    [InlineData("Capture comments can only be written to a pcapng file.", "-i", "lo", "-w", "x.pcap", "-F", "pcap", "--capture-comment", "hi")]
    [InlineData("The specified packet count \"x\" isn't a decimal number", "-i", "lo", "-c", "x")]
    [InlineData("The specified snapshot length \"x\" isn't a decimal number", "-i", "lo", "-s", "x")]
    [InlineData("The specified buffer size \"x\" isn't a decimal number", "-i", "lo", "-B", "x")]
    [InlineData("Invalid or unknown -a flag \"foo\"", "-i", "lo", "-a", "foo:1")]
    [InlineData("The specified number of ring buffer files \"x\" isn't a decimal number", "-i", "lo", "-b", "files:x")]
    [InlineData("A capture filter was specified both with \"-f\" and with additional command-line arguments.", "-i", "lo", "-f", "udp", "tcp")]
    public void Capture_option_refusals_are_tsharks(string message, params string[] args)
    {
        var (code, stdout, err) = Mako(args);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("mako: " + message + "\n", err);
    }

    [Theory]
    [InlineData("A maximum capture time was specified, but a capture isn't being done.", "-a", "duration:3")]
    [InlineData("Multiple capture files requested, but a capture isn't being done.", "-b", "filesize:1")]
    [InlineData("Multiple capture files requested, but a capture isn't being done.", "-a", "files:2")]
    [InlineData("Capture comments were specified, but you aren't writing a capture file.", "--capture-comment", "x")]
    [InlineData("You can't write both raw packet data and dissected packets to the standard output.", "-w", "-", "-V")]
    [InlineData("Display filters were specified both with \"-Y\" and with additional command-line arguments.", "-Y", "udp", "tcp")]
    public void File_mode_refusals_are_tsharks(string message, params string[] args)
    {
        string file = MixedCapture();
        var (code, _, err) = Mako(["-r", file, .. args]);
        Assert.Equal(1, code);
        Assert.Equal("mako: " + message + "\n", err);
    }

    [Fact]
    public void Operands_after_r_are_a_display_filter()
    {
        string file = MixedCapture();
        var (code, stdout, _) = Mako("-r", file, "-T", "fields", "-e", "frame.number", "tcp");
        Assert.Equal(0, code);
        Assert.Equal("2\n4\n", stdout);
        (code, stdout, _) = Mako("-r", file, "-T", "fields", "-e", "frame.number", "-a", "packets:3");
        Assert.Equal("1\n2\n3\n", stdout);   // -a packets:N reads N packets, as -c does
    }

    [SkippableFact]
    public void Bpf_filter_on_a_file_renumbers_the_kept_frames()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        string file = MixedCapture();
        var (code, stdout, err) = Mako("-r", file, "-f", "tcp", "-T", "fields", "-e", "frame.number", "-e", "tcp.srcport");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Equal("1\t1025\n2\t1027\n", stdout);   // file frames 2 and 4
        (code, stdout, _) = Mako("-r", file, "-f", "udp and dst port 53", "-T", "fields", "-e", "frame.number", "-e", "udp.srcport");
        Assert.Equal("1\t1024\n", stdout);
        // "greater" tests the wire length, which the frame beyond the snapshot length keeps.
        (code, stdout, _) = Mako("-r", file, "-f", "greater 1000", "-T", "fields", "-e", "frame.number", "-e", "frame.len", "-e", "frame.cap_len");
        Assert.Equal("1\t1500\t70\n", stdout);
        // -w writes only the kept frames; -Y still applies after the capture filter.
        string outFile = Path.Combine(TestEnv.TempDir(), "kept.pcap");
        (code, _, _) = Mako("-r", file, "-f", "ip", "-Y", "udp", "-w", outFile, "-F", "pcap");
        Assert.Equal(0, code);
        using var r = CaptureReader.Open(outFile);
        int n = 0;
        while (r.ReadPacket()) n++;
        Assert.Equal(2, n);   // frames 1 and 3
    }

    [SkippableFact]
    public void Bad_bpf_on_a_file_gets_libpcaps_message()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        string file = MixedCapture();
        var (code, stdout, err) = Mako("-r", file, "-f", "udp port banana");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("mako: Invalid capture filter \"udp port banana\".\n\n" +
                     "That string isn't a valid capture filter (unknown port 'banana').\n" +
                     "See the User's Guide for a description of the capture filter syntax.\n", err);
        (code, _, err) = Mako("-r", file, "-f", "tcp.port == 25");
        Assert.Equal(1, code);
        Assert.Contains("That string looks like a valid display filter; however, it isn't a valid\ncapture filter (can't parse filter expression: syntax error).", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Bpf_dump_prints_like_tcpdump()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        using var f = BpfFilter.Compile("udp port 53", LinkTypes.Ethernet);
        var (code, stdout, _) = Mako("--bpf-dump", "udp port 53");
        Assert.Equal(0, code);
        Assert.Equal(string.Join("\n", f.Disassemble()) + "\n", stdout);
        Assert.StartsWith("(000) ldh      [12]\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("ret      #262144\n(019) ret      #0\n", stdout, StringComparison.Ordinal);   // tcpdump -d on libpcap 1.10
        (code, stdout, _) = Mako("--bpf-dump", "ip", "--bpf-dump-format", "dd");
        // tcpdump -dd 'ip'
        Assert.Equal("{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000800 },\n{ 0x6, 0, 0, 0x00040000 },\n{ 0x6, 0, 0, 0x00000000 },\n", stdout);
        (code, stdout, _) = Mako("--bpf-dump", "ip", "--bpf-dump-format", "ddd");
        Assert.Equal("4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n", stdout);
        // The file's link type and snapshot length: raw IP has no Ethernet header to skip.
        string raw = Path.Combine(TestEnv.TempDir(), "raw.pcap");
        using (var w = CaptureWriter.Create(raw, CaptureFormat.Pcap, null, LinkTypes.Raw, 96)) w.Commit();
        (code, stdout, _) = Mako("-r", raw, "--bpf-dump", "ip");
        Assert.Equal("(000) ldb      [0]\n(001) and      #0xf0\n(002) jeq      #0x40            jt 3\tjf 4\n(003) ret      #96\n(004) ret      #0\n", stdout);
        (code, _, var err) = Mako("--bpf-dump", "ip and");
        Assert.Equal(1, code);
        Assert.Contains("(can't parse filter expression: syntax error)", err, StringComparison.Ordinal);
    }

    /// <summary>
    /// Four Ethernet/IPv4 frames: 1 UDP 1024→53 (1500 bytes on the wire, 70 captured), 2 TCP 1025→80,
    /// 3 UDP 1026→5353, 4 TCP 1027→443; snapshot length 70.
    /// </summary>
    internal static string MixedCapture()
    {
        string path = Path.Combine(TestEnv.TempDir(), "mixed.pcap");
        using var w = CaptureWriter.Create(path, CaptureFormat.Pcap, null, LinkTypes.Ethernet, 70);
        Write(w, 1, Frame(17, 1024, 53, 1500));
        Write(w, 2, Frame(6, 1025, 80, 60));
        Write(w, 3, Frame(17, 1026, 5353, 60));
        Write(w, 4, Frame(6, 1027, 443, 60));
        w.Commit();
        return path;
    }

    private static void Write(CaptureWriter w, int n, (byte[] Data, uint WireLength) f)
    {
        var p = new PacketRecord
        {
            Number = n,
            TimestampNs = 1_700_000_000_000_000_000L + n * 1_000_000L,
            CapturedLength = f.Data.Length,
            OriginalLength = f.WireLength,
            LinkType = LinkTypes.Ethernet,
            Data = f.Data,
        };
        w.WritePacket(p);
    }

    // Ethernet + IPv4 (10.0.0.1 → 10.0.0.2) + UDP or TCP header, zero payload, cut at 70 bytes like a snapshot length.
    private static (byte[] Data, uint WireLength) Frame(byte proto, int sport, int dport, int wireLength)
    {
        var b = new byte[Math.Min(wireLength, 70)];
        b[0] = 0x02; b[5] = 0x02; b[6] = 0x02; b[11] = 0x01;
        b[12] = 0x08; b[13] = 0x00;
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(wireLength - 14));
        ip[8] = 64; ip[9] = proto;
        ip[12] = 10; ip[15] = 1; ip[16] = 10; ip[19] = 2;
        var l4 = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(l4, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], (ushort)dport);
        if (proto == 17)
            BinaryPrimitives.WriteUInt16BigEndian(l4[4..], (ushort)(wireLength - 34));
        else
            l4[12] = 0x50;
        return (b, (uint)wireLength);
    }
}
