using System.Globalization;

namespace Mako.Engine.Names;

/// <summary>Transport for <see cref="ServiceNames"/> lookups.</summary>
public enum ServiceTransport { Tcp, Udp, Sctp, Dccp }

/// <summary>
/// Port names from Wireshark's "services" file (IANA's list in services(5) form, with merged transports such as
/// "http 80/tcp/udp/sctp"), read from the same data directory as manuf. Used when `-N t` turns transport name
/// resolution on. Without the file, ports stay numeric. A later line for the same port and transport replaces an
/// earlier one, as Wireshark's add_service_name does.
/// </summary>
public sealed class ServiceNames
{
    private static readonly Lazy<ServiceNames> Shared = new(() => Load(DataDirectories()));

    private readonly Dictionary<uint, string>[] _byTransport = [new(), new(), new(), new()];

    public static ServiceNames Default => Shared.Value;

    public static ServiceNames Load(IEnumerable<string> dirs)
    {
        var s = new ServiceNames();
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, "services");
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path)) s.ParseLine(line);
            break;
        }
        return s;
    }

    private static IEnumerable<string> DataDirectories()
    {
        var env = Environment.GetEnvironmentVariable("MAKO_DATA_DIR");
        if (!string.IsNullOrEmpty(env)) yield return env;
        yield return "/usr/share/wireshark";
        yield return "/usr/local/share/wireshark";
        yield return "/opt/homebrew/share/wireshark";
    }

    /// <summary>One line: "NAME PORT[-LAST]/PROTO[/PROTO...] [aliases] [# comment]".</summary>
    internal void ParseLine(string raw)
    {
        var line = raw.AsSpan();
        int hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        line = line.Trim();
        if (line.IsEmpty) return;
        int sp = line.IndexOfAny(' ', '\t');
        if (sp <= 0) return;
        var name = line[..sp];
        var rest = line[sp..].TrimStart(" \t");
        int end = rest.IndexOfAny(' ', '\t');
        var spec = end < 0 ? rest : rest[..end];
        int slash = spec.IndexOf('/');
        if (slash <= 0) return;
        // A port or a range of ports ("x11 6000-6063/tcp/udp").
        var ports = spec[..slash];
        int dash = ports.IndexOf('-');
        var firstText = dash < 0 ? ports : ports[..dash];
        var lastText = dash < 0 ? ports : ports[(dash + 1)..];
        if (!uint.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out uint first) ||
            !uint.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out uint last) ||
            last > 65535 || first > last) return;
        string? text = null;
        foreach (var range in spec[(slash + 1)..].Split('/'))
        {
            int t = spec[(slash + 1)..][range] switch
            {
                "tcp" => 0,
                "udp" => 1,
                "sctp" => 2,
                "dccp" => 3,
                _ => -1,
            };
            if (t < 0) continue;
            text ??= name.ToString();
            for (uint port = first; port <= last; port++) _byTransport[t][port] = text;
        }
    }

    /// <summary>The service name of <paramref name="port"/>, or null when the file has none.</summary>
    public string? Lookup(ServiceTransport transport, uint port) => _byTransport[(int)transport].GetValueOrDefault(port);
}
