#!/usr/bin/python3
"""Makes tests/captures/mail/imap-edge.pcap and imap-8bit.pcap: IMAP cases real clients rarely produce, crafted with scapy
(run: /usr/bin/python3 tests/captures/make-imap-edge-captures.py). Client 192.168.30.1, server .2 port 143;
timestamps exact (own pcap writer). Real sessions are recorded by make-imap-captures.py.

stream 0 (client port 40001)
   greeting cut in two segments ("* OK ... ready" + "\\r\\n": the line waits for its end, TCP reassembles it);
   two commands pipelined in one segment, answered in one segment (two tagged responses: both matched);
   LOGIN "bob" "secret" (quoted user name and password); "a4 s INBOX" ("s" is a prefix of SELECT: a folder);
   COPY 1:3 Trash (folder is the second argument); "a6 U FETCH 1 FLAGS" ("U" counts as UID); "a7 UID" alone;
   an empty line; a tagged line followed by an empty line in one segment (the tag is matched again);
   a "* 1 FETCH (FLAGS (\\Seen))" response without literal; a FETCH whose {n} literal spans three segments, the
   ")" and the tagged OK arriving last; "* 3 FETCH" whose "(" only comes in the next segment (one line item
   covering both lines); a response made only of untagged lines (Info shows the first bytes, as long as the last
   line); a literal size that is not a number ("{abc}": tshark waits for more until the end).
stream 1 (40002): STARTTLS answered "NO", then NOOP answered "OK" (tshark 4.0 still switches to TLS there),
   then bytes that are not text.
stream 2 (40003): the capture starts inside TLS: the client's first bytes are a TLS record (the heuristic).
stream 3 (40004): a response segment cut by the snap length in the middle of its line (not reassembled, not
   dissected), then a request without CR LF before the FIN.
stream 4 (40005): LOGIN without a password (tshark reads a string of length -2: "[Malformed Packet]").
imap-8bit.pcap, stream 0 (40006): bytes above 0x7f: a UTF-8 folder name, a Latin-1 user name and password, a UTF-8 response
   (tshark reads IMAP strings as ASCII: each such byte shows as U+FFFD; the Info column keeps UTF-8).
"""
import os
import struct

from scapy.layers.inet import IP, TCP
from scapy.layers.l2 import Ether
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")

MAC_C, MAC_S = "02:00:00:00:00:01", "02:00:00:00:00:02"
CLI, SRV = "192.168.30.1", "192.168.30.2"
SP = 143

LITERAL = (
    b"From: Dave <dave@example.net>\r\n"
    b"To: bob@example.org\r\n"
    b"Subject: Split literal\r\n"
    b"\r\n"
    b"First body line.\r\n"
    b"Second body line (with parentheses).\r\n"
)


def seg(src, sport, dport, flags, seq, ack, payload=b""):
    dst = SRV if src == CLI else CLI
    p = Ether(src=MAC_C if src == CLI else MAC_S, dst=MAC_S if src == CLI else MAC_C) / IP(src=src, dst=dst) / \
        TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=64240)
    if payload:
        p = p / Raw(payload)
    return bytes(p)


class Conn:
    """One connection; tracks both sides' next sequence numbers."""

    def __init__(self, frames, t, cport, cisn=1000, sisn=5000):
        self.f, self.t, self.cp = frames, t, cport
        self.c, self.s = cisn, sisn

    def _add(self, data, cut=None):
        self.t += 0.001
        self.f.append((self.t, data, cut))

    def handshake(self):
        self._add(seg(CLI, self.cp, SP, "S", self.c, 0))
        self._add(seg(SRV, SP, self.cp, "SA", self.s, self.c + 1))
        self.c += 1
        self.s += 1
        self._add(seg(CLI, self.cp, SP, "A", self.c, self.s))

    def cli(self, data, flags="PA", cut=None):
        self._add(seg(CLI, self.cp, SP, flags, self.c, self.s, data), cut)
        self.c += len(data) + (1 if "F" in flags else 0)

    def srv(self, data, flags="PA", cut=None):
        self._add(seg(SRV, SP, self.cp, flags, self.s, self.c, data), cut)
        self.s += len(data) + (1 if "F" in flags else 0)

    def close(self):
        self.cli(b"", "FA")
        self.srv(b"", "FA")
        self._add(seg(CLI, self.cp, SP, "A", self.c, self.s))


