#!/usr/bin/python3
"""Makes real TCP captures for sequence-analysis evidence under tests/captures/tcp/ (run as root:
/usr/bin/python3 tests/captures/make-tcp-captures.py [scenario ...]).

Nothing here is crafted: both ends are real programs (python's http.server and curl, or small socket programs
below) using the kernel's TCP, and tcpdump records them. They talk through three network namespaces

    tcpa-c (client 10.9.1.1, c0) ── veth ── tcpa-r (relay) ── veth ── tcpa-s (server 10.9.2.1, s0)

The kernel has no `tc netem`, so the middle namespace routes every packet through two TUN devices to the relay
in this file (`relay` mode), which delays, drops, duplicates and reorders IPv4 packets by rule. Rules name a
segment by its *relative sequence offset* and act on its first transmission only, so the kernel's recovery
(retransmissions, SACK, timers) is real and the same segment is hit whatever the segmentation; random loss uses
a fixed seed. The relay can also copy every packet it forwards to a mirror interface ("SPAN port") that skips a
few packets, for captures that missed segments the receiver did get (ACKed unseen segment).
Segmentation offloads are turned off on the endpoints, so frames on the wire are at most one MSS.
The server port 45080 has no dissector in tshark 4.0, so payloads show as "data"; served files are random bytes.

Captures (client/server view = where tcpdump ran):
  loss-server.pcap   download with drops (a burst, a single loss, the tail segment): retransmission, fast
                     retransmission, dup ACKs with SACK, RTO retransmission of the tail (server view).
  loss-client.pcap   the same transfer seen by the client: previous segment not captured, dup ACKs, the holes
                     filled by retransmissions / out-of-order segments.
  reorder.pcap       segments swapped and one delayed by 30 ms (client view): out-of-order, dup ACKs.
  duplicate.pcap     duplicated data segments and ACKs (client view): retransmission, D-SACK dup ACKs.
  spurious.pcap      the client's ACKs of the last segments held back 400 ms (client view): the server's tail
                     loss probe and RTO resend data already acknowledged: spurious retransmission.
  mirror.pcap        a SPAN-port capture that misses a few packets: previous segment not captured, ACKed unseen
                     segment.
  zerowin.pcap       a slow reader (curl --limit-rate 2K, 4 KB receive buffer; server view): window full, zero
                     window, the kernel's window probes (keep-alive shaped in Linux) and their ACKs, window update.
  zwprobe.pcap       1-byte writes into a receiver that stops reading and is allowed to shrink its window
                     (net.ipv4.tcp_shrink_window): the bytes already in flight when it advertises a zero window
                     arrive as zero window probes, answered by zero window probe ACKs (server view).
  keepalive.pcap     an idle connection with TCP_KEEPIDLE=1 s: keep-alive, keep-alive ACK.
  portreuse.pcap     two downloads from the same client port (curl --local-port): port numbers reused.
  rst.pcap           a connection refused (RST, ACK), an abortive close (SO_LINGER 0), a close with unread data.
  tfo.pcap           TCP Fast Open (net.ipv4.tcp_fastopen): cookie request, then data in the SYN.
  chaos.pcap         a larger download with seeded random loss, duplication, reordering and delay both ways
                     (snap length 96 to stay small).
"""
import fcntl
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tcp")
NS_C, NS_R, NS_S = "tcpa-c", "tcpa-r", "tcpa-s"
CLIENT, SERVER, PORT = "10.9.1.1", "10.9.2.1", 45080
MACS = {"c0": "02:00:00:09:01:01", "rc": "02:00:00:09:01:fe", "rs": "02:00:00:09:02:fe", "s0": "02:00:00:09:02:01",
        "m0": "02:00:00:09:03:01", "m1": "02:00:00:09:03:02"}


def sh(*cmd, ns=None, check=True, **kw):
    full = (["ip", "netns", "exec", ns] if ns else []) + list(cmd)
    return subprocess.run(full, check=check, **kw)


def nsrun(ns, *cmd, **kw):
    """Starts a program inside a namespace."""
    return subprocess.Popen(["ip", "netns", "exec", ns] + list(cmd), **kw)


