#!/usr/bin/python3
"""Builds tests/captures/filters/filters.pcap: a few packets with varied fields for display-filter tests.

Frames:
 1  TCP SYN 172.17.96.143:59221 -> 172.17.96.243:4000 with MSS/WS/SACK_PERM/timestamps options
 2  TCP PSH/ACK 172.17.96.143:59221 -> 172.17.96.243:4000 carrying "-- POST /exhmedmx HTTP/1.1 --" (not HTTP, which Mako does not dissect yet)
 3  UDP 10.0.0.1:4321 -> 10.0.0.2:54321, DNS-looking payload on ports no dissector claims
 4  ARP who-has 10.0.0.1 tell 10.0.0.2
 5  IPv6 UDP fe80::1 -> ff02::1:2 ports 2546 -> 2547
 6  ICMP echo request 192.168.1.1 -> 10.0.0.1, TTL 255
 7  802.1Q VLAN 10 priority 1 carrying IPv4/UDP
 8  ICMP echo reply 10.0.0.1 -> 192.168.1.1 (answers frame 6)
 9  IPv4 first fragment (MF, offset 0) of a UDP datagram 10.1.1.1:7000 -> 10.1.1.2:7001
10  IPv4 last fragment (offset 16 bytes) of the same datagram: reassembled here
11  ICMP destination unreachable (port) 10.0.0.2 -> 10.0.0.1 quoting IPv4/UDP 10.0.0.1:1234 -> 10.0.0.2:5678
12  IPv6 TCP ACK 2001:db8::1:4444 -> 2001:db8::2:8888 with SACK blocks, carrying "USER anonymous"
13  IPv6 ICMPv6 echo request 2001:db8::1 -> 2001:db8::2
14  IPv4 UDP with a truncated header (3 bytes): malformed
15  IPv4 TCP RST 10.0.0.2:5678 -> 10.0.0.1:1234, TTL 1, ToS 0xb8
"""
import os
from scapy.all import Ether, IP, IPv6, TCP, UDP, ARP, ICMP, ICMPv6EchoRequest, Dot1Q, Raw, wrpcap

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "filters", "filters.pcap")
os.makedirs(os.path.dirname(out), exist_ok=True)
opts = [("MSS", 1460), ("NOP", None), ("WScale", 0), ("NOP", None), ("NOP", None), ("Timestamp", (685169, 0)), ("SAckOK", b"")]
pkts = [
    Ether(dst="00:19:56:bb:8d:70", src="00:0b:ab:0e:e8:ec") / IP(src="172.17.96.143", dst="172.17.96.243", flags="DF", id=0x0df8) / TCP(sport=59221, dport=4000, flags="S", seq=1000, window=16384, options=opts),
    Ether(dst="00:19:56:bb:8d:70", src="00:0b:ab:0e:e8:ec") / IP(src="172.17.96.143", dst="172.17.96.243", flags="DF") / TCP(sport=59221, dport=4000, flags="PA", seq=1001, ack=2001) / Raw(b"-- POST /exhmedmx HTTP/1.1 --"),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IP(src="10.0.0.1", dst="10.0.0.2", ttl=64) / UDP(sport=4321, dport=54321) / Raw(b"\x12\x34\x81\x80\x00\x01\x00\x00\x00\x00\x00\x00"),
    Ether(dst="ff:ff:ff:ff:ff:ff", src="78:31:c1:c6:3f:c2") / ARP(psrc="10.0.0.2", pdst="10.0.0.1", hwsrc="78:31:c1:c6:3f:c2"),
    Ether(dst="33:33:00:01:00:02", src="00:11:22:33:44:55") / IPv6(src="fe80::1", dst="ff02::1:2", hlim=1) / UDP(sport=2546, dport=2547) / Raw(b"\x01\x02\x03\x04"),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IP(src="192.168.1.1", dst="10.0.0.1", ttl=255) / ICMP(id=0x43a8, seq=1) / Raw(bytes(range(32))),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / Dot1Q(vlan=10, prio=1) / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1234, dport=5678) / Raw(b"hello"),
    Ether(dst="66:55:44:33:22:11", src="00:11:22:33:44:55") / IP(src="10.0.0.1", dst="192.168.1.1", ttl=64) / ICMP(type=0, id=0x43a8, seq=1) / Raw(bytes(range(32))),
]
e = Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11")
dgram = UDP(sport=7000, dport=7001) / Raw(b"fragmented-payload-0123456789")
raw = bytes(dgram)
raw = raw[:6] + b"\x00\x00" + raw[8:]  # no UDP checksum, so scapy keeps the bytes as given
pkts.append(e / IP(src="10.1.1.1", dst="10.1.1.2", id=0x1234, flags="MF", frag=0, proto=17) / Raw(raw[:16]))
pkts.append(e / IP(src="10.1.1.1", dst="10.1.1.2", id=0x1234, flags=0, frag=2, proto=17) / Raw(raw[16:]))
quoted = IP(src="10.0.0.1", dst="10.0.0.2", ttl=63) / UDP(sport=1234, dport=5678) / Raw(b"hello")
pkts.append(e / IP(src="10.0.0.2", dst="10.0.0.1") / ICMP(type=3, code=3) / Raw(bytes(quoted)))
pkts.append(Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IPv6(src="2001:db8::1", dst="2001:db8::2")
            / TCP(sport=4444, dport=8888, flags="A", seq=5000, ack=6000, options=[("NOP", None), ("NOP", None), ("SAck", (100, 200, 300, 400))])
            / Raw(b"USER anonymous\r\n"))
pkts.append(Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(id=7, seq=9, data=b"ping"))
pkts.append(e / IP(src="10.0.0.5", dst="10.0.0.6", proto=17) / Raw(b"\x00\x35\x00"))
pkts.append(Ether(dst="66:55:44:33:22:11", src="00:11:22:33:44:55") / IP(src="10.0.0.2", dst="10.0.0.1", ttl=1, tos=0xb8) / TCP(sport=5678, dport=1234, flags="R", seq=77, window=0))
for i, p in enumerate(pkts):
    p.time = 1259023909.119790 + i * 0.25
wrpcap(out, pkts)
print(out)
