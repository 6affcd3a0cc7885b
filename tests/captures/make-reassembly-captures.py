#!/usr/bin/python3
"""Makes the TCP reassembly test captures under tests/captures/reassembly/
(run: /usr/bin/python3 tests/captures/make-reassembly-captures.py).

The protocol on top is finger (RFC 1288, TCP port 79), which tshark 4.0 dissects with both kinds of TCP reassembly:
a query is reassembled until it ends with CRLF (DESEGMENT_ONE_MORE_SEGMENT), a response until the server's FIN
(DESEGMENT_UNTIL_FIN). Timestamps are exact (own pcap writer at the bottom). Client 192.168.20.1, server .2.

finger.pcap
  stream 0 (port 40001): handshake 1-3; query "ro" (4) + "ot\\r\\n" (6) reassembled in 6; response in three segments
           7, 8 and 10 (10 carries data and FIN) reassembled in 10 at the FIN; teardown 11-12.
  stream 1 (port 40002): one-segment query "alice\\r\\n" (16); response "No such user\\r\\n" (17), then an empty FIN
           (18) completes the response.
  stream 2 (port 40003): query in three segments, "a" (24), "b" (25), "b" again (26: a retransmission that sequence
           analysis calls a keep-alive), "c\\r\\n" (27) completes "abc\\r\\n".
  stream 3 (port 40004): query "bo" (32), then "b\\r\\n" one byte too far (33: gap, dissected on its own), then the
           missing "x" (34, out-of-order: completes the PDU but is not handed to finger, as tshark 4.0 does).
  stream 4 (port 40005): query (39); response 40, 41, a retransmission of 40 (42), 43, empty FIN 44.
  stream 5 (port 40006): the query's first segment cut by the snap length inside the payload (48): not reassembled;
           the next segment (49) is dissected on its own.
  stream 6 (port 40007): query (54); response 55, a FIN (56) after a missing segment, the missing bytes (57, out of
           order) complete the PDU.
  stream 7 (port 40008): the server speaks first (61, until FIN); query over two segments (62, 63); FIN with data (64).

follow.pcap (no dissector above TCP/UDP: ports 45100-46999)
  stream 0, TCP over IPv4 45100 -> 46100: handshake 1-3; "GET one\\r\\n" (4); 100 bytes of text and binary from the
           server (5); a client segment after a 5-byte gap (6), the missing bytes (7: out of order), a retransmission
           of 7 carrying 4 more bytes (8); server data (9), server data after a 20-byte gap never captured (10), the
           client's ACK past the gap (11: "[20 bytes missing in capture file]"), FIN/ACKs (12-14).
  stream 1, TCP over IPv6 45101 -> 46101: handshake 15-17, one exchange (18, 19).
  udp stream 0 45102 -> 46102 (IPv4): every byte value 0x00-0xff (20), "pong" (21), 200 bytes (22).
  udp stream 1 over IPv6 (23, 24).
"""
import os
import struct

from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Ether
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reassembly")

MAC_C, MAC_S = "02:00:00:00:00:01", "02:00:00:00:00:02"
CLI, SRV = "192.168.20.1", "192.168.20.2"
SP = 79


def seg(src, sport, dport, flags, seq, ack, payload=b"", win=64240):
    dst = SRV if src == CLI else CLI
    t = TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=win)
    p = Ether(src=MAC_C if src == CLI else MAC_S, dst=MAC_S if src == CLI else MAC_C) / IP(src=src, dst=dst) / t
    if payload:
        p = p / Raw(payload)
    return bytes(p)


