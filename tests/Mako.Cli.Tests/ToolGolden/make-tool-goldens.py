#!/usr/bin/python3
"""Records what Wireshark 4.0's own editcap/mergecap/reordercap/text2pcap do, for Mako's golden tests.

Usage: /usr/bin/python3 tests/Mako.Cli.Tests/ToolGolden/make-tool-goldens.py [Editcap|Mergecap|Reordercap|Text2pcap ...]

For each line of tests/Mako.Cli.Tests/<Tool>/cases.tsv ("name<TAB>flags<TAB>arguments") it runs the real tool with
{IN} replaced by tests/captures/tools and {OUT} by an empty temporary folder, then stores under
tests/Mako.Cli.Tests/<Tool>/golden/<name>/: rc (exit code), stdout.txt, stderr.txt (paths turned back into {IN} and
{OUT}) and every file the tool wrote into {OUT} (a capture written to standard output is kept as stdout.bin).
Flags: "stdin=FILE" feeds {IN}/FILE on standard input; "-" for none. Needs Wireshark 4.0 (tested with 4.0.17).
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
IN = os.path.normpath(os.path.join(TESTS, "..", "captures", "tools"))
TOOLS = {"Editcap": "editcap", "Mergecap": "mergecap", "Reordercap": "reordercap", "Text2pcap": "text2pcap"}


def run_case(tool, name, flags, args, golden):
    out = tempfile.mkdtemp(prefix="golden-")
    try:
        argv = [TOOLS[tool]] + [a.replace("{IN}", IN).replace("{OUT}", out) for a in shlex.split(args)]
        stdin = subprocess.DEVNULL
        for f in flags.split(","):
            if f.startswith("stdin="):
                stdin = open(os.path.join(IN, f[6:]), "rb")
        env = dict(os.environ, TZ="UTC", LC_ALL="C")
        p = subprocess.run(argv, stdin=stdin, capture_output=True, env=env, cwd=out, timeout=60)
        dest = os.path.join(golden, name)
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)

        def norm(b):
            return b.replace(IN.encode(), b"{IN}").replace(out.encode(), b"{OUT}")
        with open(os.path.join(dest, "rc"), "w") as fh:
            fh.write("%d\n" % p.returncode)
        if "stdout=capture" in flags:
            with open(os.path.join(dest, "stdout.bin"), "wb") as fh:
                fh.write(p.stdout)
        else:
            with open(os.path.join(dest, "stdout.txt"), "wb") as fh:
                fh.write(norm(p.stdout))
        with open(os.path.join(dest, "stderr.txt"), "wb") as fh:
            fh.write(norm(p.stderr))
        for f in sorted(os.listdir(out)):
            shutil.copy(os.path.join(out, f), os.path.join(dest, "out." + f))
        print("%-10s %-32s rc=%d files=%s" % (tool, name, p.returncode, sorted(os.listdir(out))))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    tools = sys.argv[1:] or list(TOOLS)
    for tool in tools:
        golden = os.path.join(TESTS, tool, "golden")
        os.makedirs(golden, exist_ok=True)
        with open(os.path.join(TESTS, tool, "cases.tsv")) as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                name, flags, args = line.split("\t", 2)
                run_case(tool, name, flags, args, golden)


if __name__ == "__main__":
    main()
