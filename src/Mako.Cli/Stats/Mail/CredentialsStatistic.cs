using System.Text;
using Mako.Engine.Dissection;

namespace Mako.Cli.Stats.Mail;

/// <summary>
/// `-z credentials` (tshark 4.0's ui/cli/tap-credentials.c: frame, protocol, user name as the dissector keeps it,
/// "Username in packet N") and `-z credentials,full`, Mako's own table: decoded user name, password, client and
/// server, the login and answer frames and whether the server accepted it. tshark ignores the ",full" suffix.
/// </summary>
internal sealed class CredentialsProvider : IStatProvider
{
    public IEnumerable<string> Names => ["credentials"];

    public IStatistic? Create(string name, string arg, StatContext context, out string? error)
    {
        error = null;
        bool full = arg == "credentials,full";
        // Only tshark's own table shares its list (so its duplicate rows are reproduced); the full table keeps its own.
        var shared = full ? null : context.Session?.State<SharedCredentials>().List;
        return new CredentialsStatistic(new CredentialTracker(context.Protocols.Fields, shared), full);
    }
}

/// <summary>The one list of logins every credentials listener of a run appends to (tshark's global array).</summary>
internal sealed class SharedCredentials
{
    public List<Credential> List { get; } = new();
}

internal sealed class CredentialsStatistic(CredentialTracker tracker, bool full) : IStatistic
{
    private const string Rule = "===================================================================\n";

    public IReadOnlyCollection<int>? FieldIds => tracker.FieldIds;

    public void Packet(Packet pkt) => tracker.Packet(pkt);

    public void Write(TextWriter output) => output.Write(full ? Full(tracker.Found) : Tshark(tracker.Found));

    /// <summary>printf("%-10u %-16s %-16s %-16s\n"): padded by bytes (UTF-8), never cut.</summary>
    internal static string Tshark(IEnumerable<Credential> found)
    {
        var sb = new StringBuilder();
        sb.Append(Rule);
        sb.Append("Packet     Protocol         Username         Info            \n");
        sb.Append("------     --------         --------         --------\n");
        foreach (var c in found)
        {
            if (!c.InTshark) continue;
            Pad(sb, c.Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), 10).Append(' ');
            Pad(sb, c.Protocol, 16).Append(' ');
            Pad(sb, c.Username ?? "(null)", 16).Append(' ');
            Pad(sb, c.Info ?? "", 16).Append('\n');
        }
        sb.Append(Rule);
        return sb.ToString();
    }

    private static StringBuilder Pad(StringBuilder sb, string s, int width)
    {
        sb.Append(s);
        int bytes = Encoding.UTF8.GetByteCount(s);
        if (bytes < width) sb.Append(' ', width - bytes);
        return sb;
    }

    /// <summary>Mako's own table: one row per login, columns as wide as their longest value.</summary>
    internal static string Full(IEnumerable<Credential> found)
    {
        string[] head = ["Frame", "Reply", "Protocol", "Client", "Server", "User", "Password", "Result"];
        var rows = new List<string[]> { head };
        foreach (var c in found)
        {
            rows.Add([
                c.Frame.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.ReplyFrame == 0 ? "-" : c.ReplyFrame.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Protocol,
                Endpoint(c.Client, c.ClientPort),
                Endpoint(c.Server, c.ServerPort),
                c.User,
                c.Password,
                c.Succeeded switch
                {
                    true => "accepted (" + c.Reply + ")",
                    false => "refused (" + c.Reply + ")",
                    null => "no answer",
                },
            ]);
        }
        var width = new int[head.Length];
        foreach (var r in rows)
            for (int i = 0; i < r.Length; i++) width[i] = Math.Max(width[i], r[i].Length);
        var sb = new StringBuilder();
        sb.Append(Rule).Append("Credentials (Mako: user names decoded, passwords, answers)\n");
        for (int ri = 0; ri < rows.Count; ri++)
        {
            var r = rows[ri];
            for (int i = 0; i < r.Length; i++)
            {
                if (i == r.Length - 1) sb.Append(r[i]);
                else sb.Append(r[i]).Append(' ', width[i] - r[i].Length + 2);
            }
            sb.Append('\n');
            if (ri == 0)
            {
                for (int i = 0; i < r.Length; i++)
                    sb.Append('-', width[i]).Append(i == r.Length - 1 ? "" : "  ");
                sb.Append('\n');
            }
        }
        sb.Append(Rule);
        return sb.ToString();
    }

    private static string Endpoint(Address a, uint port) =>
        a.Type == AddressType.IPv6 ? $"[{a}]:{port}" : $"{a}:{port}";
}