class Conn:
    """One finger connection; tracks both sides' next sequence numbers."""

    def __init__(self, frames, t, cport, cisn=1000, sisn=5000):
        self.f, self.t, self.cp = frames, t, cport
        self.c, self.s = cisn, sisn

    def _add(self, data, cut=None):
        self.t += 0.001
        self.f.append((self.t, data, cut) if cut is not None else (self.t, data))

    def handshake(self):
        self._add(seg(CLI, self.cp, SP, "S", self.c, 0))
        self._add(seg(SRV, SP, self.cp, "SA", self.s, self.c + 1))
        self.c += 1
        self.s += 1
        self._add(seg(CLI, self.cp, SP, "A", self.c, self.s))

    def cli(self, data, flags="PA", seq=None, advance=True, cut=None):
        s = self.c if seq is None else seq
        self._add(seg(CLI, self.cp, SP, flags, s, self.s, data), cut)
        if advance and seq is None:
            self.c += len(data) + (1 if "F" in flags else 0)

    def srv(self, data, flags="PA", seq=None, advance=True):
        s = self.s if seq is None else seq
        self._add(seg(SRV, SP, self.cp, flags, s, self.c, data))
        if advance and seq is None:
            self.s += len(data) + (1 if "F" in flags else 0)

    def ack_from_cli(self):
        self._add(seg(CLI, self.cp, SP, "A", self.c, self.s))

    def ack_from_srv(self):
        self._add(seg(SRV, SP, self.cp, "A", self.s, self.c))


def finger_all():
    f = []
    c = Conn(f, 0.0, 40001)
    c.handshake()                       # 1-3
    c.cli(b"ro")                        # 4
    c.ack_from_srv()                    # 5
    c.cli(b"ot\r\n")                    # 6
    c.srv(b"Login: root\r\n")           # 7
    c.srv(b"Name: Root\r\n")            # 8
    c.ack_from_cli()                    # 9
    c.srv(b"Shell: /bin/sh\r\n", "FPA")  # 10
    c.cli(b"", "FA")                    # 11
    c.ack_from_srv()                    # 12

    c = Conn(f, 1.0, 40002)
    c.handshake()                       # 13-15
    c.cli(b"alice\r\n")                 # 16
    c.srv(b"No such user\r\n")          # 17
    c.srv(b"", "FA")                    # 18
    c.cli(b"", "FA")                    # 19
    c.ack_from_srv()                    # 20

    c = Conn(f, 2.0, 40003)
    c.handshake()                       # 21-23
    c.cli(b"a")                         # 24
    b_seq = c.c
    c.cli(b"b")                         # 25
    c.cli(b"b", seq=b_seq)              # 26: retransmission of 25
    c.cli(b"c\r\n")                     # 27: completes "abc\r\n"
    c.srv(b"", "FA")                    # 28

    c = Conn(f, 3.0, 40004)
    c.handshake()                       # 29-31
    c.cli(b"bo")                        # 32
    x_seq = c.c
    c.cli(b"b\r\n", seq=x_seq + 1)      # 33: out of order (gap of one byte)
    c.cli(b"x", seq=x_seq)              # 34: the missing byte
    c.c = x_seq + 4
    c.srv(b"", "FA")                    # 35

    c = Conn(f, 4.0, 40005)
    c.handshake()                       # 36-38
    c.cli(b"carol\r\n")                 # 39
    mid = c.s
    c.srv(b"Login: carol\r\n")          # 40
    c.srv(b"Directory: /home/carol\r\n")  # 41
    c.srv(b"Login: carol\r\n", seq=mid)  # 42: retransmission of 40
    c.srv(b"Shell: /bin/zsh\r\n")       # 43
    c.srv(b"", "FA")                    # 44

    c = Conn(f, 5.0, 40006)
    c.handshake()                       # 45-47
    c.cli(b"da", cut=54 + 1)            # 48: cut by the snap length inside the payload
    c.cli(b"ve\r\n")                    # 49
    c.srv(b"", "FA")                    # 50

    c = Conn(f, 6.0, 40007)
    c.handshake()                       # 51-53
    c.cli(b"erin\r\n")                  # 54
    gap = c.s
    c.srv(b"Login: erin\r\n")           # 55
    c.s += len(b"Plan: none\r\n")
    c.srv(b"", "FA")                    # 56: FIN with a gap before it
    c.srv(b"Plan: none\r\n", seq=gap + len(b"Login: erin\r\n"))  # 57: the missing bytes

    c = Conn(f, 7.0, 40008)
    c.handshake()                       # 58-60
    c.srv(b"Welcome\r\n")               # 61: server speaks first (until FIN)
    c.cli(b"frank")                     # 62
    c.cli(b"\r\n")                      # 63
    c.srv(b"bye\r\n", "FPA")            # 64
    return f


