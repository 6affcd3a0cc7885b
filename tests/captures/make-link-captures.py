#!/usr/bin/python3
"""Makes the link-layer test captures under tests/captures/link/ (run: python3 tests/captures/make-link-captures.py).

Every frame is listed below with what it exercises. Frames are built with scapy where it helps and written by the
small pcap/pcapng writers at the bottom, so the link type, snap length and per-record captured length are exact.
The expected tshark output for these files is recorded in tests/Mako.Protocols.Tests/Link/Expected/.
"""
import os
import struct

from scapy.layers.l2 import ARP, Dot1Q, Dot1AD, Dot3, Ether, LLC, SNAP
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "link")

A = "00:1b:21:3a:4c:5e"      # Intel (manuf OUI)
B = "f8:ed:a5:c0:a4:f1"      # ARRIS (manuf OUI)
C = "02:00:00:00:00:02"      # locally administered, no vendor
BCAST = "ff:ff:ff:ff:ff:ff"
ZERO = "00:00:00:00:00:00"


def pad(b, n=60, fill=b"\x00"):
    """Pads a frame to n bytes (the 60-byte Ethernet minimum by default)."""
    return b + fill * max(0, n - len(b)) if len(fill) == 1 else b + fill[: max(0, n - len(b))]


def arp(op, hwsrc, psrc, hwdst, pdst, eth_dst=BCAST, eth_src=None):
    return bytes(Ether(dst=eth_dst, src=eth_src or hwsrc) /
                 ARP(op=op, hwsrc=hwsrc, psrc=psrc, hwdst=hwdst, pdst=pdst))


