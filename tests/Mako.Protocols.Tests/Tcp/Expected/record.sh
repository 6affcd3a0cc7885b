#!/usr/bin/env bash
# Records tshark 4.0's -T fields output for the real TCP captures (tests/captures/tcp/, made by
# tests/captures/make-tcp-captures.py) into this folder; TcpAnalysisGoldenTests compares mako's output with them.
# HTTP is disabled (its heuristic claims the http.server transfers): the Info column then shows TCP's own text,
# which is what these tests are about, whatever HTTP dissection and reassembly do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/tcp"
args=()
while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-analysis.txt"
for cap in "$caps"/*.pcap; do
  name=$(basename "$cap" .pcap)
  tshark -r "$cap" --disable-protocol http -T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}" \
    2>/dev/null > "$here/$name.tsv"
done
# Analysis off: no tcp.analysis fields at all.
tshark -r "$caps/loss-server.pcap" --disable-protocol http -o tcp.analyze_sequence_numbers:FALSE -T fields \
  -E header=y -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null > "$here/loss-server.no-analysis.tsv"
