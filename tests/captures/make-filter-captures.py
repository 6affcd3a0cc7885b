#!/usr/bin/python3
"""Builds tests/captures/filters/filters.pcap: a few packets with varied fields for display-filter tests.

Frames:
 1  TCP SYN 172.17.96.143:59221 -> 172.17.96.243:4000 with MSS/WS/SACK_PERM/timestamps options
 2  TCP PSH/ACK 172.17.96.143:59221 -> 172.17.96.243:4000 carrying "POST /exhmedmx HTTP/1.1"
 3  UDP 10.0.0.1:53 -> 10.0.0.2:54321, DNS-looking payload
 4  ARP who-has 10.0.0.1 tell 10.0.0.2
 5  IPv6 UDP fe80::1 -> ff02::1 port 547
 6  ICMP echo request 192.168.1.1 -> 10.0.0.1, TTL 255
 7  802.1Q VLAN 10 priority 1 carrying IPv4/UDP
"""
import os
from scapy.all import Ether, IP, IPv6, TCP, UDP, ARP, ICMP, Dot1Q, Raw, wrpcap

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "filters", "filters.pcap")
os.makedirs(os.path.dirname(out), exist_ok=True)
opts = [("MSS", 1460), ("NOP", None), ("WScale", 0), ("NOP", None), ("NOP", None), ("Timestamp", (685169, 0)), ("SAckOK", b"")]
pkts = [
    Ether(dst="00:19:56:bb:8d:70", src="00:0b:ab:0e:e8:ec") / IP(src="172.17.96.143", dst="172.17.96.243", flags="DF", id=0x0df8) / TCP(sport=59221, dport=4000, flags="S", seq=1000, window=16384, options=opts),
    Ether(dst="00:19:56:bb:8d:70", src="00:0b:ab:0e:e8:ec") / IP(src="172.17.96.143", dst="172.17.96.243", flags="DF") / TCP(sport=59221, dport=4000, flags="PA", seq=1001, ack=2001) / Raw(b"POST /exhmedmx HTTP/1.1\r\nHost: x\r\n\r\n"),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IP(src="10.0.0.1", dst="10.0.0.2", ttl=64) / UDP(sport=53, dport=54321) / Raw(b"\x12\x34\x81\x80\x00\x01\x00\x00\x00\x00\x00\x00"),
    Ether(dst="ff:ff:ff:ff:ff:ff", src="78:31:c1:c6:3f:c2") / ARP(psrc="10.0.0.2", pdst="10.0.0.1", hwsrc="78:31:c1:c6:3f:c2"),
    Ether(dst="33:33:00:01:00:02", src="00:11:22:33:44:55") / IPv6(src="fe80::1", dst="ff02::1:2", hlim=1) / UDP(sport=546, dport=547) / Raw(b"\x01\x02\x03\x04"),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / IP(src="192.168.1.1", dst="10.0.0.1", ttl=255) / ICMP(id=0x43a8, seq=1) / Raw(bytes(range(32))),
    Ether(dst="00:11:22:33:44:55", src="66:55:44:33:22:11") / Dot1Q(vlan=10, prio=1) / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1234, dport=5678) / Raw(b"hello"),
]
for i, p in enumerate(pkts):
    p.time = 1259023909.119790 + i * 0.25
wrpcap(out, pkts)
print(out)
