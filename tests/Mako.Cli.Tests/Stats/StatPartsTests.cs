using Mako.Cli.Stats;
using Mako.Engine.Names;

namespace Mako.Cli.Tests.Stats;

/// <summary>The small pieces behind the reports: sizes, C-style rounding, -z name matching, the services file.</summary>
public class StatPartsTests
{
    [Theory]
    [InlineData(0UL, "0 bytes")]
    [InlineData(9999UL, "9999 bytes")]
    [InlineData(10000UL, "10 kB")]
    [InlineData(1310960UL, "1310 kB")]
    [InlineData(9999999UL, "9999 kB")]
    [InlineData(10000000UL, "10 MB")]
    [InlineData(10000000000UL, "10 GB")]
    [InlineData(10000000000000UL, "10 TB")]
    [InlineData(99999999999999999UL, "99999 TB")]
    public void Sizes_use_wiresharks_si_steps(ulong size, string text) => Assert.Equal(text, StatText.Bytes(size));

    [Theory]
    [InlineData(0.03125, 4, "0.0312")]   // exact tie: glibc rounds to even, .NET's "F4" would give 0.0313
    [InlineData(0.09375, 4, "0.0938")]   // tie, odd digit before: up
    [InlineData(0.0640000001, 4, "0.0640")]
    [InlineData(-0.005, 9, "-0.005000000")]
    [InlineData(0.99995, 4, "1.0000")]   // 0.99995 is stored just above the tie
    [InlineData(9.99996, 4, "10.0000")]
    [InlineData(-9.99996, 4, "-10.0000")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    public void Fixed_point_rounds_like_printf(double v, int decimals, string text) => Assert.Equal(text, StatText.Fixed(v, decimals));

    [Theory]
    [InlineData("conv,ipv6,ip.addr==1", "conv,ipv6")]
    [InlineData("conv,ip,ipv6", "conv,ip")]
    [InlineData("conv,tcpx", "conv,tcp")]
    [InlineData("endpoints,udp", "endpoints,udp")]
    public void Names_match_as_tshark_matches_them(string arg, string name) => Assert.Equal(name, StatRegistry.Find(arg)?.Name);

    [Theory]
    [InlineData("conv,foo")]
    [InlineData("conv")]
    [InlineData("")]
    [InlineData("CONV,TCP")]
    public void Unknown_names_are_not_found(string arg) => Assert.Null(StatRegistry.Find(arg));

    [Fact]
    public void Help_lists_the_names_and_exits_zero()
    {
        var o = new StringWriter();
        var e = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, Program.Run(["-z", "help"], new CliIo(o, e)));
        var lines = e.ToString().Split('\n');
        Assert.Equal("mako: The available statistics for the \"-z\" option are:", lines[0]);
        Assert.Contains("     conv,tcp", lines);
        Assert.Contains("     endpoints,ipv6", lines);
    }

    [Fact]
    public void Services_file_lines_give_names_per_transport_and_range()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "services"), """
                # comment line
                http		80/tcp/udp/sctp	# World Wide Web HTTP
                x11		6000-6063/tcp/udp	# X Window System
                only-udp	9/udp
                broken		x/tcp
                reversed	10-5/tcp
                toolarge	70000/tcp
                second	80/tcp
                """);
            var s = ServiceNames.Load([dir.FullName]);
            Assert.Equal("second", s.Lookup(ServiceTransport.Tcp, 80));   // a later line wins, as in Wireshark
            Assert.Equal("http", s.Lookup(ServiceTransport.Udp, 80));
            Assert.Equal("http", s.Lookup(ServiceTransport.Sctp, 80));
            Assert.Null(s.Lookup(ServiceTransport.Dccp, 80));
            Assert.Equal("x11", s.Lookup(ServiceTransport.Tcp, 6063));
            Assert.Null(s.Lookup(ServiceTransport.Tcp, 6064));
            Assert.Equal("only-udp", s.Lookup(ServiceTransport.Udp, 9));
            Assert.Null(s.Lookup(ServiceTransport.Tcp, 9));
            Assert.Null(s.Lookup(ServiceTransport.Tcp, 5));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
