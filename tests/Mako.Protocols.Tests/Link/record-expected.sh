#!/usr/bin/env bash
# Records what tshark (Wireshark 4.0) prints for the link-layer test captures: the expected values of LinkGoldenTests.
# Run from the repository root after tests/captures/make-link-captures.py. Captures that carry IP are recorded with IP
# and IPv6 disabled (their payload shows as data) so these tests only measure the link layer.
set -euo pipefail
here=tests/Mako.Protocols.Tests/Link
args=()
while read -r f; do args+=(-e "$f"); done < "$here/fields.txt"
for cap in tests/captures/link/*.pcap tests/captures/link/*.pcapng; do
    case "$cap" in *rawip4*|*rawip6*) continue ;; esac   # no link layer at all: covered by unit tests
    name=$(basename "$cap")
    extra=()
    case "$name" in null-*|loop*|raw*) extra=(--disable-protocol ip --disable-protocol ipv6) ;; esac
    tshark -r "$cap" "${extra[@]}" -T fields -E header=y -E occurrence=a "${args[@]}" > "$here/Expected/$name.tsv" 2>/dev/null
done