def me(*args):
    """This script in another mode (relay, helper programs), for running inside a namespace."""
    return [sys.executable, os.path.abspath(__file__)] + list(args)


# ---------------------------------------------------------------------------------------------------------------
# Topology
# ---------------------------------------------------------------------------------------------------------------
def teardown():
    for ns in (NS_C, NS_R, NS_S):
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)


def setup(sysctl_c=(), sysctl_s=()):
    teardown()
    for ns in (NS_C, NS_R, NS_S):
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "set", "lo", "up", ns=ns)
        sh("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", ns=ns)
        sh("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1", ns=ns)
    sh("ip", "link", "add", "c0", "netns", NS_C, "type", "veth", "peer", "name", "rc", "netns", NS_R)
    sh("ip", "link", "add", "s0", "netns", NS_S, "type", "veth", "peer", "name", "rs", "netns", NS_R)
    sh("ip", "link", "add", "m0", "netns", NS_R, "type", "veth", "peer", "name", "m1", "netns", NS_R)
    for ns, dev, addr in ((NS_C, "c0", CLIENT + "/24"), (NS_R, "rc", "10.9.1.254/24"), (NS_R, "rs", "10.9.2.254/24"),
                          (NS_S, "s0", SERVER + "/24"), (NS_R, "m0", None), (NS_R, "m1", None)):
        sh("ip", "link", "set", dev, "address", MACS[dev], ns=ns)
        if addr:
            sh("ip", "addr", "add", addr, "dev", dev, ns=ns)
        sh("ip", "link", "set", dev, "up", ns=ns)
    sh("ip", "route", "add", "default", "via", "10.9.1.254", ns=NS_C)
    sh("ip", "route", "add", "default", "via", "10.9.2.254", ns=NS_S)
    # Static neighbours: no ARP in the captures.
    sh("ip", "neigh", "replace", "10.9.1.254", "lladdr", MACS["rc"], "dev", "c0", ns=NS_C)
    sh("ip", "neigh", "replace", "10.9.2.254", "lladdr", MACS["rs"], "dev", "s0", ns=NS_S)
    sh("ip", "neigh", "replace", CLIENT, "lladdr", MACS["c0"], "dev", "rc", ns=NS_R)
    sh("ip", "neigh", "replace", SERVER, "lladdr", MACS["s0"], "dev", "rs", ns=NS_R)
    for ns, dev in ((NS_C, "c0"), (NS_S, "s0")):
        sh(*me("ethtool-off", dev), ns=ns)
    for k in ("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
              "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0"):
        sh("sysctl", "-qw", k, ns=NS_R)
    # Everything arriving from either side is routed into the relay's TUN devices (tables 100/101).
    sh("ip", "rule", "add", "iif", "rc", "lookup", "100", ns=NS_R)
    sh("ip", "rule", "add", "iif", "rs", "lookup", "101", ns=NS_R)
    for ns, items in ((NS_C, sysctl_c), (NS_S, sysctl_s)):
        for k in items:
            sh("sysctl", "-qw", k, ns=ns)


