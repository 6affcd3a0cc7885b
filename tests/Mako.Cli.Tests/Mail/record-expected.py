#!/usr/bin/env python3
"""Records tshark 4.0's answers for the mail tests (needs tshark):
- every case in cases.tsv: stdout, stderr and exit code into Expected/<name>.{out,err,rc};
- every capture in exports.tsv: the files `--export-objects imf,DIR` writes, as "name<TAB>size<TAB>sha256" lines
  into Expected/export/<capture base>.tsv. A file tshark writes that Mako deliberately does not (a lone ".\\r\\n",
  or a fragment of a POP message Mako reassembles: docs/differences.md) is kept with a leading "-"; lines written
  by hand ("#" comments, "+" files only Mako writes, "-" marks) are kept when re-recording.

Run: python3 tests/Mako.Cli.Tests/Mail/record-expected.py
"""
import hashlib, os, shlex, shutil, subprocess, tempfile

here = os.path.dirname(os.path.abspath(__file__))
captures = os.path.normpath(os.path.join(here, "..", "..", "captures"))
env = dict(os.environ, TZ="UTC", LC_ALL="C")
os.makedirs(os.path.join(here, "Expected", "export"), exist_ok=True)

for line in open(os.path.join(here, "cases.tsv"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    name, capture, args = (line.split("\t") + [""])[:3]
    for d in ("/tmp/mako-eo-a", "/tmp/mako-eo-b"):
        shutil.rmtree(d, ignore_errors=True)
    p = subprocess.run(["tshark", "-r", capture] + args.split(" "), cwd=captures, capture_output=True, env=env)
    err = "".join(l.replace("tshark:", "mako:", 1) for l in p.stderr.decode().splitlines(True)
                  if not l.startswith("Running as user"))
    base = os.path.join(here, "Expected", name)
    open(base + ".out", "wb").write(p.stdout)
    open(base + ".err", "w").write(err)
    open(base + ".rc", "w").write(f"{p.returncode}\n")
    print(name, p.returncode)

for line in open(os.path.join(here, "exports.tsv"), encoding="utf-8"):
    capture = line.strip()
    if not capture or capture.startswith("#"):
        continue
    d = tempfile.mkdtemp()
    subprocess.run(["tshark", "-r", capture, "-q", "--export-objects", "imf," + d], cwd=captures, capture_output=True, env=env)
    target = os.path.join(here, "Expected", "export", os.path.basename(capture) + ".tsv")
    # Hand-made lines survive: "#" comments, "+" files only Mako writes, "-" names of tshark's files Mako leaves out.
    kept, minus = [], set()
    if os.path.exists(target):
        for l in open(target, encoding="utf-8"):
            if l.startswith(("#", "+")):
                kept.append(l)
            elif l.startswith("-"):
                minus.add(l[1:].split("\t")[0])
    rows = []
    for n in sorted(os.listdir(d)):
        data = open(os.path.join(d, n), "rb").read()
        skip = "-" if data == b".\r\n" or n in minus else ""
        rows.append(f"{skip}{n}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\n")
    rows = [l for l in kept if l.startswith("#")] + rows + [l for l in kept if l.startswith("+")]
    shutil.rmtree(d)
    open(target, "w", encoding="utf-8").writelines(rows)
    print(capture, len(rows), "files")
