#!/usr/bin/env bash
# memory.sh FILE [RUNS]
# Peak resident memory (and CPU) of the three whole-file commands of issue #3 on FILE: full dissection with a filter
# (`-Y frame -q`), summary lines (`> /dev/null`) and six `-T fields` columns. Each is run RUNS times (default 3);
# prints the medians of peak RSS (MiB, /usr/bin/time's "Maximum resident set size"), CPU seconds (user+sys) and wall
# seconds. With TSHARK=1, tshark is measured too, once per command (it needs ~2.5 GB and minutes on a 1 GB file).
# mako is published in Release to bench/out/mako first (set MAKO=/path/to/mako to skip that). Extra environment
# for mako (GC settings, MAKO_MEMSTATS=N) passes through.
set -uo pipefail
F=${1:?usage: memory.sh FILE [RUNS]}
RUNS=${2:-3}
source "$(dirname "$0")/common.sh"
mako_or_publish
FIELDS="-T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e _ws.col.Protocol"

run() {  # BINARY ARGS... -> "rss_mib cpu wall"
  local t; t=$(mktemp)
  /usr/bin/time -f '%M %U %S %e' -o "$t" "$@" >/dev/null 2>&1
  awk '{printf "%.1f %.2f %.2f\n", $1 / 1024, $2 + $3, $4}' "$t"
  rm -f "$t"
}

measure() {  # TOOL COMMAND-NAME RUNS BINARY ARGS...
  local tool=$1 name=$2 n=$3; shift 3
  local rows=()
  for ((i = 0; i < n; i++)); do rows+=("$(run "$@")"); done
  local rss cpu wall
  rss=$(printf '%s\n' "${rows[@]}" | awk '{print $1}' | median)
  cpu=$(printf '%s\n' "${rows[@]}" | awk '{print $2}' | median)
  wall=$(printf '%s\n' "${rows[@]}" | awk '{print $3}' | median)
  printf '  %-7s %-22s %8.1f MiB peak RSS  %7.2f s CPU  %7.2f s wall\n' "$tool" "$name" "$rss" "$cpu" "$wall"
}

cat "$F" >/dev/null
echo "$(basename "$F"): medians of $RUNS runs (tshark: 1 run)"
for name in "-Y frame -q" "summary lines" "-T fields (6 columns)"; do
  case $name in
    -Y*) args="-Y frame -q" ;;
    summary*) args="" ;;
    *) args=$FIELDS ;;
  esac
  # shellcheck disable=SC2086
  measure mako "$name" "$RUNS" "$MAKO" -r "$F" $args
  # shellcheck disable=SC2086
  [ "${TSHARK:-0}" = 1 ] && measure tshark "$name" 1 tshark -r "$F" $args
done
exit 0
