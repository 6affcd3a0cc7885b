#!/usr/bin/env python3
"""Link, network and transport agreement of mako with tshark (issue 3).

usage: stack_agreement.py [--mako CMD] [--show N] FILES_OR_DIRS...
Fields (link-fields.txt + stack-fields.txt) are compared on every frame. frame.protocols and the Protocol/Info/
Source/Destination columns are compared only on frames whose tshark protocol stack consists of protocols Mako
dissects (plus "data") and that tshark does not mark "[TCP segment of a reassembled PDU]": elsewhere an application
protocol Mako does not have yet writes the columns. Excluded
frames are counted by the protocol that took over. Prints "N of M cells agree" per group.
"""
import argparse, collections, os, subprocess

OURS = {"eth", "ethertype", "llc", "vlan", "ieee8021ad", "ieee8021ah", "sll", "null", "raw", "arp", "data", "basicxid",
        "ip", "ipv6", "ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "icmp", "icmpv6", "igmp", "tcp",
        "udp", "gre", "vxlan", "geneve", "gtp", "chdlc", "ah", "esp", "mptcp", "frame", "pkt_comment", "fcs", "pppoes", "ppp", "mpls"}
REASSEMBLED = "[TCP segment of a reassembled PDU]"
COLUMNS = ["frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination"]

def files(paths):
    for a in paths:
        if os.path.isdir(a):
            for root, _, names in sorted(os.walk(a)):
                for n in sorted(names):
                    if n.endswith((".pcap", ".pcapng", ".cap", ".gz", ".ntar")):
                        yield os.path.join(root, n)
        else:
            yield a

def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, timeout=900).stdout.decode("utf-8", "replace").split("\n")
    except subprocess.TimeoutExpired:
        return []

def field_list(here, name):
    return [l.strip() for l in open(os.path.join(here, name))
            if l.strip() and not l.startswith(("_ws.", "frame.", "#"))]

def packets_only(path, lines):
    """tshark 4.0 also lists pcapng records that are not packets (custom blocks: no frame.encap_type); Mako lists
    packets only, so drop those rows to keep the frames aligned."""
    encap = run(["tshark", "-r", path, "-T", "fields", "-e", "frame.encap_type"])
    if all(e != "" for e in encap[:-1]):
        return lines
    return [l for i, l in enumerate(lines) if i >= len(encap) - 1 or encap[i] != ""]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", default=os.environ.get("MAKO", "mako"))
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    fields = COLUMNS + field_list(here, "link-fields.txt") + field_list(here, "stack-fields.txt")
    eargs = [x for f in fields for x in ("-e", f)]
    totals, agree, excluded = collections.Counter(), collections.Counter(), collections.Counter()
    wrong = collections.defaultdict(list)
    nfiles = 0
    for path in files(a.paths):
        nfiles += 1
        t = run(["tshark", "-r", path, "-T", "fields", "-E", "occurrence=a"] + eargs)
        if path.endswith(".pcapng"):
            t = packets_only(path, t)
        m = run(a.mako.split() + ["-r", path, "-T", "fields", "-E", "occurrence=a"] + eargs)
        for i in range(max(len(t), len(m))):
            tl = t[i].split("\t") if i < len(t) else []
            ml = m[i].split("\t") if i < len(m) else []
            if (not tl and not ml) or (tl == [""] and ml == [""]):
                continue
            tl += [""] * (len(fields) - len(tl))
            ml += [""] * (len(fields) - len(ml))
            stack = tl[0].split(":") if tl[0] else []
            ours = all(p in OURS for p in stack)
            if not ours:
                excluded[next((p for p in stack if p not in OURS), "?")] += 1
            elif REASSEMBLED in tl[2]:
                # A protocol above TCP (HTTP, TLS...) asked for more segments: it, not TCP, decided these columns.
                ours = False
                excluded["(segment of a PDU of a protocol Mako lacks)"] += 1
            for j, f in enumerate(fields):
                group = "columns" if f in COLUMNS else "fields"
                if group == "columns" and not ours:
                    continue
                totals[group] += 1
                if tl[j] == ml[j]:
                    agree[group] += 1
                else:
                    wrong[(f, os.path.basename(path))].append((i + 1, tl[j], ml[j]))
    by_field = collections.Counter()
    for (f, _), lst in wrong.items():
        by_field[f] += len(lst)
    print("disagreements by field:", ", ".join(f"{f} {n}" for f, n in by_field.most_common()))
    for (f, name), lst in sorted(wrong.items(), key=lambda kv: -len(kv[1]))[: a.show]:
        line, tv, mv = lst[0]
        print(f"{f} in {name}: {len(lst)} frame(s), e.g. frame {line}: tshark {tv[:100]!r} mako {mv[:100]!r}")
    print("\nframes whose columns a protocol Mako lacks decides (excluded from column cells):")
    print("  " + ", ".join(f"{p} {n}" for p, n in excluded.most_common(30)))
    print(f"files: {nfiles}")
    for g in ("fields", "columns"):
        pct = 100.0 * agree[g] / totals[g] if totals[g] else 100.0
        print(f"stack {g}: {agree[g]} of {totals[g]} cells agree ({pct:.2f}%)")
    s, n = sum(agree.values()), sum(totals.values())
    print(f"all: {s} of {n} cells agree ({100.0 * s / n if n else 100.0:.2f}%)")

main()
