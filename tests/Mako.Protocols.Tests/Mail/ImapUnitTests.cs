using System.Buffers.Binary;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Files;
using Mako.Protocols.Imap;
using Mako.Protocols.Tests.Link;

namespace Mako.Protocols.Tests.Mail;

/// <summary>
/// IMAP on hand-made connections to port 143: the text primitives with tshark 4.0's edge behaviour, LOGIN
/// credentials, request/response matching, STARTTLS, the TLS heuristic, and a FETCH literal split at every byte.
/// </summary>
public class ImapUnitTests
{
    static ImapUnitTests() => ProtocolSet.Configure(typeof(ProtocolsAssembly).Assembly);

    private static Tvb T(string s) => new(Encoding.ASCII.GetBytes(s), 0, s.Length);

    [Theory]
    [InlineData("a1 LOGIN", 0, 8, 2, 3)]      // up to the blank, next skips exactly one delimiter
    [InlineData("a1  LOGIN", 0, 9, 2, 3)]
    [InlineData("LOGIN", 0, 5, 5, 5)]         // no delimiter: all of len
    [InlineData("a1 LOGIN", 3, 0, 0, 3)]      // nothing to look at
    [InlineData("a1\r\n", 0, 4, 2, 3)]
    public void Token_length_is_tvb_get_token_len(string text, int offset, int len, int expected, int next)
    {
        Assert.Equal(expected, ImapText.TokenLength(T(text), offset, len, out int n));
        Assert.Equal(next, n);
    }

    [Theory]
    [InlineData("123", true, 123u)]
    [InlineData(" 42", true, 42u)]
    [InlineData(" +7", true, 7u)]
    [InlineData(" -0", true, 0u)]
    [InlineData("-1", false, 0u)]
    [InlineData("+1", false, 0u)]
    [InlineData(" -1", false, 0u)]
    [InlineData("", false, 0u)]
    [InlineData("12a", false, 0u)]
    [InlineData("10+", false, 0u)]                // LITERAL+ sizes are not understood by tshark either
    [InlineData("4294967295", true, 4294967295u)]
    [InlineData("4294967296", false, 0u)]
    [InlineData("99999999999999999999999", false, 0u)]
    public void Literal_sizes_parse_as_ws_strtou32(string text, bool ok, uint value)
    {
        Assert.Equal(ok, ImapText.TryParseSize(Encoding.ASCII.GetBytes(text), out uint v));
        Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("UID", true)]
    [InlineData("uid", true)]
    [InlineData("U", true)]                       // a prefix of the word matches, as with strncasecmp(..., len)
    [InlineData("UIDX", false)]
    [InlineData("X", false)]
    public void Uid_is_a_case_insensitive_prefix_match(string token, bool match) =>
        Assert.Equal(match, ImapText.PrefixIgnoreCase(T(token), 0, token.Length, "UID"u8));

    [Theory]
    [InlineData("a1 LOGIN alice wonderland", "alice", "wonderland")]          // tshark: "onderlan"
    [InlineData("a1 LOGIN \"alice\" \"won der\"", "\"alice\"", "won der")]    // tshark: "wo"
    [InlineData("a1 LOGIN alice \"secret\"", "alice", "secret")]
    [InlineData("a1 LOGIN alice p", "alice", "p")]                            // tshark: malformed
    [InlineData("a1 login bob \"\"", "bob", "")]
    [InlineData("a1 LOGIN bob \"a\\\"b\\\\c\"", "bob", "a\"b\\c")]                // quoted-string escapes
    public void Login_gives_user_name_and_password(string line, string user, string password)
    {
        var c = new Conn();
        c.Handshake();
        var p = c.Send(line + "\r\n");
        Assert.Equal(user, LinkTestHelpers.Field(p, "imap.request.username"));
        Assert.Equal(password, LinkTestHelpers.Field(p, "imap.request.password"));
        Assert.Equal("", LinkTestHelpers.Field(p, "_ws.malformed"));
    }

    [Fact]
    public void Login_without_password_is_malformed_as_in_tshark()
    {
        var c = new Conn();
        c.Handshake();
        var p = c.Send("a1 LOGIN bob\r\n");
        Assert.Equal("bob", LinkTestHelpers.Field(p, "imap.request.username"));
        Assert.Equal("", LinkTestHelpers.Field(p, "imap.request.password"));
        Assert.True(p.Malformed);
    }

    [Fact]
    public void Responses_find_their_request_by_tag_case_insensitively()
    {
        var c = new Conn();
        c.Handshake();
        c.Send("A1 NOOP\r\nb2 CHECK\r\n");
        var r = c.Send("* 2 EXISTS\r\na1 OK NOOP done\r\nB2 OK CHECK done\r\nc3 OK unknown\r\n", fromClient: false);
        Assert.Equal("4,4", LinkTestHelpers.Field(r, "imap.response_to"));
        Assert.Equal("0.000001000,0.000001000", LinkTestHelpers.Field(r, "imap.time"));
        Assert.Equal("Response: a1 OK NOOP done", r.Info.ToString());
        Assert.Equal("OK,OK,OK", LinkTestHelpers.Field(r, "imap.response.status"));
        Assert.Equal("NOOP,CHECK,unknown", LinkTestHelpers.Field(r, "imap.response.command"));
    }

