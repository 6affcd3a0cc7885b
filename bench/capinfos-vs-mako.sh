#!/usr/bin/env bash
# capinfos-vs-mako.sh [FILE] [RUNS]
# Whole-process comparison of Wireshark's capinfos and `mako capinfos` on one capture (default: bench-mixed.pcap from
# /work/shared/bench/make-bench-captures.sh, looked for in $BENCHDATA, /work/benchdata, /tmp/mako-bench):
#   (a) all infos, hashes included:   capinfos F
#   (b) packet count only:            capinfos -c F
# mako is published in Release, ReadyToRun, to bench/out/capinfos first (MAKO=/path/to/mako skips that). The outputs
# are checked to be identical, then the two tools run alternately RUNS times (default 5), after one unmeasured warm-up
# each, with the file in the page cache. Prints median wall time, median CPU (user+sys) and the capinfos/mako ratios.
set -uo pipefail
source "$(dirname "$0")/common.sh"
F=${1:-}
if [ -z "$F" ]; then
  for d in "${BENCHDATA:-}" /work/benchdata /tmp/mako-bench; do
    [ -n "$d" ] && [ -f "$d/bench-mixed.pcap" ] && { F="$d/bench-mixed.pcap"; break; }
  done
fi
[ -n "$F" ] && [ -f "$F" ] || { echo "usage: capinfos-vs-mako.sh FILE [RUNS] (no bench-mixed.pcap found)" >&2; exit 1; }
RUNS=${2:-5}
TIME=/usr/bin/time
[ -x "$TIME" ] || apt-get install -y -qq time >/dev/null 2>&1
command -v capinfos >/dev/null || { echo "capinfos is not installed" >&2; exit 1; }
if [ -z "${MAKO:-}" ]; then
  dotnet publish "$ROOT/src/Mako.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$HERE/out/capinfos" >/dev/null || exit 1
  MAKO="$HERE/out/capinfos/mako"
fi
cat "$F" > /dev/null

# run CMD once under GNU time; appends "wall cpu" to FILE
run() {
  local cmd=$1 out=$2 t0 t1
  t0=$(date +%s%N)
  "$TIME" -f '%U %S' -o "$out.one" sh -c "$cmd" </dev/null >/dev/null 2>&1
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) '{printf "%.3f %.2f\n", ns/1e9, $1+$2}' "$out.one" >> "$out"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# $(basename "$F"): $(stat -c %s "$F") bytes; median of $RUNS runs; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(capinfos -v | head -1); mako $("$MAKO" --version)"
echo
echo "| command | capinfos wall s | mako wall s | wall ratio | capinfos cpu s | mako cpu s | cpu ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
while IFS='|' read -r name flags; do
  if ! cmp -s <(capinfos $flags "$F" 2>&1) <("$MAKO" capinfos $flags "$F" 2>&1); then
    echo "| $name | outputs differ! | | | | | |"
    continue
  fi
  run "capinfos $flags '$F'" "$tmp/warm"; run "'$MAKO' capinfos $flags '$F'" "$tmp/warm"
  : > "$tmp/c"; : > "$tmp/m"
  for ((i = 0; i < RUNS; i++)); do
    run "capinfos $flags '$F'" "$tmp/c"
    run "'$MAKO' capinfos $flags '$F'" "$tmp/m"
  done
  cw=$(awk '{print $1}' "$tmp/c" | median); cc=$(awk '{print $2}' "$tmp/c" | median)
  mw=$(awk '{print $1}' "$tmp/m" | median); mc=$(awk '{print $2}' "$tmp/m" | median)
  echo "| \`capinfos $flags\` | $cw | $mw | $(awk -v a="$cw" -v b="$mw" 'BEGIN{printf "%.2fx", (b>0?a/b:0)}') | $cc | $mc | $(awk -v a="$cc" -v b="$mc" 'BEGIN{printf "%.2fx", (b>0?a/b:0)}') |"
done <<EOC
all infos|
count only|-c
EOC
