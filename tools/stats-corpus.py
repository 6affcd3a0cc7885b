#!/usr/bin/env python3
"""Compares `mako -q -z ...` with `tshark -q -z ...` byte for byte on every capture of a corpus.

Usage: tools/stats-corpus.py [CORPUS_DIR] [--mako CMD] [--stats conv,eth,...] [--extra "-N t"] [--show N]
Runs each tool once per capture with all statistics at once, splits the reports into their blocks and prints, per
statistic, how many captures gave identical text, then the first differences.
"""
import argparse, os, subprocess, sys, difflib

DEFAULT = [f"{k},{t}" for k in ("conv", "endpoints") for t in ("eth", "ip", "ipv6", "tcp", "udp")]

def blocks(text):
    """Splits a report into {title: block text}; blocks are framed by lines of 80 '='."""
    out, cur, title = {}, None, None
    rule = "=" * 80
    for line in text.splitlines(keepends=True):
        if line.rstrip("\n") == rule:
            if cur is None:
                cur, title = [line], None
            else:
                cur.append(line)
                out[title] = "".join(cur)
                cur = None
            continue
        if cur is not None:
            if title is None:
                title = line.strip()
            cur.append(line)
    return out

def run(cmd):
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    p = subprocess.run(cmd, capture_output=True, env=env, timeout=600)
    return p.stdout.decode("utf-8", "replace"), p.returncode

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "captures"))
    ap.add_argument("--mako", default="mako")
    ap.add_argument("--stats", default=" ".join(DEFAULT), help="space-separated -z arguments")
    ap.add_argument("--extra", default="")
    ap.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    stats = a.stats.split()
    files = []
    for root, _, names in os.walk(a.corpus):
        for n in sorted(names):
            if n.endswith((".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz")):
                files.append(os.path.join(root, n))
    files.sort()
    zargs = [x for s in stats for x in ("-z", s)]
    extra = a.extra.split()
    same = {s: 0 for s in stats}
    total = {s: 0 for s in stats}
    diffs = []
    for f in files:
        t, trc = run(["tshark", "-r", f, "-q"] + extra + zargs)
        m, mrc = run(a.mako.split() + ["-r", f, "-q"] + extra + zargs)
        tb, mb = blocks(t), blocks(m)
        for s in stats:
            kind, proto = s.split(",")[:2]
            title = {"eth": "Ethernet", "ip": "IPv4", "ipv6": "IPv6", "tcp": "TCP", "udp": "UDP"}[proto] + \
                (" Conversations" if kind == "conv" else " Endpoints")
            total[s] += 1
            # A capture neither tool can read gives no report: equal when both fail alike.
            if tb.get(title) == mb.get(title) and (title in tb or trc == mrc):
                same[s] += 1
            else:
                diffs.append((f, s, tb.get(title, f"<missing, rc={trc}>\n"), mb.get(title, f"<missing, rc={mrc}>\n")))
    for s in stats:
        print(f"{s}: {same[s]} of {total[s]} captures identical")
    print(f"all: {sum(same.values())} of {sum(total.values())} reports identical over {len(files)} captures")
    for f, s, t, m in diffs[: a.show]:
        print(f"--- {f} {s}")
        sys.stdout.writelines(list(difflib.unified_diff(t.splitlines(True), m.splitlines(True), "tshark", "mako", n=1))[:30])

main()
