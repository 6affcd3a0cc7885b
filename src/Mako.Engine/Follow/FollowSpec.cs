using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mako.Engine.Dissection;

namespace Mako.Engine.Follow;

public enum FollowProtocol { Tcp, Udp, Http, Tls }

/// <summary>Which stream to follow: a stream index (tcp.stream / udp.stream) or two address:port endpoints.</summary>
public sealed class FollowSpec
{
    public FollowProtocol Protocol { get; init; }
    public int? StreamIndex { get; init; }
    public Address Address0 { get; init; }
    public uint Port0 { get; init; }
    public Address Address1 { get; init; }
    public uint Port1 { get; init; }

    /// <summary>"tcp", "udp", "http" or "tls" (the tap name dissectors publish under).</summary>
    public string ProtocolName => Protocol switch
    {
        FollowProtocol.Udp => "udp",
        FollowProtocol.Http => "http",
        FollowProtocol.Tls => "tls",
        _ => "tcp",
    };

    /// <summary>The display filter tshark prints on the "Filter:" line.</summary>
    public string FilterText
    {
        get
        {
            string transport = Protocol == FollowProtocol.Udp ? "udp" : "tcp";
            if (StreamIndex is int i) return $"{transport}.stream eq {i}";
            string v = Address0.Type == AddressType.IPv6 ? "v6" : "";
            return $"((ip{v}.src eq {Address0} and {transport}.srcport eq {Port0}) and (ip{v}.dst eq {Address1} and {transport}.dstport eq {Port1}))"
                + $" or ((ip{v}.src eq {Address1} and {transport}.srcport eq {Port1}) and (ip{v}.dst eq {Address0} and {transport}.dstport eq {Port0}))";
        }
    }

    /// <summary>Parses tshark's stream selector: "5", "10.0.0.1:80,10.0.0.2:34567" or "[fe80::1]:80,[fe80::2]:4000".
    /// On failure returns null with tshark's message ("Invalid address.").</summary>
    public static FollowSpec? Parse(FollowProtocol protocol, string selector, out string? error)
    {
        error = null;
        if (selector.Length > 0 && selector.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                error = "Error registering tap listener.";
                return null;
            }
            return new FollowSpec { Protocol = protocol, StreamIndex = index };
        }
        if (selector.StartsWith('-') && selector.Length > 1 && selector[1..].All(char.IsAsciiDigit))
        {
            // tshark reads "-1" as a huge unsigned number whose filter it then rejects.
            error = "Error registering tap listener.";
            return null;
        }
        int comma = FindEndpointComma(selector);
        if (comma < 0 || !TryEndpoint(selector[..comma], out var a0, out uint p0) || !TryEndpoint(selector[(comma + 1)..], out var a1, out uint p1)
            || a0.Type != a1.Type)
        {
            error = "Invalid address.";
            return null;
        }
        return new FollowSpec { Protocol = protocol, Address0 = a0, Port0 = p0, Address1 = a1, Port1 = p1 };
    }

    private static int FindEndpointComma(string s)
    {
        bool inBracket = false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '[') inBracket = true;
            else if (s[i] == ']') inBracket = false;
            else if (s[i] == ',' && !inBracket) return i;
        }
        return -1;
    }

    private static bool TryEndpoint(string s, out Address address, out uint port)
    {
        address = default;
        port = 0;
        string host, portText;
        if (s.StartsWith('['))
        {
            int close = s.IndexOf(']');
            if (close < 0 || close + 1 >= s.Length || s[close + 1] != ':') return false;
            host = s[1..close];
            portText = s[(close + 2)..];
        }
        else
        {
            int colon = s.LastIndexOf(':');
            if (colon <= 0) return false;
            host = s[..colon];
            portText = s[(colon + 1)..];
        }
        if (!uint.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535) return false;
        if (!IPAddress.TryParse(host, out var ip)) return false;
        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork && !host.Contains(':'))
            address = Address.IPv4((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]));
        else if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            address = Address.IPv6(bytes);
        else return false;
        return true;
    }
}
