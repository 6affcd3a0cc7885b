#!/usr/bin/python3
"""Makes the small captures and text dumps the editcap/mergecap/reordercap/text2pcap golden tests read.

Run: /usr/bin/python3 tests/captures/make-tools-captures.py   (writes into tests/captures/tools/)
Everything is deterministic: fixed timestamps, fixed payloads, no randomness without a fixed seed.

Files and what each frame is:
  basic.pcap       30 Ethernet frames, microsecond pcap, 0.35 s apart from 2023-11-14 22:13:20.123456 UTC.
                   Frames cycle UDP (DNS-like query), TCP (SYN/ACK/data), ICMP echo, ARP request.
                   Duplicates on purpose: frame 5 == frame 4 (adjacent), frame 12 == frame 9 (3 back),
                   frame 20 == frame 10 (10 back: outside -d's window of 5, inside -D 11),
                   frame 25 differs from frame 24 only in the Ethernet source MAC (same after -I 6).
  basic.pcapng     the same 30 frames as pcapng: SHB (comment "tools test capture", userappl), one IDB
                   (eth0, tsresol 9 = nanoseconds), EPBs; frame 3 carries comment "third frame", frame 7
                   two comments; a TLS key log DSB sits between frames 10 and 11.
  two_if.pcapng    12 frames on two interfaces: IDB 0 Ethernet "eth0", IDB 1 raw IPv4 (LINKTYPE_RAW 101) "tun0";
                   even frames on 0, odd on 1; epb_flags direction set on frames 1 and 2.
  nsec.pcap        8 Ethernet frames, nanosecond pcap, timestamps with sub-microsecond digits.
  unordered.pcap   12 frames whose timestamps are out of order, with two pairs of equal timestamps
                   (stability check: frames carry their original index in the payload).
  sorted.pcap      8 frames in order (reordercap -n writes nothing).
  merge1.pcap, merge2.pcap, merge3.pcap
                   interleaved timestamps; some timestamps equal across files (stable merge: file order);
                   merge3 has a 96-byte snaplen in its header.
  mergeng1.pcapng, mergeng2.pcapng
                   pcapng inputs for mergecap -I: both have IDB "eth0" (Ethernet, identical options);
                   mergeng2 also has IDB "wlan0" (Ethernet, different name) and one frame on it.
  mergeng3.pcapng  like mergeng1 but its IDB has snaplen 128 (not identical: -I all keeps it separate).
  sll.pcap         4 Linux cooked (LINKTYPE_LINUX_SLL 113) frames, one carrying an 802.1Q tag (--novlan).
  empty.pcap       a pcap file header and no packets.
  truncated.pcap   basic.pcap cut in the middle of frame 8's data.
  truncated.pcapng basic.pcapng cut in the middle of frame 6's EPB.
  garbage.bin      256 bytes from a seeded generator: not a capture.
  keys.txt         a small TLS key log (CLIENT_RANDOM lines) for editcap --inject-secrets.
  od.txt           `od -Ax -tx1 -v` style dump of frames 1-4 of basic.pcap (offset column, no ASCII).
  tshark_x.txt     tshark -x style dump (offsets, hex, ASCII column) of frames 1-3, with a blank line between.
  payload.txt      three short payloads as od-style dumps (for text2pcap dummy headers -e/-i/-4/-6/-u/-T/-s/-S).
  timed.txt        payloads preceded by "I|O YYYY-MM-DD HH:MM:SS.frac" (direction and time), one bad preamble.
  mixed.txt        scanner corner cases (comments, directive, '>' prefixes, text between bytes, bad offsets, ASCII column).
  timeonly.txt     times without a date ("%H:%M:%S.%f"); iso.txt ISO 8601 times (text2pcap -t ISO).
  octal.txt        a dump with octal offsets (text2pcap -o oct); decimal.txt likewise with decimal offsets.
  bad_offset.txt   a dump whose second line has an unexpected offset (text2pcap drops/reports like the tool).
"""
import os
import random
import struct

from scapy.all import ARP, ICMP, IP, TCP, UDP, Dot1Q, Ether, Raw  # noqa: F401
from scapy.layers.l2 import CookedLinux

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools")
BASE_NS = 1_700_000_000 * 1_000_000_000 + 123_456_000  # 2023-11-14 22:13:20.123456 UTC


