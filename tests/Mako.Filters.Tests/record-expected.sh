#!/usr/bin/env bash
# Records tshark 4.0's answer for every filter in cases.txt into expected.tsv (run when cases change).
cd "$(dirname "$0")"
cap=../captures/filters/filters.pcap
: > expected.tsv
while IFS= read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  out=$(tshark -r "$cap" -Y "$f" -T fields -e frame.number 2>&1 >/dev/null | grep -v '^Running as user' | sed 's/^tshark: /error: /' | awk 'BEGIN{ORS="\\n"}1')
  if [ -z "$out" ]; then
    out=$(tshark -r "$cap" -Y "$f" -T fields -e frame.number 2>/dev/null | paste -sd, -)
    out="frames: $out"
  fi
  printf '%s\t%s\n' "$f" "$out" >> expected.tsv
done < cases.txt