def follow():
    f = []
    t = [10.0]

    def add(p):
        t[0] += 0.001
        f.append((t[0], bytes(p)))

    def tcp4(src, sport, dport, flags, seq, ack, data=b""):
        dst = SRV if src == CLI else CLI
        p = Ether(src=MAC_C, dst=MAC_S) / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=64240)
        add(p / Raw(data) if data else p)

    C, S = 45100, 46100
    c, s = 100, 700
    tcp4(CLI, C, S, "S", c, 0)
    tcp4(SRV, S, C, "SA", s, c + 1)
    c, s = c + 1, s + 1
    tcp4(CLI, C, S, "A", c, s)
    tcp4(CLI, C, S, "PA", c, s, b"GET one\r\n")                                     # 4
    c += 9
    body = b"Line one\r\n" + bytes(range(0, 40)) + b"tail with a tab\tand \x7f DEL " + bytes(range(0xe0, 0xf0))
    body = body[:100].ljust(100, b"z")
    tcp4(SRV, S, C, "PA", s, c, body)                                              # 5
    s += 100
    tcp4(CLI, C, S, "PA", c + 5, s, b"second part")                                # 6: gap of 5
    tcp4(CLI, C, S, "PA", c, s, b"12345")                                          # 7
    tcp4(CLI, C, S, "PA", c, s, b"12345second partMORE")                           # 8
    c += 20
    tcp4(SRV, S, C, "PA", s, c, b"server data\n")                                  # 9
    s += 12
    tcp4(SRV, S, C, "PA", s + 20, c, b"after the gap\n")                           # 10
    tcp4(CLI, C, S, "A", c, s + 20 + 14)                                           # 11
    tcp4(CLI, C, S, "FA", c, s + 34)                                               # 12
    tcp4(SRV, S, C, "FA", s + 34, c + 1)                                           # 13
    tcp4(CLI, C, S, "A", c + 1, s + 35)                                            # 14

    A6, B6 = "fd00::1", "fd00::2"

    def tcp6(src, sport, dport, flags, seq, ack, data=b""):
        dst = B6 if src == A6 else A6
        p = Ether(src=MAC_C, dst=MAC_S) / IPv6(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=64240)
        add(p / Raw(data) if data else p)

    tcp6(A6, 45101, 46101, "S", 1, 0)
    tcp6(B6, 46101, 45101, "SA", 50, 2)
    tcp6(A6, 45101, 46101, "A", 2, 51)
    tcp6(A6, 45101, 46101, "PA", 2, 51, b"hello v6\n")                             # 18
    tcp6(B6, 46101, 45101, "PA", 51, 11, b"hi\n")                                  # 19

    add(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV) / UDP(sport=45102, dport=46102) / Raw(bytes(range(256))))  # 20
    add(Ether(src=MAC_S, dst=MAC_C) / IP(src=SRV, dst=CLI) / UDP(sport=46102, dport=45102) / Raw(b"pong"))             # 21
    add(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV) / UDP(sport=45102, dport=46102) / Raw(b"0123456789" * 20))  # 22
    add(Ether(src=MAC_C, dst=MAC_S) / IPv6(src=A6, dst=B6) / UDP(sport=45103, dport=46103) / Raw(b"v6 datagram"))     # 23
    add(Ether(src=MAC_S, dst=MAC_C) / IPv6(src=B6, dst=A6) / UDP(sport=46103, dport=45103) / Raw(b"reply"))           # 24
    return f


def write_pcap(name, frames, snaplen=262144):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 1))
        base = 1700000000
        for item in frames:
            ts, data = item[0], item[1]
            cut = item[2] if len(item) > 2 else None
            cap = data if cut is None else data[:cut]
            sec = int(ts)
            usec = int(round((ts - sec) * 1e6))
            fh.write(struct.pack("<IIII", base + sec, usec, len(cap), len(data)))
            fh.write(cap)


write_pcap("finger.pcap", finger_all())
write_pcap("follow.pcap", follow())
print("wrote", sorted(os.listdir(OUT)))
