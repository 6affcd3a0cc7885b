using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Imf;
using Mako.Protocols.Pop;
using Mako.Protocols.Smtp;
using Mako.Protocols.Tcp;

namespace Mako.Cli.Stats.Mail;

/// <summary>
/// Finds logins in dissected POP, SMTP and IMAP packets, with the per-connection memory tshark 4.0's dissectors keep
/// for their credentials tap:
/// <list type="bullet">
/// <item>POP: a "USER x" request stores x unless the connection already has a user name (the first one is kept); every
/// "PASS y" request is a login, "Username in packet N" naming the frame of that first USER (0 and "(null)" without
/// one).</item>
/// <item>SMTP: a user name line after AUTH LOGIN (smtp.auth.username directly under SMTP, not the one on the AUTH LOGIN
/// command line) is stored if none is yet and moves "Username in packet" to its frame; every password line is a
/// login. AUTH PLAIN gives no row in tshark.</item>
/// <item>IMAP: a LOGIN request with both arguments (imap.request.username and .password) is a login, the user name as
/// sent (quotes kept), no info.</item>
/// </list>
/// It also notes the answer to each login (POP +OK/-ERR, SMTP 235 or an error after the password, IMAP's tagged
/// OK/NO/BAD) for Mako's full table. Fields are read by name, so IMAP is picked up once its dissector exists.
/// </summary>
internal sealed class CredentialTracker
{
    private sealed class Conn
    {
        public string? PopUser;
        public long PopUserFrame;
        public string? PopLastUser;
        public string? SmtpUser;
        public long SmtpUserFrame;
        public string? SmtpLastUser;
        public Credential? Pending;
        public Dictionary<string, Credential>? ImapPending;
    }

    private readonly Dictionary<long, Conn> _conns = new();
    private readonly int _popCmd, _popParam, _popIndicator;
    private readonly int _smtpProto, _smtpUser, _smtpPass, _smtpUserPass, _smtpCode, _smtpCmd, _smtpParam;
    private readonly int _imapRequest, _imapUser, _imapPass, _imapReqTag, _imapRspTag, _imapStatus;

    /// <summary>The logins found, in the order tshark's tap receives them.</summary>
    public List<Credential> Found { get; }

    /// <param name="fields">The field registry (IMAP's fields are looked up by name).</param>
    /// <param name="sink">Where logins go: tshark keeps one list for all its credentials listeners, so a second
    /// `-z credentials` makes every row appear twice in both reports; Mako shares the list the same way.</param>
    public CredentialTracker(FieldRegistry fields, List<Credential>? sink = null)
    {
        Found = sink ?? new();
        _popCmd = PopFields.RequestCommand.Id;
        _popParam = PopFields.RequestParameter.Id;
        _popIndicator = PopFields.ResponseIndicator.Id;
        _smtpProto = SmtpFields.Proto.Id;
        _smtpUser = SmtpFields.AuthUsername.Id;
        _smtpPass = SmtpFields.AuthPassword.Id;
        _smtpUserPass = SmtpFields.AuthUsernamePassword.Id;
        _smtpCode = SmtpFields.ResponseCode.Id;
        _smtpCmd = SmtpFields.ReqCommand.Id;
        _smtpParam = SmtpFields.ReqParameter.Id;
        _imapRequest = FieldReader.Id(fields, "imap.request");
        _imapUser = FieldReader.Id(fields, "imap.request.username");
        _imapPass = FieldReader.Id(fields, "imap.request.password");
        _imapReqTag = FieldReader.Id(fields, "imap.request_tag");
        _imapRspTag = FieldReader.Id(fields, "imap.response_tag");
        _imapStatus = FieldReader.Id(fields, "imap.response.status");
    }

    /// <summary>The fields read (the rest of the tree need not be built).</summary>
    public IReadOnlyCollection<int> FieldIds
    {
        get
        {
            var ids = new List<int>
            {
                TcpFields.Stream.Id, _popCmd, _popParam, _popIndicator, _smtpProto, _smtpUser, _smtpPass, _smtpUserPass,
                _smtpCode, _smtpCmd, _smtpParam,
            };
            foreach (int id in (int[])[_imapRequest, _imapUser, _imapPass, _imapReqTag, _imapRspTag, _imapStatus])
                if (id >= 0) ids.Add(id);
            return ids;
        }
    }

