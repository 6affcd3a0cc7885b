#!/usr/bin/python3
"""Makes the transport-layer test captures under tests/captures/transport/ (run: /usr/bin/python3 tests/captures/make-transport-captures.py).

Frames are built with scapy and written by the small pcap writer at the bottom, so timestamps (for tcp/udp
time_relative/time_delta and the analysis timers) and per-record captured lengths (for truncation) are exact.
Ports are chosen where tshark 4.0 registers no dissector (45000-46999), so payloads show as "data".
The expected tshark output for these files is recorded in tests/Mako.Protocols.Tests/Transport/Expected/.

tcp-handshake.pcap   a whole connection, options on both SYNs, data, FIN/ACK teardown.
tcp-options.pcap     one segment per option case: SACK blocks and D-SACK, TFO request/cookie, echo, CC, MD5, user
                     timeout, quick-start, AO, experimental ExIDs (TARR, AccECN, TFO, unknown), unknown kind, EOL
                     padding, four NOPs, WS shift > 14, MSS outside a SYN, bad option lengths, MPTCP capable.
tcp-analysis.pcap    sequence analysis: retransmission, duplicate ACKs and fast retransmission, out-of-order, lost
                     segment, ACKed unseen segment, zero window and probe, window update, window full, keep-alive
                     and its ACK, spurious retransmission, port reuse, RST with a reason, URG, ACK number without ACK.
tcp-malformed.pcap   broken headers: cut by the snap length at several points, header length < 20, header length
                     past the segment (short segment), option running past the header.
udp.pcap             UDP: normal, zero checksum, length < 8, length > IP payload, traceroute port, empty payload,
                     cut header, a second conversation and the first again (udp.stream), VXLAN-free port 4790.
gre.pcap             GRE: IPv4 inside, key, sequence, good and bad checksum, transparent Ethernet bridging, PPTP's
                     enhanced header (payload length, call ID, sequence, ack), unknown protocol type, keepalive
                     without payload, a routing entry, truncated header.
vxlan.pcap           VXLAN on 4789: inner Ethernet/IPv4/UDP, GBP flags and policy ID, truncated VXLAN header.
gtp.pcap             GTPv1-U on 2152: T-PDUs carrying IPv4 (sequence number) and IPv6 (no optional word), one with a
                     PDU session container extension header and an N-PDU number, one whose payload is not IP, a cut header.
geneve.pcap          Geneve on 6081: inner Ethernet, a critical option with OAM, inner IPv4 without Ethernet, unknown
                     version, an option longer than the options area, unknown protocol type, truncated header.
prefixes.pcap        boundary sweep: a TCP SYN with options, a TCP data segment, a UDP datagram, GRE with key and sequence carrying
                     IPv4/UDP, and VXLAN, each cut by the snap length after every byte of the transport header and
                     payload (the Ethernet and IPv4 headers stay whole).
"""
import os
import struct

from scapy.layers.inet import IP, TCP, UDP, ICMP
from scapy.layers.l2 import Ether
from scapy.layers.inet6 import IPv6
from scapy.packet import Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transport")

MAC_C, MAC_S = "02:00:00:00:00:01", "02:00:00:00:00:02"
CLI, SRV = "192.168.10.1", "192.168.10.2"
CP, SP = 45001, 46001
PAYLOAD = bytes(range(0x80, 0x80 + 40))  # binary, so no text heuristics claim it


def eth_ip(ip_payload, src=CLI, dst=SRV, proto=None, **ipkw):
    ip = IP(src=src, dst=dst, **ipkw)
    if proto is not None:
        ip.proto = proto
    return bytes(Ether(src=MAC_C if src == CLI else MAC_S, dst=MAC_S if src == CLI else MAC_C) / ip / ip_payload)


def tcp(src, dst, sport, dport, flags, seq, ack=0, win=64240, options=None, payload=b"", **kw):
    t = TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=win, options=options or [], **kw)
    return eth_ip(t / Raw(payload) if payload else t, src=src, dst=dst)


