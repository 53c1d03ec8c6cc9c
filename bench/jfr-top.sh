#!/usr/bin/env bash
# Where the time goes in a JFR recording: bench/jfr-top.sh FILE.jfr [LINES] [EVENT]
# From jdk.ExecutionSample (Java code on CPU; or EVENT, e.g. jdk.NativeMethodSample for threads
# in native code such as SQLite) prints the hottest top frames (self time) and the hottest
# dev.portcullis frames anywhere on the stack (inclusive time), as shares of all samples.
set -eu
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
file=$1
lines=${2:-25}
event=${3:-jdk.ExecutionSample}
counts=$("$root/bin/jdk" jfr print --events "$event" --stack-depth 64 "$file" | awk '
  $0 ~ /^jdk\./ { inside = 1; depth = 0; split("", seen); samples++; next }
  inside && /line:/ {
    frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
    if (depth == 0) self[frame]++
    if (frame ~ /^dev\.portcullis\./ && !(frame in seen)) { seen[frame] = 1; incl[frame]++ }
    depth++
  }
  /^}/ { inside = 0 }
  END {
    print "total\t" samples
    for (f in self) printf "self\t%d\t%s\n", self[f], f
    for (f in incl) printf "incl\t%d\t%s\n", incl[f], f
  }')
total=$(awk -F'\t' '$1 == "total" { print $2 }' <<<"$counts")
echo "$total samples of $event"
for kind in self incl; do
  [ "$kind" = self ] && echo "-- self time (top frame)" || echo "-- inclusive time (dev.portcullis frames on the stack)"
  awk -F'\t' -v k="$kind" -v t="$total" '$1 == k { printf "%6.1f%%  %s\n", 100 * $2 / t, $3 }' <<<"$counts" | sort -rn | head -"$lines"
done
