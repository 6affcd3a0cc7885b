#!/usr/bin/env python3
"""Compares `-q -z follow,...` output of mako and tshark byte for byte on every TCP and UDP stream of the given
captures (or folders). Streams are batched, several -z follow per run (both tools print them last first).
Usage: follow_compare.py --mako "env MAKO_WT=/work/wt/x /work/wt/mako" [--modes ascii,hex,yaml] [--max-streams N] PATHS
Prints one line per difference and "N of M streams identical".
"""
import argparse, os, shlex, subprocess, sys

def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in sorted(names):
                    if n.endswith((".pcap", ".pcapng", ".cap", ".pcap.gz")):
                        yield os.path.join(root, n)
        else:
            yield p

def streams(path, proto):
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e", f"{proto}.stream"], capture_output=True, timeout=600).stdout
    return sorted({int(x) for x in out.decode(errors="replace").split() if x.strip().isdigit()})

def run(cmd, path, zs):
    args = []
    for z in zs:
        args += ["-z", z]
    r = subprocess.run(cmd + ["-r", path, "-q"] + args, capture_output=True, timeout=600)
    return r.stdout

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", required=True)
    ap.add_argument("--modes", default="ascii,hex,yaml")
    ap.add_argument("--max-streams", type=int, default=200)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    mako = shlex.split(a.mako)
    modes = a.modes.split(",")
    total = same = 0
    nfiles = 0
    for path in files(a.paths):
        nfiles += 1
        before_total, before_same = total, same
        for proto in ("tcp", "udp"):
            try:
                ids = streams(path, proto)[: a.max_streams]
            except subprocess.TimeoutExpired:
                continue
            zs = [f"follow,{proto},{modes[i % len(modes)]},{s}" for i, s in enumerate(ids)]
            for k in range(0, len(zs), a.batch):
                batch = zs[k:k + a.batch]
                t = run(["tshark"], path, batch)
                m = run(mako, path, batch)
                total += len(batch)
                if t == m:
                    same += len(batch)
                    continue
                # Narrow down per stream.
                for z in batch:
                    tt, mm = run(["tshark"], path, [z]), run(mako, path, [z])
                    if tt == mm:
                        same += 1
                    else:
                        print(f"DIFF {path} {z}", flush=True)
        if total > before_total:
            print(f"FILE {path} {same - before_same}/{total - before_total}", flush=True)
    print(f"{same} of {total} streams identical ({nfiles} files)")

if __name__ == "__main__":
    main()
