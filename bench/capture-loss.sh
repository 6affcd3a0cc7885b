#!/usr/bin/env bash
# capture-loss.sh [COUNT] [BUFFER_MIB] [CASES]
# Loss under load (issue 7): one capture tool at a time listens on lo with the capture filter "udp port PORT" and
# a kernel buffer of BUFFER_MIB (default 2, dumpcap's default), while bench/udp-burst.c sends COUNT (default
# 1,000,000) 18-byte UDP datagrams (60-byte frames) to 127.0.0.1 as fast as it can. For each tool it reports how
# long the burst took, how many packets the tool kept, how many libpcap says the kernel dropped, how many are missing
# (sent - kept), and the tool's CPU time. Needs root (capture rights), gcc, dumpcap and tshark; run it on an idle
# machine: the sender and the capture share the CPUs.
# CASES (default all): a comma list of
#   dumpcap        dumpcap -w FILE                      mako-dumpcap   mako dumpcap -w FILE
#   mako-w         mako -w FILE (tshark mode, no dissection)
#   tshark-live    tshark -T fields -e frame.number     mako-live      mako -T fields -e frame.number  (live decoding)
# mako is published in Release to bench/out/mako first (MAKO=/path/to/mako skips that).
set -uo pipefail
COUNT=${1:-1000000}
BUF=${2:-2}
CASES=${3:-dumpcap,mako-dumpcap,mako-w,tshark-live,mako-live}
PORT=${PORT:-9996}
source "$(dirname "$0")/common.sh"
TIME=/usr/bin/time
[ "$(id -u)" = 0 ] || { echo "capture-loss.sh: run as root (capture rights)" >&2; exit 1; }
[ -x "$TIME" ] || apt-get install -y -qq time >/dev/null 2>&1
WORK=$(mktemp -d /tmp/mako-capture-loss.XXXXXX)
cc -O2 -o "$WORK/udp-burst" "$HERE/udp-burst.c" || exit 1
mako_or_publish
FILTER="udp port $PORT"

# The tool's command line for a case; $1 = case, $2 = output file.
command_for() {
  case $1 in
    dumpcap)      echo "dumpcap -q -i lo -B $BUF -f '$FILTER' -w $2" ;;
    mako-dumpcap) echo "$MAKO dumpcap -q -i lo -B $BUF -f '$FILTER' -w $2" ;;
    mako-w)       echo "$MAKO -q -i lo -B $BUF -f '$FILTER' -w $2" ;;
    tshark-live)  echo "tshark -i lo -B $BUF -f '$FILTER' -T fields -e frame.number" ;;
    mako-live)    echo "$MAKO -i lo -B $BUF -f '$FILTER' -T fields -e frame.number" ;;
  esac
}

# Packets the tool kept: frames in its file, or lines it printed.
kept() {
  if [ -f "$2" ]; then capinfos -c -M "$2" 2>/dev/null | awk -F: '/Number of packets/{gsub(/ /,"",$2); print $2}'
  else wc -l < "$WORK/$1.out"; fi
}

# Kernel drops as the tool reports them (dumpcap's "received/dropped" line, tshark's "N packets dropped from").
dropped() {
  { sed -n "s/^Packets received\/dropped on interface .*: [0-9]*\/\([0-9]*\) .*/\1/p" "$WORK/$1.err"
    sed -n 's/^\([0-9]*\) packets\{0,1\} dropped from .*/\1/p' "$WORK/$1.err"; } | awk '{ d += $1 } END { print d + 0 }'
}

printf "%-13s %10s %10s %10s %10s %9s\n" "tool" "send s" "kept" "dropped" "missing" "cpu s"
IFS=, read -r -a LIST <<< "$CASES"
for c in "${LIST[@]}"; do
  out="$WORK/$c.pcapng"
  [[ $c == *live ]] && out="$WORK/$c.none"
  cmd=$(command_for "$c" "$out")
  [ -n "$cmd" ] || { echo "unknown case $c" >&2; continue; }
  "$TIME" -f '%U %S' -o "$WORK/$c.cpu" sh -c "exec $cmd" > "$WORK/$c.out" 2> "$WORK/$c.err" < /dev/null &
  timer=$!
  for _ in $(seq 100); do grep -q "Capturing on" "$WORK/$c.err" 2>/dev/null && break; sleep 0.2; done
  sleep 2   # the interface is opened right after the announcement
  tool=$(pgrep -P "$timer" | head -1)
  read -r sent secs < <("$WORK/udp-burst" "$COUNT" "$PORT")
  # Let the tool catch up: wait until its output stops growing for 3 s (live decoding may lag behind).
  last=-1
  while :; do
    sleep 3
    now=$(du -sb "$WORK" | cut -f1)   # files being written (mako's under a temporary name) and printed output
    [ "$now" = "$last" ] && break
    last=$now
  done
  [ -n "$tool" ] && kill -TERM "$tool" 2>/dev/null
  wait "$timer"
  k=$(kept "$c" "$out")
  d=$(dropped "$c")
  cpu=$(awk '{printf "%.1f", $1 + $2}' "$WORK/$c.cpu")
  printf "%-13s %10s %10s %10s %10s %9s\n" "$c" "$secs" "$k" "$d" "$((sent - k))" "$cpu"
done
echo "(COUNT=$COUNT datagrams, -B $BUF MiB, filter '$FILTER'; files and logs in $WORK)"
