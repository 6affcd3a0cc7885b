#!/usr/bin/env python3
"""PPPoE session, PPP and MPLS test captures for tests/Mako.Protocols.Tests/Tunnel (run from the repository root).

pppoe.pcap (Ethernet):
  1 PPPoE session, PPP IPv4, UDP 5000 -> 5001 "hello"
  2 PPPoE session, PPP IPv6, UDP
  3 PPPoE session, PPP LCP (0xc021) echo request: Mako has no LCP, so it is data with tshark's unknown wording
  4 PPPoE session whose payload length (10) is shorter than the frame: the rest is padding, not passed on
  5 PPPoE session whose payload length (200) is longer than the frame
  6 PPPoE session cut after 3 bytes of header (truncated)
ppp.pcap (LINKTYPE_PPP 9):
  1 ff 03 + IPv4 ICMP echo request
  2 no address/control, protocol 0x0021 + IPv4 UDP
  3 compressed 1-byte protocol 0x21 + IPv4 UDP
  4 unknown protocol 0x7e08
  5 PPP carrying MPLS (0x0281), one label, IPv4 UDP
  6 Cisco HDLC address 0x0f on the PPP link (tshark hands it to Cisco HDLC): IPv4 ICMP
  7 Cisco HDLC multicast address 0x8f: IPv6 UDP
chdlc.pcap (LINKTYPE_C_HDLC 104):
  1 IPv4 UDP
  2 unknown protocol 0x1234: data, Protocol column "0x1234"
  3 MPLS unicast (0x8847), one label, IPv4 UDP
  4 header cut after 3 bytes
mpls.pcap (Ethernet):
  1 one label (100704, TTL 1), IPv4 UDP
  2 two labels, IPv6 UDP
  3 label 0 (IPv4 Explicit-Null), IPv4 ICMP
  4 label stack without a bottom-of-stack bit, cut short
(Pseudowire payloads, which tshark finds heuristically after a first nibble of 0, are not dissected by Mako yet.)
"""
from scapy.all import Ether, IP, IPv6, UDP, ICMP, Raw, wrpcap, PcapWriter
import struct

MACS = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

def pppoes(payload, length=None, code=0, session=0x1b3d):
    body = bytes(payload)
    n = len(body) if length is None else length
    return bytes([0x11, code]) + struct.pack(">HH", session, n) + body

def eth(type_, payload):
    return Ether(type=type_, **MACS) / Raw(payload)

def mpls(label, ttl=64, bottom=True, exp=0):
    return struct.pack(">I", (label << 12) | (exp << 9) | (int(bottom) << 8) | ttl)

v4udp = IP(src="10.0.0.1", dst="10.0.0.2", id=1) / UDP(sport=5000, dport=5001) / Raw(b"hello")
v6udp = IPv6(src="fd00::1", dst="fd00::2") / UDP(sport=5002, dport=5003) / Raw(b"six")
v4icmp = IP(src="10.0.0.1", dst="10.0.0.3", id=2) / ICMP(id=7, seq=1) / Raw(b"ping")

pppoe = [
    eth(0x8864, pppoes(b"\x00\x21" + bytes(v4udp))),
    eth(0x8864, pppoes(b"\x00\x57" + bytes(v6udp))),
    eth(0x8864, pppoes(b"\xc0\x21" + bytes([9, 1, 0, 8]) + b"\x18\xdb\xdf\x4c")),
    eth(0x8864, pppoes(b"\xc0\x21" + bytes([9, 2, 0, 8]) + b"\x18\xdb\xdf\x4c" + b"\x00" * 20, length=10)),
    eth(0x8864, pppoes(b"\x00\x21" + bytes(v4udp), length=200)),
    eth(0x8864, bytes([0x11, 0x00, 0x1b])),
]
for i, p in enumerate(pppoe):
    p.time = 1700000000 + i
wrpcap("tests/captures/tunnel/pppoe.pcap", pppoe)

ppp = [
    b"\xff\x03\x00\x21" + bytes(v4icmp),
    b"\x00\x21" + bytes(v4udp),
    b"\x21" + bytes(v4udp),
    b"\x7e\x08" + b"\x01\x02\x03\x04",
    b"\xff\x03\x02\x81" + mpls(100704, ttl=1) + bytes(v4udp),
    b"\x0f\x00\x08\x00" + bytes(v4icmp),
    b"\x8f\x00\x86\xdd" + bytes(v6udp),
]
w = PcapWriter("tests/captures/tunnel/ppp.pcap", linktype=9, sync=True)
for i, p in enumerate(ppp):
    w.write_header(None) if i == 0 else None
    w.write_packet(p, sec=1700000100 + i, usec=0)
w.close()

chdlc = [
    b"\x0f\x00\x08\x00" + bytes(v4udp),
    b"\x0f\x00\x12\x34" + b"\x01\x02\x03\x04",
    b"\x8f\x00\x88\x47" + mpls(200, ttl=9) + bytes(v4udp),
    b"\x0f\x00\x08",
]
w = PcapWriter("tests/captures/tunnel/chdlc.pcap", linktype=104, sync=True)
for i, p in enumerate(chdlc):
    w.write_header(None) if i == 0 else None
    w.write_packet(p, sec=1700000200 + i, usec=0)
w.close()

mp = [
    eth(0x8847, mpls(100704, ttl=1) + bytes(v4udp)),
    eth(0x8847, mpls(16, bottom=False) + mpls(17, exp=5) + bytes(v6udp)),
    eth(0x8847, mpls(0) + bytes(v4icmp)),
    eth(0x8847, mpls(20, bottom=False) + mpls(21, bottom=False)[:2]),
]
for i, p in enumerate(mp):
    p.time = 1700000200 + i
wrpcap("tests/captures/tunnel/mpls.pcap", mp)
