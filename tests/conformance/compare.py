#!/usr/bin/env python3
"""Compares `mako -T fields` with `tshark -T fields` cell by cell on captures.

usage: compare.py [--mako CMD] [--fields f1,f2,...|--fields-file F] [--filter proto] [--show N] FILES_OR_DIRS...
Prints per-file agreement, the most frequent disagreements, and finally "N of M cells agree".
Both tools run with the same flags; tshark's stderr banner is ignored. Exit code 0 always (it is a report).
"""
import argparse, collections, os, subprocess, sys

DEFAULT_FIELDS = ["frame.number", "frame.len", "frame.cap_len", "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
                  "_ws.col.Source", "_ws.col.Destination"]

def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=600)
    return p.stdout.decode("utf-8", "replace").split("\n")

def files(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                for n in sorted(names):
                    if n.endswith((".pcap", ".pcapng", ".cap", ".gz", ".pcap.gz", ".pcapng.gz", ".ntar")):
                        yield os.path.join(root, n)
        else:
            yield a

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", default=os.environ.get("MAKO", "mako"))
    ap.add_argument("--fields", default=None)
    ap.add_argument("--fields-file", default=None)
    ap.add_argument("--extra", default="", help="extra flags for both tools, e.g. '-n'")
    ap.add_argument("--tshark-extra", default="", help="extra flags for tshark only, e.g. '--disable-protocol http'")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--per-file", action="store_true")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    fields = DEFAULT_FIELDS
    if a.fields:
        fields = a.fields.split(",")
    if a.fields_file:
        fields = [l.strip() for l in open(a.fields_file) if l.strip() and not l.startswith("#")]
    eargs = []
    for f in fields:
        eargs += ["-e", f]
    extra = a.extra.split()
    total = agree = 0
    by_field = collections.Counter()
    by_field_total = collections.Counter()
    examples = collections.defaultdict(list)
    for path in files(a.paths):
        t = run(["tshark", "-r", path, "-T", "fields", "-E", "occurrence=a"] + extra + a.tshark_extra.split() + eargs)
        m = run(a.mako.split() + ["-r", path, "-T", "fields", "-E", "occurrence=a"] + extra + eargs)
        n = max(len(t), len(m))
        ft = fa = 0
        for i in range(n):
            tl = t[i].split("\t") if i < len(t) else []
            ml = m[i].split("\t") if i < len(m) else []
            if not tl and not ml:
                continue
            for j, f in enumerate(fields):
                tv = tl[j] if j < len(tl) else None
                mv = ml[j] if j < len(ml) else None
                if tv is None and mv is None:
                    continue
                ft += 1
                by_field_total[f] += 1
                if tv == mv:
                    fa += 1
                else:
                    by_field[f] += 1
                    if len(examples[f]) < 3:
                        examples[f].append((path, i + 1, tv, mv))
        total += ft
        agree += fa
        if a.per_file:
            print(f"{fa}/{ft}\t{path}")
    print("\nDisagreements by field (field: wrong/total):")
    for f, c in by_field.most_common():
        print(f"  {f}: {c}/{by_field_total[f]}")
        for (p, line, tv, mv) in examples[f][: 2]:
            print(f"      {os.path.basename(p)} line {line}\n        tshark: {tv!r}\n        mako:   {mv!r}")
    pct = 100.0 * agree / total if total else 100.0
    print(f"\n{agree} of {total} cells agree ({pct:.2f}%)")

main()
