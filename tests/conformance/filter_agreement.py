#!/usr/bin/env python3
"""Display-filter agreement of mako with tshark 4.0 on a corpus of captures (issue 4).

usage: filter_agreement.py [--mako CMD] [--filters FILE]... [--show N] FILES_OR_DIRS...

Filters: tests/Mako.Filters.Tests/cases.txt and tests/conformance/filter-extra.txt (or --filters FILE...).
For each capture, tshark evaluates every filter in one pass (filter_agreement.lua registers one tap listener per
filter) and mako does the same (`mako dfilter match`); the matched frame numbers are compared. A filter agrees when
it matches the same frames in every capture (or both refuse it).

Frames are compared only where tshark's protocol stack (frame.protocols) consists of protocols Mako dissects (the
protocols in mako's registry, plus "data"): above that an application protocol Mako does not have yet may change
what is malformed, what is "data", etc. Excluded frames are counted.
Counted filters are those whose fields Mako dissects: every field or protocol name in the filter that tshark knows
(`tshark -G fields`) must be in mako's registry (`mako -G fields`), which holds exactly the protocols Mako has
dissectors for. Filters on values that depend on application protocols Mako does not dissect yet (frame.protocols,
_ws.expert*, _ws.malformed, data.*) are reported separately, as are filters naming fields Mako lacks.
Prints "N of M filters agree" and lists the differences (first capture, tshark's and mako's frames).
"""
import argparse, os, re, subprocess, sys, tempfile

UPPER = re.compile(r"\b(frame\.protocols|_ws\.expert[\w.]*|_ws\.malformed|data(\.\w+)?)\b")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*")


def files(paths):
    for a in paths:
        if os.path.isdir(a):
            for root, _, names in sorted(os.walk(a)):
                for n in sorted(names):
                    if n.endswith((".pcap", ".pcapng", ".cap", ".gz", ".ntar")):
                        yield os.path.join(root, n)
        else:
            yield a


def registry(cmd, kinds=("F", "P")):
    out = subprocess.run(cmd + ["-G", "fields"], capture_output=True).stdout.decode("utf-8", "replace")
    names = set()
    for line in out.split("\n"):
        parts = line.split("\t")
        if len(parts) > 2 and parts[0] in kinds:
            names.add(parts[2])
    return names


def covered(path, protocols):
    """Frames whose tshark protocol stack is made of protocols Mako dissects (in Mako's numbering), and tshark's frame
    numbers mapped to Mako's: tshark 4.0 also numbers pcapng records that are not packets (custom blocks, shown as
    PCAPNG with no encapsulation type); Mako numbers packets only."""
    lines = run(["tshark", "-r", path, "-T", "fields", "-e", "frame.number", "-e", "frame.encap_type", "-e", "frame.protocols"])
    keep, total, renumber = set(), 0, {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        n, encap, stack = parts[0], parts[1], parts[2]
        if encap == "":
            continue  # not a packet record
        total += 1
        renumber[n] = str(total)
        if all(p in protocols for p in stack.split(":") if p):
            keep.add(str(total))
    return keep, total, renumber


def strip_strings(f):
    return re.sub(r'r?"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', " ", f)


def parse(lines):
    res = {}
    for line in lines:
        if "\t" in line:
            f, v = line.split("\t", 1)
            res[f] = v
    return res


def run(cmd, env=None):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=1200, env=env)
        return p.stdout.decode("utf-8", "replace").split("\n")
    except subprocess.TimeoutExpired:
        return []


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--mako", default=os.environ.get("MAKO", "mako"))
    ap.add_argument("--filters", action="append")
    ap.add_argument("--show", type=int, default=60)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    mako = a.mako.split()
    sources = a.filters or [os.path.join(root, "tests", "Mako.Filters.Tests", "cases.txt"), os.path.join(here, "filter-extra.txt")]
    filters = []
    for s in sources:
        for line in open(s, encoding="utf-8"):
            line = line.rstrip("\n")
            if line and not line.startswith("#") and line not in filters:
                filters.append(line)
    theirs, ours = registry(["tshark"]), registry(mako)
    protocols = registry(mako, ("P",)) | {"data", "fcs", "frame"}
    status = {}
    for f in filters:
        words = {w for w in WORD.findall(strip_strings(f)) if w in theirs}
        if words - ours:
            status[f] = "fields Mako lacks: " + ",".join(sorted(words - ours))
        elif UPPER.search(strip_strings(f)) or "time_delta_displayed" in f:
            status[f] = "depends on application protocols"
        else:
            status[f] = "counted"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
        tmp.write("\n".join(filters) + "\n")
    env = dict(os.environ, MAKO_FILTERS=tmp.name)
    first_diff = {}
    nfiles = frames = kept = 0
    for path in files(a.paths):
        nfiles += 1
        t = parse(run(["tshark", "-q", "-r", path, "-X", "lua_script:" + os.path.join(here, "filter_agreement.lua")], env))
        m = parse(run(mako + ["dfilter", "match", "-r", path, "-f", tmp.name]))
        if not t:
            continue  # tshark could not read it
        keep, total, renumber = covered(path, protocols)
        frames += total
        kept += len(keep)
        for f in filters:
            tv, mv = t.get(f, "missing"), m.get(f, "missing")
            if tv.startswith("error") and mv.startswith("error"):
                continue
            if not tv.startswith("error") and not mv.startswith("error"):
                tv = ",".join(renumber[x] for x in tv.split(",") if x in renumber and renumber[x] in keep)
                mv = ",".join(x for x in mv.split(",") if x in keep)
            if tv != mv and f not in first_diff:
                first_diff[f] = (path, tv, mv)
        print(f"\r{nfiles} captures", end="", file=sys.stderr)
    print(file=sys.stderr)
    os.unlink(tmp.name)
    counted = [f for f in filters if status[f] == "counted"]
    agree = [f for f in counted if f not in first_diff]
    print(f"{len(agree)} of {len(counted)} filters agree on {nfiles} captures (filters whose fields Mako dissects; "
          f"{kept} of {frames} frames compared, the rest carry protocols Mako does not dissect yet)")
    upper = [f for f in filters if status[f] == "depends on application protocols"]
    print(f"{len([f for f in upper if f not in first_diff])} of {len(upper)} filters on values set by application protocols agree")
    lacking = [f for f in filters if status[f].startswith("fields Mako lacks")]
    print(f"{len(lacking)} filters name fields Mako lacks (not counted)")
    shown = 0
    for f in counted + upper:
        if f in first_diff and shown < a.show:
            path, tv, mv = first_diff[f]
            print(f"  differs: {f}\n    {os.path.relpath(path)}\n    tshark: {tv[:200]}\n    mako:   {mv[:200]}")
            shown += 1


if __name__ == "__main__":
    main()
