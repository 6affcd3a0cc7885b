#!/usr/bin/env bash
# Records what Wireshark's capinfos 4.0 prints for every line of cases.tsv into golden/<name>.{out,err,rc}.
# The capture folder is replaced by {IN} so the recordings do not depend on where the repository lives; times are
# local times, so the recording (and the test) use TZ=UTC.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
in=$(cd "$here/../../captures/capinfos" && pwd)
mkdir -p "$here/golden"
capinfos -v | head -1 > "$here/golden/VERSION"
while IFS=$'\t' read -r name args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2086
    set +e
    TZ=UTC capinfos ${args//\{IN\}/$in} > "$here/golden/$name.out" 2> "$here/golden/$name.err"
    echo $? > "$here/golden/$name.rc"
    set -e
    sed -i "s#$in#{IN}#g" "$here/golden/$name.out" "$here/golden/$name.err"
done < "$here/cases.tsv"
capinfos -h | tail -n +4 > "$here/golden/capinfos-usage.txt"