def ethernet_frames():
    f = []
    # 1. ARP request, 42 bytes, no padding: "Who has 10.0.0.1? Tell 10.0.0.2".
    f.append(arp(1, A, "10.0.0.2", ZERO, "10.0.0.1"))
    # 2. ARP reply padded with 18 zero bytes to 60: eth.padding, no trailer.
    f.append(pad(arp(2, B, "10.0.0.1", A, "10.0.0.2", eth_dst=A)))
    # 3. ARP reply whose 18 bytes after ARP are not all zero: no padding, eth.trailer + expert note.
    f.append(arp(2, B, "10.0.0.1", A, "10.0.0.2", eth_dst=A) + bytes(14) + b"\x1f\x0b\x60\xce")
    # 4. Gratuitous ARP request (sender IP == target IP, target MAC not zero).
    f.append(pad(arp(1, A, "10.0.0.2", BCAST, "10.0.0.2")))
    # 5. Gratuitous ARP reply.
    f.append(pad(arp(2, A, "10.0.0.2", BCAST, "10.0.0.2")))
    # 6. ARP probe (sender IP 0.0.0.0, target MAC zero): "Who has 10.0.0.9? (ARP Probe)".
    f.append(pad(arp(1, A, "0.0.0.0", ZERO, "10.0.0.9")))
    # 7. ARP announcement (sender IP == target IP, target MAC zero).
    f.append(pad(arp(1, A, "10.0.0.9", ZERO, "10.0.0.9")))
    # 8-9. RARP request/reply (ethertype 0x8035).
    f.append(pad(bytes(Ether(dst=BCAST, src=A, type=0x8035) / ARP(op=3, hwsrc=A, psrc="0.0.0.0", hwdst=A, pdst="0.0.0.0"))))
    f.append(pad(bytes(Ether(dst=A, src=B, type=0x8035) / ARP(op=4, hwsrc=B, psrc="10.0.0.1", hwdst=A, pdst="10.0.0.2"))))
    # 10-11. Inverse ARP request/reply.
    f.append(pad(arp(8, A, "10.0.0.2", B, "0.0.0.0", eth_dst=B)))
    f.append(pad(arp(9, B, "10.0.0.1", A, "10.0.0.2", eth_dst=A)))
    # 12. Another host claims 10.0.0.1 (frame 2 had it at B): duplicate address detected.
    f.append(pad(arp(2, C, "10.0.0.1", A, "10.0.0.2", eth_dst=A)))
    # 13. Unknown opcode 0x0042, and an ARP with hardware type 6 (IEEE 802).
    f.append(pad(arp(0x42, A, "10.0.0.2", ZERO, "10.0.0.1")))
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / ARP(hwtype=6, op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1"))))
    # 15. ARP with non-Ethernet hardware length (hwlen 8) and non-IPv4 protocol (ptype 0x86dd, plen 16).
    f.append(pad(bytes(Ether(dst=BCAST, src=A, type=0x0806)) +
                 struct.pack(">HHBBH", 1, 0x86dd, 8, 16, 1) + bytes(range(8)) + bytes(range(16)) + bytes(8) + bytes(range(16, 32))))
    # 16. Known but undissected ethertype (local experimental 0x88b5): Protocol "0x88b5", Info its name.
    f.append(pad(bytes(Ether(dst=B, src=A, type=0x88b5) / Raw(b"hello"))))
    # 17. Ethertype with no name (0x1234).
    f.append(pad(bytes(Ether(dst=B, src=A, type=0x1234) / Raw(b"hello"))))
    # 18. Invalid length/type (0x05dd = 1501).
    f.append(pad(bytes(Ether(dst=B, src=A, type=0x05DD) / Raw(b"abc"))))
    # 19. Group (multicast) source address: eth.src_not_group expert.
    f.append(pad(arp(1, A, "10.0.0.2", ZERO, "10.0.0.1", eth_src="01:00:5e:00:00:01")))
    # 20. 64-byte ARP frame: 18 bytes of zero padding then 4 more bytes, taken as an FCS (tshark's heuristic).
    f.append(arp(1, A, "10.0.0.2", ZERO, "10.0.0.1") + bytes(18) + b"\xde\xad\xbe\xef")
    # 21. 74-byte ARP frame with a non-zero 32-byte trailer: trailer of 28 then FCS.
    f.append(arp(1, A, "10.0.0.2", ZERO, "10.0.0.1") + bytes(range(1, 33)))
    # 22. Well-known destinations: STP multicast (a /44 wka range) and CDP (exact wka entry) as Ethernet II frames.
    f.append(pad(bytes(Ether(dst="01:80:c2:00:00:0e", src=A, type=0x88b5))))
    # 23. Destination in a /28 manuf block (00:55:da:5x), source in a /36 block (00:1b:c5:00:0x).
    f.append(pad(bytes(Ether(dst="00:55:da:5a:bc:de", src="00:1b:c5:00:01:23", type=0x88b5))))
    # 24. Multicast destination whose OUI is only known with the group bit cleared (01:00:0c -> Cisco).
    f.append(pad(bytes(Ether(dst="01:00:0c:12:34:56", src=C, type=0x88b5))))
    # 25. IPv6 multicast and IPv4 multicast destinations (wka ranges).
    f.append(pad(bytes(Ether(dst="33:33:00:00:00:fb", src=A, type=0x88b5))))
    f.append(pad(bytes(Ether(dst="01:00:5e:7f:ff:fa", src=A, type=0x88b5))))
    # 27. Ethertype 0 (Cisco MDS "Vegas"), treated as Ethernet II.
    f.append(pad(bytes(Ether(dst=B, src=A, type=0x0000) / Raw(b"vegas"))))
    # 28. A 14-byte frame: Ethernet header only (unknown ethertype, no payload).
    f.append(bytes(Ether(dst=B, src=A, type=0x88b5)))
    # 29. A 10-byte frame: shorter than the Ethernet header (malformed).
    f.append(bytes(Ether(dst=B, src=A, type=0x88b5))[:10])
    return f


def llc(dsap, ssap, ctrl, payload=b""):
    """An LLC PDU (control given as bytes: 1 byte for U frames, 2 for I/S frames)."""
    return bytes([dsap, ssap]) + ctrl + payload


def dot3(dst, src, payload, length=None, total=None):
    """An IEEE 802.3 frame whose length field is len(payload) unless given; padded to `total` bytes if given."""
    n = len(payload) if length is None else length
    b = Ether(dst=dst, src=src, type=n)
    raw = bytes(b)[:12] + struct.pack(">H", n) + payload
    return pad(raw, total) if total else raw


def ieee8023_frames():
    f = []
    # 1. LLC UI frame to an unregistered SAP (0x80 is 3Com XNS in tshark; use 0x9C, unassigned): data payload.
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x03", b"payload"), total=60))
    # 2. LLC U frames: SABME (command, poll) and UA (response, final), DISC, DM, FRMR, TEST with data.
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x7f"), total=60))
    f.append(dot3(A, B, llc(0x9C, 0x9D, b"\x73"), total=60))
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x43"), total=60))
    f.append(dot3(A, B, llc(0x9C, 0x9D, b"\x0f"), total=60))
    f.append(dot3(A, B, llc(0x9C, 0x9D, b"\x87", b"\x01\x02\x03"), total=60))
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\xe3", b"test data"), total=60))
    # 8. LLC S frames: RR with poll, RNR final (response), REJ, SREJ (2-byte control field).
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x01\x01"), total=60))
    f.append(dot3(A, B, llc(0x9C, 0x9D, b"\x05\x0b"), total=60))
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x09\x04"), total=60))
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x0d\x06"), total=60))
    # 12. LLC I frame (N(S)=2, N(R)=5, poll) with data.
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x04\x0b", b"info"), total=60))
    # 13. XID in LLC basic format (basicxid): types 1, window 1.
    f.append(dot3(BCAST, A, llc(0x00, 0x01, b"\xbf", b"\x81\x01\x02"), total=60))
    # 14. XID not in basic format (goes to the llc.xid_dsap table, then data).
    f.append(dot3(BCAST, A, llc(0x9C, 0x9C, b"\xaf", b"\x82\x01\x02"), total=60))
    # 15. Group DSAP (I/G bit set) and null SAP names.
    f.append(dot3(BCAST, A, llc(0x01, 0x00, b"\x03", b"x"), total=60))
    # 16. SNAP (AA AA 03), OUI 00-00-00, PID 0x0806: ARP over SNAP.
    f.append(dot3(BCAST, A, llc(0xAA, 0xAA, b"\x03", b"\x00\x00\x00\x08\x06" +
                                bytes(ARP(op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1"))), total=60))
    # 17. SNAP OUI 0 with an ethertype nobody dissects (0x88b5).
    f.append(dot3(BCAST, A, llc(0xAA, 0xAA, b"\x03", b"\x00\x00\x00\x88\xb5" + b"snapdata"), total=60))
    # 18. SNAP with an OUI that has no PID table (00-1b-21, Intel): llc.pid, data.
    f.append(dot3(BCAST, A, llc(0xAA, 0xAA, b"\x03", b"\x00\x1b\x21\x12\x34" + b"x"), total=60))
    # 19. SNAP with OUI 00-00-F8 (Cisco 90-compatible): PID is an ethertype.
    f.append(dot3(BCAST, A, llc(0xAA, 0xAA, b"\x03", b"\x00\x00\xf8\x08\x06" +
                                bytes(ARP(op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1"))), total=60))
    # 20. SNAP in a non-UI frame (TEST): payload is data even for OUI 0.
    f.append(dot3(BCAST, A, llc(0xAA, 0xAA, b"\xe3", b"\x00\x00\x00\x08\x06" + b"zz"), total=60))
    # 21. Length field smaller than the payload: the rest is padding/trailer.
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x03", b"abc") + b"\x11\x22\x33", length=6, total=60))
    # 22. Length field past the end of the frame: eth.len.past_end.
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x03", b"abc"), length=100))
    # 23. Length 0: no LLC header at all.
    f.append(dot3(B, A, b"", length=0, total=60))
    # 24. Length 2: LLC without its control byte (malformed LLC).
    f.append(dot3(B, A, b"\x9c\x9c", total=60))
    # 25. Extended-size frame (>1500 bytes of payload but length 1500).
    f.append(dot3(B, A, llc(0x9C, 0x9C, b"\x03", bytes(1497)), length=1500))
    return f


def vlan_frames():
    f = []
    arp_a = ARP(op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1")
    # 1. 802.1Q (VID 100, PCP 0) carrying ARP, padded to 60.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=100) / arp_a)))
    # 2. PCP 5, DEI 1, VID 4094; ARP, not padded (46 bytes).
    f.append(bytes(Ether(dst=BCAST, src=A) / Dot1Q(prio=5, id=1, vlan=4094) / arp_a))
    # 3. Priority-tagged (VID 0), PCP 7.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1Q(prio=7, vlan=0) / arp_a)))
    # 4. QinQ: 802.1ad (0x88a8) S-tag 10 outside an 802.1Q C-tag 20, ARP inside.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1AD(vlan=10) / Dot1Q(vlan=20) / arp_a)))
    # 5. Old-style QinQ with 0x9100 outer tag.
    f.append(pad(bytes(Ether(dst=BCAST, src=A, type=0x9100) / Dot1Q(vlan=30) / arp_a)))
    # 6. Three stacked 802.1Q tags.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=1) / Dot1Q(vlan=2) / Dot1Q(vlan=3) / arp_a)))
    # 7. VLAN carrying an 802.3 length + LLC (UI, unregistered SAP).
    f.append(pad(bytes(Ether(dst=B, src=A) / Dot1Q(vlan=5, type=10)) + llc(0x9C, 0x9C, b"\x03", b"payload")))
    # 8. VLAN carrying SNAP/ARP via length field.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=5, type=8 + 28)) + llc(0xAA, 0xAA, b"\x03", b"\x00\x00\x00\x08\x06" + bytes(arp_a))))
    # 9. VLAN with an unknown ethertype.
    f.append(pad(bytes(Ether(dst=B, src=A) / Dot1Q(vlan=7, type=0x1234) / Raw(b"data"))))
    # 10. VLAN with a non-zero trailer after ARP (vlan.trailer).
    f.append(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=8) / arp_a) + b"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e")
    # 11. VLAN whose 802.3 length runs past the end (vlan.len.past_end).
    f.append(bytes(Ether(dst=B, src=A) / Dot1Q(vlan=9, type=200)) + llc(0x9C, 0x9C, b"\x03", b"short"))
    # 12. 802.1ad alone (S-tag only) carrying ARP.
    f.append(pad(bytes(Ether(dst=BCAST, src=A) / Dot1AD(prio=3, id=1, vlan=300) / arp_a)))
    # 13. VLAN tag cut short: 16 bytes (only 2 bytes of the tag).
    f.append(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=100) / arp_a)[:16])
    # 14. 22 stacked VLAN tags: tshark stops at 20 (vlan.too_many_tags).
    p = Ether(dst=BCAST, src=A)
    for i in range(22):
        p = p / Dot1Q(vlan=i + 1)
    f.append(bytes(p / arp_a))
    # 15. 64-byte VLAN frame ending in 4 extra bytes: VLAN never assumes an FCS, so it is a trailer.
    f.append(bytes(Ether(dst=BCAST, src=A) / Dot1Q(vlan=100) / arp_a) + bytes(14) + b"\xca\xfe\xba\xbe")
    return f


def sll_header(pkttype, hatype, addr, proto):
    a = bytes.fromhex(addr.replace(":", "")) if addr else b""
    return struct.pack(">HHH", pkttype, hatype, len(a)) + (a + bytes(8))[:8] + struct.pack(">H", proto)


def sll2_header(proto, ifindex, hatype, pkttype, addr):
    a = bytes.fromhex(addr.replace(":", "")) if addr else b""
    return struct.pack(">HHIHBB", proto, 0, ifindex, hatype, pkttype, len(a)) + (a + bytes(8))[:8]


def sll_frames(v2=False):
    arp_b = bytes(ARP(op=2, hwsrc=B, psrc="10.0.0.1", hwdst=A, pdst="10.0.0.2"))
    h = (lambda pt, ht, addr, proto: sll2_header(proto, 3, ht, pt, addr)) if v2 else sll_header
    f = []
    # 1. Incoming unicast ARP reply (pkttype 0, Ethernet hatype 1, 6-byte address).
    f.append(h(0, 1, B, 0x0806) + arp_b)
    # 2. Broadcast, multicast, other-host, outgoing packet types; 5 = unknown.
    for pt in (1, 2, 3, 4, 5):
        f.append(h(pt, 1, A, 0x0806) + arp_b)
    # 8. Unknown ethertype (0x88b5) with trailing bytes after ARP in an ARP frame (sll.trailer).
    f.append(h(0, 1, B, 0x88b5) + b"experimental")
    f.append(h(0, 1, B, 0x0806) + arp_b + b"\x00\x00\x01\x02")
    # 10. Linux protocol 0x0004 (802.2 LLC) with a UI frame.
    f.append(h(0, 1, B, 0x0004) + llc(0x9C, 0x9C, b"\x03", b"llc"))
    # 11. Linux protocol 0x0003 (a whole Ethernet frame follows).
    f.append(h(4, 1, A, 0x0003) + bytes(Ether(dst=B, src=A) / ARP(op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1")))
    # 12. Unknown Linux protocol (0x0010) and 1536 (0x0600, still a Linux protocol).
    f.append(h(0, 1, B, 0x0010) + b"data")
    f.append(h(0, 1, B, 0x0600) + b"data")
    # 14. Address length 4 (IPv4 source, e.g. a GRE tunnel), 0 (none), 2 (other), 10 (longer than the field).
    f.append(h(0, 778, "c0:a8:01:01", 0x88b5) + b"x")
    f.append(h(0, 65534, "", 0x88b5) + b"x")
    f.append(h(0, 1, "ab:cd", 0x88b5) + b"x")
    f.append(h(0, 1, "01:02:03:04:05:06:07:08:09:0a", 0x88b5) + b"x")
    # 18. Header only, then a header cut short.
    f.append(h(0, 1, B, 0x88b5))
    f.append(h(0, 1, B, 0x88b5)[:9])
    return f


def null_frames(order):
    """BSD loopback: a 4-byte address family in the writer's byte order, then the packet."""
    f = []
    ip4 = bytes.fromhex("4500001c000100004011f9c87f0000017f0000010035003500080000")  # IPv4/UDP, 28 bytes
    ip6 = bytes.fromhex("6000000000083a40" + "00" * 15 + "01" + "00" * 15 + "01" + "8000f7ff00000000")  # IPv6/ICMPv6
    for fam in (2, 24, 28, 30):
        f.append(struct.pack(order + "I", fam) + (ip4 if fam == 2 else ip6))
    # 5. Unknown family 99, and family 7 (OSI) / 23 (IPX) which tshark hands to other dissectors.
    f.append(struct.pack(order + "I", 99) + b"data")
    # 6. An Ethernet type in the header (old Linux loopback): 0x0806 ARP.
    f.append(struct.pack(order + "I", 0x0806) + bytes(ARP(op=1, hwsrc=A, psrc="10.0.0.2", pdst="10.0.0.1")))
    # 7. IRIX-style 2-byte family then 2 zero bytes.
    f.append(struct.pack(">H", 2) + b"\x00\x00" + ip4)
    # 8. Header only, and a 3-byte frame.
    f.append(struct.pack(order + "I", 2))
    f.append(b"\x02\x00\x00")
    return f


def loop_frames():
    """OpenBSD loopback (LINKTYPE 108): the family is always big-endian."""
    ip4 = bytes.fromhex("4500001c000100004011f9c87f0000017f0000010035003500080000")
    return [struct.pack(">I", 2) + ip4, struct.pack(">I", 24) + b"\x60" + bytes(39), struct.pack(">I", 99) + b"xx"]


def raw_frames():
    ip4 = bytes.fromhex("4500001c000100004011f9c87f0000017f0000010035003500080000")
    ip6 = bytes.fromhex("6000000000083a40" + "00" * 15 + "01" + "00" * 15 + "01" + "8000f7ff00000000")
    return [
        ip4,                         # 1. version nibble 4
        ip6,                         # 2. version nibble 6
        b"\x12\x34\x56\x78\x9a\xbc\xde\xf0",   # 3. neither: data
        b"\x45\x00\x00",             # 4. 3 bytes: too short for tshark's PPP checks (malformed)
        bytes(10) + ip4,             # 5. ten zero bytes then IPv4 (Linux ISDN, link down)
    ]


# ---- writers ------------------------------------------------------------------------------------------------------

def write_pcap(name, linktype, frames, snaplen=65535, fcs_bits=None):
    """frames: list of bytes, or (bytes, wire_len) for records cut by the snap length."""
    network = linktype
    if fcs_bits is not None:
        network |= 0x04000000 | ((fcs_bits // 16) << 28)
    with open(os.path.join(OUT, name), "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, network))
        for i, fr in enumerate(frames):
            data, wire = (fr, len(fr)) if isinstance(fr, (bytes, bytearray)) else fr
            out.write(struct.pack("<IIII", 1700000000 + i, i * 1000, len(data), wire))
            out.write(data)


def write_pcapng(name, linktype, frames, fcslen=None, epb_fcs=None):
    """frames are written as Enhanced Packet Blocks; epb_fcs puts that FCS length (bytes) in each packet's epb_flags."""
    def block(btype, body):
        body += b"\x00" * (-len(body) % 4)
        n = len(body) + 12
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

    def opt(code, value):
        return struct.pack("<HH", code, len(value)) + value + b"\x00" * (-len(value) % 4)

    with open(os.path.join(OUT, name), "wb") as out:
        out.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + opt(0, b"")))
        opts = opt(13, bytes([fcslen])) + opt(0, b"") if fcslen is not None else b""
        out.write(block(1, struct.pack("<HHI", linktype, 0, 0) + opts))
        for i, fr in enumerate(frames):
            ts = (1700000000 + i) * 1000000
            body = struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(fr), len(fr)) + fr + b"\x00" * (-len(fr) % 4)
            if epb_fcs is not None:
                body += opt(2, struct.pack("<I", epb_fcs << 5)) + opt(0, b"")
            out.write(block(6, body))


def main():
    os.makedirs(OUT, exist_ok=True)
    eth = ethernet_frames()
    write_pcap("ethernet.pcap", 1, eth)
    write_pcap("ieee8023.pcap", 1, ieee8023_frames())
    write_pcap("vlan.pcap", 1, vlan_frames())
    write_pcap("sll.pcap", 113, sll_frames())
    write_pcap("sll2.pcap", 276, sll_frames(v2=True))
    write_pcap("null-le.pcap", 0, null_frames("<"))
    write_pcap("null-be.pcap", 0, null_frames(">"))
    write_pcap("loop.pcap", 108, loop_frames())
    for lt in (12, 14, 101):
        write_pcap(f"raw{lt}.pcap", lt, raw_frames())
    write_pcap("rawip4.pcap", 228, raw_frames()[0:1] + raw_frames()[2:4])
    write_pcap("rawip6.pcap", 229, raw_frames()[1:4])
    # Snap-length cuts: each ARP/VLAN/802.3 frame cut at several lengths (wire length stays the original).
    cuts = []
    for fr in (eth[1], eth[19], vlan_frames()[0], vlan_frames()[3], ieee8023_frames()[15], ieee8023_frames()[0]):
        for n in (12, 14, 16, 20, 30, 41, 50):
            if n < len(fr):
                cuts.append((fr[:n], len(fr)))
    write_pcap("truncated.pcap", 1, cuts, snaplen=64)
    # FCS length known from the file: pcap header FCS bits (32 bits), pcapng if_fcslen (bytes as tshark reads it).
    fcs_frames = [eth[1] + b"\x11\x22\x33\x44", eth[0] + b"\x55\x66\x77\x88", vlan_frames()[0] + b"\x99\xaa\xbb\xcc",
                  ieee8023_frames()[0] + b"\xdd\xee\xff\x00"]
    write_pcap("fcs-header.pcap", 1, fcs_frames, fcs_bits=32)
    write_pcapng("fcs-4.pcapng", 1, fcs_frames, fcslen=4)
    write_pcapng("fcs-0.pcapng", 1, [eth[19], eth[20]], fcslen=0)
    # Per-packet FCS length in epb_flags (4 bytes), no if_fcslen: every frame ends in an FCS, even the 46-byte one.
    write_pcapng("fcs-epb.pcapng", 1, fcs_frames, epb_fcs=4)


if __name__ == "__main__":
    main()
