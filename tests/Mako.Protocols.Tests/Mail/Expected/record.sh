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
# Frames where mako is right and tshark 4.0 is not (docs/differences.md): RETR 2's "+OK" line and message share a
# segment. Recorded from mako (build src/Mako.Cli first) into pop3.right.tsv; MailGoldenTests uses those rows.
args=()
while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-pop.txt"
dotnet "$here/../../../../src/Mako.Cli/bin/Debug/net10.0/mako.dll" -r "$caps/pop3.pcap" -Y "frame.number in {35}" \
  -T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}" > "$here/pop3.right.tsv"
