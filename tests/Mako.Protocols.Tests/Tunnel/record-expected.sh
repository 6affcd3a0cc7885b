#!/bin/sh
# Records tshark 4.0's `-T fields` output for the PPPoE/PPP/MPLS test captures (run from the repository root after
# python3 tests/captures/make-tunnel-captures.py). The tests compare mako's output with these files.
set -e
dir=tests/Mako.Protocols.Tests/Tunnel/Expected
args=""
for f in $(grep -v '^#' $dir/fields.txt); do args="$args -e $f"; done
for cap in tests/captures/tunnel/*.pcap; do
  name=$(basename "$cap" .pcap)
  TZ=UTC tshark -r "$cap" -T fields -E occurrence=a -E separator=/t $args > "$dir/$name.tsv" 2>/dev/null
done