def c2s(flags, seq, ack=0, **kw):
    return tcp(CLI, SRV, CP, SP, flags, seq, ack, **kw)


def s2c(flags, seq, ack=0, **kw):
    return tcp(SRV, CLI, SP, CP, flags, seq, ack, **kw)


def handshake():
    c, s = 1000000, 3000000000
    syn_opts = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (417031, 0)), ("NOP", None), ("WScale", 7)]
    f = [
        # 1. SYN with MSS, SACK_PERM, TS, NOP, WS=128: "[SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=417031 TSecr=0 WS=128".
        (0.0, c2s("S", c, options=syn_opts)),
        # 2. SYN-ACK with the same options; the server scales by 64.
        (0.010, s2c("SA", s, c + 1, win=65160, options=[("MSS", 1400), ("SAckOK", b""), ("Timestamp", (900, 417031)), ("NOP", None), ("WScale", 6)])),
        # 3. ACK: windows now scaled (client 128).
        (0.020, c2s("A", c + 1, s + 1, win=502, options=[("NOP", None), ("NOP", None), ("Timestamp", (417041, 900))])),
        # 4. Data, PSH: tcp.payload, data, bytes in flight, push bytes.
        (0.030, c2s("PA", c + 1, s + 1, win=502, payload=PAYLOAD, options=[("NOP", None), ("NOP", None), ("Timestamp", (417051, 900))])),
        # 5. ACK of the data: acks_frame 4, ack_rtt.
        (0.040, s2c("A", s + 1, c + 41, win=1018, options=[("NOP", None), ("NOP", None), ("Timestamp", (910, 417051))])),
        # 6. Server data, 1 byte (singular "1 byte" texts).
        (0.050, s2c("PA", s + 1, c + 41, win=1018, payload=b"\x01")),
        # 7. FIN from client: fin_active expert.
        (0.060, c2s("FA", c + 41, s + 2, win=502)),
        # 8. FIN from server: fin_passive.
        (0.070, s2c("FA", s + 2, c + 42, win=1018)),
        # 9. Last ACK: completeness 31 (Complete, WITH_DATA).
        (0.080, c2s("A", c + 42, s + 3, win=502)),
    ]
    return f