    [Fact]
    public void Uid_commands_name_the_real_command_and_folders_are_found()
    {
        var c = new Conn();
        c.Handshake();
        var p = c.Send("a1 UID COPY 1:2 Trash\r\na2 SELECT \"Sent Items\"\r\na3 uid fetch 1 FLAGS\r\n");
        Assert.Equal("COPY,SELECT,fetch", LinkTestHelpers.Field(p, "imap.request.command"));
        Assert.Equal("1,1", LinkTestHelpers.Field(p, "imap.request.command.uid"));
        Assert.Equal("UID,SELECT,uid", LinkTestHelpers.Field(p, "imap.command"));
        Assert.Equal("Trash,\"Sent", LinkTestHelpers.Field(p, "imap.request.folder"));
    }

    [Fact]
    public void After_starttls_and_ok_the_bytes_are_not_imap()
    {
        var c = new Conn();
        c.Handshake();
        c.Send("* OK ready\r\n", fromClient: false);
        c.Send("t1 STARTTLS\r\n");
        c.Send("t1 OK Begin TLS\r\n", fromClient: false);
        var p = c.Send("\u0016\u0003\u0001\u0000\u0005hello");
        Assert.Equal("eth:ethertype:ip:tcp:data", LinkTestHelpers.LayerList(p));
    }

    [Fact]
    public void A_connection_that_starts_inside_tls_is_not_imap()
    {
        var c = new Conn();
        c.Handshake();
        var p = c.Send("\u0017\u0003\u0003\u0000\u0002ab");
        Assert.Equal("eth:ethertype:ip:tcp:imap:data", LinkTestHelpers.LayerList(p));
        Assert.Equal("", LinkTestHelpers.Field(p, "imap.line"));
    }

    private const string Message = "From: a@example.org\r\nSubject: split\r\n\r\nbody line\r\nlast line\r\n";

    [Fact]
    public void A_fetch_literal_gives_the_same_lines_and_one_imf_for_every_split()
    {
        string stream = $"* 1 FETCH (BODY[] {{{Message.Length}}}\r\n{Message})\r\na1 OK FETCH done\r\n";
        string[] lines = [$"* 1 FETCH (BODY[] {{{Message.Length}}}\r\n", ")\r\n", "a1 OK FETCH done\r\n"];
        for (int cut = 1; cut < stream.Length; cut++)
        {
            var c = new Conn();
            c.Handshake();
            c.Send("a1 FETCH 1 BODY[]\r\n");
            var got = new List<string>();
            int imf = 0;
            foreach (var part in new[] { stream[..cut], stream[cut..] })
            {
                var p = c.Send(part, fromClient: false);
                string l = LinkTestHelpers.Field(p, "imap.line");
                if (l.Length > 0) got.AddRange(SplitLines(l));
                if (LinkTestHelpers.Field(p, "imf.subject") == "split") imf++;
            }
            Assert.True(lines.SequenceEqual(got), $"cut {cut}: {string.Join(" | ", got)}");
            Assert.Equal(1, imf);
        }
    }

    /// <summary>Splits the comma-joined line values (each ends in CR LF) again.</summary>
    private static IEnumerable<string> SplitLines(string joined) =>
        joined.Split("\r\n,").Select(s => s.EndsWith("\r\n", StringComparison.Ordinal) ? s : s + "\r\n");

    /// <summary>A TCP connection 10.0.0.1:40000 → 10.0.0.2:143 fed one segment per call.</summary>
    private sealed class Conn
    {
        private readonly CaptureSession _s = new();
        private uint _cseq = 1000, _sseq = 9000;
        private long _n;

        public Packet Send(string payload, bool fromClient = true, string flags = "PA")
        {
            var data = Encoding.Latin1.GetBytes(payload);
            var frame = TcpTestFrames.Frame(143, fromClient, flags, fromClient ? _cseq : _sseq, fromClient ? _sseq : _cseq, data);
            var pkt = new Packet(_s);
            _n++;
            _s.Dissect(new PacketRecord { Number = _n, TimestampNs = _n * 1000, Data = frame, CapturedLength = frame.Length, OriginalLength = (uint)frame.Length, LinkType = 1 }, pkt);
            Assert.Null(pkt.DissectorBug);
            uint adv = (uint)data.Length + (flags.Contains('S') || flags.Contains('F') ? 1u : 0u);
            if (fromClient) _cseq += adv; else _sseq += adv;
            return pkt;
        }

        public void Handshake()
        {
            Send("", true, "S");
            Send("", false, "SA");
            Send("", true, "A");
        }
    }
}
