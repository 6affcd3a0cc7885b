#!/usr/bin/env bash
# Whole-process display-filter run, mako vs tshark, one run each on the same file (Release build of mako):
#   bench/filter-vs-tshark.sh [FILE] [FILTER]
f=${1:-/work/benchdata/bench-mixed.pcap}
flt=${2:-tcp.port == 80 && tcp.len > 0}
mako=${MAKO:-src/Mako.Cli/bin/Release/net10.0/mako}
pk=$(capinfos -c -M "$f" 2>/dev/null | awk -F': *' '/Number of packets/{print $2}')
for tool in "$mako" tshark; do
  s=$(date +%s.%N)
  n=$($tool -r "$f" -Y "$flt" -T fields -e frame.number 2>/dev/null | wc -l)
  e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc)
  echo "$(basename "$tool"): $n frames matched of $pk, $t s, $(echo "$pk / $t" | bc) packets/s"
done
