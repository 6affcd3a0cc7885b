#!/usr/bin/env python3
"""Link-layer agreement of mako with tshark (issue 3): link fields on every frame, columns where the link layer decides.

usage: link_agreement.py [--mako CMD] FILES_OR_DIRS...
Link-layer fields (tests/conformance/link-fields.txt minus columns) are compared on every frame. frame.protocols and
the Protocol/Info/Source/Destination columns are compared only on frames whose tshark protocol stack is made of
link-layer protocols alone (plus "data"): elsewhere a higher layer (IP, STP, CDP...) writes them. Excluded frames are
counted by the protocol that took over. Prints "N of M cells agree" per group and every disagreement.
"""
import argparse, collections, os, subprocess

LINK = {"eth", "ethertype", "llc", "vlan", "ieee8021ad", "ieee8021ah", "sll", "null", "raw", "arp", "data", "basicxid"}
COLUMNS = ["frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination"]

def files(paths):
    for a in paths:
        if os.path.isdir(a):
            for root, _, names in sorted(os.walk(a)):
                for n in sorted(names):
                    if n.endswith((".pcap", ".pcapng", ".cap", ".gz")):
                        yield os.path.join(root, n)
        else:
            yield a

def run(cmd):
    return subprocess.run(cmd, capture_output=True, timeout=600).stdout.decode("utf-8", "replace").split("\n")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", default=os.environ.get("MAKO", "mako"))
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    link_fields = [l.strip() for l in open(os.path.join(here, "link-fields.txt"))
                   if l.strip() and not l.startswith(("_ws.", "frame.", "#"))]
    fields = COLUMNS + link_fields
    eargs = [x for f in fields for x in ("-e", f)]
    totals = collections.Counter()
    agree = collections.Counter()
    wrong = collections.defaultdict(list)
    excluded = collections.Counter()
    for path in files(a.paths):
        t = run(["tshark", "-r", path, "-T", "fields", "-E", "occurrence=a"] + eargs)
        m = run(a.mako.split() + ["-r", path, "-T", "fields", "-E", "occurrence=a"] + eargs)
        for i in range(max(len(t), len(m))):
            tl = t[i].split("\t") if i < len(t) else []
            ml = m[i].split("\t") if i < len(m) else []
            if not tl and not ml or tl == [""] and ml == [""]:
                continue
            tl += [""] * (len(fields) - len(tl))
            ml += [""] * (len(fields) - len(ml))
            stack = tl[0].split(":") if tl[0] else []
            link_only = all(p in LINK for p in stack)
            if not link_only:
                top = next((p for p in stack if p not in LINK), "?")
                excluded[top] += 1
            for j, f in enumerate(fields):
                group = "columns" if f in COLUMNS else "fields"
                if group == "columns" and not link_only:
                    continue
                totals[group] += 1
                if tl[j] == ml[j]:
                    agree[group] += 1
                else:
                    wrong[(f, os.path.basename(path))].append((i + 1, tl[j], ml[j]))
    for (f, name), lst in sorted(wrong.items()):
        line, tv, mv = lst[0]
        print(f"{f} in {name}: {len(lst)} frame(s), e.g. frame {line}: tshark {tv[:120]!r} mako {mv[:120]!r}")
    print("\nframes whose columns a non-link protocol decides (excluded from column cells):")
    print("  " + ", ".join(f"{p} {n}" for p, n in excluded.most_common()))
    for g in ("fields", "columns"):
        pct = 100.0 * agree[g] / totals[g] if totals[g] else 100.0
        print(f"link {g}: {agree[g]} of {totals[g]} cells agree ({pct:.2f}%)")
    s, n = sum(agree.values()), sum(totals.values())
    print(f"all: {s} of {n} cells agree ({100.0 * s / n if n else 100.0:.2f}%)")

main()
