#!/usr/bin/env bash
# tcp-analysis-cost.sh [FILE] [RUNS]
# What TCP sequence analysis costs: `mako -r F -q` with analysis on (the default) and with
# `-o tcp.analyze_sequence_numbers:FALSE`, RUNS times each (default 3, interleaved so background load hits both);
# prints the medians of CPU seconds (user+sys), wall seconds and peak RSS, and the added CPU in percent.
# Then the peak RSS on a capture of 100,000 concurrent TCP connections (bench/make-tcp-streams.py), on and off.
# mako is published in Release to bench/out/mako first (set MAKO to skip that).
set -uo pipefail
F=${1:-/work/benchdata/bench-mixed.pcap}
RUNS=${2:-3}
source "$(dirname "$0")/common.sh"
mako_or_publish
OFF="-o tcp.analyze_sequence_numbers:FALSE"

run() {  # FILE FLAGS -> "cpu wall rss"
  local t; t=$(mktemp)
  /usr/bin/time -f '%U %S %e %M' -o "$t" "$MAKO" -r "$1" -q $2 >/dev/null 2>&1
  awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' "$t"
  rm -f "$t"
}

cost() {  # FILE
  local on=() off=()
  cat "$1" >/dev/null
  for ((i = 0; i < RUNS; i++)); do
    on+=("$(run "$1" "")")
    off+=("$(run "$1" "$OFF")")
  done
  local con coff won woff ron roff
  con=$(printf '%s\n' "${on[@]}" | awk '{print $1}' | median)
  coff=$(printf '%s\n' "${off[@]}" | awk '{print $1}' | median)
  won=$(printf '%s\n' "${on[@]}" | awk '{print $2}' | median)
  woff=$(printf '%s\n' "${off[@]}" | awk '{print $2}' | median)
  ron=$(printf '%s\n' "${on[@]}" | awk '{print $3}' | median)
  roff=$(printf '%s\n' "${off[@]}" | awk '{print $3}' | median)
  echo "$(basename "$1"): $RUNS runs each, medians"
  printf '  analysis on : %6.2f s CPU  %6.2f s wall  %7d KB peak RSS\n' "$con" "$won" "$ron"
  printf '  analysis off: %6.2f s CPU  %6.2f s wall  %7d KB peak RSS\n' "$coff" "$woff" "$roff"
  awk -v a="$con" -v b="$coff" 'BEGIN{printf "  analysis adds %.1f%% CPU\n", 100 * (a - b) / b}'
}

cost "$F"
S="$HERE/out/tcp-streams-100k.pcap"
[ -f "$S" ] || python3 "$HERE/make-tcp-streams.py" 100000 "$S" >/dev/null
cost "$S"
