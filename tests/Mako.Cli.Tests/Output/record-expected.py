#!/usr/bin/env python3
"""Records tshark's output for every case in cases.tsv into Expected/<name>.txt (needs tshark).

Run from anywhere: python3 tests/Mako.Cli.Tests/Output/record-expected.py [NAME...]
TZ=UTC because tshark prints local times; the tests run Mako in UTC too.
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
    out = subprocess.run(["tshark", "-r", capture] + shlex.split(args), cwd=captures, capture_output=True,
                         env=dict(os.environ, TZ="UTC")).stdout
    with open(os.path.join(here, "Expected", name + ".txt"), "wb") as fh:
        fh.write(out)