def options():
    c, s = 5000, 9000
    base = [(0.0, c2s("S", c, options=[("MSS", 1460), ("WScale", 15)]))]  # 1. WS shift 15 > 14: expert, multiplier 16384
    base.append((0.001, s2c("SA", s, c + 1, options=[("MSS", 1460)])))      # 2. SYN-ACK without WS: no scaling (-2)
    t = 0.002
    cases = [
        # 3. SACK with one block below the ACK: D-SACK (edges relative to the server's initial sequence number).
        [("NOP", None), ("NOP", None), ("SAck", (s - 10, s + 1))],
        # 4. SACK with two blocks, the second containing the first: D-SACK.
        [("SAck", (s + 101, s + 201, s + 51, s + 301))],
        # 5. Ordinary SACK, three blocks.
        [("SAck", (s + 101, s + 201, s + 301, s + 401, s + 501, s + 601))],
        # 6. TFO cookie request (kind 34, length 2) and cookie.
        [(34, b""), (34, b"\x11\x22\x33\x44\x55\x66\x77\x88")],
        # 7. Echo (6) and echo reply (7), CC (11), CC.NEW (12).
        [(6, b"\x00\x00\x00\x2a"), (7, b"\x00\x00\x00\x2b"), (11, b"\x00\x00\x00\x07"), (12, b"\x00\x00\x00\x08")],
        # 8. MD5 signature (19, 18 bytes).
        [(19, bytes(range(16)))],
        # 9. User timeout (28) with granularity bit, quick-start response (27).
        [(28, b"\x80\x3c"), (27, b"\x05\x10\x00\x00\x00\x00")],
        # 10. TCP-AO (29): key id, rnext key id, MAC ("TCP AO" is appended without a space, as tshark does).
        [(29, b"\x01\x02" + bytes(12))],
        # 11. Experimental 253/254 with ExIDs: TARR rate, TFO, unknown.
        [(253, b"\x00\xac\x0a"), (253, b"\xf9\x89"), (254, b"\x12\x34\xde\xad")],
        # 12. Unknown option kind 99 with payload, then EOL and zero padding.
        [(99, b"\xaa\xbb\xcc"), ("EOL", None)],
        # 13. Four NOPs in one word (expert), then timestamps.
        [("NOP", None)] * 4 + [("Timestamp", (1, 2)), ("NOP", None), ("NOP", None)],
        # 14. MSS on a non-SYN segment (expert), MSS with a bad length.
        [("MSS", 1200), (2, b"\x05")],
        # 15. Option whose length runs past the header (stops the options).
        [(8, b"\x00" * 4)],  # patched below to claim length 40
        # 16. Option with a too-short length byte (1).
        [(5, b"")],  # patched below to length 1
        # 17. Non-zero bytes after EOL.
        [("EOL", None), ("NOP", None), ("NOP", None), ("NOP", None)],
        # 18. MPTCP capable (kind 30, subtype 0): frame.protocols ends "tcp:mptcp", Protocol MPTCP.
        [(30, b"\x01\x81" + bytes(8))],
        # 19. AccECN option (kind 172) with three counters; from here on the flags show "ACE=" (AccECN in use).
        [(172, bytes(9))],
        # 20. Experimental AccECN order 0 (ExID 0xACC0).
        [(254, b"\xac\xc0\x00\x00\x05")],
    ]
    for i, opts in enumerate(cases):
        pkt = bytearray(c2s("A", c + 1, s + 1, win=1000, options=opts))
        if i == 12:  # case 15: make the timestamp option claim 40 bytes
            idx = pkt.index(b"\x08\x06")
            pkt[idx + 1] = 40
        if i == 13:  # case 16: SACK with length 1
            idx = len(pkt) - 4
            pkt[14 + 20 + 20] = 5
            pkt[14 + 20 + 21] = 1
        base.append((t, bytes(pkt)))
        t += 0.001
    return base


