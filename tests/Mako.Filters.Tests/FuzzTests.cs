using System.Diagnostics;
using Mako.Engine.Dissection;
using Mako.Files;

namespace Mako.Filters.Tests;

/// <summary>
/// Property tests: random token sequences and mutated valid filters never crash or hang the compiler; each gives
/// either a compiled filter or a <see cref="FilterException"/> whose position lies inside the text (or -1 for
/// messages without a caret). Filters that compile are also evaluated on every packet of filters.pcap.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "ip", "tcp", "udp", "eth", "frame", "ip.src", "ip.dst", "ip.addr", "ip.ttl", "tcp.port", "tcp.flags", "tcp.flags.syn",
        "eth.src", "ipv6.src", "frame.time", "frame.time_relative", "frame.protocols", "icmp.type", "ip.proto", "vlan.id",
        "_ws.expert", "_ws.col.info", "data.data", "tcp.options", "bogus", "len", "count", "lower", "upper", "string", "max",
        "min", "abs", "foo", "==", "!=", "===", "!==", ">", "<", ">=", "<=", "eq", "ne", "any_eq", "all_ne", "gt", "contains",
        "matches", "~", "&", "bitwise_and", "and", "&&", "or", "||", "not", "!", "xor", "^^", "in", "any", "all", "(", ")",
        "{", "}", "[", "]", ",", "..", ":", "-", "+", "*", "/", "%", "#", "#1", "${", "${ip.src}", "$", "@", "=", "0", "1",
        "-1", "64", "0x10", "0b101", "017", "08", "1.5", "1e3", "65536", "99999999999999999999", "10.0.0.1", "10.0.0.0/8",
        "1.2.3", "fe80::1", "::/0", "2001:db8::/129", "00:0b:ab", "00:0b:ab:0e:e8:ec", "00-0b-ab", "000b.ab0e.e8ec", ":19",
        "0:19", "\"abc\"", "\"a\\x41\\101\\n\"", "\"\\u00e9\"", "\"\\q\"", "r\"\\d+\"", "\"(?-i)A\"", "\"a++\"", "\"[a-\"",
        "\"unterminated", "'a'", "'\\x41'", "'ab'", "''", "'", "[0:2]", "[-1]", "[1-2]", "[:3]", "[2:]", "[0:2,4]", "[a]",
        "[0:0]", "\"Nov 24, 2009 00:51:49\"", "\"2009-11-24T00:51:49Z\"", "True", "Set", "UDP", "\"ICMP\"", "\t", " ",
    ];

    static FuzzTests() => ProtocolSet.Configure(typeof(Mako.Protocols.ProtocolsAssembly).Assembly);

    private static int _compiled, _refused;

    private static void Check(string text, List<string> failures)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var f = DisplayFilter.Compile(text, ProtocolSet.Default.Fields);
            Interlocked.Increment(ref _compiled);
            Evaluate(f);
        }
        catch (FilterException fe)
        {
            Interlocked.Increment(ref _refused);
            if (fe.Position < -1 || fe.Position > text.Length || fe.Length < 0 || fe.Message.Length == 0)
                failures.Add($"bad error position {fe.Position}/{fe.Length} for {text}: {fe.Message}");
        }
        catch (Exception ex)
        {
            failures.Add($"{ex.GetType().Name} for {text}: {ex.Message}");
        }
        if (sw.ElapsedMilliseconds > 2000) failures.Add($"took {sw.ElapsedMilliseconds} ms: {text}");
    }

    /// <summary>Runs a compiled filter over every frame of filters.pcap (dissected afresh, as tshark mode does).</summary>
    private static void Evaluate(DisplayFilter f)
    {
        var path = Path.Combine(TsharkAgreementTests.RepoRoot(), "tests", "captures", "filters", "filters.pcap");
        using var reader = CaptureReader.Open(path);
        var session = new CaptureSession(ProtocolSet.Default, new DissectionOptions());
        var pkt = new Packet(session);
        while (reader.ReadPacket())
        {
            session.Dissect(reader.Packet, pkt);
            f.Matches(pkt);
        }
    }

    [Fact]
    public void Random_token_sequences_compile_or_fail_cleanly()
    {
        var rnd = new Random(4);
        var failures = new List<string>();
        for (int n = 0; n < 3000; n++)
        {
            int count = rnd.Next(1, 9);
            var parts = new string[count];
            for (int i = 0; i < count; i++) parts[i] = Vocabulary[rnd.Next(Vocabulary.Length)];
            string text = string.Join(rnd.Next(4) == 0 ? "" : " ", parts);
            Check(text, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Mutated_valid_filters_compile_or_fail_cleanly()
    {
        var cases = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "cases.txt")).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        var rnd = new Random(44);
        var failures = new List<string>();
        const string alphabet = "()[]{}\"'\\:.,-+*/%&|!=<>~#$ 0123456789abcdefxyz_r";
        for (int n = 0; n < 3000; n++)
        {
            var s = new System.Text.StringBuilder(cases[rnd.Next(cases.Length)]);
            for (int k = rnd.Next(1, 4); k > 0; k--)
            {
                int at = rnd.Next(s.Length + 1);
                switch (rnd.Next(4))
                {
                    case 0 when s.Length > 0 && at < s.Length: s.Remove(at, 1); break;
                    case 1: s.Insert(at, alphabet[rnd.Next(alphabet.Length)]); break;
                    case 2 when at < s.Length: s[at] = alphabet[rnd.Next(alphabet.Length)]; break;
                    default: s.Insert(at, s.ToString(0, Math.Min(s.Length, rnd.Next(1, 8)))); break;
                }
            }
            Check(s.ToString(), failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        // Both outcomes must occur, or the mutations test nothing.
        Assert.True(_compiled > 100 && _refused > 100, $"{_compiled} compiled, {_refused} refused");
    }

    [Fact]
    public void Pathological_inputs_are_bounded()
    {
        var failures = new List<string>();
        Check(new string('(', 5000) + "ip" + new string(')', 5000), failures);
        Check(string.Join(" && ", Enumerable.Repeat("ip", 3000)), failures);
        Check("frame matches \"(a+)+$\"", failures);
        Check("frame[" + new string('9', 40) + "] == 00", failures);
        Check("ip.ttl == " + new string('9', 5000), failures);
        Check(new string('-', 3000) + "ip.ttl == 1", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
