# Shared by the bench scripts (source it): HERE, ROOT, mako_or_publish, median.
HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

# Uses $MAKO when set; otherwise publishes mako (Release) to bench/out/mako and points MAKO at it.
mako_or_publish() {
  if [ -z "${MAKO:-}" ]; then
    dotnet publish "$ROOT/src/Mako.Cli" -c Release -o "$HERE/out/mako" >/dev/null || exit 1
    MAKO="$HERE/out/mako/mako"
  fi
}

# Median of the numbers on stdin, one per line.
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