def analysis():
    c, s = 700000, 800000
    f = []
    t = [0.0]

    def at(dt, frame):
        t[0] += dt
        f.append((round(t[0], 6), frame))

    at(0.000, c2s("S", c, options=[("MSS", 1460), ("WScale", 2)]))                       # 1 SYN
    at(0.010, s2c("SA", s, c + 1, win=8000, options=[("MSS", 1460), ("WScale", 0)]))    # 2 SYN-ACK
    at(0.010, c2s("A", c + 1, s + 1, win=4000))                                          # 3 ACK: initial RTT 20 ms
    at(0.001, c2s("PA", c + 1, s + 1, win=4000, payload=PAYLOAD))                        # 4 data 1..40
    at(0.001, c2s("PA", c + 41, s + 1, win=4000, payload=PAYLOAD))                       # 5 data 41..80
    at(0.200, c2s("PA", c + 1, s + 1, win=4000, payload=PAYLOAD))                        # 6 retransmission (RTO)
    at(0.001, s2c("A", s + 1, c + 81, win=8000))                                         # 7 ACK all
    at(0.001, c2s("PA", c + 121, s + 1, win=4000, payload=PAYLOAD))                      # 8 previous segment not captured
    at(0.001, s2c("A", s + 1, c + 81, win=8000))                                         # 9 dup ACK #1
    at(0.001, s2c("A", s + 1, c + 81, win=8000))                                         # 10 dup ACK #2
    at(0.001, s2c("A", s + 1, c + 81, win=8000))                                         # 11 dup ACK #3
    at(0.001, c2s("PA", c + 81, s + 1, win=4000, payload=PAYLOAD))                       # 12 fast retransmission
    at(0.001, c2s("PA", c + 161, s + 1, win=4000, payload=PAYLOAD))                      # 13 data 161..200
    at(0.0005, c2s("PA", c + 201, s + 1, win=4000, payload=PAYLOAD))                     # 14 data 201..240
    at(0.0005, s2c("A", s + 1, c + 241, win=8000))                                       # 15 ACK all
    at(0.001, s2c("A", s + 1, c + 241, win=0))                                           # 16 zero window
    at(0.001, c2s("A", c + 241, s + 1, win=4000, payload=b"\x00"))                       # 17 zero window probe
    at(0.001, s2c("A", s + 1, c + 241, win=0))                                           # 18 zero window probe ACK
    at(0.001, s2c("A", s + 1, c + 241, win=8000))                                        # 19 window update
    at(0.001, c2s("A", c + 240, s + 1, win=4000))                                        # 20 keep-alive
    at(0.001, s2c("A", s + 1, c + 241, win=8000))                                        # 21 keep-alive ACK
    at(0.001, c2s("PA", c + 201, s + 1, win=4000, payload=PAYLOAD))                      # 22 spurious retransmission
    at(0.001, s2c("PA", s + 1, c + 241, win=8000, payload=PAYLOAD[:10]))                 # 23 server data
    at(0.001, c2s("UA", c + 241, s + 11, win=4000, urgptr=3, payload=b"\x01\x02\x03"))   # 24 URG: Urg=3
    at(0.001, c2s("P", c + 244, 12345, win=4000, payload=b"\x04"))                       # 25 ACK number without ACK flag
    at(0.001, s2c("A", s + 11, c + 345, win=8000))                                       # 26 ACKed unseen segment
    at(0.001, s2c("RA", s + 11, c + 345, win=0, payload=b"no such app"))                 # 27 RST with a reason
    at(1.000, c2s("S", c + 50000, options=[("MSS", 1460)]))                              # 28 port numbers reused
    at(0.010, s2c("SA", s + 50000, c + 50001, win=1000))                                 # 29 SYN-ACK of the new stream
    at(0.010, c2s("A", c + 50001, s + 50001, win=4000))                                  # 30 ACK
    at(0.001, c2s("PA", c + 50001, s + 50001, win=4000, payload=bytes(1000)))            # 31 window full (1000 of 1000)
    at(0.001, c2s("A", c + 50001, s + 50001, win=4000))                                  # 32 plain ACK in the new stream
    return f


def malformed():
    c, s = 111, 222
    good = c2s("SA", c, s, options=[("MSS", 1460), ("Timestamp", (5, 6))])
    f = []
    # 1-6. The same segment cut by the snap length after 2, 5, 13, 17, 19 and 26 bytes of TCP.
    for cut in (2, 5, 13, 17, 19, 26):
        f.append((len(f) * 0.001, good, 14 + 20 + cut))
    # 7. Header length 16 (< 20): ", bogus TCP header length (16, must be at least 20)".
    b = bytearray(c2s("A", c, s))
    b[14 + 20 + 12] = 0x40
    f.append((0.010, bytes(b), None))
    # 8. Header length 60 but only 20 bytes of TCP: "Short segment" expert, then the options run off the end.
    b = bytearray(c2s("A", c, s))
    b[14 + 20 + 12] = 0xf0
    f.append((0.011, bytes(b), None))
    # 9. IP total length shorter than the TCP header (header claims 32 bytes, IP says 24).
    b = bytearray(c2s("A", c, s, options=[("NOP", None)] * 12))
    b[14 + 2:14 + 4] = struct.pack(">H", 20 + 24)
    f.append((0.012, bytes(b), None))
    return f