    public void Packet(Packet pkt)
    {
        var tree = pkt.Tree;
        var nodes = tree.Nodes;
        Conn? conn = null;
        for (int i = 0; i < nodes.Length; i++)
        {
            int id = nodes[i].FieldId;
            if (id == _popCmd) Pop(pkt, i, conn ??= ConnOf(pkt));
            else if (id == _popIndicator) Answer(conn ??= ConnOf(pkt), pkt, FieldReader.Ascii(tree, i), null);
            else if (id == _smtpUser && tree[nodes[i].Parent].FieldId == _smtpProto)
            {
                conn ??= ConnOf(pkt);
                string user = FieldReader.Ascii(tree, i);
                conn.SmtpUser ??= user;
                conn.SmtpUserFrame = pkt.Number;
                conn.SmtpLastUser = user;
            }
            else if (id == _smtpCmd) SmtpCommand(pkt, i, conn ??= ConnOf(pkt));
            else if (id == _smtpPass)
            {
                conn ??= ConnOf(pkt);
                var c = NewCredential(pkt, "SMTP", conn.SmtpUser, $"Username in packet {conn.SmtpUserFrame}");
                c.User = Base64Text(conn.SmtpLastUser);
                c.Password = Base64Text(FieldReader.Ascii(tree, i));
                Add(conn, c);
            }
            else if (id == _smtpUserPass) SmtpPlain(pkt, i, conn ??= ConnOf(pkt));
            else if (id == _smtpCode)
            {
                ulong code = nodes[i].Value;
                // 334 asks for the next AUTH step: not yet the verdict.
                if (code != 334) Answer(conn ??= ConnOf(pkt), pkt, code.ToString(System.Globalization.CultureInfo.InvariantCulture), code is >= 200 and < 300);
            }
            else if (id == _imapUser && _imapUser >= 0) Imap(pkt, i, conn ??= ConnOf(pkt));
            else if (id == _imapRspTag && _imapRspTag >= 0) ImapAnswer(pkt, i, conn ??= ConnOf(pkt));
        }
    }

    private Conn ConnOf(Packet pkt)
    {
        long stream = FieldReader.TcpStream(pkt);
        if (!_conns.TryGetValue(stream, out var c)) _conns[stream] = c = new Conn();
        return c;
    }

    private static Credential NewCredential(Packet pkt, string protocol, string? username, string? info, bool inTshark = true) => new()
    {
        Frame = pkt.Number,
        Protocol = protocol,
        Username = username,
        Info = info,
        InTshark = inTshark,
        Client = pkt.Src,
        ClientPort = pkt.SrcPort,
        Server = pkt.Dst,
        ServerPort = pkt.DstPort,
    };

    private void Add(Conn conn, Credential c)
    {
        Found.Add(c);
        conn.Pending = c;
    }

    private void Pop(Packet pkt, int cmdNode, Conn conn)
    {
        var tree = pkt.Tree;
        var cmd = FieldReader.Bytes(tree, cmdNode);
        int param = tree[cmdNode].NextSibling;
        if (param < 0 || tree[param].FieldId != _popParam) return;
        string value = FieldReader.Ascii(tree, param);
        if (StartsWith(cmd, "USER"u8))
        {
            if (conn.PopUser is null && tree[param].Length > 0)
            {
                conn.PopUser = value;
                conn.PopUserFrame = pkt.Number;
            }
            conn.PopLastUser = value;
        }
        else if (StartsWith(cmd, "PASS"u8))
        {
            var c = NewCredential(pkt, "POP3", conn.PopUser, $"Username in packet {conn.PopUserFrame}");
            c.User = Printable(conn.PopLastUser);
            c.Password = Printable(value);
            Add(conn, c);
        }
    }

    /// <summary>"AUTH LOGIN user" puts the user name on the command line: tshark keeps none, the full table does.</summary>
    private void SmtpCommand(Packet pkt, int cmdNode, Conn conn)
    {
        var tree = pkt.Tree;
        if (!StartsWith(FieldReader.Bytes(tree, cmdNode), "AUTH"u8)) return;
        int param = tree[cmdNode].NextSibling;
        if (param < 0 || tree[param].FieldId != _smtpParam) return;
        string p = FieldReader.Ascii(tree, param);
        if (p.StartsWith("LOGIN ", StringComparison.OrdinalIgnoreCase)) conn.SmtpLastUser = p[6..].Trim();
        else if (p.StartsWith("LOGIN", StringComparison.OrdinalIgnoreCase)) conn.SmtpLastUser = null;
    }

