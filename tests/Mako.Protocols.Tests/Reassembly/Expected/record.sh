#!/usr/bin/env bash
# Records tshark 4.0's output for the reassembly test captures (tests/captures/reassembly/) into this folder:
# -T fields (fields-reassembly.txt) with the default preferences and with reassembly switched off, and the
# -V -x text of the first 20 frames (streams 0 and 1). Re-run after changing tests/captures/make-reassembly-captures.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/reassembly"
args=()
while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-reassembly.txt"
for c in finger; do
  tshark -r "$caps/$c.pcap" -T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null > "$here/$c.tsv"
  tshark -r "$caps/$c.pcap" -T fields -E header=y -E occurrence=a -E aggregator=, -o tcp.desegment_tcp_streams:FALSE "${args[@]}" 2>/dev/null > "$here/$c.no-desegment.tsv"
  tshark -r "$caps/$c.pcap" -V -x -c 20 2>/dev/null > "$here/$c.V.txt"
done
# -q -z follow,... outputs: one file per line of follow/cases.txt (capture, then the -z arguments); stdout, then the
# exit code and tshark's error message (its name replaced by "mako") for the argument errors.
n=0
while IFS=$'\t' read -r cap zs; do
  n=$((n + 1))
  args=(); for z in $zs; do args+=(-z "$z"); done
  set +e
  tshark -r "$caps/$cap.pcap" -q "${args[@]}" > "$here/follow/$n.out" 2> "$here/follow/$n.err"
  rc=$?
  set -e
  { echo "rc=$rc"; grep -v '^Running as user' "$here/follow/$n.err" | sed 's/^tshark:/mako:/' || true; } > "$here/follow/$n.status"
  rm "$here/follow/$n.err"
done < "$here/follow/cases.txt"