def ethtool_off(dev):
    """Turns off checksum offload, scatter-gather, TSO and GSO (legacy ETHTOOL_S* ioctls), so tcpdump sees
    wire-sized frames with real checksums."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for cmd in (0x17, 0x19, 0x1f, 0x24):  # STXCSUM, SSG, STSO, SGSO
        buf = bytearray(struct.pack("II", cmd, 0))
        import ctypes
        cbuf = (ctypes.c_char * len(buf)).from_buffer(buf)
        ifr = struct.pack("16sP", dev.encode(), ctypes.addressof(cbuf))
        try:
            fcntl.ioctl(s.fileno(), 0x8946, ifr)
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------------------------
# The relay (runs in tcpa-r)
# ---------------------------------------------------------------------------------------------------------------
def tun_open(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN|IFF_NO_PI
    subprocess.run(["ip", "link", "set", name, "up"], check=True)
    subprocess.run(["sysctl", "-qw", f"net.ipv4.conf.{name}.rp_filter=0"], check=True)
    return fd


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


class Relay:
    """Forwards IPv4 packets between the two TUN devices applying the scenario's rules per direction
    ("c2s", "s2c"). Offsets are relative sequence numbers (first data byte = 1) of the packet's first transmission."""

    def __init__(self, rules):
        self.r = rules
        self.rng = random.Random(rules.get("seed", 1))
        self.isn = {}        # (src, sport, dst, dport) -> initial sequence number
        self.seen = {}       # flow -> set of (rel seq, len) already forwarded once
        self.heap = []
        self.n = 0
        self.held = {}       # direction -> packet waiting to be overtaken
        self.mirror = None
        self.fired = set()   # (direction, rule, offset) rules already applied
        self.held_acks = {}  # (direction, offset) -> ACKs held back so far
        if rules.get("mirror"):
            self.mirror = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            self.mirror.bind(("m0", 0))

    def classify(self, pkt):
        """(flow, rel seq, payload length, flags, rel ack, first transmission?) or None for non-TCP."""
        if len(pkt) < 40 or pkt[0] >> 4 != 4 or pkt[9] != 6:
            return None
        ihl = (pkt[0] & 15) * 4
        tcp = pkt[ihl:]
        sport, dport, seq, ack = struct.unpack("!HHII", tcp[:12])
        flags = tcp[13]
        hl = (tcp[12] >> 4) * 4
        plen = struct.unpack("!H", pkt[2:4])[0] - ihl - hl
        flow = (pkt[12:16], sport, pkt[16:20], dport)
        back = (pkt[16:20], dport, pkt[12:16], sport)
        if flags & 0x02:
            self.isn[flow] = seq
            self.seen[flow] = set()
        if flow not in self.isn:
            return None
        rel = (seq - self.isn[flow]) & 0xffffffff
        rack = (ack - self.isn[back]) & 0xffffffff if back in self.isn else 0
        first = (rel, plen) not in self.seen[flow] and not any(s <= rel < s + n for s, n in self.seen[flow] if n)
        if plen:
            self.seen[flow].add((rel, plen))
        return flow, rel, plen, flags, rack, first

    def hits(self, d, name, rel, plen, first):
        """True the first time a segment covering one of the rule's offsets passes."""
        if not first or not plen:
            return False
        for off in self.r.get(name, {}).get(d, []):
            if rel <= off < rel + plen and (d, name, off) not in self.fired:
                self.fired.add((d, name, off))
                return True
        return False

    def schedule(self, when, fd, pkt, mirror=True):
        self.n += 1
        heapq.heappush(self.heap, (when, self.n, fd, pkt, mirror))

    def handle(self, d, pkt, out):
        now = time.monotonic()
        delay = self.r.get("delay", {}).get(d, 0) / 1000.0
        jitter = self.r.get("jitter", {}).get(d, 0) / 1000.0
        info = self.classify(pkt)
        mirror = True
        if info:
            flow, rel, plen, flags, rack, first = info
            if self.hits(d, "drop", rel, plen, first):
                return
            loss = self.r.get("loss", {}).get(d, 0)
            if loss and plen and first and self.rng.random() < loss:
                return
            if self.hits(d, "mirror_skip", rel, plen, first):
                mirror = False
            if not flags & 0x06:  # not SYN or RST
                for off, extra, count in self.r.get("hold_acks", {}).get(d, []):
                    key = (d, off)
                    if rack >= off and self.held_acks.get(key, 0) < count:
                        self.held_acks[key] = self.held_acks.get(key, 0) + 1
                        delay += extra / 1000.0
            if not plen and not flags & 0x07:
                for off in self.r.get("mirror_skip_ack", {}).get(d, []):
                    key = (d, "mirror_skip_ack", off)
                    if rack >= off and key not in self.fired:
                        self.fired.add(key)
                        mirror = False
            if jitter:
                delay += self.rng.random() * jitter
            dup = self.hits(d, "dup", rel, plen, first) or (
                self.r.get("dup_rate", {}).get(d, 0) and self.rng.random() < self.r["dup_rate"][d])
            if self.hits(d, "late", rel, plen, first):
                delay += self.r.get("late_ms", 30) / 1000.0
            reorder = self.hits(d, "reorder", rel, plen, first) or (
                plen and first and self.r.get("reorder_rate", {}).get(d, 0)
                and self.rng.random() < self.r["reorder_rate"][d])
            if reorder and d not in self.held:
                self.held[d] = (pkt, out, now + delay, mirror)
                return
            if dup:
                self.schedule(now + delay, out, pkt)
                delay += 0.0002
        self.schedule(now + delay, out, pkt, mirror)
        if d in self.held:
            hp, hout, hwhen, hm = self.held.pop(d)
            self.schedule(max(now + delay, hwhen) + 0.0001, hout, hp, hm)

    def flush(self):
        now = time.monotonic()
        for d in list(self.held):
            pkt, out, when, m = self.held[d]
            if now - when > 0.05:
                del self.held[d]
                self.schedule(now, out, pkt, m)
        while self.heap and self.heap[0][0] <= now:
            _, _, fd, pkt, mirror = heapq.heappop(self.heap)
            os.write(fd, pkt)
            if self.mirror and mirror:
                src = MACS["c0"] if pkt[12:16] == socket.inet_aton(CLIENT) else MACS["s0"]
                dst = MACS["s0"] if src == MACS["c0"] else MACS["c0"]
                self.mirror.send(bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", "")) + b"\x08\x00" + pkt)

    def run(self, a, b):
        while True:
            timeout = max(0.0, self.heap[0][0] - time.monotonic()) if self.heap else 0.01
            r, _, _ = select.select([a, b], [], [], min(timeout, 0.01))
            for fd in r:
                pkt = os.read(fd, 65536)
                # From tunA come packets the client sent: they go out through tunB towards the server.
                if fd == a:
                    self.handle("c2s", pkt, b)
                else:
                    self.handle("s2c", pkt, a)
            self.flush()


def relay_main(rules_json):
    rules = json.loads(rules_json)
    a, b = tun_open("tunA"), tun_open("tunB")
    subprocess.run(["ip", "route", "replace", "default", "dev", "tunA", "table", "100"], check=True)
    subprocess.run(["ip", "route", "replace", "default", "dev", "tunB", "table", "101"], check=True)
    relay = Relay(rules)
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    relay.run(a, b)


# ---------------------------------------------------------------------------------------------------------------
# Small socket programs for what curl and http.server cannot do (run inside a namespace)
# ---------------------------------------------------------------------------------------------------------------
def prog_keepalive_client():
    s = socket.create_connection((SERVER, PORT))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    s.sendall(b"hello\n")
    s.recv(100)
    time.sleep(3.5)
    s.sendall(b"bye\n")
    s.recv(100)
    s.close()


def prog_echo_server(once=False):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((SERVER, PORT))
    ls.listen(8)
    print("ready", flush=True)
    while True:
        c, _ = ls.accept()
        try:
            while True:
                data = c.recv(4096)
                if not data:
                    break
                c.sendall(data)
        except ConnectionResetError:
            pass
        c.close()
        if once:
            break


def prog_rst_client():
    # 1. Nothing listens on PORT + 1: the server's kernel answers RST, ACK.
    try:
        socket.create_connection((SERVER, PORT + 1), timeout=2)
    except OSError:
        pass
    # 2. Abortive close: SO_LINGER with a zero timeout sends RST instead of FIN.
    s = socket.create_connection((SERVER, PORT))
    s.sendall(b"abort me\n")
    s.recv(100)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    time.sleep(0.2)
    # 3. Closing with unread data: the client never reads the echo, so close() resets.
    s = socket.create_connection((SERVER, PORT))
    s.sendall(b"unread\n")
    time.sleep(0.2)
    s.close()
    time.sleep(0.2)


def prog_sink_server():
    """Accepts one connection, reads a little, then stops reading (its small buffer fills and may shrink)."""
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((SERVER, PORT))
    ls.listen(1)
    print("ready", flush=True)
    c, _ = ls.accept()
    c.recv(10)
    time.sleep(2.5)
    while c.recv(65536):
        pass
    c.close()


def prog_trickle_client(count, gap_ms):
    """Writes one byte at a time with Nagle and autocorking off, so every byte is its own segment."""
    s = socket.create_connection((SERVER, PORT))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.setblocking(False)
    sent = 0
    end = time.monotonic() + 4
    while sent < count and time.monotonic() < end:
        try:
            sent += s.send(b"x")
        except BlockingIOError:
            pass
        time.sleep(gap_ms / 1000.0)
    s.setblocking(True)
    time.sleep(1.0)
    s.close()


# ---------------------------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------------------------
class Capture:
    def __init__(self, ns, dev, path, snaplen=0):
        self.p = nsrun(ns, "tcpdump", "-i", dev, "-w", path, "-U", "--immediate-mode", "-s", str(snaplen or 262144), "-n", "tcp",
                       stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        line = self.p.stderr.readline()  # "listening on ..."
        if b"listening" not in line:
            raise SystemExit(f"tcpdump failed: {line!r}")
        time.sleep(0.5)

    def stop(self):
        time.sleep(0.3)
        self.p.send_signal(signal.SIGINT)
        self.p.wait(timeout=10)


class World:
    """One scenario's namespaces, relay, server and captures."""

    def __init__(self, rules, sysctl_c=(), sysctl_s=()):
        setup(sysctl_c, sysctl_s)
        self.procs = []
        self.relay = nsrun(NS_R, *me("relay", json.dumps(rules)), stdout=subprocess.PIPE)
        assert self.relay.stdout.readline().strip() == b"ready"
        self.caps = []

    def http_server(self, files):
        d = tempfile.mkdtemp(prefix="tcpa-www-")
        for name, size in files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(random.Random(size).randbytes(size))
        p = nsrun(NS_S, sys.executable, "-m", "http.server", str(PORT), "--bind", SERVER, "--directory", d,
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(p)
        wait_port(NS_C)

    def server(self, *args):
        p = nsrun(NS_S, *me(*args), stdout=subprocess.PIPE)
        assert p.stdout.readline().strip() == b"ready"
        self.procs.append(p)

    def capture(self, ns, dev, name, snaplen=0):
        c = Capture(ns, dev, os.path.join(OUT, name), snaplen)
        self.caps.append(c)

    def curl(self, path, *extra):
        sh("curl", "-s", "-o", "/dev/null", "--max-time", "60", *extra, f"http://{SERVER}:{PORT}/{path}", ns=NS_C,
           check=False)

    def client(self, *args):
        sh(*me(*args), ns=NS_C)

    def close(self):
        for c in self.caps:
            c.stop()
        for p in self.procs + [self.relay]:
            p.terminate()
            p.wait()
        teardown()


def wait_port(ns):
    for _ in range(50):
        r = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c",
                            f"import socket; socket.create_connection(('{SERVER}', {PORT}), timeout=0.5).close()"],
                           stderr=subprocess.DEVNULL)
        if r.returncode == 0:
            return
        time.sleep(0.1)
    raise SystemExit("server did not start")


BASE_DELAY = {"c2s": 5, "s2c": 5}


def sc_loss():
    # A burst of two, a single loss later, and the last data segment (tail loss: TLP/RTO).
    w = World({"delay": BASE_DELAY, "drop": {"s2c": [6000, 7500, 30000, 59990]}})
    w.http_server({"f": 60000})
    w.capture(NS_S, "s0", "loss-server.pcap")
    w.capture(NS_C, "c0", "loss-client.pcap")
    time.sleep(0.3)  # the probe connection of wait_port is over before recording starts
    w.curl("f")
    w.close()


def sc_reorder():
    w = World({"delay": BASE_DELAY, "reorder": {"s2c": [3000, 12000, 20000]}, "late": {"s2c": [27000]},
               "late_ms": 30})
    w.http_server({"f": 40000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "reorder.pcap")
    w.curl("f")
    w.close()


def sc_duplicate():
    w = World({"delay": BASE_DELAY, "dup": {"s2c": [3000, 15000, 15001 + 1448], "c2s": []}})
    w.http_server({"f": 30000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "duplicate.pcap")
    w.curl("f")
    w.close()


def sc_spurious():
    # The client's packets acknowledging the last 5000 bytes (ACKs and its FIN) are held 400 ms: the server's tail
    # loss probe and retransmission timeout resend data the client has already acknowledged.
    w = World({"delay": BASE_DELAY, "hold_acks": {"c2s": [[25000, 400, 4]]}})
    w.http_server({"f": 30000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "spurious.pcap")
    w.curl("f")
    w.close()


def sc_mirror():
    w = World({"delay": BASE_DELAY, "mirror": True, "mirror_skip": {"s2c": [5000, 20000], "c2s": []},
               "mirror_skip_ack": {"c2s": [12000]}})
    w.http_server({"f": 30000})
    time.sleep(0.3)
    w.capture(NS_R, "m1", "mirror.pcap")
    w.curl("f")
    w.close()


def sc_zerowin():
    w = World({"delay": BASE_DELAY}, sysctl_c=["net.ipv4.tcp_rmem=4096 4096 4096"])
    w.http_server({"f": 16000})
    time.sleep(0.3)
    w.capture(NS_S, "s0", "zerowin.pcap")
    w.curl("f", "--limit-rate", "2K")
    w.close()


def sc_zwprobe():
    w = World({"delay": {"c2s": 5, "s2c": 20}},
              sysctl_c=["net.ipv4.tcp_autocorking=0"],
              sysctl_s=["net.ipv4.tcp_shrink_window=1", "net.ipv4.tcp_rmem=4096 8192 65536"])
    w.server("sink-server")
    w.capture(NS_S, "s0", "zwprobe.pcap")
    w.client("trickle-client", "20000", "0.1")
    w.close()


def sc_keepalive():
    w = World({"delay": BASE_DELAY})
    w.server("echo-server")
    w.capture(NS_C, "c0", "keepalive.pcap")
    w.client("keepalive-client")
    w.close()


def sc_portreuse():
    w = World({"delay": BASE_DELAY})
    w.http_server({"a": 2000, "b": 3000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "portreuse.pcap")
    w.curl("a", "--local-port", "40123")
    time.sleep(0.5)
    w.curl("b", "--local-port", "40123")
    w.close()


def sc_rst():
    w = World({"delay": BASE_DELAY})
    w.server("echo-server")
    w.capture(NS_C, "c0", "rst.pcap")
    w.client("rst-client")
    w.close()


def sc_tfo():
    tfo = ["net.ipv4.tcp_fastopen=1027"]  # client and server, server without the TCP_FASTOPEN socket option
    w = World({"delay": BASE_DELAY}, sysctl_c=tfo, sysctl_s=tfo)
    w.http_server({"a": 1000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "tfo.pcap")
    w.curl("a", "--tcp-fastopen")
    w.curl("a", "--tcp-fastopen")
    w.close()


def sc_chaos():
    w = World({"seed": 7, "delay": {"c2s": 4, "s2c": 6}, "jitter": {"c2s": 2, "s2c": 2},
               "loss": {"s2c": 0.02, "c2s": 0.02}, "dup_rate": {"s2c": 0.01, "c2s": 0.01},
               "reorder_rate": {"s2c": 0.02}})
    w.http_server({"f": 400000})
    time.sleep(0.3)
    w.capture(NS_C, "c0", "chaos.pcap", snaplen=96)
    w.curl("f")
    w.close()


SCENARIOS = {"loss": sc_loss, "reorder": sc_reorder, "duplicate": sc_duplicate, "spurious": sc_spurious,
             "mirror": sc_mirror, "zerowin": sc_zerowin, "zwprobe": sc_zwprobe, "keepalive": sc_keepalive,
             "portreuse": sc_portreuse, "rst": sc_rst, "tfo": sc_tfo, "chaos": sc_chaos}


def main():
    args = sys.argv[1:]
    if args and args[0] == "relay":
        return relay_main(args[1])
    if args and args[0] == "ethtool-off":
        return ethtool_off(args[1])
    progs = {"keepalive-client": prog_keepalive_client, "echo-server": prog_echo_server,
             "rst-client": prog_rst_client, "sink-server": prog_sink_server}
    if args and args[0] in progs:
        return progs[args[0]]()
    if args and args[0] == "trickle-client":
        return prog_trickle_client(int(args[1]), float(args[2]))
    if os.geteuid() != 0:
        raise SystemExit("run as root (network namespaces)")
    os.makedirs(OUT, exist_ok=True)
    try:
        for name in args or SCENARIOS:
            print(name, flush=True)
            SCENARIOS[name]()
    finally:
        teardown()


if __name__ == "__main__":
    main()
