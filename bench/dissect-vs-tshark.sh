#!/usr/bin/env bash
# dissect-vs-tshark.sh FILE [RUNS]
# Whole-process comparison of mako and tshark on the same capture for the three dissection anchors of issue 3:
#   (a) full dissection, nothing printed:   -r F -Y frame -q
#   (b) one-line summaries to /dev/null:    -r F
#   (c) six fields:                         -r F -T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e _ws.col.Protocol
# Each command runs RUNS times (default 3) under GNU time; medians of wall, CPU (user+sys) and peak RSS are printed,
# with packets per CPU-second and the mako/tshark ratio. mako is published in Release to bench/out/mako first.
set -uo pipefail
F=${1:?usage: dissect-vs-tshark.sh FILE [RUNS]}
RUNS=${2:-3}
source "$(dirname "$0")/common.sh"
TIME=/usr/bin/time
[ -x "$TIME" ] || apt-get install -y -qq time >/dev/null 2>&1
mako_or_publish
PKTS=$(capinfos -c -M "$F" 2>/dev/null | awk -F: '/Number of packets/{gsub(/ /,"",$2); print $2}')
cat "$F" > /dev/null

measure() {  # CMD -> sets W C R
  local cmd=$1 tmp; tmp=$(mktemp)
  for ((i = 0; i < RUNS; i++)); do
    local t0 t1; t0=$(date +%s%N)
    "$TIME" -f '%U %S %M' -o "$tmp.one" sh -c "$cmd" </dev/null >/dev/null 2>/dev/null
    t1=$(date +%s%N)
    awk -v ns=$((t1 - t0)) '{printf "%.3f %.2f %d\n", ns/1e9, $1+$2, $3}' "$tmp.one" >> "$tmp"
  done
  W=$(awk '{print $1}' "$tmp" | median); C=$(awk '{print $2}' "$tmp" | median); R=$(awk '{printf "%.0f\n", $3/1024}' "$tmp" | median)
  rm -f "$tmp" "$tmp.one"
}

echo "# $F: $PKTS packets, median of $RUNS runs, $(nproc) cores"
echo "| command | tool | wall s | cpu s | peak RSS MiB | pkt per cpu-s | mako speed-up (cpu) |"
echo "|---|---|---:|---:|---:|---:|---:|"
while IFS='|' read -r name args; do
  measure "tshark $args"; tw=$W tc=$C tr=$R
  measure "$MAKO $args"; mw=$W mc=$C mr=$R
  tp=$(awk -v p="$PKTS" -v c="$tc" 'BEGIN{printf "%.0f", (c>0?p/c:0)}')
  mp=$(awk -v p="$PKTS" -v c="$mc" 'BEGIN{printf "%.0f", (c>0?p/c:0)}')
  echo "| $name | tshark | $tw | $tc | $tr | $tp | |"
  echo "| $name | mako | $mw | $mc | $mr | $mp | $(awk -v a="$tc" -v b="$mc" 'BEGIN{printf "%.1fx", (b>0?a/b:0)}') |"
done <<EOC
dissect all|-r '$F' -Y frame -q
summary|-r '$F'
6 fields|-r '$F' -T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e _ws.col.Protocol
EOC
