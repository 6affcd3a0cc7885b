#!/usr/bin/env bash
# Records tshark 4.0's -T fields output for the mail captures (tests/captures/mail/, made by
# tests/captures/make-mail-captures.py) into this folder: <capture>.tsv with the fields of fields-<proto>.txt.
# Re-run after re-making the captures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/mail"
for pair in pop3:pop smtp:smtp; do
  c=${pair%%:*}; p=${pair##*:}
  [ -f "$here/fields-$p.txt" ] || continue
  args=()
  while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-$p.txt"
  tshark -r "$caps/$c.pcap" -T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null > "$here/$c.tsv"
done
