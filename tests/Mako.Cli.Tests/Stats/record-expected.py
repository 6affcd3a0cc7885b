#!/usr/bin/env python3
"""Records tshark's stdout, stderr and exit code for every case in cases.tsv into Expected/<name>.{out,err,rc}.

Run from anywhere: python3 tests/Mako.Cli.Tests/Stats/record-expected.py [NAME...]   (needs tshark)
TZ=UTC and LC_ALL=C because tshark prints local times and groups digits by locale; the tests run Mako in UTC too.
stderr is stored with tshark's "Running as user ..." warning removed and "tshark:" read as "mako:".
"""
import os, shlex, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
captures = os.path.normpath(os.path.join(here, "..", "..", "captures"))
only = set(sys.argv[1:])
for line in open(os.path.join(here, "cases.tsv"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    cols = line.split("\t")
    name, capture, args = cols[0], cols[1], cols[2] if len(cols) > 2 else ""
    if only and name not in only:
        continue
    p = subprocess.run(["tshark", "-r", capture] + shlex.split(args), cwd=captures, capture_output=True,
                       env=dict(os.environ, TZ="UTC", LC_ALL="C"))
    err = "".join(l.replace("tshark:", "mako:", 1) for l in p.stderr.decode().splitlines(True)
                  if not l.startswith("Running as user"))
    base = os.path.join(here, "Expected", name)
    open(base + ".out", "wb").write(p.stdout)
    open(base + ".err", "w").write(err)
    open(base + ".rc", "w").write(f"{p.returncode}\n")
    print(name, p.returncode)