def frame(i):
    """Frame i (0-based) of basic.pcap."""
    mac_a, mac_b = "00:11:22:33:44:55", "66:77:88:99:aa:bb"
    kind = i % 4
    if kind == 0:
        p = Ether(src=mac_a, dst=mac_b) / IP(src="10.0.0.1", dst="10.0.0.53", id=i) / \
            UDP(sport=40000 + i, dport=53) / Raw(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
                                                b"\x07example\x03com\x00\x00\x01\x00\x01")
    elif kind == 1:
        p = Ether(src=mac_b, dst=mac_a) / IP(src="10.0.0.2", dst="10.0.0.1", id=i) / \
            TCP(sport=80, dport=50000, flags="PA", seq=1000 + i, ack=2000) / Raw(b"HTTP/1.1 200 OK\r\n" * (1 + i % 3))
    elif kind == 2:
        p = Ether(src=mac_a, dst=mac_b) / IP(src="10.0.0.1", dst="10.0.0.9", id=i) / \
            ICMP(type=8, id=7, seq=i) / Raw(bytes(range(32 + i)))
    else:
        p = Ether(src=mac_a, dst="ff:ff:ff:ff:ff:ff") / ARP(psrc="10.0.0.1", pdst="10.0.0.%d" % (100 + i))
    return bytes(p)


def basic_frames():
    frames = [frame(i) for i in range(30)]
    frames[4] = frames[3]           # frame 5 == frame 4
    frames[11] = frames[8]          # frame 12 == frame 9
    frames[19] = frames[9]          # frame 20 == frame 10
    f24 = bytearray(frames[23])
    f24[6:12] = bytes.fromhex("0a0b0c0d0e0f")
    frames[24] = bytes(f24)         # frame 25 == frame 24 except the source MAC
    ts = [BASE_NS + i * 350_000_000 for i in range(30)]
    return frames, ts


def pcap(frames, ts, nsec=False, linktype=1, snaplen=262144):
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    out = [struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)]
    for f, t in zip(frames, ts):
        sec, ns = divmod(t, 1_000_000_000)
        frac = ns if nsec else ns // 1000
        out.append(struct.pack("<IIII", sec, frac, len(f), len(f)) + f)
    return b"".join(out)


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def opt(code, value):
    return struct.pack("<HH", code, len(value)) + pad4(value)


def opts(items):
    if not items:
        return b""
    return b"".join(opt(c, v) for c, v in items) + struct.pack("<HH", 0, 0)


def block(btype, body):
    total = 12 + len(body)
    return struct.pack("<II", btype, total) + body + struct.pack("<I", total)


def shb(options):
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + opts(options))


def idb(linktype, snaplen, options):
    return block(1, struct.pack("<HHI", linktype, 0, snaplen) + opts(options))


def epb(if_id, t_units, data, options=(), orig_len=None):
    hi, lo = t_units >> 32, t_units & 0xFFFFFFFF
    body = struct.pack("<IIIII", if_id, hi, lo, len(data), len(data) if orig_len is None else orig_len)
    return block(6, body + pad4(data) + opts(list(options)))


def dsb(stype, data):
    return block(0x0000000A, struct.pack("<II", stype, len(data)) + pad4(data))


KEYLOG = (b"CLIENT_RANDOM 5a7b5e3c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f901234 "
          b"4f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n")
KEYLOG2 = (b"CLIENT_RANDOM 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff "
           b"ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100ffeeddccbbaa9988776655443322110\n")


def basic_pcapng(frames, ts):
    out = [shb([(1, b"tools test capture"), (4, b"make-tools-captures.py")]),
           idb(1, 262144, [(2, b"eth0"), (9, b"\x09")])]
    for i, (f, t) in enumerate(zip(frames, ts)):
        comments = []
        if i == 2:
            comments = [(1, b"third frame")]
        if i == 6:
            comments = [(1, b"seventh frame, first comment"), (1, b"seventh frame, second comment")]
        out.append(epb(0, t, f, comments))
        if i == 9:
            out.append(dsb(0x544C534B, KEYLOG2))
    return b"".join(out)