def udp():
    f = []
    u = lambda sport, dport, payload, **kw: eth_ip(UDP(sport=sport, dport=dport, **kw) / Raw(payload))
    # 1. Normal datagram: "45001 → 46001 Len=15".
    f.append((0.0, u(45001, 46001, b"\x90" * 15), None))
    # 2. Reply: same udp.stream 0, time_delta.
    f.append((0.5, eth_ip(UDP(sport=46001, dport=45001) / Raw(b"\x91" * 3), src=SRV, dst=CLI), None))
    # 3. Zero checksum over IPv4: "[zero-value ignored]", status 3.
    b = bytearray(u(45002, 46002, b"\x92" * 4))
    b[14 + 20 + 6:14 + 20 + 8] = b"\x00\x00"
    f.append((0.6, bytes(b), None))
    # 4. Length 7 (< 8): "[BAD UDP LENGTH 7 < 8]", expert, no payload dissection.
    b = bytearray(u(45003, 46003, b"\x93" * 4))
    b[14 + 20 + 4:14 + 20 + 6] = struct.pack(">H", 7)
    f.append((0.7, bytes(b), None))
    # 5. Length 100 > IP payload (12): "[BAD UDP LENGTH 100 > IP PAYLOAD LENGTH]".
    b = bytearray(u(45004, 46004, b"\x94" * 4))
    b[14 + 20 + 4:14 + 20 + 6] = struct.pack(">H", 100)
    f.append((0.8, bytes(b), None))
    # 6. Traceroute destination port 33435: "Possible traceroute: hop #1, attempt #2".
    f.append((0.9, u(45005, 33435, b"\x95" * 8), None))
    # 7. Empty payload (length 8): no timestamps, no payload.
    f.append((1.0, u(45006, 46006, b""), None))
    # 8. Header cut after 6 bytes by the snap length.
    f.append((1.1, u(45007, 46007, b"\x96" * 8), 14 + 20 + 6))
    # 9. Back to the first conversation: udp.stream 0 again, time_relative 1.2.
    f.append((1.2, u(45001, 46001, b"\x97" * 2), None))
    # 10. Length 12 < IP payload (20): payload cut at 4 bytes, the rest is not UDP's.
    b = bytearray(u(45008, 46008, b"\x98" * 12))
    b[14 + 20 + 4:14 + 20 + 6] = struct.pack(">H", 12)
    f.append((1.3, bytes(b), None))
    # 11. UDP over IPv6 with a zero checksum: illegal (status 4), "[ILLEGAL CHECKSUM (0)]".
    b = bytearray(bytes(Ether(src=MAC_C, dst=MAC_S) / IPv6(src="fd00::1", dst="fd00::2") / UDP(sport=45009, dport=46009) / Raw(b"\x99" * 5)))
    b[14 + 40 + 6:14 + 40 + 8] = b"\x00\x00"
    f.append((1.4, bytes(b), None))
    return f