def edge():
    frames = []
    c = Conn(frames, 0.0, 40001)
    c.handshake()
    c.srv(b"* OK [CAPABILITY IMAP4rev1 LITERAL+] mako test server ready")
    c.srv(b"\r\n")
    c.cli(b"a1 CAPABILITY\r\na2 NOOP\r\n")
    c.srv(b"* CAPABILITY IMAP4rev1 LITERAL+\r\na1 OK CAPABILITY completed\r\na2 OK NOOP completed\r\n")
    c.cli(b'a3 LOGIN "bob" "secret"\r\n')
    c.srv(b"a3 OK LOGIN completed\r\n")
    c.cli(b"a4 s INBOX\r\n")
    c.srv(b"* 3 EXISTS\r\na4 OK [READ-WRITE] SELECT completed\r\n")
    c.cli(b"a5 COPY 1:3 Trash\r\n")
    c.cli(b"a6 U FETCH 1 FLAGS\r\n")
    c.cli(b"a7 UID\r\n")
    c.cli(b"\r\n")
    c.cli(b"a8 NOOP\r\n\r\n")
    c.srv(b"a8 OK NOOP completed\r\n")
    c.srv(b"* 1 FETCH (FLAGS (\\Seen))\r\n")
    lit = b"* 2 FETCH (FLAGS (\\Seen) BODY[] {%d}\r\n" % len(LITERAL) + LITERAL
    c.srv(lit[:50])
    c.srv(lit[50:120])
    c.srv(lit[120:])
    c.srv(b")\r\na9 OK FETCH completed\r\n")
    c.srv(b"* 3 FETCH\r\n")
    c.srv(b" (FLAGS (\\Answered))\r\n")
    c.srv(b"* 5 EXISTS\r\n* 2 RECENT\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n")
    c.srv(b"* 4 FETCH (BODY[] {abc}\r\nnot a size\r\n")
    c.close()

    c = Conn(frames, c.t + 0.1, 40002)
    c.handshake()
    c.srv(b"* OK ready\r\n")
    c.cli(b"b1 STARTTLS\r\n")
    c.srv(b"b1 NO [ALERT] TLS not available now\r\n")
    c.cli(b"b2 NOOP\r\n")
    c.srv(b"b2 OK NOOP completed\r\n")
    c.cli(b"\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00")
    c.close()

    c = Conn(frames, c.t + 0.1, 40003)
    c.handshake()
    c.cli(b"\x17\x03\x03\x00\x08\x01\x02\x03\x04\x05\x06\x07\x08")
    c.srv(b"\x17\x03\x03\x00\x04\xaa\xbb\xcc\xdd")
    c.close()

    c = Conn(frames, c.t + 0.1, 40004)
    c.handshake()
    c.srv(b"* OK ready\r\n")
    c.cli(b"d1 NOOP\r\n")
    c.srv(b"d1 OK NOOP completed, and this line is cut by the snap length\r\n", cut=54 + 20)
    c.cli(b"d2 LOGOUT")
    c.close()

    c = Conn(frames, c.t + 0.1, 40005)
    c.handshake()
    c.srv(b"* OK ready\r\n")
    c.cli(b"e1 LOGIN bob\r\n")
    c.srv(b"e1 BAD Missing password\r\n")
    c.close()
    return frames


def eight_bit():
    frames = []
    c = Conn(frames, 0.0, 40006)
    c.handshake()
    c.srv(b"* OK ready\r\n")
    c.cli('f1 SELECT "Entw\u00fcrfe"\r\n'.encode())
    c.srv('* LIST () "/" "Entw\u00fcrfe"\r\nf1 OK \u2713 done\r\n'.encode())
    c.cli(b'f2 LOGIN j\xf6rg "p\xe4ss"\r\n')
    c.srv(b"f2 OK welcome\r\n")
    c.close()
    return frames


def write_pcap(name, frames, snaplen=262144):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 1))
        base = 1700000000
        for ts, data, cut in frames:
            cap = data if cut is None else data[:cut]
            sec = int(ts)
            usec = int(round((ts - sec) * 1e6))
            fh.write(struct.pack("<IIII", base + sec, usec, len(cap), len(data)))
            fh.write(cap)


write_pcap("imap-edge.pcap", edge())
write_pcap("imap-8bit.pcap", eight_bit())
print("wrote imap-edge.pcap, imap-8bit.pcap in", OUT)
