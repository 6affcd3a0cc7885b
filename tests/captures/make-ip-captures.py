#!/usr/bin/python3
"""Makes the network-layer test captures under tests/captures/ip/ (run: python3 tests/captures/make-ip-captures.py).

Each capture's frames are listed in the function that builds it, with what they exercise and, for hostile frames,
which field lies. The expected tshark output is recorded in tests/Mako.Protocols.Tests/Ip/Expected/ by
tests/Mako.Protocols.Tests/Ip/record-expected.sh. Timestamps are fixed so the files are reproducible.
"""
import os
import struct

from scapy.compat import raw
from scapy.layers.inet import ICMP, IP, IPOption, TCP, UDP, IPerror, UDPerror, TCPerror, fragment
from scapy.layers.inet6 import (ICMPv6DestUnreach, ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6MLDMultAddrRec,
                                ICMPv6MLDone, ICMPv6MLQuery, ICMPv6MLQuery2, ICMPv6MLReport, ICMPv6MLReport2,
                                ICMPv6NDOptDNSSL, ICMPv6NDOptMTU, ICMPv6NDOptPrefixInfo, ICMPv6NDOptRDNSS,
                                ICMPv6NDOptRedirectedHdr, ICMPv6NDOptRouteInfo, ICMPv6NDOptSrcLLAddr,
                                ICMPv6NDOptDstLLAddr, ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA, ICMPv6ND_RS,
                                ICMPv6ND_Redirect, ICMPv6PacketTooBig, ICMPv6ParamProblem, ICMPv6TimeExceeded,
                                IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                                IPv6ExtHdrSegmentRouting, HBHOptUnknown, Jumbo, PadN, Pad1, RouterAlert, HAO)
from scapy.contrib.igmp import IGMP
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3gr, IGMPv3mq, IGMPv3mr
from scapy.layers.l2 import Ether
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ip")
A = "00:1b:21:3a:4c:5e"
B = "f8:ed:a5:c0:a4:f1"
T0 = 1700000000  # capture start (seconds)


def e4(pkt, dst=B, src=A):
    return Ether(dst=dst, src=src) / pkt


def e6(pkt, dst=B, src=A):
    return Ether(dst=dst, src=src, type=0x86dd) / pkt