def two_if_pcapng():
    out = [shb([(4, b"make-tools-captures.py")]),
           idb(1, 262144, [(2, b"eth0"), (9, b"\x06")]),
           idb(101, 65535, [(2, b"tun0"), (9, b"\x06")])]
    for i in range(12):
        t_us = BASE_NS // 1000 + i * 250_000
        if i % 2 == 0:
            data = frame(i)
            if_id = 0
        else:
            data = bytes(IP(src="192.168.7.1", dst="192.168.7.2", id=i) / UDP(sport=5000, dport=6000) / Raw(b"tun %d" % i))
            if_id = 1
        o = []
        if i == 0:
            o = [(2, struct.pack("<I", 1))]   # inbound
        if i == 1:
            o = [(2, struct.pack("<I", 2))]   # outbound
        out.append(epb(if_id, t_us, data, o))
    return b"".join(out)


def stamped(index, size=60):
    """An Ethernet frame that carries its original index, so order can be checked after sorting/merging."""
    p = Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02") / IP(src="10.9.0.1", dst="10.9.0.2", id=index) / \
        UDP(sport=1000, dport=2000) / Raw(b"idx=%04d" % index)
    b = bytes(p)
    return b + b"\0" * max(0, size - len(b))


def text_od(frames):
    """`od -Ax -tx1 -v` output: 6-digit hex offset, 16 bytes per line, a final offset line."""
    lines = []
    for f in frames:
        for off in range(0, len(f), 16):
            lines.append("%06x %s" % (off, " ".join("%02x" % b for b in f[off:off + 16])))
        lines.append("%06x" % len(f))
    return "\n".join(lines) + "\n"


