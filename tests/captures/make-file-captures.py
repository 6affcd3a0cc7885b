#!/usr/bin/python3
"""Makes the small captures under tests/captures/files/ that exercise the capture file formats.

Run from anywhere:  /usr/bin/python3 tests/captures/make-file-captures.py
Output is deterministic (fixed timestamps, no randomness), so re-running rewrites identical bytes.

Packets (built with scapy, used by every file unless said otherwise):
  1  Ethernet/IPv4/UDP  192.168.1.10:53001 -> 192.168.1.1:53   DNS query A example.com
  2  Ethernet/IPv4/UDP  192.168.1.1:53 -> 192.168.1.10:53001   DNS response example.com A 93.184.216.34
  3  Ethernet/IPv4/TCP  192.168.1.10:40000 -> 93.184.216.34:80 SYN
  4  Ethernet/IPv4/TCP  93.184.216.34:80 -> 192.168.1.10:40000 SYN/ACK
  5  Ethernet/IPv4/TCP  192.168.1.10:40000 -> 93.184.216.34:80 ACK
  6  Ethernet/IPv4/TCP  192.168.1.10:40000 -> 93.184.216.34:80 PSH/ACK "GET / HTTP/1.1" request
  7  Ethernet/IPv4/ICMP 192.168.1.10 -> 192.168.1.1 echo request
  8  Ethernet/IPv4/ICMP 192.168.1.1 -> 192.168.1.10 echo reply

Files (pcapng blocks are packed by hand with struct: scapy cannot write NRB, ISB, DSB, SPB, PB or custom blocks):
  basic.pcapng            the README's first capture: SHB with a comment, two IDBs (eth0 Ethernet us, lo Linux SLL ns),
                          the 8 packets as EPBs (packet 3 has a comment, 6 has flags=inbound), an NRB and an ISB per IDB
  basic.pcap              the 8 packets, classic pcap, microseconds, little-endian
  basic-ns-be.pcap        the same, nanosecond magic, big-endian
  modified.pcap           the same, Kuznetzov a1b2cd34 format with 24-byte record headers
  basic-be.pcapng         big-endian pcapng, one interface with if_tsresol=2^-20 and if_tsoffset=1000000000
  sections.pcapng         three sections (LE, BE, LE), one interface each, packets 1-3 / 4-6 / 7-8
  spb-pb.pcapng           packets 1-4 as Simple Packet Blocks (snaplen 64 cuts them), 5-8 as obsolete Packet Blocks
  blocks.pcapng           a DSB (TLS key log), a custom block 0x00000BAD, a custom block 0x40000BAD and an unknown
                          block type 0x12345678 between packets; EPBs with dropcount, packetid, queue, hash, custom options
  basic.pcapng.gz         basic.pcapng, gzip-compressed (detected by content)
Hostile files (what lies, and what a reader must do):
  cut-short.pcap          basic.pcap cut 10 bytes into packet 8's data: 7 packets, then "cut short in the middle of a packet"
  cut-short.pcapng        basic.pcapng cut in the middle of packet 8's EPB: 7 packets, then cut short
  huge-caplen.pcap        packet 5's incl_len says 0xFFFFFFFF: 4 packets, then "pcap: File has 4294967295-byte packet,
                          bigger than maximum of 262144" (corrupt); nothing of that size may be allocated
  bad-trailer.pcapng      packet 2's EPB trailing length differs from its leading one: 1 packet, then corrupt
  option-overrun.pcapng   packet 2's EPB comment option claims 200 bytes: 1 packet, then "Not enough data to handle option"
  huge-block.pcapng       a block claiming 0x7FFFFFF0 bytes after packet 1: 1 packet, then "too large" (corrupt)
  garbage.bin             text: "isn't a capture file in a format ... understands"
"""
import gzip
import os
import struct

from scapy.all import DNS, DNSQR, DNSRR, ICMP, IP, TCP, UDP, Ether, Raw, raw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
T0 = 1_700_000_000  # 2023-11-14 22:13:20 UTC

CLIENT_MAC, ROUTER_MAC = "02:00:00:00:00:0a", "02:00:00:00:00:01"
CLIENT, ROUTER, SERVER = "192.168.1.10", "192.168.1.1", "93.184.216.34"


