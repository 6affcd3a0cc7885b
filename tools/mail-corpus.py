#!/usr/bin/env python3
"""Compares Mako with tshark 4.0 on every capture given (files or folders): `-q -z credentials` output byte for byte,
and `--export-objects imf` (the same file names with the same bytes). Prints one line per capture and the totals
for the captures where tshark lists a credential or exports an object.

  python3 tools/mail-corpus.py ../shared/captures tests/captures/mail --mako "dotnet src/Mako.Cli/bin/Debug/net10.0/mako.dll"
"""
import argparse, os, shlex, shutil, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("paths", nargs="+")
ap.add_argument("--mako", default="mako")
ap.add_argument("--timeout", type=int, default=120)
a = ap.parse_args()
mako = shlex.split(a.mako)

files = []
for p in a.paths:
    if os.path.isdir(p):
        for root, _, names in os.walk(p):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".pcap", ".pcapng", ".cap"))]
    else:
        files.append(p)

def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, timeout=a.timeout, env=dict(os.environ, TZ="UTC", LC_ALL="C")).stdout
    except subprocess.TimeoutExpired:
        return b"<timeout>"

def tree(d):
    out = {}
    for n in os.listdir(d):
        with open(os.path.join(d, n), "rb") as f:
            out[n] = f.read()
    return out

cred_same = cred_total = eo_same = eo_total = 0
for f in sorted(files):
    # One run per tool: the credentials table goes to stdout, the objects into a fresh directory.
    td, md = tempfile.mkdtemp(), tempfile.mkdtemp()
    t = run(["tshark", "-r", f, "-q", "-z", "credentials", "--export-objects", "imf," + td])
    tt = tree(td)
    has_cred = t.count(b"\n") > 4
    if has_cred or tt:
        m = run(mako + ["-r", f, "-q", "-z", "credentials", "--export-objects", "imf," + md])
        mt = tree(md)
        if has_cred:
            cred_total += 1
            ok = m == t
            cred_same += ok
            print(f"credentials {'same' if ok else 'DIFF'} {f}")
        if tt:
            eo_total += 1
            ok = tt == mt
            eo_same += ok
            detail = ""
            if not ok:
                only_t = sorted(set(tt) - set(mt)); only_m = sorted(set(mt) - set(tt))
                diff = sorted(n for n in set(tt) & set(mt) if tt[n] != mt[n])
                detail = f" tshark-only={only_t[:4]} mako-only={only_m[:4]} differ={diff[:4]}"
            print(f"export {'same' if ok else 'DIFF'} {f} ({len(tt)} files){detail}")
    shutil.rmtree(td); shutil.rmtree(md)
    sys.stdout.flush()

print(f"credentials: {cred_same} of {cred_total} files identical")
print(f"export-objects imf: {eo_same} of {eo_total} files identical")
