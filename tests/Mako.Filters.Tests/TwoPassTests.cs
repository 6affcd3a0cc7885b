using Mako.Cli;

namespace Mako.Filters.Tests;

/// <summary>`-2 -R` read filters: outputs recorded from tshark 4.0 on tests/captures/filters/filters.pcap.</summary>
public class TwoPassTests
{
    private static (int Rc, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var capture = Path.Combine(TsharkAgreementTests.RepoRoot(), "tests", "captures", "filters", "filters.pcap");
        int rc = Program.Run(["-r", capture, .. args], new CliIo(o, e));
        return (rc, o.ToString(), e.ToString());
    }

    [Theory]
    // Survivors are renumbered 1..N; times stay relative to the file's first packet.
    [InlineData("-2 -R udp -T fields -e frame.number -e frame.time_relative -e ip.src",
        "1\t0.500000000\t10.0.0.1\n2\t1.000000000\t\n3\t1.500000000\t10.0.0.1\n4\t2.250000000\t10.1.1.1\n5\t2.500000000\t10.0.0.2,10.0.0.1\n")]
    // -Y runs on the survivors with their new numbers.
    [InlineData("-2 -R udp -Y frame.number<=3 -T fields -e frame.number -e ip.src", "1\t10.0.0.1\n2\t\n3\t10.0.0.1\n")]
    // While tested, a packet's number is one more than the packets passed so far: never 3 here.
    [InlineData("-2 -R frame.number==3 -T fields -e frame.number", "")]
    // Request/response numbers refer to the survivors' numbers.
    [InlineData("-2 -R icmp -Y icmp.type==0 -T fields -e frame.number -e icmp.resp_to", "2\t1\n")]
    // Dropped packets leave the capture: deltas are measured between survivors (0 for the first).
    [InlineData("-2 -R tcp -T fields -e frame.number -e frame.time_delta -e frame.time_delta_displayed",
        "1\t0.000000000\t0.000000000\n2\t0.250000000\t0.250000000\n3\t2.500000000\t2.500000000\n4\t0.750000000\t0.750000000\n")]
    // tshark 4.0 prints 1.000000000 for survivor 2 (a delta from a dropped packet; docs/differences.md).
    [InlineData("-2 -R udp -T fields -e frame.time_delta", "0.000000000\n0.500000000\n0.500000000\n0.750000000\n0.250000000\n")]
    // tshark has no selected frame: references match nothing.
    [InlineData("-2 -R ip.src==${ip.dst} -T fields -e frame.number", "")]
    public void Read_filter_output_equals_tshark(string args, string expected)
    {
        var (rc, output, err) = Run(args.Split(' '));
        Assert.Equal("", err);
        Assert.Equal(0, rc);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Read_filter_needs_two_pass()
    {
        var (rc, _, err) = Run("-R", "udp");
        Assert.Equal(1, rc);
        Assert.Equal("mako: -R without -2 is deprecated. For single-pass filtering use -Y.\n", err);
    }

    [Fact]
    public void Bad_read_filter_is_reported_with_caret()
    {
        var (rc, _, err) = Run("-2", "-R", "ip.src==1.2.3");
        Assert.Equal(2, rc);
        Assert.Equal("mako: \"1.2.3\" is not a valid hostname or IPv4 address.\n    ip.src==1.2.3\n            ^~~~~\n", err);
    }

    [Fact]
    public void Read_filter_writes_only_survivors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mako-2r-{Guid.NewGuid():N}.pcap");
        try
        {
            var (rc, _, err) = Run("-2", "-R", "icmp", "-w", path, "-F", "pcap");
            Assert.Equal("", err);
            Assert.Equal(0, rc);
            var o = new StringWriter { NewLine = "\n" };
            Program.Run(["-r", path, "-T", "fields", "-e", "frame.number", "-e", "icmp.type"], new CliIo(o, new StringWriter()));
            Assert.Equal("1\t8\n2\t0\n3\t3\n", o.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>`mako dftest` and `mako dfilter check` (exit codes and tshark's error shape).</summary>
public class DfilterCommandTests
{
    private static (int Rc, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int rc = Program.Run(args, new CliIo(o, e));
        return (rc, o.ToString(), e.ToString());
    }

    [Fact]
    public void Check_accepts_valid_and_refuses_invalid()
    {
        Assert.Equal(0, Run("dfilter", "check", "tcp.port == 80 && ip.src == 10.0.0.0/8").Rc);
        var (rc, _, err) = Run("dfilter", "check", "tcp.port == 80 &&");
        Assert.Equal(2, rc);
        Assert.Equal("mako: Unexpected end of filter expression.\n", err);
        (rc, _, err) = Run("dfilter", "check", "ip.src == 1.2.3");
        Assert.Equal(2, rc);
        Assert.Contains("              ^~~~~", err);
    }

    [Fact]
    public void Dftest_prints_filter_tree_and_instructions()
    {
        var (rc, output, _) = Run("dftest", "tcp.port == 80 && tcp.len > 0");
        Assert.Equal(0, rc);
        Assert.Equal("""
            Filter: tcp.port == 80 && tcp.len > 0

            Syntax tree:
             0 TEST_AND:
               1 TEST_ANY_EQ:
                 2 FIELD(tcp.port <FT_UINT16>)
                 2 FVALUE(80 <FT_UINT16>)
               1 TEST_ANY_GT:
                 2 FIELD(tcp.len <FT_UINT32>)
                 2 FVALUE(0 <FT_UINT32>)

            Instructions:
            0000 READ_TREE        tcp.port <FT_UINT16> -> reg#0
            0001 ANY_EQ           reg#0 == 80 <FT_UINT16>
            0002 IF_FALSE_GOTO    5
            0003 READ_TREE        tcp.len <FT_UINT32> -> reg#1
            0004 ANY_GT           reg#1 > 0 <FT_UINT32>
            0005 RETURN

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void Dftest_reports_errors_like_tshark()
    {
        var (rc, _, err) = Run("dftest", "bogus");
        Assert.Equal(2, rc);
        Assert.Equal("dftest: bogus is neither a field nor a protocol name.\n    bogus\n    ^~~~~\n", err);
    }

    [Fact]
    public void Match_lists_frames_per_filter()
    {
        var capture = Path.Combine(TsharkAgreementTests.RepoRoot(), "tests", "captures", "filters", "filters.pcap");
        var (rc, output, _) = Run("dfilter", "match", "-r", capture, "icmp.type == 8", "tcp.port == 4000", "bogus");
        Assert.Equal(0, rc);
        Assert.Equal("icmp.type == 8\t6\ntcp.port == 4000\t1,2\nbogus\terror: bogus is neither a field nor a protocol name.\n", output);
    }

    [Fact]
    public void Match_on_a_cut_short_file_lists_the_complete_packets_then_fails()
    {
        // tshark -r cut-short.pcap -Y ip prints frames 1-7, then the same error.
        var capture = Path.Combine(TsharkAgreementTests.RepoRoot(), "tests", "captures", "files", "cut-short.pcap");
        var (rc, output, err) = Run("dfilter", "match", "-r", capture, "ip");
        Assert.Equal(2, rc);
        Assert.Equal("ip\t1,2,3,4,5,6,7\n", output);
        Assert.Contains("cut short in the middle of a packet", err);
    }
}

/// <summary>The library API: compile against the registry, evaluate on dissected packets, reference frames.</summary>
public class DisplayFilterApiTests
{
    static DisplayFilterApiTests() => Mako.Engine.Dissection.ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);

    [Fact]
    public void Compiles_evaluates_and_uses_a_reference_frame()
    {
        var set = Mako.Engine.Dissection.ProtocolSet.Default;
        var f = DisplayFilter.Compile("ip.dst == ${ip.src} && icmp", set.Fields);
        Assert.Contains(f.References, r => r.Abbrev == "ip.src");
        var capture = Path.Combine(TsharkAgreementTests.RepoRoot(), "tests", "captures", "filters", "filters.pcap");
        using var reader = Mako.Files.CaptureReader.Open(capture);
        var session = new Mako.Engine.Dissection.CaptureSession(set, new Mako.Engine.Dissection.DissectionOptions());
        var reference = new Mako.Engine.Dissection.Packet(session);
        var pkt = new Mako.Engine.Dissection.Packet(session);
        var hits = new List<long>();
        while (reader.ReadPacket())
        {
            if (reader.Packet.Number == 6)
            {
                // Frame 6 (echo request from 192.168.1.1) becomes the reference: its reply (frame 8) goes back to it.
                session.Dissect(reader.Packet, reference);
                f.SetReferenceFrame(reference);
                continue;
            }
            session.Dissect(reader.Packet, pkt);
            if (f.Matches(pkt)) hits.Add(reader.Packet.Number);
        }
        Assert.Equal([8L], hits);
        Assert.Throws<FilterException>(() => DisplayFilter.Compile("ip.src ==", set.Fields));
    }
}