def text_tshark_x(frames):
    """tshark -x style: 4-digit hex offset, two spaces, hex bytes (extra space after 8), three spaces, ASCII."""
    blocks = []
    for f in frames:
        lines = []
        for off in range(0, len(f), 16):
            chunk = f[off:off + 16]
            hexes = " ".join("%02x" % b for b in chunk[:8])
            if len(chunk) > 8:
                hexes += "  " + " ".join("%02x" % b for b in chunk[8:])
            asc = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
            asc = asc[:8] + (" " + asc[8:] if len(chunk) > 8 else "")
            lines.append("%04x  %-49s  %s" % (off, hexes, asc))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def text_offsets(payloads, fmt):
    lines = []
    for p in payloads:
        for off in range(0, len(p), 8):
            lines.append((fmt % off) + " " + " ".join("%02x" % b for b in p[off:off + 8]))
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)

    def write(name, data):
        with open(os.path.join(OUT, name), "wb") as fh:
            fh.write(data.encode() if isinstance(data, str) else data)

    frames, ts = basic_frames()
    basic = pcap(frames, ts)
    write("basic.pcap", basic)
    ng = basic_pcapng(frames, ts)
    write("basic.pcapng", ng)
    write("two_if.pcapng", two_if_pcapng())

    nframes = [stamped(i, 60 + i) for i in range(8)]
    nts = [BASE_NS + i * 1_000_000_007 + 321 for i in range(8)]
    write("nsec.pcap", pcap(nframes, nts, nsec=True))

    order = [0, 2, 1, 3, 5, 4, 6, 9, 7, 8, 11, 10]
    uts_by_index = {i: BASE_NS + i * 100_000_000 for i in range(12)}
    uts_by_index[4] = uts_by_index[5]   # frames 4 and 5 share a timestamp
    uts_by_index[8] = uts_by_index[7]   # and 7 and 8
    write("unordered.pcap", pcap([stamped(i) for i in order], [uts_by_index[i] for i in order]))
    write("sorted.pcap", pcap([stamped(i) for i in range(8)], [BASE_NS + i * 1000 for i in range(8)]))

    m1 = [0, 3, 6, 9, 12]
    m2 = [1, 3, 7, 9, 13]
    m3 = [2, 3, 8, 14]
    write("merge1.pcap", pcap([stamped(100 + k) for k in range(len(m1))], [BASE_NS + t * 10_000_000 for t in m1]))
    write("merge2.pcap", pcap([stamped(200 + k, 120) for k in range(len(m2))], [BASE_NS + t * 10_000_000 for t in m2]))
    write("merge3.pcap", pcap([stamped(300 + k, 90) for k in range(len(m3))], [BASE_NS + t * 10_000_000 for t in m3], snaplen=96))

    eth0 = [(2, b"eth0"), (9, b"\x06")]
    ng1 = [shb([(4, b"make-tools-captures.py")]), idb(1, 262144, eth0)]
    for k, t in enumerate([0, 4, 8]):
        ng1.append(epb(0, BASE_NS // 1000 + t * 1000, stamped(400 + k)))
    write("mergeng1.pcapng", b"".join(ng1))
    ng2 = [shb([(4, b"make-tools-captures.py")]), idb(1, 262144, eth0), idb(1, 262144, [(2, b"wlan0"), (9, b"\x06")])]
    for k, t in enumerate([1, 5, 9]):
        ng2.append(epb(0, BASE_NS // 1000 + t * 1000, stamped(500 + k)))
    ng2.append(epb(1, BASE_NS // 1000 + 6 * 1000, stamped(599), [(1, b"on wlan0")]))
    write("mergeng2.pcapng", b"".join(ng2))
    ng3 = [shb([(4, b"make-tools-captures.py")]), idb(1, 128, eth0)]
    for k, t in enumerate([2, 7]):
        ng3.append(epb(0, BASE_NS // 1000 + t * 1000, stamped(600 + k)))
    write("mergeng3.pcapng", b"".join(ng3))

    sll = []
    for k in range(4):
        inner = IP(src="10.1.1.1", dst="10.1.1.2", id=k) / UDP(sport=7, dport=7) / Raw(b"sll%d" % k)
        if k == 2:
            p = CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=b"\x00\x11\x22\x33\x44\x55\x00\x00", proto=0x8100) / \
                Dot1Q(vlan=5) / inner
        else:
            p = CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=b"\x00\x11\x22\x33\x44\x55\x00\x00") / inner
        sll.append(bytes(p))
    # frame 4 duplicates frame 3 once the VLAN tag is removed
    tagged = sll[2]
    untagged = tagged[:14] + tagged[18:]
    sll[3] = untagged
    write("sll.pcap", pcap(sll, [BASE_NS + k * 1000 for k in range(4)], linktype=113))

    # snaplen 65535: a header-only pcap is otherwise byte-identical to the public format/pcap/empty.pcap sample
    write("empty.pcap", pcap([], [], snaplen=65535))
    cut = len(pcap(frames[:7], ts[:7])) + 16 + len(frames[7]) // 2
    write("truncated.pcap", basic[:cut])
    # offset of frame 6's EPB in basic.pcapng: walk the blocks
    pos, n = 0, 0
    while True:
        btype, blen = struct.unpack_from("<II", ng, pos)
        if btype == 6:
            n += 1
            if n == 6:
                break
        pos += blen
    write("truncated.pcapng", ng[:pos + 40])
    rnd = random.Random(1234)
    write("garbage.bin", bytes(rnd.randrange(256) for _ in range(256)))
    write("keys.txt", KEYLOG)

    write("od.txt", text_od(frames[:4]))
    write("tshark_x.txt", text_tshark_x(frames[:3]))
    payloads = [b"hello, world\n", bytes(range(20)), b"A" * 37]
    write("payload.txt", text_od(payloads))
    write("timed.txt",
          "I 2023-11-14 10:15:14.5476\n000000 68 65 6c 6c 6f 2c 20 77 6f 72 6c 64 0a\n"
          "O 2023-11-14 10:15:15.0000001\n000000 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n000010 10 11 12 13\n"
          "I 2023-11-14 10:16:00.25\n000000" + " 41" * 16 + "\n000010" + " 41" * 16 + "\n000020" + " 41" * 5 + "\n"
          "bogus\n000000 ff\n")
    # Scanner corner cases: comment and directive lines, mail-forward '>' before offsets, offsets with ':',
    # text between bytes, a line whose offset does not follow (ends the packet), an ASCII column that looks like hex.
    write("mixed.txt", "# a comment line\n#TEXT2PCAP ignored directive\n> 0000: 01 02 03 04  ....\n"
                       ">>0004 05 06 07 08 text 09\n0010 99\n\n0000 aa bb cc 61 62 20  ..ab \n0006 dd\n")
    write("timeonly.txt", "10:15:14.5\n000000 01 02 03\n10:15:15.75\n000000 04 05\n")
    write("iso.txt", "2023-11-14T10:15:14.5476Z\n000000 01 02 03\n2023-11-14 11:00:00\n000000 04\n")
    write("octal.txt", text_offsets(payloads, "%04o"))
    write("decimal.txt", text_offsets(payloads, "%04d"))
    write("bad_offset.txt", "000000 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n"
                            "000020 11 12 13 14\n"
                            "000000 aa bb cc dd\n")


if __name__ == "__main__":
    main()