    /// <summary>AUTH PLAIN's base64 "authzid NUL user NUL password": only in the full table (tshark lists none).</summary>
    private void SmtpPlain(Packet pkt, int node, Conn conn)
    {
        var c = NewCredential(pkt, "SMTP", null, null, inTshark: false);
        string text = FieldReader.Ascii(pkt.Tree, node);
        if (TryBase64(text, out var raw))
        {
            // Split at the NULs (authzid is usually empty).
            int a = Array.IndexOf(raw, (byte)0);
            int b = a < 0 ? -1 : Array.IndexOf(raw, (byte)0, a + 1);
            if (a < 0) c.User = Printable(raw);
            else if (b < 0) c.User = Printable(raw.AsSpan(a + 1));
            else
            {
                c.User = Printable(raw.AsSpan(a + 1, b - a - 1));
                c.Password = Printable(raw.AsSpan(b + 1));
            }
        }
        else c.User = Printable(text);
        Add(conn, c);
    }

    private void Imap(Packet pkt, int node, Conn conn)
    {
        var tree = pkt.Tree;
        // tshark queues the login once the password is read: "LOGIN user" alone throws first and lists nothing.
        int passNode = _imapPass >= 0 ? tree.FindNext(_imapPass, node) : -1;
        if (passNode < 0) return;
        string user = FieldReader.Ascii(tree, node);
        var c = NewCredential(pkt, "IMAP", user, null);
        // The full table reads both arguments from the request line itself: a quoted password may hold blanks.
        int line = _imapRequest >= 0 ? tree.Find(_imapRequest) : -1;
        var args = line >= 0 ? LoginArguments(FieldReader.Ascii(tree, line)) : [];
        if (args.Count >= 2)
        {
            c.User = Printable(args[0]);
            c.Password = Printable(args[1]);
        }
        else
        {
            c.User = Printable(Unquote(user));
            c.Password = Printable(Unquote(FieldReader.Ascii(tree, passNode)));
        }
        Found.Add(c);
        int tag = _imapReqTag >= 0 ? tree.Find(_imapReqTag) : -1;
        if (tag >= 0) (conn.ImapPending ??= new())[FieldReader.Ascii(tree, tag)] = c;
    }

    private void ImapAnswer(Packet pkt, int tagNode, Conn conn)
    {
        if (conn.ImapPending is null) return;
        var tree = pkt.Tree;
        string tag = FieldReader.Ascii(tree, tagNode);
        if (!conn.ImapPending.Remove(tag, out var c)) return;
        int status = _imapStatus >= 0 ? tree.FindNext(_imapStatus, tagNode) : -1;
        string s = status >= 0 ? FieldReader.Ascii(tree, status) : "";
        c.ReplyFrame = pkt.Number;
        c.Reply = s;
        c.Succeeded = s.Equals("OK", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The server's first answer after a login decides it (POP: success unless "-ERR").</summary>
    private static void Answer(Conn conn, Packet pkt, string reply, bool? success)
    {
        if (conn.Pending is not { } c) return;
        conn.Pending = null;
        c.ReplyFrame = pkt.Number;
        c.Reply = reply;
        c.Succeeded = success ?? reply.StartsWith('+');
    }

    private static bool StartsWith(ReadOnlySpan<byte> s, ReadOnlySpan<byte> prefix)
    {
        if (s.Length < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if ((s[i] | 0x20) != (prefix[i] | 0x20)) return false;
        return true;
    }

    /// <summary>The astrings after "LOGIN" in "tag LOGIN user password" (RFC 3501: atoms or quoted strings with
    /// backslash escapes).</summary>
    internal static List<string> LoginArguments(string line)
    {
        var result = new List<string>();
        int i = 0, word = 0;
        while (i < line.Length && result.Count < 2)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            var sb = new StringBuilder();
            if (line[i] == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length) i++;
                    sb.Append(line[i]);
                }
                i++;
            }
            else
            {
                while (i < line.Length && line[i] is not (' ' or '\r' or '\n')) sb.Append(line[i++]);
            }
            // Skip the tag and the command.
            if (word++ >= 2) result.Add(sb.ToString());
        }
        return result;
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : s;

    private static bool TryBase64(string text, out byte[] raw)
    {
        raw = [];
        if (text.Length == 0) return false;
        var buf = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buf, out int n)) return false;
        raw = buf[..n];
        return true;
    }

    /// <summary>A base64 value decoded for display; the text itself when it is not base64.</summary>
    private static string Base64Text(string? text)
    {
        if (text is null) return "";
        return TryBase64(text, out var raw) ? Printable(raw) : Printable(text);
    }

    private static string Printable(string? s) => s is null ? "" : MailText.Format(Encoding.UTF8.GetBytes(s));

    private static string Printable(ReadOnlySpan<byte> b) => MailText.Format(b);
}
