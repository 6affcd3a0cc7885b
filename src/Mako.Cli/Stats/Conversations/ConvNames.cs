using System.Buffers.Binary;
using System.Globalization;
using Mako.Engine.Dissection;
using Mako.Engine.Names;

namespace Mako.Cli.Stats.Conversations;

/// <summary>
/// Addresses and ports as the conversation and endpoint reports print them (Wireshark's address_to_display and
/// tcp/udp_port_to_display): MAC names when MAC resolution is on (the default), service names from the services file
/// with `-N t`. IP addresses stay numeric: Mako has no DNS resolver, which is also what tshark prints offline without
/// `-N d` and a DNS answer in the capture.
/// </summary>
internal sealed class ConvNames(ResolveFlags flags)
{
    private readonly NameResolver _resolver = new(flags);
    private readonly Dictionary<Address, string> _cache = new();

    public string Address(Address a)
    {
        if (_cache.TryGetValue(a, out var s)) return s;
        s = a.ToString();
        if (a.Type == AddressType.Ether)
        {
            Span<byte> mac = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(mac, a.Lo);
            s = _resolver.ResolveMac(mac[2..]) ?? s;
        }
        _cache[a] = s;
        return s;
    }

    public string Port(uint port, LayerKind kind)
    {
        if ((flags & ResolveFlags.Transport) != 0)
        {
            var name = ServiceNames.Default.Lookup(kind == LayerKind.Tcp ? ServiceTransport.Tcp : ServiceTransport.Udp, port);
            if (name is not null) return name;
        }
        return port.ToString(CultureInfo.InvariantCulture);
    }
}
