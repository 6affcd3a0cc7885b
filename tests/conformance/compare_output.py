#!/usr/bin/env python3
"""Compares Mako's whole-packet output modes with tshark's, line by line, on captures.

usage: compare_output.py [--mako CMD] [--modes V,json,pdml] [--extra FLAGS] [--show N] [--per-file] FILES_OR_DIRS...

For each file and mode (V = -V, json = -T json, pdml = -T pdml, ek = -T ek, x = -x, ...), both tools run with the same
flags (TZ=UTC); the outputs are aligned with difflib and every tshark line without an equal Mako line counts as a
difference. Prints per mode "N of M tshark lines agree", and the most frequent differing tshark lines (numbers and
addresses masked, so one cause shows once). The PDML/PSML root element (program name and time) is ignored.
Exit code 0 always (it is a report).
"""
import argparse, collections, difflib, os, re, subprocess

MODES = {
    "V": ["-V"], "x": ["-x"], "Vx": ["-V", "-x"], "json": ["-T", "json"], "jsonraw": ["-T", "jsonraw"],
    "pdml": ["-T", "pdml"], "ek": ["-T", "ek"], "psml": ["-T", "psml"], "text": [],
}
EXTS = (".pcap", ".pcapng", ".cap", ".gz", ".ntar")


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=dict(os.environ, TZ="UTC"))
        return p.stdout.decode("utf-8", "replace").split("\n")
    except subprocess.TimeoutExpired:
        return ["<timeout>"]


def files(paths):
    for a in paths:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                for n in sorted(names):
                    if n.endswith(EXTS):
                        yield os.path.join(root, n)
        else:
            yield a


def norm(lines):
    out = []
    for l in lines:
        if l.startswith("<pdml ") or l.startswith("<psml "):
            l = l.split(" ")[0] + ">"
        out.append(l)
    return out


MASK = re.compile(r"0x[0-9a-f]+|[0-9a-f]{2}(:[0-9a-f]{2})+|\d+(\.\d+)*")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", default=os.environ.get("MAKO", "mako"))
    ap.add_argument("--modes", default="V,json,pdml")
    ap.add_argument("--extra", default="")
    ap.add_argument("--show", type=int, default=12)
    ap.add_argument("--count", type=int, default=0, help="-c N for both tools (0: all packets)")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--per-file", action="store_true")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    extra = a.extra.split() + (["-c", str(a.count)] if a.count else [])
    modes = a.modes.split(",")
    total = collections.Counter()
    agree = collections.Counter()
    causes = {m: collections.Counter() for m in modes}
    examples = {}
    for path in files(a.paths):
        for m in modes:
            args = ["-r", path] + MODES[m] + extra
            t = norm(run(["tshark"] + args, a.timeout))
            k = norm(run(a.mako.split() + args, a.timeout))
            sm = difflib.SequenceMatcher(None, t, k, autojunk=False)
            same = sum(b.size for b in sm.get_matching_blocks())
            total[m] += len(t)
            agree[m] += same
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag in ("replace", "delete"):
                    for line in t[i1:i2]:
                        key = MASK.sub("#", line.strip())[:140]
                        causes[m][key] += 1
                        examples.setdefault((m, key), (path, line.strip()[:200]))
            if a.per_file:
                print(f"{m:8} {same:7} of {len(t):7}  {path}")
    for m in modes:
        pct = 100.0 * agree[m] / total[m] if total[m] else 100.0
        print(f"\n== {m}: {agree[m]} of {total[m]} tshark lines agree ({pct:.2f}%)")
        for key, n in causes[m].most_common(a.show):
            print(f"  {n:6}  {key}")
            print(f"          e.g. {examples[(m, key)][1]}  [{os.path.basename(examples[(m, key)][0])}]")


if __name__ == "__main__":
    main()
