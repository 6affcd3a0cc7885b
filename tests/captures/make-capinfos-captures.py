#!/usr/bin/python3
"""Writes the small captures the capinfos golden tests read (tests/captures/capinfos/). Deterministic: rerunning
produces the same bytes (fixed time stamps, gzip mtime 0), so the recorded hashes stay valid.

  basic.pcap      microsecond pcap, Ethernet, 6 frames over 2.5 s: ARP request, DNS query/response (UDP),
                  TCP SYN, SYN-ACK, and one HTTP GET captured with snaplen 64 (caplen 64 < wire length)
  basic.pcap.gz   basic.pcap gzip-compressed
  nano.pcap       nanosecond pcap (magic a1b23c4d), 3 ICMP echo frames 1.5 ns..2 s apart, big-endian header
  unordered.pcap  3 frames whose time stamps go backwards once ("Strict time order: False")
  twoif.pcapng    SHB with hardware/OS/application and two comments (one with a line break); IDB 0 Ethernet with
                  name, description, if_tsresol 9, filter, OS, comment; IDB 1 Raw IPv4 (LINKTYPE 228) microseconds;
                  EPBs on both interfaces, an NRB (2 IPv4 names + 1 IPv6 name), a DSB (TLS key log) and an ISB
  badblock.pcapng one packet, then an EPB whose two block-length fields differ (corrupt), then another packet
  nots.pcapng     a Simple Packet Block (no time stamp) then an EPB: times unknown, order "Unknown"
  truncated.pcap  basic.pcap cut 10 bytes into its last record's data (the file ends mid-packet)
  hdronly.pcap    a pcap file header and no records
  zero.pcap       zero bytes (capinfos reports it as an empty ERF capture)
  garbage.bin     text, not a capture
"""
import gzip
import os
import struct

from scapy.all import ARP, DNS, DNSQR, DNSRR, ICMP, IP, IPv6, TCP, UDP, Ether, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "capinfos")
BASE = 1700000000  # 2023-11-14 22:13:20 UTC
A, B = "02:00:00:00:00:01", "02:00:00:00:00:02"


def pcap(frames, magic=0xA1B2C3D4, snaplen=65535, linktype=1, endian="<"):
    """frames: (seconds, fraction (us or ns), bytes, original length or None)."""
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for sec, frac, data, orig in frames:
        out += struct.pack(endian + "IIII", sec, frac, len(data), orig or len(data)) + data
    return out


def block(btype, body):
    body += b"\0" * ((-len(body)) % 4)
    return struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))


def options(opts):
    if not opts:
        return b""
    out = b""
    for code, value in opts:
        value = value.encode() if isinstance(value, str) else value
        out += struct.pack("<HH", code, len(value)) + value + b"\0" * ((-len(value)) % 4)
    return out + struct.pack("<HH", 0, 0)


