using System.Text;
using Mako.Cli;
using Mako.Engine.Dissection;
using Mako.Engine.Follow;

namespace Mako.Protocols.Tests.Reassembly;

/// <summary>
/// `-q -z follow,...` against tshark 4.0 byte for byte (Expected/follow: one case per line of cases.txt, recorded by
/// Expected/record.sh), and the library API the web UI will use.
/// </summary>
public class FollowGoldenTests
{
    static FollowGoldenTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static string Root => Robustness.MutationTests.RepoRoot();
    private static string Dir => Path.Combine(Root, "tests", "Mako.Protocols.Tests", "Reassembly", "Expected", "follow");
    private static string Capture(string name) => Path.Combine(Root, "tests", "captures", "reassembly", name + ".pcap");

    public static IEnumerable<object[]> Cases()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, "cases.txt"));
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var parts = lines[i].Split('\t');
            yield return [i + 1, parts[0], parts[1]];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_tshark(int n, string capture, string zargs)
    {
        var args = new List<string> { "-r", Capture(capture), "-q" };
        foreach (var z in zargs.Split(' ')) args.AddRange(["-z", z]);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int rc = Program.Run([.. args], new CliIo(stdout, stderr));
        var status = File.ReadAllText(Path.Combine(Dir, n + ".status"));
        Assert.Equal(status, $"rc={rc}\n{stderr}");
        Assert.Equal(File.ReadAllText(Path.Combine(Dir, n + ".out")), stdout.ToString());
    }

    [Fact]
    public void Library_api_returns_both_directions_in_stream_order()
    {
        var spec = FollowSpec.Parse(FollowProtocol.Tcp, "0", out var error)!;
        Assert.Null(error);
        var r = StreamFollower.FollowFile(Capture("follow"), spec);
        Assert.Equal("tcp.stream eq 0", r.Filter);
        Assert.Equal("192.168.20.1", r.Address0.ToString());
        Assert.Equal(45100u, r.Port0);
        Assert.Equal(46100u, r.Port1);
        // Frame 6 (after a gap) waits for frame 7; frame 8 repeats 7 and adds "MORE"; the server's bytes after a gap
        // the capture never had are announced when the client acknowledges them.
        var frames = r.Chunks.Select(c => (c.Frame, c.Peer, Encoding.ASCII.GetString(c.Data))).ToArray();
        Assert.Equal((4L, 0, "GET one\r\n"), frames[0]);
        Assert.Equal(5L, frames[1].Frame);
        Assert.Equal((7L, 0, "12345"), frames[2]);
        Assert.Equal((6L, 0, "second part"), frames[3]);
        Assert.Equal((8L, 0, "MORE"), frames[4]);
        Assert.Equal((9L, 1, "server data\n"), frames[5]);
        Assert.Equal((11L, 1, "[20 bytes missing in capture file]\0"), frames[6]);
        Assert.Equal((10L, 1, "after the gap\n"), frames[7]);
        Assert.Equal(8, frames.Length);
    }

    [Theory]
    [InlineData("10.0.0.1:80,10.0.0.2:1234", true)]
    [InlineData("[fe80::1]:80,[fe80::2]:1234", true)]
    [InlineData("10.0.0.1:80,[fe80::2]:1234", false)]
    [InlineData("10.0.0.1:80", false)]
    [InlineData("10.0.0.1:99999,10.0.0.2:1", false)]
    [InlineData("host:80,10.0.0.2:1", false)]
    [InlineData("12", true)]
    public void Selectors_parse_as_tshark_accepts_them(string selector, bool ok)
    {
        var spec = FollowSpec.Parse(FollowProtocol.Udp, selector, out var error);
        Assert.Equal(ok, spec is not null);
        Assert.Equal(ok, error is null);
    }
}
