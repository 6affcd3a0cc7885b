#!/usr/bin/python3
"""Makes the statistics test captures under tests/captures/stats/ (run: /usr/bin/python3 tests/captures/make-stats-captures.py).

The expected `-z conv,...` / `-z endpoints,...` reports are tshark 4.0's, recorded into
tests/Mako.Cli.Tests/Stats/Expected/ by tests/Mako.Cli.Tests/Stats/record-expected.py.

conv.pcap (timestamps from 1700000000 s, microseconds):
   1-3   TCP handshake 10.0.0.1:45001 -> 10.0.0.2:80 (client MAC in Cisco's OUI 00:00:0c, server in Intel's 00:1b:21)
   4     client data, 500 bytes
   5-24  server data: 20 frames whose wire length is 65535 (only 134 bytes captured: the TCP header is whole, so
         they count, with their wire length) - pushes byte counts into "kB" and "MB"
   25    client ACK stamped 5 ms *before* frame 1: moves the conversation's start back (relative start < 0)
   26-27 DNS query/response 10.0.0.1:53000 <-> 10.0.0.53:53 (port names with -N t: "domain")
   28-29 UDP with equal ports 5000 <-> 5000, first from the higher address
   30-32 IPv6 TCP 2001:db8::1:45100 -> 2001:db8::2:443 (SYN, SYN/ACK, data)
   33-34 IPv6 UDP fe80::1:546 -> ff02::1:2:547 (DHCPv6 ports) and a reply from fe80::2
   35    ICMP port unreachable from 10.0.0.2 quoting IPv4+UDP 10.0.0.1:40000 -> 10.0.0.2:33434 (a second IPv4 and a
         UDP header inside the error)
   36    ICMP unreachable quoting IPv4 + only 8 bytes of TCP (tshark's TCP tap never runs: the header is cut)
   37    TCP header cut by the snap length after 16 bytes (no TCP tap)
   38    TCP SYN whose options are cut by the snap length (no TCP tap: tshark checks the options are captured)
   39    TCP header length 16 (bogus: no TCP tap)
   40    UDP length 6 (< 8: no UDP tap)
   41    802.1Q VLAN 100 frame carrying IPv4/UDP 10.0.0.7:6000 -> 10.0.0.8:6001
   42    IP-in-IP: 192.0.2.1 -> 192.0.2.2 carrying 10.0.0.1 -> 10.0.0.2 UDP (two IPv4 conversations, UDP on the inner)
   43-44 TCP port reuse: a new SYN with another ISN on 10.0.0.1:45001 -> 10.0.0.2:80 (a new stream, a new row)
   45    TCP to itself 10.0.0.9:7000 -> 10.0.0.9:7000
   46    ARP request to the broadcast MAC (Ethernet only; "Broadcast" when MACs are resolved)
   47    IPv4 non-first fragment of a UDP datagram (IPv4 counts, no UDP header)
   48    IPv4/UDP to a multicast MAC 01:00:5e:00:00:fb (IPv4mcast_fb)
"""
import os
import struct

from scapy.layers.inet import IP, TCP, UDP, ICMP
from scapy.layers.l2 import Ether, Dot1Q, ARP
from scapy.layers.inet6 import IPv6
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats")

MAC_A, MAC_B, MAC_C = "00:00:0c:11:22:33", "00:1b:21:aa:bb:cc", "02:00:00:00:00:03"
A, B, DNS = "10.0.0.1", "10.0.0.2", "10.0.0.53"
BIN = bytes(range(0x80, 0x80 + 64))  # binary payload: no text heuristics claim it


def eth(src, dst, payload, type_=None):
    e = Ether(src=src, dst=dst)
    if type_ is not None:
        e.type = type_
    return bytes(e / payload)


