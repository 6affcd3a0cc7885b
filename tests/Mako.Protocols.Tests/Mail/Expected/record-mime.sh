#!/usr/bin/env bash
# Records tshark 4.0's -T fields output for the MIME/SMTP/POP captures (tests/captures/mail/, made by
# tests/captures/make-mime-captures.py and make-mail-real-captures.sh) into <capture>.tsv, every field of
# fields-mime.txt (all pop, smtp, imf, mime_multipart and media fields, Protocol and Info columns).
# Where tshark 4.0 is wrong (docs/differences.md: a POP message starting in the segment of its "+OK n octets" line,
# a SASL "+ " challenge taken for a message), the rows of those frames are recorded from mako instead, into
# <capture>.right.tsv; MimeGoldenTests uses them in place of tshark's rows. Check them by hand after re-recording.
# smtp-real-starttls is recorded up to the 220 reply to STARTTLS (frame 17): mako has no TLS dissector yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/mail"
repo="$here/../../../.."
args=()
while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/fields-mime.txt"
fieldopts=(-T fields -E header=y -E occurrence=a -E aggregator=, "${args[@]}")
for c in mime-multipart smtp-edge pop-edge smtp-real-auth smtp-real-pipelining smtp-real-starttls pop3-real; do
  filter=()
  [ "$c" = smtp-real-starttls ] && filter=(-Y "frame.number <= 17")
  tshark -r "$caps/$c.pcap" "${filter[@]}" "${fieldopts[@]}" 2>/dev/null > "$here/$c.tsv"
done
# Frames where mako is right and tshark 4.0 is not.
right() {  # right CAPTURE FRAMES...
  local c=$1; shift
  local list
  list=$(IFS=,; echo "$*")
  dotnet "$repo/src/Mako.Cli/bin/Debug/net10.0/mako.dll" -r "$caps/$c.pcap" -Y "frame.number in {$list}" \
    "${fieldopts[@]}" > "$here/$c.right.tsv"
}
right pop3-real 40 43 60 66 82
right pop-edge 8 16 18 24
# The -V text of IMF and below for some multipart messages (MimeGoldenTests.Tree_matches_tshark).
for fr in 24 58 92 160 194 230 298 332 366 400 434; do
  tshark -r "$caps/mime-multipart.pcap" -Y "frame.number==$fr" -V 2>/dev/null \
    | sed -n '/^Internet Message Format/,$p' > "$here/mime-multipart-$fr.V.txt"
done
