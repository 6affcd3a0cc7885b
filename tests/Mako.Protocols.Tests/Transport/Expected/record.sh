#!/usr/bin/env bash
# Records tshark 4.0's -T fields output for the transport test captures (tests/captures/transport/) into this folder.
# The golden tests compare mako's output with these files. Re-run after changing make-transport-captures.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
caps="$here/../../../captures/transport"
record() { # capture fields-file [output-name extra-tshark-args...]
  local cap=$1 fields=$2 out=${3:-${1%.pcap}} args=()
  shift 2; [ $# -gt 0 ] && shift
  while read -r f; do [ -n "$f" ] && args+=(-e "$f"); done < "$here/$fields"
  tshark -r "$caps/$cap" -T fields -E header=y -E occurrence=a -E aggregator=, "$@" "${args[@]}" 2>/dev/null > "$here/$out.tsv"
}
for c in tcp-handshake tcp-options tcp-analysis tcp-malformed; do record "$c.pcap" fields-tcp.txt; done
record prefixes.pcap fields-tcp.txt
record udp.pcap fields-udp.txt
record gre.pcap fields-tunnel.txt
record vxlan.pcap fields-tunnel.txt
record geneve.pcap fields-geneve.txt
record gtp.pcap fields-gtp.txt
# Preferences: checksum verification, absolute sequence numbers, analysis off.
record tcp-handshake.pcap fields-tcp.txt tcp-handshake.checksum-absolute -o tcp.check_checksum:TRUE -o tcp.relative_sequence_numbers:FALSE
record tcp-analysis.pcap fields-tcp.txt tcp-analysis.no-analysis -o tcp.analyze_sequence_numbers:FALSE
record udp.pcap fields-udp.txt udp.checksum -o udp.check_checksum:TRUE
