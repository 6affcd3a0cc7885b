using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Tree;
using Mako.Protocols.Ethernet;
using Mako.Protocols.Icmp;
using Mako.Protocols.Icmpv6;
using Mako.Protocols.Ip;
using Mako.Protocols.Ipv6;
using Mako.Protocols.Tcp;
using Mako.Protocols.Udp;

namespace Mako.Cli.Stats.Conversations;

/// <summary>The layers conversation and endpoint tables are kept for (tshark's eth, ip, ipv6, tcp and udp taps).</summary>
internal enum LayerKind : byte { Eth, IPv4, IPv6, Tcp, Udp }

/// <summary>One occurrence of a layer in a packet: its addresses, and for TCP/UDP the ports and stream index.</summary>
internal struct LayerRecord
{
    public Address Src;
    public Address Dst;
    public uint SrcPort;
    public uint DstPort;
    public long Stream;
}

/// <summary>
/// Finds the occurrences of one layer in a dissected packet by walking its (interest-only) field tree, at the points
/// where Wireshark's dissectors queue their tap data: Ethernet once both addresses are read, IPv4/IPv6 once the
/// destination is read, UDP once its stream index is assigned (after the length checks), TCP once the fixed header
/// and its options were all captured (tshark queues the TCP tap after the options; a header cut by the snaplen or a
/// bogus header length never reaches it). TCP and UDP take their addresses from the nearest IPv4/IPv6 header before
/// them, as Wireshark's pinfo->src/dst would be. A packet can yield several records (tunnels); headers quoted inside
/// an ICMP/ICMPv6 error count for none (tshark's tap queue drops error-packet data for these taps).
/// </summary>
internal sealed class LayerScanner
{
    private readonly LayerKind _kind;
    private readonly int _ethProto, _ethSrc, _ethDst;
    private readonly int _ipProto, _ipSrc, _ipDst, _ip6Proto, _ip6Src, _ip6Dst;
    private readonly int _tcpProto, _tcpSrcPort, _tcpDstPort, _tcpStream, _tcpHdrLen, _tcpUrgent;
    private readonly int _udpProto, _udpSrcPort, _udpDstPort, _udpStream;
    private readonly int _icmpProto, _icmp6Proto;
    private readonly int _fraghdrProto, _fragOffset, _shortProto, _malformedProto;
    // By field id: is it a protocol node (layers, not expert items), is it an IPv6 extension header.
    private readonly bool[] _isProto;
    private readonly bool[] _v6Ext;
    private readonly List<string> _v6ChainNames = ["IPv6"];
    private LayerRecord[] _records = new LayerRecord[4];