def gre():
    from scapy.layers.l2 import GRE
    inner = IP(src="10.9.0.1", dst="10.9.0.2") / UDP(sport=45100, dport=46100) / Raw(b"\xa0" * 6)
    outer = lambda g, payload: bytes(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV) / g / payload)
    f = []
    # 1. Plain GRE (RFC 2784) carrying IPv4.
    f.append((0.0, outer(GRE(proto=0x0800), inner), None))
    # 2. With a key (RFC 2890).
    f.append((0.1, outer(GRE(proto=0x0800, key_present=1, key=0x1234abcd), inner), None))
    # 3. With a sequence number.
    f.append((0.2, outer(GRE(proto=0x0800, seqnum_present=1, sequence_number=77), inner), None))
    # 4. With a correct checksum.
    f.append((0.3, outer(GRE(proto=0x0800, chksum_present=1), inner), None))
    # 5. With a wrong checksum (not verified by default; shows unverified).
    b = bytearray(outer(GRE(proto=0x0800, chksum_present=1), inner))
    b[14 + 20 + 4] ^= 0xff
    f.append((0.4, bytes(b), None))
    # 6. Transparent Ethernet bridging (0x6558) with an inner Ethernet/IPv4/UDP frame.
    f.append((0.5, outer(GRE(proto=0x6558, key_present=1, key=5), Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:00:0b") / inner), None))
    # 7. PPTP enhanced GRE (version 1, PPP 0x880b): payload length, call ID, sequence and ack numbers.
    hdr = struct.pack(">HHHHII", 0x3081, 0x880b, 4, 0x4001, 9, 8)
    f.append((0.6, bytes(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV, proto=47) / Raw(hdr + b"\xff\x03\x00\x21")), None))
    # 8. Unknown protocol type 0x1234: "Encapsulated 0x1234 (unknown)", payload as data.
    f.append((0.7, outer(GRE(proto=0x1234), Raw(b"\xb0" * 6)), None))
    # 9. Keepalive: type 0, no payload.
    f.append((0.8, outer(GRE(proto=0x0000), Raw(b"")), None))
    # 10. Routing present (RFC 1701): checksum/offset fields and one SRE, then the NULL SRE.
    sre = struct.pack(">HBB", 0x0800, 0, 4) + bytes([10, 0, 0, 1]) + struct.pack(">HBB", 0, 0, 0)
    hdr = struct.pack(">HHHH", 0x4000, 0x0800, 0, 0) + sre
    f.append((0.9, bytes(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV, proto=47) / Raw(hdr + bytes(inner))), None))
    # 11. Header cut after 3 bytes.
    f.append((1.0, outer(GRE(proto=0x0800), inner), 14 + 20 + 3))
    return f


def vxlan():
    from scapy.layers.vxlan import VXLAN
    inner = Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") / IP(src="10.8.0.1", dst="10.8.0.2") / UDP(sport=45200, dport=46200) / Raw(b"\xc0" * 4)
    u = lambda payload, sport=45300: eth_ip(UDP(sport=sport, dport=4789) / payload)
    f = []
    # 1. VNI 42, I flag: inner Ethernet/IPv4/UDP shown; Protocol/Info come from the inner UDP.
    f.append((0.0, u(VXLAN(vni=42, flags=0x08) / inner), None))
    # 2. GBP extension: G, D and A flags, policy ID 0x1234.
    b = bytearray(u(VXLAN(vni=7, flags=0x08) / inner))
    b[14 + 20 + 8:14 + 20 + 12] = bytes([0x88, 0x48, 0x12, 0x34])
    f.append((0.1, bytes(b), None))
    # 3. Header cut after 5 bytes.
    f.append((0.2, u(VXLAN(vni=1) / inner), 14 + 20 + 8 + 5))
    return f


def geneve():
    inner = Ether(src="02:00:00:00:03:01", dst="02:00:00:00:03:02") / IP(src="10.9.0.1", dst="10.9.0.2") / UDP(sport=45500, dport=46500) / Raw(b"\xe0" * 4)
    ip_only = IP(src="10.9.0.3", dst="10.9.0.4") / UDP(sport=45501, dport=46501) / Raw(b"\xe1" * 2)
    u = lambda payload: eth_ip(UDP(sport=45600, dport=6081) / Raw(payload))
    def hdr(ver_optlen, flags, proto, vni, reserved=0):
        return struct.pack(">BBH", ver_optlen, flags, proto) + struct.pack(">I", (vni << 8) | reserved)
    f = []
    # 1. No options, VNI 10, inner Ethernet/IPv4/UDP: Protocol/Info come from the inner UDP.
    f.append((0.0, u(hdr(0x00, 0x00, 0x6558, 10) + bytes(inner)), None))
    # 2. OAM and critical flags, one critical option (class 0x0101, type 0x80, 4 data bytes), reserved byte 5.
    opt = struct.pack(">HBB", 0x0101, 0x80, 0x01) + b"\x00\x00\x00\x0c"
    f.append((0.1, u(hdr(0x02, 0xc0, 0x6558, 0x123456, 5) + opt + bytes(inner)), None))
    # 3. Protocol type IPv4: the payload is an IP packet without Ethernet; an option with reserved flag bits.
    opt2 = struct.pack(">HBB", 0xfff0, 0x01, 0xe0)
    f.append((0.2, u(hdr(0x01, 0x00, 0x0800, 11) + opt2 + bytes(ip_only)), None))
    # 4. Version 1 (unknown): flagged, still dissected.
    f.append((0.3, u(hdr(0x40, 0x00, 0x6558, 12) + bytes(inner)), None))
    # 5. An option claiming 8 data words inside a 4-byte options area.
    f.append((0.4, u(hdr(0x01, 0x00, 0x6558, 13) + struct.pack(">HBB", 0, 0x02, 0x08) + bytes(inner)), None))
    # 6. Unknown protocol type 0x1234: the payload is data.
    f.append((0.5, u(hdr(0x00, 0x00, 0x1234, 14) + b"\xaa" * 6), None))
    # 7. Header cut after 5 bytes.
    f.append((0.6, u(hdr(0x00, 0x00, 0x6558, 15) + bytes(inner)), 14 + 20 + 8 + 5))
    return f


def gtp():
    from scapy.layers.inet import ICMP
    from scapy.layers.inet6 import IPv6
    u = lambda payload: eth_ip(UDP(sport=2152, dport=2152) / Raw(payload))
    def hdr(flags, msg, payload, teid, opt=b""):
        return struct.pack(">BBHI", flags, msg, len(opt) + len(payload), teid) + opt + payload
    v4 = bytes(IP(src="10.10.0.1", dst="10.10.0.2") / ICMP(type=8, id=7, seq=1) / Raw(b"\xf0" * 8))
    v6 = bytes(IPv6(src="2001:db8::a", dst="2001:db8::b") / UDP(sport=45700, dport=46700) / Raw(b"\xf1" * 3))
    f = []
    # 1. Version 1, S flag: sequence number 0x28db, inner IPv4 ICMP echo; Protocol "GTP <ICMP>".
    f.append((0.0, u(hdr(0x32, 0xff, v4, 1, struct.pack(">HBB", 0x28db, 0, 0))), None))
    # 2. No optional word, inner IPv6/UDP.
    f.append((0.1, u(hdr(0x30, 0xff, v6, 0x11223344)), None))
    # 3. E and PN flags: N-PDU number 5, a PDU session container (type 0x85, one word) then no more headers.
    f.append((0.2, u(hdr(0x35, 0xff, v4, 2, struct.pack(">HBB", 0, 5, 0x85) + bytes([1, 0x10, 0x09, 0]))), None))
    # 4. A T-PDU whose payload is not IP: data.
    f.append((0.3, u(hdr(0x30, 0xff, b"\x00\x01\x02\x03", 3)), None))
    # 5. Header cut after 5 bytes.
    f.append((0.4, u(hdr(0x30, 0xff, v4, 4)), 14 + 20 + 8 + 5))
    return f


def prefixes():
    from scapy.layers.l2 import GRE
    from scapy.layers.vxlan import VXLAN
    inner = IP(src="10.7.0.1", dst="10.7.0.2") / UDP(sport=45400, dport=46400) / Raw(b"\xd0" * 3)
    whole = [
        handshake()[0][1],
        handshake()[3][1],
        eth_ip(UDP(sport=45401, dport=46401) / Raw(b"\xd1" * 5)),
        bytes(Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV) / GRE(proto=0x0800, key_present=1, key=9, seqnum_present=1, sequence_number=3) / inner),
        eth_ip(UDP(sport=45402, dport=4789) / VXLAN(vni=5, flags=0x08) / Ether(src="02:00:00:00:02:01", dst="02:00:00:00:02:02") / inner),
    ]
    f = []
    for frame in whole:
        for cut in range(14 + 20, len(frame) + 1):
            f.append((len(f) * 0.001, frame, cut))
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
            sec = int(ts)
            usec = int(round((ts - sec) * 1e6))
            fh.write(struct.pack("<IIII", base + sec, usec, len(cap), len(data)))
            fh.write(cap)


write_pcap("tcp-handshake.pcap", handshake())
write_pcap("tcp-options.pcap", options())
write_pcap("tcp-analysis.pcap", analysis())
write_pcap("tcp-malformed.pcap", malformed())
write_pcap("udp.pcap", udp())
write_pcap("gre.pcap", gre())
write_pcap("vxlan.pcap", vxlan())
write_pcap("geneve.pcap", geneve())
write_pcap("gtp.pcap", gtp())
write_pcap("prefixes.pcap", prefixes())
print("wrote", sorted(os.listdir(OUT)))