def conv():
    f = []
    t = 1.0
    f.append((t, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45001, dport=80, flags="S", seq=1000))))
    f.append((t + 0.010, eth(MAC_B, MAC_A, IP(src=B, dst=A) / TCP(sport=80, dport=45001, flags="SA", seq=5000, ack=1001))))
    f.append((t + 0.020, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45001, dport=80, flags="A", seq=1001, ack=5001))))
    f.append((t + 0.030, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45001, dport=80, flags="PA", seq=1001, ack=5001) / Raw(bytes(500)))))
    seq = 5001
    for i in range(20):
        # The IPv4 total length claims the whole 65521-byte datagram; only 134 bytes are captured.
        pl = 65535 - 14 - 20 - 20
        ip = IP(src=B, dst=A, len=65535 - 14) / TCP(sport=80, dport=45001, flags="A", seq=seq, ack=1501)
        hdr = bytes(Ether(src=MAC_B, dst=MAC_A) / ip)
        data = hdr + bytes(pl)
        f.append((t + 0.040 + i * 0.001, data, 134))
        seq += pl
    f.append((t - 0.005, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45001, dport=80, flags="A", seq=1501, ack=seq))))
    # DNS
    f.append((t + 0.100, eth(MAC_A, MAC_B, IP(src=A, dst=DNS) / UDP(sport=53000, dport=53) / Raw(bytes.fromhex("12340100000100000000000003777777076578616d706c6503636f6d0000010001")))))
    f.append((t + 0.150, eth(MAC_B, MAC_A, IP(src=DNS, dst=A) / UDP(sport=53, dport=53000) / Raw(bytes.fromhex("12348180000100010000000003777777076578616d706c6503636f6d0000010001c00c000100010000003c00045db8d822")))))
    # Equal ports, the first packet from the higher address.
    f.append((t + 0.200, eth(MAC_B, MAC_A, IP(src="10.0.0.20", dst="10.0.0.10") / UDP(sport=5000, dport=5000) / Raw(BIN[:10]))))
    f.append((t + 0.210, eth(MAC_A, MAC_B, IP(src="10.0.0.10", dst="10.0.0.20") / UDP(sport=5000, dport=5000) / Raw(BIN[:20]))))
    # IPv6 TCP and UDP
    f.append((t + 0.300, eth(MAC_A, MAC_B, IPv6(src="2001:db8::1", dst="2001:db8::2") / TCP(sport=45100, dport=443, flags="S", seq=1))))
    f.append((t + 0.310, eth(MAC_B, MAC_A, IPv6(src="2001:db8::2", dst="2001:db8::1") / TCP(sport=443, dport=45100, flags="SA", seq=9, ack=2))))
    f.append((t + 0.320, eth(MAC_A, MAC_B, IPv6(src="2001:db8::1", dst="2001:db8::2") / TCP(sport=45100, dport=443, flags="PA", seq=2, ack=10) / Raw(BIN))))
    f.append((t + 0.400, eth(MAC_A, "33:33:00:01:00:02", IPv6(src="fe80::1", dst="ff02::1:2") / UDP(sport=546, dport=547) / Raw(BIN[:8]))))
    f.append((t + 0.410, eth(MAC_B, MAC_A, IPv6(src="fe80::2", dst="fe80::1") / UDP(sport=547, dport=546) / Raw(BIN[:12]))))
    # ICMP errors
    inner_udp = bytes(IP(src=A, dst=B, ttl=1) / UDP(sport=40000, dport=33434) / Raw(BIN[:12]))
    f.append((t + 0.500, eth(MAC_B, MAC_A, IP(src=B, dst=A) / ICMP(type=3, code=3) / Raw(inner_udp))))
    inner_tcp = bytes(IP(src=A, dst=B) / TCP(sport=45002, dport=81, flags="S", seq=7))[:28]
    f.append((t + 0.510, eth(MAC_B, MAC_A, IP(src=B, dst=A) / ICMP(type=3, code=1) / Raw(inner_tcp))))
    # Broken TCP headers
    d = eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45003, dport=82, flags="A", seq=1, ack=1))
    f.append((t + 0.600, d, 14 + 20 + 16))
    d = eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45004, dport=83, flags="S", seq=1, options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)]))
    f.append((t + 0.610, d, 14 + 20 + 26))
    f.append((t + 0.620, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45005, dport=84, flags="A", seq=1, ack=1, dataofs=4))))
    f.append((t + 0.630, eth(MAC_A, MAC_B, IP(src=A, dst=B) / UDP(sport=45006, dport=46006, len=6) / Raw(BIN[:4]))))
    # VLAN, IP-in-IP
    f.append((t + 0.700, eth(MAC_C, MAC_B, Dot1Q(vlan=100) / IP(src="10.0.0.7", dst="10.0.0.8") / UDP(sport=6000, dport=6001) / Raw(BIN[:16]))))
    f.append((t + 0.710, eth(MAC_A, MAC_B, IP(src="192.0.2.1", dst="192.0.2.2") / IP(src=A, dst=B) / UDP(sport=45007, dport=46007) / Raw(BIN[:16]))))
    # Port reuse: same four-tuple as frames 1-25, a new ISN.
    f.append((t + 0.800, eth(MAC_A, MAC_B, IP(src=A, dst=B) / TCP(sport=45001, dport=80, flags="S", seq=777777))))
    f.append((t + 0.810, eth(MAC_B, MAC_A, IP(src=B, dst=A) / TCP(sport=80, dport=45001, flags="SA", seq=888888, ack=777778))))
    # To itself, ARP broadcast, a non-first fragment, IPv4 multicast.
    f.append((t + 0.900, eth(MAC_C, MAC_C, IP(src="10.0.0.9", dst="10.0.0.9") / TCP(sport=7000, dport=7000, flags="A", seq=1, ack=1))))
    f.append((t + 0.910, eth(MAC_A, "ff:ff:ff:ff:ff:ff", ARP(op=1, hwsrc=MAC_A, psrc=A, pdst="10.0.0.99"))))
    f.append((t + 0.920, eth(MAC_A, MAC_B, IP(src=A, dst=B, proto=17, frag=185, id=4242) / Raw(BIN[:40]))))
    f.append((t + 0.930, eth(MAC_A, "01:00:5e:00:00:fb", IP(src=A, dst="224.0.0.251", ttl=255) / UDP(sport=5353, dport=5353) / Raw(BIN[:12]))))
    return f


def write_pcap(name, frames):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        base = 1700000000
        for item in frames:
            ts, data = item[0], item[1]
            cut = item[2] if len(item) > 2 else None
            cap = data if cut is None else data[:cut]
            sec = int(ts // 1)
            usec = int(round((ts - sec) * 1e6))
            if usec == 1000000:
                sec, usec = sec + 1, 0
            fh.write(struct.pack("<IIII", base + sec, usec, len(cap), len(data)))
            fh.write(cap)


write_pcap("conv.pcap", conv())
print("wrote", sorted(os.listdir(OUT)))