def epb(iface, ticks, data):
    pad = b"\0" * ((-len(data)) % 4)
    return block(6, struct.pack("<IIIII", iface, ticks >> 32, ticks & 0xFFFFFFFF, len(data), len(data)) + data + pad)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    arp = bytes(Ether(src=A, dst="ff:ff:ff:ff:ff:ff") / ARP(hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2"))
    query = bytes(Ether(src=A, dst=B) / IP(src="192.0.2.1", dst="192.0.2.53") / UDP(sport=40000, dport=53)
                  / DNS(id=1, rd=1, qd=DNSQR(qname="example.com")))
    answer = bytes(Ether(src=B, dst=A) / IP(src="192.0.2.53", dst="192.0.2.1") / UDP(sport=53, dport=40000)
                   / DNS(id=1, qr=1, rd=1, ra=1, qd=DNSQR(qname="example.com"), an=DNSRR(rrname="example.com", rdata="192.0.2.80")))
    syn = bytes(Ether(src=A, dst=B) / IP(src="192.0.2.1", dst="192.0.2.80") / TCP(sport=40001, dport=80, flags="S", seq=1000))
    synack = bytes(Ether(src=B, dst=A) / IP(src="192.0.2.80", dst="192.0.2.1") / TCP(sport=80, dport=40001, flags="SA", seq=5000, ack=1001))
    get = bytes(Ether(src=A, dst=B) / IP(src="192.0.2.1", dst="192.0.2.80") / TCP(sport=40001, dport=80, flags="PA", seq=1001, ack=5001)
                / Raw(b"GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: capinfos-test\r\n\r\n"))
    frames = [(BASE, 0, arp, None), (BASE, 250000, query, None), (BASE, 260123, answer, None),
              (BASE + 1, 0, syn, None), (BASE + 1, 500, synack, None), (BASE + 2, 500000, get[:64], len(get))]
    basic = pcap(frames, snaplen=64)
    write("basic.pcap", basic)
    with open(os.path.join(OUT, "basic.pcap.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(basic)
    write("truncated.pcap", basic[:-(len(get[:64]) - 10)])
    write("hdronly.pcap", pcap([]))
    write("zero.pcap", b"")
    write("garbage.bin", b"This is a text file, not a capture.\n" * 4)

    ping = [bytes(Ether(src=A, dst=B) / IP(src="192.0.2.1", dst="192.0.2.9") / ICMP(id=7, seq=i) / Raw(b"x" * 24)) for i in range(3)]
    write("nano.pcap", pcap([(BASE, 1, ping[0], None), (BASE, 2, ping[1], None), (BASE + 2, 2, ping[2], None)],
                            magic=0xA1B23C4D, snaplen=262144, endian=">"))
    write("unordered.pcap", pcap([(BASE + 5, 0, arp, None), (BASE + 3, 0, syn, None), (BASE + 9, 999999, synack, None)]))

    raw4 = bytes(IP(src="198.51.100.7", dst="198.51.100.8") / UDP(sport=5000, dport=5001) / Raw(b"raw ipv4 payload"))
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + options(
        [(2, "Test Rig 3000"), (3, "Linux 6.1"), (4, "make-capinfos-captures.py"), (1, "first comment"), (1, "second\ncomment")]))
    idb0 = block(1, struct.pack("<HHI", 1, 0, 262144) + options(
        [(2, "eth0"), (3, "test interface"), (9, b"\x09"), (11, b"\x00tcp or udp"), (12, "Linux 6.1"), (1, "interface comment")]))
    idb1 = block(1, struct.pack("<HHI", 228, 0, 65535) + options([(2, "tun0")]))
    nrb = block(4, struct.pack("<HH", 1, 4 + 19) + bytes([192, 0, 2, 80]) + b"example.com\0www.ex\0" + b"\0"
                + struct.pack("<HH", 2, 16 + 11) + bytes(IPv6(dst="2001:db8::1"))[24:40] + b"v6.example\0" + b"\0"
                + struct.pack("<HH", 0, 0))
    secrets = b"CLIENT_RANDOM 00 11\n"
    dsb = block(10, struct.pack("<II", 0x544C534B, len(secrets)) + secrets)
    isb = block(5, struct.pack("<III", 0, 0, 0) + options([(4, struct.pack("<Q", 3)), (5, struct.pack("<Q", 0))]))
    ns = BASE * 10**9
    us = BASE * 10**6
    write("twoif.pcapng", shb + idb0 + idb1 + nrb + dsb
          + epb(0, ns + 1000, arp) + epb(1, us + 2000, raw4) + epb(0, ns + 1500000123, query) + epb(1, us + 3000000, raw4)
          + epb(0, ns + 4000000000, answer) + isb)

    # The second EPB's trailing length field disagrees with its leading one: Wireshark calls the file damaged.
    bad = bytearray(epb(0, ns + 1, arp))
    bad[-4:] = struct.pack("<I", len(bad) + 4)
    write("badblock.pcapng", shb + idb0 + epb(0, ns, arp) + bytes(bad) + epb(0, ns + 2, arp))

    spb = block(3, struct.pack("<I", len(arp)) + arp + b"\0" * ((-len(arp)) % 4))
    write("nots.pcapng", block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
          + block(1, struct.pack("<HHI", 1, 0, 0)) + spb + epb(0, us, syn))


if __name__ == "__main__":
    main()