def packets():
    out, inn = Ether(src=CLIENT_MAC, dst=ROUTER_MAC), Ether(src=ROUTER_MAC, dst=CLIENT_MAC)
    get = b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
    return [raw(p) for p in [
        out / IP(src=CLIENT, dst=ROUTER, id=1) / UDP(sport=53001, dport=53) / DNS(id=0x1234, rd=1, qd=DNSQR(qname="example.com")),
        inn / IP(src=ROUTER, dst=CLIENT, id=2) / UDP(sport=53, dport=53001) / DNS(id=0x1234, qr=1, ra=1, rd=1, qd=DNSQR(qname="example.com"),
                                                                                an=DNSRR(rrname="example.com", rdata=SERVER, ttl=300)),
        out / IP(src=CLIENT, dst=SERVER, id=3) / TCP(sport=40000, dport=80, flags="S", seq=1000, window=64240),
        inn / IP(src=SERVER, dst=CLIENT, id=4) / TCP(sport=80, dport=40000, flags="SA", seq=5000, ack=1001, window=65535),
        out / IP(src=CLIENT, dst=SERVER, id=5) / TCP(sport=40000, dport=80, flags="A", seq=1001, ack=5001, window=64240),
        out / IP(src=CLIENT, dst=SERVER, id=6) / TCP(sport=40000, dport=80, flags="PA", seq=1001, ack=5001, window=64240) / Raw(get),
        out / IP(src=CLIENT, dst=ROUTER, id=7) / ICMP(type=8, id=1, seq=1) / Raw(b"mako-ping"),
        inn / IP(src=ROUTER, dst=CLIENT, id=8) / ICMP(type=0, id=1, seq=1) / Raw(b"mako-ping"),
    ]]


PKTS = packets()
TIMES_NS = [(T0 + i // 2) * 1_000_000_000 + (i * 123_456_789) % 1_000_000_000 for i in range(len(PKTS))]


# ---- classic pcap ----------------------------------------------------------------------------------------------
def pcap(magic=0xA1B2C3D4, endian="<", nano=False, modified=False, network=1, lengths=None):
    b = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 262144, network)
    for i, (p, ns) in enumerate(zip(PKTS, TIMES_NS)):
        sec, frac = divmod(ns, 1_000_000_000)
        frac = frac if nano else frac // 1000
        caplen = lengths[i] if lengths and i in lengths else len(p)
        b += struct.pack(endian + "IIII", sec, frac, caplen, len(p))
        if modified:
            b += struct.pack(endian + "IHBB", 2, 0x0800, 0 if i % 2 == 0 else 4, 0)
        b += p
    return b


# ---- pcapng ----------------------------------------------------------------------------------------------------
def pad(b):
    return b + b"\0" * (-len(b) % 4)


def opt(e, code, value):
    return struct.pack(e + "HH", code, len(value)) + pad(value)


def opts(e, *items):
    return b"".join(opt(e, c, v) for c, v in items) + (struct.pack(e + "HH", 0, 0) if items else b"")


def block(e, btype, body):
    body = pad(body)
    n = len(body) + 12
    return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)


def shb(e, *options):
    return block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1) + opts(e, *options))


def idb(e, linktype, snaplen, *options):
    return block(e, 1, struct.pack(e + "HHI", linktype, 0, snaplen) + opts(e, *options))


def epb(e, ifid, ts_units, data, *options, origlen=None):
    hdr = struct.pack(e + "IIIII", ifid, ts_units >> 32, ts_units & 0xFFFFFFFF, len(data), origlen or len(data))
    return block(e, 6, hdr + pad(data) + opts(e, *options))


def ts(e, units):
    return struct.pack(e + "II", units >> 32, units & 0xFFFFFFFF)


def sll(eth):
    # Linux cooked v1 header for an outgoing packet (type 4), ARPHRD_ETHER, 6-byte address, then the IP packet.
    return struct.pack(">HHH8sH", 4, 1, 6, bytes.fromhex("02000000000a") + b"\0\0", 0x0800) + eth[14:]


