#!/usr/bin/python3
"""Writes a capture with N concurrent TCP connections (default 100,000) for measuring per-stream memory:
python3 bench/make-tcp-streams.py [N] [OUT]   (default OUT: bench/out/tcp-streams-100k.pcap)

Every connection opens before any closes, so all N streams are alive at once in the analyser: N SYNs, N SYN-ACKs,
N ACKs, then a request (100 bytes) and a reply (1,000 bytes) with their ACKs on each, then N FIN exchanges.
Clients are 10.x.y.z:port → 192.168.0.1:45080 (no dissector on that port, so the payloads stay "data").
Timestamps advance 1 µs per packet. Frames are built with struct (scapy would take minutes for ~1M packets).
"""
import os
import struct
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "out",
                                                          "tcp-streams-100k.pcap")
SERVER = bytes([192, 168, 0, 1])
SPORT = 45080
MAC_C, MAC_S = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    s = (s & 0xffff) + (s >> 16)
    s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src, dst, sport, dport, seq, ack, flags, payload=b"", to_server=True):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = (MAC_S + MAC_C if to_server else MAC_C + MAC_S) + b"\x08\x00"
    return eth + ip + tcp


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    clients = [(bytes([10, 1 + (i >> 16), (i >> 8) & 255, i & 255]), 1024 + i % 60000) for i in range(N)]
    req, rsp = b"\x90" * 100, b"\xa0" * 1000
    ts = [1_700_000_000_000_000]  # µs

    with open(OUT, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))

        def put(fr):
            ts[0] += 1
            f.write(struct.pack("<IIII", ts[0] // 1_000_000, ts[0] % 1_000_000, len(fr), len(fr)) + fr)

        C, S = 1000, 5000  # initial sequence numbers (plus the client index)
        phases = [
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i, 0, 0x02)),
            lambda i, a, p: put(frame(SERVER, a, SPORT, p, S + i, C + i + 1, 0x12, to_server=False)),
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i + 1, S + i + 1, 0x10)),
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i + 1, S + i + 1, 0x18, req)),
            lambda i, a, p: put(frame(SERVER, a, SPORT, p, S + i + 1, C + i + 101, 0x18, rsp, to_server=False)),
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i + 101, S + i + 1001, 0x10)),
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i + 101, S + i + 1001, 0x11)),
            lambda i, a, p: put(frame(SERVER, a, SPORT, p, S + i + 1001, C + i + 102, 0x11, to_server=False)),
            lambda i, a, p: put(frame(a, SERVER, p, SPORT, C + i + 102, S + i + 1002, 0x10)),
        ]
        for phase in phases:
            for i, (addr, port) in enumerate(clients):
                phase(i, addr, port)
    print(f"{OUT}: {N} streams, {N * len(phases)} packets")


if __name__ == "__main__":
    main()