def write_pcap(name, frames, snaplen=65535):
    """frames: bytes, or (bytes, captured_length) for frames cut by the snap length."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 1))
        for i, fr in enumerate(frames):
            data, cap = (fr, None) if isinstance(fr, (bytes, bytearray)) else fr
            data = bytes(data)
            cap = len(data) if cap is None else cap
            ts = T0 + i
            f.write(struct.pack("<IIII", ts, (i * 1234) % 1000000, cap, len(data)))
            f.write(data[:cap])


def with_opts(pkt, opts):
    """Ethernet/IPv4 frame bytes with raw option bytes spliced after the fixed header (padded to 4); IHL, total
    length and header checksum recomputed. Lets options lie about their length, which scapy will not build."""
    b = bytearray(raw(pkt))
    o = bytes(opts) + bytes((-len(opts)) % 4)
    b[34:34] = o
    b[14] = 0x40 | ((20 + len(o)) // 4)
    b[16:18] = struct.pack(">H", struct.unpack(">H", b[16:18])[0] + len(o))
    b[24:26] = b"\x00\x00"
    s = 0
    hdr = b[14:14 + 20 + len(o)]
    for i in range(0, len(hdr), 2):
        s += (hdr[i] << 8) | hdr[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    b[24:26] = struct.pack(">H", (~s) & 0xffff)
    return bytes(b)


def fix(p):
    """Builds a packet so lengths and checksums are computed, returns bytes."""
    return raw(p)


def ipv4_frames():
    f = []
    # 1. UDP over IPv4, DSCP AF41 + ECT(0), DF set.
    f.append(e4(IP(src="10.0.0.1", dst="10.0.0.2", tos=0x8a, flags="DF", id=0x1234) / UDP(sport=1024, dport=9) / b"hello"))
    # 2. Unknown protocol 253: Info "Unknown (253)" style ("<name> (253)"), payload as data.
    f.append(e4(IP(src="10.0.0.1", dst="10.0.0.2", proto=253) / b"\x01\x02\x03\x04"))
    # 3. TTL 1 to a unicast address: "Time To Live only 1" note.
    f.append(e4(IP(src="10.0.0.1", dst="10.0.0.2", ttl=1, proto=17) / UDP(sport=1, dport=2)))
    # 4. To the local network control block 224.0.0.5 with TTL 2: "!= 1" note.
    f.append(e4(IP(src="10.0.0.1", dst="224.0.0.5", ttl=2, proto=253) / b"\x02\x01\x00\x2c"))
    # 5. Options: NOP, Record Route (2 empty slots), EOL.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x01" + b"\x07\x0b\x08\x0a\x00\x00\x01\x00\x00\x00\x00" + b"\x00"))
    # 6. Loose source route with the pointer inside the route: destination is the route's last hop (ip.dst from the option).
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.9") / UDP(sport=5, dport=6)), b"\x83\x0b\x04\xc0\xa8\x01\x01\xc0\xa8\x02\x02" + b"\x00"))
    # 7. Strict source route, pointer past the end (route complete): header destination stays.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.9") / UDP(sport=5, dport=6)), b"\x89\x0b\x0c\xc0\xa8\x01\x01\xc0\xa8\x02\x02" + b"\x00"))
    # 8. Timestamp option, timestamps and addresses (flag 1), one entry filled.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x44\x14\x0d\x01\x0a\x00\x00\x01\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
    # 9. Timestamp only (flag 0) with pointer in the middle of a field, and overflow 3.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x44\x0c\x06\x30\x00\x00\x00\x01\x00\x00\x00\x02"))
    # 10. Router alert (as IGMP uses), then an IGMPv2 report.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="224.1.2.3", ttl=1) / IGMP(type=0x16, gaddr="224.1.2.3")), b"\x94\x04\x00\x00"))
    # 11. Security option, RFC 791 form (11 bytes, known security code).
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x82\x0b\xaf\x13\x00\x05\x41\x42\x43\x44\x45" + b"\x00"))
    # 12. Security option, RFC 1108 form: classification Secret, two protection-authority bytes.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x82\x05\x5a\x81\x40" + b"\x00\x00\x00"))
    # 13. Four NOPs in a row: "a router may have removed some options" warning.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x01\x01\x01\x01"))
    # 14. Stream ID, MTU probe, MTU reply, traceroute option (12 bytes) and Quick-Start rate request.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x88\x04\x12\x34" + b"\x0b\x04\x05\xdc" + b"\x0c\x04\x05\xdc"))
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2", ttl=60) / UDP(sport=5, dport=6)), b"\x52\x0c\x00\x01\x00\x02\x00\x03\x0a\x00\x00\x07" + b"\x19\x08\x05\x28\x12\x34\x56\x78"))
    # 16. CIPSO with a restrictive bitmap tag (categories 0,2,4,5,6,15).
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x86\x0c\x00\x00\x00\x03\x01\x06\x00\x07\xae\x01"))
    # 17. Option length lies: option length 40 runs past the end of the options.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x07\x28\x04\x00"))
    # 18. Option with length 1 (too short) and an unknown option type.
    f.append(with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6)), b"\x9e\x04\x00\x00" + b"\x07\x01\x00\x00"))
    # 19. Header length 4 (16 bytes): "Bogus IP header length (16, must be at least 20)".
    b = bytearray(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6))))
    b[14] = 0x44
    f.append(bytes(b))
    # 20. Total length 10 (< header): "Bogus IP length (10, less than header length 20)".
    b = bytearray(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6))))
    b[16:18] = struct.pack(">H", 10)
    f.append(bytes(b))
    # 21. Total length 0: TSO, length taken from the frame.
    b = bytearray(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6) / b"abcdefgh")))
    b[16:18] = b"\x00\x00"
    f.append(bytes(b))
    # 22. Total length 200 but only 33 bytes follow: "IPv4 total length exceeds packet length".
    b = bytearray(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2", proto=253) / (b"x" * 13))))
    b[16:18] = struct.pack(">H", 200)
    f.append(bytes(b))
    # 23. Version 5 in an IPv4 frame: "Bogus IP version (5)".
    b = bytearray(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6))))
    b[14] = 0x55
    f.append(bytes(b))
    # 24. Ethertype IPv4 carrying an IPv6 packet: handed to IPv6.
    f.append(Ether(dst=B, src=A, type=0x0800) / IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=7, dport=8))
    # 25. IP in IP (protocol 4), inner UDP; and padding after a short datagram.
    f.append(e4(IP(src="192.0.2.1", dst="192.0.2.2") / IP(src="10.1.1.1", dst="10.2.2.2") / UDP(sport=53, dport=5353)))
    f.append(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2", proto=253) / b"ab")) + bytes(10))
    # 27. Non-zero trailer after the datagram.
    f.append(fix(e4(IP(src="10.0.0.1", dst="10.0.0.2", proto=253) / b"ab")) + b"\xde\xad\xbe\xef" * 3)
    # 28. Reserved ("evil") bit and a fragment offset field with MF clear, offset 0 (not a fragment).
    f.append(e4(IP(src="10.0.0.1", dst="10.0.0.2", flags=4) / UDP(sport=5, dport=6)))
    return [fix(x) if not isinstance(x, (bytes, bytearray)) else x for x in f]


def ipv4_frag_frames():
    f = []
    payload = bytes(range(256)) * 6  # 1536 bytes of UDP payload
    dgram = IP(src="10.0.0.1", dst="10.0.0.2", id=0x4242) / UDP(sport=4000, dport=4001) / payload
    frags = fragment(dgram, fragsize=512)  # 4 fragments
    # 1-4. In order: the last completes the datagram (ip.fragment list, reassembled UDP).
    f += [e4(x) for x in frags]
    # 5-8. Same datagram (ID 0x4343) out of order: last first, then the middle ones.
    dgram2 = dgram.copy()
    dgram2.id = 0x4343
    fr2 = fragment(dgram2, fragsize=512)
    f += [e4(fr2[3]), e4(fr2[1]), e4(fr2[0]), e4(fr2[2])]
    # 9-11. ID 0x4444: first fragment sent twice (identical overlap), then the last.
    dgram3 = IP(src="10.0.0.1", dst="10.0.0.2", id=0x4444) / UDP(sport=4000, dport=4001) / payload[:600]
    fr3 = fragment(dgram3, fragsize=512)
    f += [e4(fr3[0]), e4(fr3[0]), e4(fr3[1])]
    # 12-13. ID 0x4545: the second fragment overlaps the first with different bytes (conflict).
    dgram4 = IP(src="10.0.0.1", dst="10.0.0.2", id=0x4545, proto=253) / (b"A" * 32)
    first = IP(src="10.0.0.1", dst="10.0.0.2", id=0x4545, proto=253, flags="MF", frag=0) / (b"A" * 24)
    second = IP(src="10.0.0.1", dst="10.0.0.2", id=0x4545, proto=253, frag=2) / (b"B" * 16)
    f += [e4(first), e4(second)]
    # 14. A lone middle fragment of ID 0x4646 that never completes.
    f.append(e4(IP(src="10.0.0.1", dst="10.0.0.2", id=0x4646, proto=17, flags="MF", frag=10) / (b"z" * 40)))
    # 15-16. ICMP echo request fragmented in two (ICMP checksum over the reassembled message).
    big = IP(src="10.0.0.1", dst="10.0.0.3", id=0x4747) / ICMP(id=7, seq=1) / (b"p" * 100)
    f += [e4(x) for x in fragment(big, fragsize=64)]
    _ = dgram4
    return [fix(x) for x in f]


def ipv6_frames():
    f = []
    s, d = "2001:db8:1::1", "2001:db8:2::2"
    # 1. UDP, traffic class 0xb8 (EF), flow label 0x12345.
    f.append(e6(IPv6(src=s, dst=d, tc=0xb8, fl=0x12345, hlim=64) / UDP(sport=1000, dport=2000) / b"six"))
    # 2. Hop-by-hop with router alert (MLD) and padding, then ICMPv6 MLDv1 report.
    f.append(e6(IPv6(src="fe80::21b:21ff:fe3a:4c5e", dst="ff02::16", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")]) / ICMPv6MLReport(mladdr="ff02::1:3")))
    # 3. Hop-by-hop with a Pad1, an unknown option (0x3e experimental) and a Jumbo option while plen != 0.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrHopByHop(options=[Pad1(), HBHOptUnknown(otype=0x3e, optdata=b"\x01\x02"), Jumbo(jumboplen=70000)]) / UDP(sport=1, dport=2)))
    # 4. Routing type 0 with two addresses, segments left 1: Destination column shows the last address.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrRouting(type=0, segleft=1, addresses=["2001:db8:3::3", "2001:db8:4::4"]) / UDP(sport=1, dport=2)))
    # 5. Routing type 2 (Mobile IPv6) with a home address.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrRouting(type=2, segleft=1, addresses=["2001:db8:5::5"]) / UDP(sport=1, dport=2)))
    # 6. Segment routing header (type 4) with two segments.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrSegmentRouting(addresses=["2001:db8:7::7", "2001:db8:6::6"], segleft=1) / UDP(sport=1, dport=2)))
    # 7. Destination options with the Home Address option.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrDestOpt(options=[PadN(otype=1, optdata=b"\x00\x00"), HAO(hoa="2001:db8:9::9")]) / UDP(sport=1, dport=2)))
    # 8. Payload length 0 with UDP behind it (the TSO chat note; IPv6 TSO support is off by default).
    b = bytearray(fix(e6(IPv6(src=s, dst=d) / UDP(sport=1, dport=2) / b"tso!")))
    b[18:20] = b"\x00\x00"
    f.append(bytes(b))
    # 9. Payload length 100 but only 12 bytes follow: "IPv6 payload length exceeds framing length".
    b = bytearray(fix(e6(IPv6(src=s, dst=d, nh=253) / b"twelve bytes")))
    b[18:20] = struct.pack(">H", 100)
    f.append(bytes(b))
    # 10. Version 4 in an IPv6 frame.
    b = bytearray(fix(e6(IPv6(src=s, dst=d) / UDP(sport=1, dport=2))))
    b[14] = 0x40 | (b[14] & 0x0f)
    f.append(bytes(b))
    # 11. No next header (59).
    f.append(e6(IPv6(src=s, dst=d, nh=59) / b"ignored"))
    # 12. Unknown next header 253.
    f.append(e6(IPv6(src=s, dst=d, nh=253) / b"\x00\x01"))
    # 13. Addresses with embedded IPv4: 6to4 source, Teredo destination.
    f.append(e6(IPv6(src="2002:c000:204::1", dst="2001:0:4136:e378:8000:63bf:3fff:fdd2") / UDP(sport=1, dport=2)))
    # 14. ISATAP source, NAT64 well-known-prefix destination, SLAAC (EUI-64) both.
    f.append(e6(IPv6(src="fe80::5efe:c000:201", dst="64:ff9b::c000:221") / UDP(sport=1, dport=2)))
    f.append(e6(IPv6(src="fe80::21b:21ff:fe3a:4c5e", dst="fe80::faed:a5ff:fec0:a4f1") / UDP(sport=1, dport=2)))
    # 16. Hop-by-hop header that is not first (after a destination options header): error.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrDestOpt() / IPv6ExtHdrHopByHop() / UDP(sport=1, dport=2)))
    # 17. Jumbogram: plen 0, hop-by-hop with Jumbo 65600 (frame is short, so framing is exceeded).
    f.append(e6(IPv6(src=s, dst=d, plen=0) / IPv6ExtHdrHopByHop(options=[Jumbo(jumboplen=65600)]) / UDP(sport=1, dport=2)))
    # 18. plen 0 with hop-by-hop but no Jumbo option: "Invalid IPv6 payload length".
    f.append(e6(IPv6(src=s, dst=d, plen=0) / IPv6ExtHdrHopByHop(options=[PadN(otype=1, optdata=b"\x00\x00\x00\x00")]) / UDP(sport=1, dport=2)))
    # 19. IPv6 in IPv6 (next header 41).
    f.append(e6(IPv6(src=s, dst=d) / IPv6(src="2001:db8:a::1", dst="2001:db8:b::1") / UDP(sport=1, dport=2)))
    # 20. Router alert with a wrong length (3) in a hop-by-hop header.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrHopByHop(options=[HBHOptUnknown(otype=5, optdata=b"\x00\x00\x00"), PadN(otype=1, optdata=b"\x00")]) / UDP(sport=1, dport=2)))
    out = []
    for x in f:
        out.append(x if isinstance(x, (bytes, bytearray)) else fix(x))
    return out


def ipv6_frag_frames():
    f = []
    s, d = "2001:db8:1::1", "2001:db8:2::2"
    payload = bytes(range(256)) * 4
    pkt = IPv6(src=s, dst=d) / IPv6ExtHdrFragment(id=0x1234) / UDP(sport=4000, dport=4001) / payload
    from scapy.layers.inet6 import fragment6
    frs = fragment6(pkt, 400)
    # 1-n. In order: the last completes the datagram.
    f += [e6(x) for x in frs]
    # Out of order, ident 0x5678: last first.
    pkt2 = IPv6(src=s, dst=d) / IPv6ExtHdrFragment(id=0x5678) / UDP(sport=4000, dport=4001) / payload
    frs2 = fragment6(pkt2, 400)
    f += [e6(x) for x in reversed(frs2)]
    # Atomic fragment (offset 0, M=0): dissected in place.
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrFragment(id=0x9abc, m=0, offset=0) / UDP(sport=1, dport=2) / b"atomic"))
    # A lone last fragment that never completes (ident 0xdead).
    f.append(e6(IPv6(src=s, dst=d) / IPv6ExtHdrFragment(id=0xdead, m=0, offset=100, nh=17) / (b"q" * 24)))
    return [fix(x) for x in f]


def icmp_frames():
    f = []
    c, s = "192.168.1.10", "192.168.1.1"
    ts = struct.pack("<II", T0 + 1, 250000)  # little-endian timeval near the capture time
    # 1-2. Echo request/reply with a timestamp in the data: request, then its reply (request in 1).
    f.append(e4(IP(src=c, dst=s, ttl=64) / ICMP(type=8, id=0x43a8, seq=1) / (ts + bytes(range(48)))))
    f.append(e4(IP(src=s, dst=c, ttl=255) / ICMP(type=0, id=0x43a8, seq=1) / (ts + bytes(range(48))), dst=A, src=B))
    # 3. The same reply again: already answered, no match.
    f.append(e4(IP(src=s, dst=c, ttl=255) / ICMP(type=0, id=0x43a8, seq=1) / (ts + bytes(range(48))), dst=A, src=B))
    # 4. Echo request with text data (not a timestamp), and a reply that answers nothing.
    f.append(e4(IP(src=c, dst=s) / ICMP(type=8, id=1, seq=256) / b"abcdefghijklmnopqrstuvwabcdefghi"))
    f.append(e4(IP(src=s, dst=c) / ICMP(type=0, id=9, seq=9) / b"x"))
    # 6. Echo request to broadcast.
    f.append(e4(IP(src=c, dst="255.255.255.255") / ICMP(type=8, id=2, seq=1), dst="ff:ff:ff:ff:ff:ff"))
    # 7. Destination unreachable (port) quoting a UDP datagram.
    inner = IP(src=c, dst=s, ttl=64) / UDP(sport=33000, dport=53) / b"query-bytes"
    f.append(e4(IP(src=s, dst=c) / ICMP(type=3, code=3) / raw(inner)[:28]))
    # 8. Fragmentation needed with next-hop MTU 1400, quoting TCP.
    tin = IP(src=c, dst=s) / TCP(sport=40000, dport=80, flags="PA", seq=1000, ack=2000) / (b"G" * 40)
    f.append(e4(IP(src=s, dst=c) / ICMP(type=3, code=4, nexthopmtu=1400) / raw(tin)[:48]))
    # 9. Time exceeded in transit, RFC 4884 length (32 bytes of original datagram) + MPLS label stack extension.
    orig = raw(IP(src=c, dst="198.51.100.7", ttl=1) / UDP(sport=33434, dport=33435) / (b"\x00" * 100))[:128]
    ext = b"\x20\x00\x00\x00" + b"\x00\x08\x01\x01" + b"\x03\xe8\x01\x01"
    ext = ext[:2] + struct.pack(">H", 0) + ext[4:]
    msg = bytearray(b"\x0b\x00\x00\x00\x00\x20\x00\x00" + orig + ext)
    f.append(e4(IP(src=s, dst=c, proto=1) / Raw(bytes(msg))))
    # 10. Redirect for host with gateway 192.168.1.254, quoting a TCP header.
    f.append(e4(IP(src=s, dst=c) / ICMP(type=5, code=1, gw="192.168.1.254") / raw(tin)[:28]))
    # 11. Parameter problem, pointer 9, and source quench (deprecated).
    f.append(e4(IP(src=s, dst=c) / ICMP(type=12, code=0, ptr=9) / raw(inner)[:28]))
    f.append(e4(IP(src=s, dst=c) / ICMP(type=4) / raw(inner)[:28]))
    # 13-14. Timestamp request and reply.
    f.append(e4(IP(src=c, dst=s) / ICMP(type=13, id=5, seq=6, ts_ori=37200000, ts_rx=0, ts_tx=0)))
    f.append(e4(IP(src=s, dst=c) / ICMP(type=14, id=5, seq=6, ts_ori=37200000, ts_rx=37200010, ts_tx=37200011)))
    # 15-16. Address mask request and reply; information request.
    f.append(e4(IP(src=c, dst=s) / ICMP(type=17, id=3, seq=4, addr_mask="0.0.0.0")))
    f.append(e4(IP(src=s, dst=c) / ICMP(type=18, id=3, seq=4, addr_mask="255.255.255.0")))
    f.append(e4(IP(src=c, dst=s) / ICMP(type=15, id=3, seq=5)))
    # 18-19. Router advertisement (2 addresses, lifetime 1800 s) and solicitation.
    ra = b"\x09\x00\x00\x00\x02\x02\x07\x08" + bytes([192, 168, 1, 1]) + struct.pack(">i", 0) + bytes([192, 168, 1, 2]) + struct.pack(">i", -5)
    f.append(e4(IP(src=s, dst="224.0.0.1", ttl=1, proto=1) / Raw(ra)))
    f.append(e4(IP(src=c, dst="224.0.0.2", ttl=1) / ICMP(type=10)))
    # 20-21. Extended echo request/reply (RFC 8335) with an interface name object.
    eo = b"\x20\x00\x00\x00" + b"\x00\x08\x03\x01" + b"eth0"
    f.append(e4(IP(src=c, dst=s, proto=1) / Raw(b"\x2a\x00\x00\x00\x00\x01\x01\x00" + eo)))
    f.append(e4(IP(src=s, dst=c, proto=1) / Raw(b"\x2b\x00\x00\x00\x00\x01\x01\x46")))
    # 22. Unknown type 99 and a bad checksum echo request.
    f.append(e4(IP(src=c, dst=s) / ICMP(type=99, code=7) / b"???"))
    f.append(e4(IP(src=c, dst=s) / ICMP(type=8, id=1, seq=2, chksum=0x1234) / b"bad"))
    # 24. Error quoting only 8 bytes of TCP (ports and sequence).
    f.append(e4(IP(src=s, dst=c) / ICMP(type=3, code=1) / raw(tin)[:28]))
    # 25. Error quoting a datagram whose IP total length claims more than is quoted (normal for ICMP errors).
    f.append(e4(IP(src=s, dst=c) / ICMP(type=11, code=1) / raw(inner)[:20]))
    out = []
    for x in f:
        out.append(fix(x))
    # Compute the ICMP checksums Raw() left at zero (frames 9, 18, 20, 21).
    return [fix_icmp_checksum(x) for x in out]


def fix_icmp_checksum(frame):
    b = bytearray(frame)
    if b[12:14] != b"\x08\x00" or b[23] != 1:
        return frame
    ihl = (b[14] & 0x0f) * 4
    start = 14 + ihl
    if b[start + 2:start + 4] != b"\x00\x00" or b[start] in (8, 0) and False:
        return frame
    if b[start] not in (9, 11, 42, 43):
        return frame
    total = struct.unpack(">H", b[16:18])[0]
    msg = b[start:14 + total]
    ssum = 0
    for i in range(0, len(msg) - 1, 2):
        ssum += (msg[i] << 8) | msg[i + 1]
    if len(msg) % 2:
        ssum += msg[-1] << 8
    while ssum >> 16:
        ssum = (ssum & 0xffff) + (ssum >> 16)
    b[start + 2:start + 4] = struct.pack(">H", (~ssum) & 0xffff)
    return bytes(b)


def icmpv6_frames():
    f = []
    h, r = "2001:db8::10", "2001:db8::1"
    ll_h, ll_r = "fe80::21b:21ff:fe3a:4c5e", "fe80::faed:a5ff:fec0:a4f1"
    # 1-2. Echo request and reply.
    f.append(e6(IPv6(src=h, dst=r, hlim=64) / ICMPv6EchoRequest(id=0x1c2b, seq=1, data=b"ping6")))
    f.append(e6(IPv6(src=r, dst=h, hlim=63) / ICMPv6EchoReply(id=0x1c2b, seq=1, data=b"ping6"), dst=A, src=B))
    # 3. Echo request to all-nodes multicast.
    f.append(e6(IPv6(src=h, dst="ff02::1") / ICMPv6EchoRequest(id=1, seq=2), dst="33:33:00:00:00:01"))
    # 4. Destination unreachable (port) quoting UDP.
    inner = IPv6(src=h, dst=r) / UDP(sport=5000, dport=53) / b"dns?"
    f.append(e6(IPv6(src=r, dst=h) / ICMPv6DestUnreach(code=4) / raw(inner)))
    # 5. Packet too big (MTU 1280), time exceeded, parameter problem (pointer 6).
    f.append(e6(IPv6(src=r, dst=h) / ICMPv6PacketTooBig(mtu=1280) / raw(inner)))
    f.append(e6(IPv6(src=r, dst=h) / ICMPv6TimeExceeded(code=0) / raw(inner)))
    f.append(e6(IPv6(src=r, dst=h) / ICMPv6ParamProblem(code=1, ptr=6) / raw(inner)))
    # 8. Router solicitation with source link-layer address.
    f.append(e6(IPv6(src=ll_h, dst="ff02::2", hlim=255) / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=A), dst="33:33:00:00:00:02"))
    # 9. Router advertisement: M+O flags, prf high, SLLA, MTU, prefix, RDNSS, DNSSL, route info.
    ra = (IPv6(src=ll_r, dst="ff02::1", hlim=255) / ICMPv6ND_RA(M=1, O=1, prf=1, chlim=64, routerlifetime=1800, reachabletime=30000, retranstimer=1000)
          / ICMPv6NDOptSrcLLAddr(lladdr=B) / ICMPv6NDOptMTU(mtu=1500)
          / ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, validlifetime=0xffffffff, preferredlifetime=604800, prefix="2001:db8::")
          / ICMPv6NDOptRDNSS(lifetime=600, dns=["2001:db8::53", "2001:db8::54"])
          / ICMPv6NDOptDNSSL(lifetime=600, searchlist=["example.com.", "lab.example.org."])
          / ICMPv6NDOptRouteInfo(plen=48, prf=3, rtlifetime=900, prefix="2001:db8:100::"))
    f.append(e6(ra, dst="33:33:00:00:00:01", src=B))
    # 10. Neighbor solicitation (with SLLA) and advertisement (router, solicited, override, TLLA).
    f.append(e6(IPv6(src=ll_h, dst="ff02::1:ffc0:a4f1", hlim=255) / ICMPv6ND_NS(tgt=ll_r) / ICMPv6NDOptSrcLLAddr(lladdr=A), dst="33:33:ff:c0:a4:f1"))
    f.append(e6(IPv6(src=ll_r, dst=ll_h, hlim=255) / ICMPv6ND_NA(R=1, S=1, O=1, tgt=ll_r) / ICMPv6NDOptDstLLAddr(lladdr=B), dst=A, src=B))
    # 12. Duplicate address detection NS (unspecified source, no option) and an NA with no flags.
    f.append(e6(IPv6(src="::", dst="ff02::1:ff3a:4c5e", hlim=255) / ICMPv6ND_NS(tgt=ll_h), dst="33:33:ff:3a:4c:5e"))
    f.append(e6(IPv6(src=ll_r, dst="ff02::1", hlim=255) / ICMPv6ND_NA(R=0, S=0, O=0, tgt=ll_r), dst="33:33:00:00:00:01", src=B))
    # 14. Redirect with target link-layer and redirected header options.
    f.append(e6(IPv6(src=ll_r, dst=ll_h, hlim=255) / ICMPv6ND_Redirect(tgt="fe80::9", dst="2001:db8:99::1") / ICMPv6NDOptDstLLAddr(lladdr=B)
                / ICMPv6NDOptRedirectedHdr(pkt=raw(IPv6(src=h, dst="2001:db8:99::1") / UDP(sport=1, dport=2)))))
    # 15-17. MLDv1 query, report and done.
    f.append(e6(IPv6(src=ll_r, dst="ff02::1", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")]) / ICMPv6MLQuery(mrd=10000, mladdr="::")))
    f.append(e6(IPv6(src=ll_h, dst="ff02::1:3", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")]) / ICMPv6MLReport(mladdr="ff02::1:3")))
    f.append(e6(IPv6(src=ll_h, dst="ff02::2", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")]) / ICMPv6MLDone(mladdr="ff02::1:3")))
    # 18-19. MLDv2 query with two sources (large max response code) and a report with three records.
    f.append(e6(IPv6(src=ll_r, dst="ff02::1", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")])
                / ICMPv6MLQuery2(mrd=40000, mladdr="ff05::1:3", S=1, QRV=2, QQIC=200, sources=["2001:db8::a", "2001:db8::b"])))
    recs = [ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::fb"), ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::1:3", sources=["2001:db8::a"]),
            ICMPv6MLDMultAddrRec(rtype=6, dst="ff05::2", sources=["2001:db8::c", "2001:db8::d"])]
    f.append(e6(IPv6(src=ll_h, dst="ff02::16", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(otype=1, optdata=b"")]) / ICMPv6MLReport2(records=recs)))
    # 20. Echo request with a bad checksum.
    f.append(e6(IPv6(src=h, dst=r) / ICMPv6EchoRequest(id=5, seq=5, cksum=0xbeef)))
    # 21. RA with an unknown option type 200 and an option of length 0 (stops option parsing).
    rab = bytearray(raw(IPv6(src=ll_r, dst="ff02::1", hlim=255, nh=58) / ICMPv6ND_RA() / Raw(b"\xc8\x01abcdef" + b"\x05\x00\x00\x00")))
    f.append(Ether(dst="33:33:00:00:00:01", src=B, type=0x86dd) / Raw(bytes(fix_icmpv6_checksum(rab))))
    # 22. Node information query (type 139), decoded only as data here.
    nq = bytearray(raw(IPv6(src=h, dst=r, nh=58) / Raw(b"\x8b\x00\x00\x00\x00\x02\x00\x00" + bytes(8) + bytes.fromhex("20010db8000000000000000000000001"))))
    f.append(Ether(dst=B, src=A, type=0x86dd) / Raw(bytes(fix_icmpv6_checksum(nq))))
    return [fix(x) for x in f]


def fix_icmpv6_checksum(ipv6_bytes):
    b = bytearray(ipv6_bytes)
    plen = struct.unpack(">H", b[4:6])[0]
    msg = b[40:40 + plen]
    msg[2:4] = b"\x00\x00"
    ph = b[8:40] + struct.pack(">I", plen) + b"\x00\x00\x00\x3a"
    data = bytes(ph) + bytes(msg)
    ssum = 0
    for i in range(0, len(data) - 1, 2):
        ssum += (data[i] << 8) | data[i + 1]
    if len(data) % 2:
        ssum += data[-1] << 8
    while ssum >> 16:
        ssum = (ssum & 0xffff) + (ssum >> 16)
    b[42:44] = struct.pack(">H", (~ssum) & 0xffff)
    return b


def igmp_frames():
    f = []
    r, h = "10.0.0.1", "10.0.0.20"
    ra = [IPOption(b"\x94\x04\x00\x00")]
    # 1-2. IGMPv1 query (max resp 0) and v1 report.
    f.append(e4(IP(src=r, dst="224.0.0.1", ttl=1) / IGMP(type=0x11, mrcode=0, gaddr="0.0.0.0")))
    f.append(e4(IP(src=h, dst="224.5.6.7", ttl=1) / IGMP(type=0x12, gaddr="224.5.6.7")))
    # 3-6. IGMPv2 general and group-specific queries, report, leave.
    f.append(e4(IP(src=r, dst="224.0.0.1", ttl=1, options=ra) / IGMP(type=0x11, mrcode=100, gaddr="0.0.0.0")))
    f.append(e4(IP(src=r, dst="224.5.6.7", ttl=1, options=ra) / IGMP(type=0x11, mrcode=10, gaddr="224.5.6.7")))
    f.append(e4(IP(src=h, dst="224.5.6.7", ttl=1, options=ra) / IGMP(type=0x16, gaddr="224.5.6.7")))
    f.append(e4(IP(src=h, dst="224.0.0.2", ttl=1, options=ra) / IGMP(type=0x17, gaddr="224.5.6.7")))
    # 7-9. IGMPv3 general query, group-and-source query (2 sources, exponential max resp code), report.
    f.append(e4(IP(src=r, dst="224.0.0.1", ttl=1, options=ra) / IGMPv3(type=0x11, mrcode=100) / IGMPv3mq(gaddr="0.0.0.0", qrv=2, qqic=125)))
    f.append(e4(IP(src=r, dst="232.1.1.1", ttl=1, options=ra) / IGMPv3(type=0x11, mrcode=0x8a) / IGMPv3mq(gaddr="232.1.1.1", s=1, qrv=2, qqic=125, srcaddrs=["192.0.2.1", "192.0.2.2"])))
    recs = [IGMPv3gr(rtype=4, maddr="239.1.1.1"), IGMPv3gr(rtype=3, maddr="239.2.2.2"), IGMPv3gr(rtype=1, maddr="232.1.1.1", srcaddrs=["192.0.2.1"]),
            IGMPv3gr(rtype=2, maddr="239.3.3.3", srcaddrs=["192.0.2.7", "192.0.2.8"]), IGMPv3gr(rtype=5, maddr="232.1.1.2", srcaddrs=["192.0.2.3"]),
            IGMPv3gr(rtype=6, maddr="232.1.1.3", srcaddrs=["192.0.2.4", "192.0.2.5"])]
    f.append(e4(IP(src=h, dst="224.0.0.22", ttl=1, options=ra) / IGMPv3(type=0x22) / IGMPv3mr(records=recs)))
    # 10. IGMPv3 report with no records (" - General query").
    f.append(e4(IP(src=h, dst="224.0.0.22", ttl=1, options=ra) / IGMPv3(type=0x22) / IGMPv3mr(records=[])))
    # 11. Multicast traceroute query (24 bytes) and a response with one block.
    mt = b"\x1f\x10\x00\x00" + bytes([239, 1, 1, 1]) + bytes([192, 0, 2, 1]) + bytes([10, 0, 0, 20]) + bytes([10, 0, 0, 1]) + b"\x40\x00\x00\x2a"
    f.append(e4(IP(src=h, dst=r, proto=2) / Raw(igmp_sum(mt))))
    blk = struct.pack(">IIIIIII", 12345, 0x0a000001, 0x0a000101, 0x0a000202, 10, 20, 30) + b"\x03\x01\x58\x00"
    f.append(e4(IP(src=r, dst=h, proto=2) / Raw(igmp_sum(b"\x1e" + mt[1:] + blk))))
    # 13. Unknown IGMP type 0x99 and a v2 report with a bad checksum.
    f.append(e4(IP(src=h, dst=r, proto=2) / Raw(b"\x99\x00\x00\x00\x01\x02\x03\x04")))
    f.append(e4(IP(src=h, dst="224.5.6.7", ttl=1) / IGMP(type=0x16, gaddr="224.5.6.7", chksum=0x1111)))
    return [fix(x) for x in f]


def igmp_sum(b):
    b = bytearray(b)
    b[2:4] = b"\x00\x00"
    s = 0
    for i in range(0, len(b) - 1, 2):
        s += (b[i] << 8) | b[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    b[2:4] = struct.pack(">H", (~s) & 0xffff)
    return bytes(b)


def truncated_frames():
    """Frames cut by a 64-byte snap length at different depths: '[Packet size limited during capture]' where tshark says so."""
    f = []
    f.append((fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2) / (b"u" * 100))), 64))
    f.append((with_opts(e4(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2)), b"\x07\x27\x04" + bytes(36)), 40))
    f.append((fix(e6(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1, dport=2) / (b"v" * 100))), 30))
    f.append((fix(e6(IPv6(src="2001:db8::1", dst="2001:db8::2") / IPv6ExtHdrRouting(type=0, addresses=["2001:db8::3", "2001:db8::4"]) / UDP(sport=1, dport=2))), 64))
    f.append((fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(type=8, id=1, seq=1) / (b"w" * 100))), 50))
    f.append((fix(e6(IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(id=1, seq=1, data=b"x" * 100))), 60))
    f.append((fix(e4(IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(type=3, code=3) / raw(IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=1, dport=2)))), 40))
    f.append((fix(e4(IP(src="10.0.0.20", dst="224.0.0.22", ttl=1) / IGMPv3(type=0x22) / IGMPv3mr(records=[IGMPv3gr(rtype=4, maddr="239.1.1.1")]))), 44))
    # IPv6 header cut inside the destination address (48 bytes) and right after the source (38): tshark still shows
    # ipv6.src and puts it in the Source column; the Destination column keeps the Ethernet address.
    f.append((fix(e6(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1, dport=2))), 48))
    f.append((fix(e6(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1, dport=2))), 38))
    # ICMPv6 with no bytes at all (payload length 0, frame padded with non-zero bytes): tshark shows an empty
    # icmpv6 layer, the ICMPv6 Protocol column and [Malformed Packet].
    f.append(raw(e6(IPv6(src="fe80::1", dst="ff02::1", nh=58, plen=0, hlim=255))) + b"\x01\x02\x03\x04\x05\x06")
    return f


def main():
    os.makedirs(OUT, exist_ok=True)
    write_pcap("ipv4.pcap", ipv4_frames())
    write_pcap("ipv4-frag.pcap", ipv4_frag_frames())
    write_pcap("ipv6.pcap", ipv6_frames())
    write_pcap("ipv6-frag.pcap", ipv6_frag_frames())
    write_pcap("icmp.pcap", icmp_frames())
    write_pcap("icmpv6.pcap", icmpv6_frames())
    write_pcap("igmp.pcap", igmp_frames())
    write_pcap("truncated.pcap", truncated_frames(), snaplen=64)


if __name__ == "__main__":
    main()
