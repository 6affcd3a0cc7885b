#!/usr/bin/env python3
"""Makes the captures the output-mode golden tests use (tests/captures/output/).

Run: /usr/bin/python3 tests/captures/make-output-captures.py   (needs python3-scapy)

The frames only use Ethernet with Ethertypes no Mako dissector claims, so the payload is shown as "data": the
tests then exercise the printers (-V, -x, json, pdml, ek, psml) on frame/eth/data trees and on the engine's
special nodes (expert info, malformed and snapped packets, packet comments).

eth-data.pcap (classic pcap, microseconds, link type Ethernet):
  1  Broadcast destination, Ethertype 0x88b5 (named "Local Experimental Ethertype 1"), 100 payload bytes
     0x00..0x63: a multi-line hex dump and a Data label that tshark truncates after 36 bytes.
  2  Multicast destination, locally administered source, unknown Ethertype 0x1234, payload with CR/LF/TAB,
     quotes, XML metacharacters, a NUL, DEL and bytes >= 0x80 (ASCII column shows '.').
  3  Type/length 0x05ff (1535): neither a length nor an Ethertype: "Invalid length/type" expert warning.
  4  Snapped by the capture: 60 bytes on the wire, 10 captured: "[Packet size limited during capture]".
  5  A 5-byte frame (wire length 5): the Ethernet header is past the real end: "[Malformed Packet]".
  6  300-byte frame: hex offsets past 0x00ff.
  7  Ethertype 0x88b6 with a 1-byte payload.

pcapng-meta.pcapng (pcapng, two interfaces):
  IDB 0: Ethernet, if_name "eth0", if_description "Test NIC" (microsecond resolution)
  IDB 1: Ethernet, if_name "lo", if_description with TAB, quotes, <, &, > and a backslash, if_tsresol 9 (ns)
  1  on eth0: one comment, flags 0x00000005 (inbound, unicast)
  2  on lo: two comments, the second with TAB, quotes, <, >, &, ', backslash, newline and non-ASCII text
  3  on eth0: flags 0x01000002 (outbound, CRC error bit), drop count 3, packet id 0x1234, queue 2
  4  on lo: no options, snapped to 20 of 64 bytes
"""
import os
import struct

from scapy.all import Ether, Raw
from scapy.utils import PcapWriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "output")
BASE_TS = 1259023909  # Nov 24, 2009 00:51:49 UTC


def eth_data():
    frames = []
    f = Ether(dst="ff:ff:ff:ff:ff:ff", src="00:11:22:33:44:55", type=0x88b5) / Raw(bytes(range(100)))
    f.time = BASE_TS + 0.119790
    frames.append(f)
    f = Ether(dst="01:00:5e:00:00:01", src="02:00:00:00:00:01", type=0x1234) / Raw(
        b'Hello\r\n\t"<&>\\ world\x00\x7f\x80\xff')
    f.time = BASE_TS + 0.119795
    frames.append(f)
    f = Ether(dst="00:11:22:33:44:55", src="00:0b:db:43:e7:4b", type=0x05FF) / Raw(b"\x01\x02\x03\x04" * 12)
    f.time = BASE_TS + 1.5
    frames.append(f)
    path = os.path.join(OUT, "eth-data.pcap")
    w = PcapWriter(path, linktype=1, sync=True)
    for f in frames:
        w.write(f)
    # 4: 60 bytes on the wire, only 10 captured (the Ethernet header is cut).
    full = bytes(Ether(dst="00:11:22:33:44:55", src="00:0b:db:43:e7:4b", type=0x88b5) / Raw(b"\x00" * 46))
    _write_record(w, full[:10], 60, BASE_TS + 2, 0)
    # 5: a 5-byte frame: wire length 5, too short for an Ethernet header.
    _write_record(w, b"\x00\x11\x22\x33\x44", 5, BASE_TS + 2, 500)
    # 6: 300 bytes, for hex offsets past 0x00ff.
    big = bytes(Ether(dst="00:11:22:33:44:55", src="00:0b:db:43:e7:4b", type=0x88b5) / Raw(bytes(i & 0xff for i in range(286))))
    _write_record(w, big, len(big), BASE_TS + 3, 250000)
    # 7: 1-byte payload.
    one = bytes(Ether(dst="00:11:22:33:44:55", src="00:0b:db:43:e7:4b", type=0x88b6) / Raw(b"A"))
    _write_record(w, one, len(one), BASE_TS + 3, 250001)
    w.close()


def _write_record(w, data, wirelen, sec, usec):
    w.f.write(struct.pack("<IIII", int(sec), usec, len(data), wirelen))
    w.f.write(data)


def _opt(code, value):
    pad = (4 - len(value) % 4) % 4
    return struct.pack("<HH", code, len(value)) + value + b"\x00" * pad


def _block(btype, body):
    total = 12 + len(body)
    return struct.pack("<II", btype, total) + body + struct.pack("<I", total)


def _epb(iface, ts_units, data, wirelen, options=b""):
    body = struct.pack("<IIIII", iface, ts_units >> 32, ts_units & 0xFFFFFFFF, len(data), wirelen)
    body += data + b"\x00" * ((4 - len(data) % 4) % 4)
    if options:
        body += options + _opt(0, b"")
    return _block(6, body)


def pcapng_meta():
    out = bytearray()
    shb = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + _opt(4, b"make-output-captures.py") + _opt(0, b"")
    out += _block(0x0A0D0D0A, shb)
    idb0 = struct.pack("<HHI", 1, 0, 0) + _opt(2, b"eth0") + _opt(3, b"Test NIC") + _opt(0, b"")
    out += _block(1, idb0)
    idb1 = struct.pack("<HHI", 1, 0, 0) + _opt(2, b"lo") + _opt(3, b'loop\tback "if" <&>\\') + _opt(9, b"\x09") + _opt(0, b"")
    out += _block(1, idb1)

    def frame(etype, payload, dst="00:11:22:33:44:55", src="00:0b:db:43:e7:4b"):
        return bytes(Ether(dst=dst, src=src, type=etype) / Raw(payload))

    us = BASE_TS * 1_000_000 + 119790
    ns = BASE_TS * 1_000_000_000 + 119790123
    f1 = frame(0x88b5, b"first packet")
    out += _epb(0, us, f1, len(f1), _opt(1, b"first comment") + _opt(2, struct.pack("<I", 0x00000005)))
    f2 = frame(0x88b5, b"second packet")
    odd = 'tab\there "quoted" <xml> & \'apos\' back\\slash\nnewline \u00e9\u2713'.encode("utf-8")
    out += _epb(1, ns + 5, f2, len(f2), _opt(1, b"plain comment") + _opt(1, odd))
    f3 = frame(0x88b6, b"third packet")
    out += _epb(0, us + 1000, f3, len(f3), _opt(2, struct.pack("<I", 0x01000002)) + _opt(4, struct.pack("<Q", 3))
                + _opt(5, struct.pack("<Q", 0x1234)) + _opt(6, struct.pack("<I", 2)))
    f4 = frame(0x88b6, bytes(50))
    out += _epb(1, ns + 2_000_000, f4[:20], len(f4))
    with open(os.path.join(OUT, "pcapng-meta.pcapng"), "wb") as fh:
        fh.write(out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    eth_data()
    pcapng_meta()
