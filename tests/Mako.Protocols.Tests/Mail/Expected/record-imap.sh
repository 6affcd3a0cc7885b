#!/usr/bin/env bash
# Records tshark 4.0's output for the IMAP captures (tests/captures/mail/imap-*.pcap, made by
# tests/captures/make-imap-captures.py and make-imap-edge-captures.py) into this folder: <capture>.tsv with the fields
# of fields-imap.txt, and <capture>.V.txt (-V -O imap,imf: the IMAP and IMF trees) for four of them. Frames that tshark dissects as
# TLS are left out (Mako has no TLS dissector yet); ImapGoldenTests uses the same display filters.
# Re-run after re-making the captures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/mail"
args=()
while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-imap.txt"
rec() {
  tshark -r "$caps/$1.pcap" -Y "$2" -T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null > "$here/$1.tsv"
}
rec imap-curl "frame"
rec imap-imaplib "frame"
rec imap-raw "frame"
rec imap-starttls "frame.number <= 11"
rec imap-edge "!(frame.number in {38,45,46})"
rec imap-8bit "frame"
tree() {
  tshark -r "$caps/$1.pcap" -Y "$2" -V -O imap,imf 2>/dev/null > "$here/$1.V.txt"
}
tree imap-imaplib "frame"
tree imap-raw "frame"
tree imap-edge "!(frame.number in {38,45,46})"
tree imap-8bit "frame"