    public LayerScanner(LayerKind kind, FieldRegistry registry)
    {
        _kind = kind;
        _ethProto = EthFields.Proto.Id;
        _ethSrc = EthFields.Src.Id;
        _ethDst = EthFields.Dst.Id;
        _ipProto = IpFields.Proto.Id;
        _ipSrc = IpFields.Src.Id;
        _ipDst = IpFields.Dst.Id;
        _ip6Proto = Ipv6Fields.Proto.Id;
        _ip6Src = Ipv6Fields.Src.Id;
        _ip6Dst = Ipv6Fields.Dst.Id;
        _tcpProto = TcpFields.Proto.Id;
        _tcpSrcPort = TcpFields.Srcport.Id;
        _tcpDstPort = TcpFields.Dstport.Id;
        _tcpStream = TcpFields.Stream.Id;
        _tcpHdrLen = TcpFields.HdrLen.Id;
        _tcpUrgent = TcpFields.UrgentPointer.Id;
        _udpProto = UdpFields.Proto.Id;
        _udpSrcPort = UdpFields.Srcport.Id;
        _udpDstPort = UdpFields.Dstport.Id;
        _udpStream = UdpFields.Stream.Id;
        _icmpProto = IcmpFields.Proto.Id;
        _icmp6Proto = Icmpv6Fields.Proto.Id;
        _fraghdrProto = Ipv6FraghdrFields.Proto.Id;
        _fragOffset = Ipv6FraghdrFields.Offset.Id;
        _shortProto = CoreProtocols.ShortProto.Id;
        _malformedProto = CoreProtocols.MalformedProto.Id;
        _isProto = new bool[registry.Count];
        _v6Ext = new bool[registry.Count];
        foreach (var p in registry.Protocols) _isProto[p.Id] = true;
        _isProto[CoreProtocols.ExpertProto.Id] = false;
        // Wireshark's list of IPv6 extension headers (ipv6_dissect_next does not tap at these).
        foreach (var name in (string[])["ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "ah", "mipv6", "hip", "shim6"])
        {
            if (registry.Find(name) is ProtocolDef p)
            {
                _v6Ext[p.Id] = true;
                _v6ChainNames.Add(p.ShortName);
            }
        }
    }

    /// <summary>The fields the walk needs (protocol nodes are always built).</summary>
    public IReadOnlyCollection<FieldDef> Fields => _kind switch
    {
        LayerKind.Eth => [EthFields.Src, EthFields.Dst],
        LayerKind.IPv4 => [IpFields.Src, IpFields.Dst],
        LayerKind.IPv6 => [Ipv6Fields.Src, Ipv6Fields.Dst, Ipv6FraghdrFields.Offset],
        LayerKind.Tcp => [IpFields.Src, IpFields.Dst, Ipv6Fields.Src, Ipv6Fields.Dst, TcpFields.Srcport, TcpFields.Dstport,
            TcpFields.Stream, TcpFields.HdrLen, TcpFields.UrgentPointer],
        _ => [IpFields.Src, IpFields.Dst, Ipv6Fields.Src, Ipv6Fields.Dst, UdpFields.Srcport, UdpFields.Dstport, UdpFields.Stream],
    };

    /// <summary>The records found by the last <see cref="Scan"/>.</summary>
    public ReadOnlySpan<LayerRecord> Records => _records.AsSpan(0, _count);

    private int _count;

    /// <summary>Walks <paramref name="pkt"/>'s tree; returns how many records were found (see <see cref="Records"/>).</summary>
    public int Scan(Packet pkt)
    {
        _count = 0;
        var tree = pkt.Tree;
        var nodes = tree.Nodes;
        // Network addresses as pinfo->src/dst: the last complete IPv4/IPv6 header seen so far.
        Address netSrc = default, netDst = default;
        // Per-layer progress: 0 = layer entered, 1 = first address/port read, 2 = second read, -1 = not in the layer.
        int l3 = -1;
        bool l3Error = false;
        Address pendingSrc = default;
        int l4 = -1;
        LayerRecord cur = default;
        int hdrLen = -1;
        int tcpNode = -1;
        // IPv6: tshark taps when the extension header chain reaches an upper-layer protocol (ipv6_dissect_next),
        // so the record waits for the next protocol node: dropped if the chain broke (exception) or ended in an
        // unreassembled fragment's data.
        bool v6Pending = false, v6Ext = false, v6Frag = false;
        int v6FragSource = -1;
        LayerRecord v6 = default;
        // The last TCP/UDP record, and whether an IP header came after it (see the end of the walk).
        int lastTransport = -1;
        bool netAfterTransport = false;
        for (int i = 0; i < nodes.Length; i++)
        {
            int id = nodes[i].FieldId;
            bool marker = id == _shortProto || id == _malformedProto;
            // (A malformed-group expert item also adds a hidden _ws.malformed below its protocol: not a layer.)
            if (v6Pending && (uint)id < (uint)_isProto.Length && _isProto[id] && id != _ip6Proto && !(marker && nodes[i].Parent != -1))
            {
                if (_v6Ext[id])
                {
                    v6Ext = true;
                    if (id == _fraghdrProto) v6FragSource = nodes[i].Source;
                    continue;
                }
                bool tapped = marker ? !(v6Ext || InChain(tree, i)) : !(v6Frag && nodes[i].Source == v6FragSource);
                if (tapped) Add(v6);
                v6Pending = false;
            }
            if (id == _ethProto)
            {
                if (_kind == LayerKind.Eth) l3 = InError(nodes, i) ? -1 : 0;
            }
            else if (id == _ethDst)
            {
                if (_kind == LayerKind.Eth && l3 == 0)
                {
                    pendingSrc = Address.Ether(tree.Bytes(i));   // the destination comes first in Ethernet
                    l3 = 1;
                }
            }
            else if (id == _ethSrc)
            {
                if (_kind == LayerKind.Eth && l3 == 1)
                {
                    Add(new LayerRecord { Src = Address.Ether(tree.Bytes(i)), Dst = pendingSrc });
                    l3 = -1;
                }
            }
            else if (id == _ipProto || id == _ip6Proto)
            {
                if (v6Pending)
                {
                    Add(v6);   // 6in6: the outer header's chain reached its payload
                    v6Pending = false;
                }
                l3 = 0;
                l3Error = InError(nodes, i);
            }
            else if (id == _ipSrc || id == _ip6Src)
            {
                if (l3 == 0)
                {
                    pendingSrc = id == _ipSrc ? Address.IPv4((uint)nodes[i].Value) : Address.IPv6(tree.Bytes(i));
                    l3 = 1;
                }
            }
            else if (id == _ipDst || id == _ip6Dst)
            {
                if (l3 == 1)
                {
                    netSrc = pendingSrc;
                    netDst = id == _ipDst ? Address.IPv4((uint)nodes[i].Value) : Address.IPv6(tree.Bytes(i));
                    l3 = 2;
                    if (lastTransport >= 0) netAfterTransport = true;
                    if (!l3Error && _kind == LayerKind.IPv4 && id == _ipDst) Add(new LayerRecord { Src = netSrc, Dst = netDst });
                    if (!l3Error && _kind == LayerKind.IPv6 && id == _ip6Dst)
                    {
                        v6 = new LayerRecord { Src = netSrc, Dst = netDst };
                        v6Pending = true;
                        v6Ext = v6Frag = false;
                        v6FragSource = -1;
                    }
                }
            }
            else if (id == _fragOffset)
            {
                // The raw offset/flags word: a fragment unless offset and M flag are both zero.
                if (v6Pending && (nodes[i].Value & 0xfff9) != 0) v6Frag = true;
            }
            else if (id == _tcpProto || id == _udpProto)
            {
                l4 = InError(nodes, i) ? -1 : 0;
                cur = new LayerRecord { Src = netSrc, Dst = netDst };
                hdrLen = -1;
                tcpNode = i;
            }
            else if (id == _tcpSrcPort || id == _udpSrcPort)
            {
                if (l4 == 0)
                {
                    cur.SrcPort = (uint)nodes[i].Value;
                    l4 = 1;
                }
            }
            else if (id == _tcpDstPort || id == _udpDstPort)
            {
                if (l4 == 1)
                {
                    cur.DstPort = (uint)nodes[i].Value;
                    l4 = 2;
                }
            }
            else if (id == _tcpStream || id == _udpStream)
            {
                if (l4 == 2)
                {
                    cur.Stream = (long)nodes[i].Value;
                    if (id == _udpStream)
                    {
                        if (_kind == LayerKind.Udp) AddTransport(cur, ref lastTransport, ref netAfterTransport);
                        l4 = -1;
                    }
                    else
                    {
                        l4 = 3;
                    }
                }
            }
            else if (id == _tcpHdrLen)
            {
                if (l4 == 3) hdrLen = (int)nodes[i].Value;
            }
            else if (id == _tcpUrgent)
            {
                if (l4 == 3 && _kind == LayerKind.Tcp && hdrLen >= 20)
                {
                    // tshark makes sure the options are captured before it reads them, and taps only after them.
                    ref var t = ref tree[tcpNode];
                    if (t.Length >= hdrLen) AddTransport(cur, ref lastTransport, ref netAfterTransport);
                }
                l4 = -1;
            }
        }
        if (v6Pending) Add(v6);
        // TCP/UDP take pinfo->src/dst, which an IPv6 routing header moves to the final destination after the header
        // fields were added: the packet's final addresses, when no other IP header came after the last transport.
        if (lastTransport >= 0 && !netAfterTransport && pkt.Dst.Type == _records[lastTransport].Dst.Type && pkt.Src.Type == _records[lastTransport].Src.Type)
        {
            _records[lastTransport].Src = pkt.Src;
            _records[lastTransport].Dst = pkt.Dst;
        }
        return _count;
    }

    private void AddTransport(in LayerRecord r, ref int last, ref bool netAfter)
    {
        last = _count;
        netAfter = false;
        Add(r);
    }

    /// <summary>Does the exception marker <paramref name="i"/> name IPv6 or one of its extension headers (a header that
    /// threw before it added its own tree item)?</summary>
    private bool InChain(Engine.Tree.PacketTree tree, int i)
    {
        if (tree.GetObject(i) is not string text) return false;
        foreach (var name in _v6ChainNames)
        {
            if (text.EndsWith(": " + name + "]", StringComparison.Ordinal) || text.EndsWith(": " + name + " truncated]", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>Is node <paramref name="i"/> inside a packet quoted by an ICMP or ICMPv6 error?</summary>
    private bool InError(ReadOnlySpan<FieldNode> nodes, int i)
    {
        for (int p = nodes[i].Parent; p >= 0; p = nodes[p].Parent)
        {
            int id = nodes[p].FieldId;
            if (id == _icmpProto || id == _icmp6Proto) return true;
        }
        return false;
    }

    private void Add(in LayerRecord r)
    {
        if (_count == _records.Length) Array.Resize(ref _records, _count * 2);
        _records[_count++] = r;
    }
}