def basic_pcapng():
    e = "<"
    b = shb(e, (1, b"Mako test capture: DNS, HTTP and ping"), (4, b"make-file-captures.py"))
    b += idb(e, 1, 262144, (2, b"eth0"), (3, b"Ethernet uplink"), (9, b"\x06"), (12, b"Linux"))
    b += idb(e, 113, 262144, (2, b"lo"), (9, b"\x09"))
    for i, (p, ns) in enumerate(zip(PKTS, TIMES_NS)):
        o = []
        if i == 2:
            o.append((1, b"TCP handshake starts here"))
        if i == 5:
            o.append((2, struct.pack(e + "I", 0x00000001)))  # inbound
        if i < 6:
            b += epb(e, 0, ns // 1000, p, *o)
        else:
            b += epb(e, 1, ns, sll(p), *o)
    nrb = b""
    for addr, name in ((ROUTER, b"router.lan"), (SERVER, b"example.com")):
        v = bytes(int(x) for x in addr.split(".")) + name + b"\0"
        nrb += struct.pack(e + "HH", 1, len(v)) + pad(v)
    b += block(e, 4, nrb + struct.pack(e + "HH", 0, 0))
    end_us = (T0 + 4) * 1_000_000
    b += block(e, 5, struct.pack(e + "I", 0) + ts(e, end_us) + opts(e, (2, ts(e, T0 * 1_000_000)), (3, ts(e, end_us)), (4, struct.pack(e + "Q", 6)), (5, struct.pack(e + "Q", 0))))
    b += block(e, 5, struct.pack(e + "I", 1) + ts(e, end_us * 1000) + opts(e, (4, struct.pack(e + "Q", 2)), (5, struct.pack(e + "Q", 0))))
    return b


def be_pcapng():
    e = ">"
    b = shb(e) + idb(e, 1, 0, (9, bytes([0x80 | 20])), (14, struct.pack(e + "q", 1_000_000_000)))
    for p, ns in zip(PKTS, TIMES_NS):
        units = ((ns - 1_000_000_000 * 1_000_000_000) << 20) // 1_000_000_000
        b += epb(e, 0, units, p)
    return b


def sections_pcapng():
    b = b""
    for e, idx in (("<", range(0, 3)), (">", range(3, 6)), ("<", range(6, 8))):
        b += shb(e, (1, b"section")) + idb(e, 1, 0)
        for i in idx:
            b += epb(e, 0, TIMES_NS[i] // 1000, PKTS[i])
    return b


def spb_pb_pcapng():
    e = "<"
    b = shb(e) + idb(e, 1, 64)
    for p in PKTS[:4]:
        b += block(e, 3, struct.pack(e + "I", len(p)) + p[:64])
    for p, ns in zip(PKTS[4:], TIMES_NS[4:]):
        us = ns // 1000
        b += block(e, 2, struct.pack(e + "HHIIII", 0, 0, us >> 32, us & 0xFFFFFFFF, len(p), len(p)) + pad(p) + opts(e, (2, struct.pack(e + "I", 2))))
    return b


def blocks_pcapng():
    e = "<"
    b = shb(e) + idb(e, 1, 0)
    keylog = b"CLIENT_RANDOM " + b"00" * 32 + b" " + b"11" * 48 + b"\n"
    for i, (p, ns) in enumerate(zip(PKTS, TIMES_NS)):
        # Options in code order, as Wireshark and Mako write them, so a rewrite reproduces the file byte for byte.
        o = [(3, b"\x02" + bytes(4)), (4, struct.pack(e + "Q", i)), (5, struct.pack(e + "Q", 1000 + i)),
             (6, struct.pack(e + "I", i % 2)), (2988, struct.pack(e + "I", 32473) + b"custom")]
        b += epb(e, 0, ns // 1000, p, *o)
        if i == 1:
            b += block(e, 10, struct.pack(e + "II", 0x544C534B, len(keylog)) + pad(keylog))
        if i == 3:
            b += block(e, 0x00000BAD, struct.pack(e + "I", 32473) + b"copy me")
            b += block(e, 0x40000BAD, struct.pack(e + "I", 32473) + b"do not copy")
        if i == 5:
            b += block(e, 0x12345678, b"unknown block body")
    return b


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    files["basic.pcapng"] = basic_pcapng()
    files["basic.pcap"] = pcap()
    files["basic-ns-be.pcap"] = pcap(magic=0xA1B23C4D, endian=">", nano=True)
    files["modified.pcap"] = pcap(magic=0xA1B2CD34, modified=True)
    files["basic-be.pcapng"] = be_pcapng()
    files["sections.pcapng"] = sections_pcapng()
    files["spb-pb.pcapng"] = spb_pb_pcapng()
    files["blocks.pcapng"] = blocks_pcapng()
    files["basic.pcapng.gz"] = gzip.compress(files["basic.pcapng"], mtime=0)
    basic = files["basic.pcap"]
    files["cut-short.pcap"] = basic[: len(basic) - len(PKTS[7]) + 10]
    ng = files["basic.pcapng"]
    cut = ng.find(sll(PKTS[7]))  # the data of packet 8's EPB ...
    files["cut-short.pcapng"] = ng[: cut + 10]  # ... cut 10 bytes into it
    # Packet 5, not earlier: Wireshark guesses the pcap variant from the first three records.
    files["huge-caplen.pcap"] = pcap(lengths={4: 0xFFFFFFFF})
    e = "<"
    head = shb(e) + idb(e, 1, 0) + epb(e, 0, TIMES_NS[0] // 1000, PKTS[0])
    bad = bytearray(epb(e, 0, TIMES_NS[1] // 1000, PKTS[1]))
    bad[-4:] = struct.pack(e + "I", len(bad) + 8)
    files["bad-trailer.pcapng"] = head + bytes(bad)
    over = bytearray(epb(e, 0, TIMES_NS[1] // 1000, PKTS[1], (1, b"a comment")))
    at = len(over) - 4 - 4 - 12 - 4 + 2  # trailer, end of options, padded comment, then the comment's length field
    over[at: at + 2] = struct.pack(e + "H", 200)
    files["option-overrun.pcapng"] = head + bytes(over)
    files["huge-block.pcapng"] = head + struct.pack(e + "II", 6, 0x7FFFFFF0) + bytes(64)
    files["garbage.bin"] = b"This is a text file, not a capture.\n" * 4
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name:24} {len(data):6} bytes")


if __name__ == "__main__":
    main()
