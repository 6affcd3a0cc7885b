#!/usr/bin/env bash
# Records tshark 4.0's answer for every filter in cases.txt into expected.tsv (run when cases change):
# "frames: N,N" (plus " warning: TEXT" when tshark warned on stderr), or "error: MESSAGE\nFILTER\nCARET".
cd "$(dirname "$0")"
cap=../captures/filters/filters.pcap
: > expected.tsv
err=$(mktemp)
while IFS= read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  tshark -r "$cap" -Y "$f" -T fields -e frame.number >"$err.out" 2>"$err"
  rc=$?
  frames=$(paste -sd, - <"$err.out")
  msg=$(grep -v '^Running as user' "$err" | sed 's/^tshark: //' | awk 'BEGIN{ORS="\\n"}1')
  if [ "$rc" -ne 0 ]; then out="error: $msg"
  elif [ -n "$msg" ]; then out="frames: $frames warning: $msg"
  else out="frames: $frames"; fi
  printf '%s\t%s\n' "$f" "$out" >> expected.tsv
done < cases.txt
rm -f "$err" "$err.out"
