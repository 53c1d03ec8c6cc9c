#!/usr/bin/env bash
# Interleaved A/B of the client_credentials token endpoint: two servers up at once, both pinned
# to CPU 0 (the idle one costs next to nothing), and wrk on CPU 1 alternating between them in
# short windows, so both see the same machine. Prints req/s, server CPU µs per request and the
# p99 latency per window. Each side is a checkout whose jar is built (and whose start-up cache is
# trained, by one `./portcullis serve`); A and B may be the same checkout with different JVM
# options or settings.
#
#   bench/ab.sh [--rounds N] [--seconds S] [--warmup S] [--connections C] [--opts-a "..."] [--opts-b "..."] [--env-a "K=V ..."] [--env-b "K=V ..."] DIR_A DIR_B
#
# e.g. the audit write's cost: bench/ab.sh --env-a PORTCULLIS_EVENTS_SKIPPED=token.issued . .
#
# Only 127.0.0.1 is contacted; each window is bounded by --seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
rounds=6 seconds=10 warmup=40 connections=64 opts_a="" opts_b="" env_a="" env_b=""
while [ $# -gt 2 ]; do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) connections=$2; shift ;;
    --opts-a) opts_a=$2; shift ;;
    --opts-b) opts_b=$2; shift ;;
    --env-a) env_a=$2; shift ;;
    --env-b) env_b=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ $# -eq 2 ] || { sed -n 2,13p "$0"; exit 2; }
declare -A dir=([A]=$(cd "$1" && pwd) [B]=$(cd "$2" && pwd)) extra=([A]=$opts_a [B]=$opts_b) settings=([A]=$env_a [B]=$env_b) pid port
for tool in wrk curl taskset ss; do command -v "$tool" >/dev/null || { echo "ab: needs $tool" >&2; exit 1; }; done
defaults=$(sed -n 's/.*PORTCULLIS_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$root/portcullis")
secret=bench-secret-0123456789-0123456789-abcdef
work=$(mktemp -d /tmp/portcullis-ab.XXXXXX)
cleanup() { for k in A B; do [ -n "${pid[$k]:-}" ] && kill "${pid[$k]}" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp "$root/bench/wrk/fixed.lua" "$work/fixed.lua"
echo 'done = function(summary) io.write(string.format("REQUESTS %d\n", summary.requests)) end' >>"$work/fixed.lua"

for k in A B; do
  port[$k]=$(shuf -i 20000-60000 -n 1)
  mkdir -p "$work/$k"
  write_client_credentials_setup "$work/$k/setup.json" ab@example.com "bench password 123" "$secret"
  (
    export PORTCULLIS_PORT=${port[$k]} PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_ISSUER=http://127.0.0.1:${port[$k]}
    export PORTCULLIS_DATA_DIR=$work/$k/data PORTCULLIS_DEMO=false PORTCULLIS_RATE_TOKEN_PER_SECOND=1000000
    for setting in ${settings[$k]}; do export "${setting?}"; done
    cd "${dir[$k]}"
    PORTCULLIS_JAVA_OPTS= ./portcullis admin import "$work/$k/setup.json" >/dev/null 2>"$work/$k/import.log"
    PORTCULLIS_JAVA_OPTS="$defaults ${extra[$k]}" exec taskset -c 0 ./portcullis serve >"$work/$k/server.log" 2>&1
  ) &
  pid[$k]=$(ready_server_pid "${port[$k]}")
  [ -n "${pid[$k]}" ] || { tail -20 "$work/$k/server.log" >&2; echo "ab: server $k did not start" >&2; exit 1; }
  echo "ab: $k is ${dir[$k]} ${extra[$k]} ${settings[$k]} (port ${port[$k]})"
done

auth=$(printf 'bench:%s' "$secret" | base64 -w0)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
window() { # side seconds
  local before out requests p99
  before=$(ticks "${pid[$1]}")
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"$2s" --latency -s "$work/fixed.lua" "http://127.0.0.1:${port[$1]}/oauth/token" \
    -- POST "grant_type=client_credentials&scope=task:read" "Authorization: Basic $auth" 2>&1)
  requests=$(sed -n 's/^REQUESTS //p' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; m = v ~ /us$/ ? 0.001 : v ~ /ms$/ ? 1 : 1000; sub(/[a-z]+$/, "", v); printf "%.1f", v * m }' <<<"$out")
  grep -q 'Non-2xx' <<<"$out" && echo "ab: $1 had non-2xx answers" >&2
  awk -v k="$1" -v r="$3" -v n="$requests" -v t="$(( $(ticks "${pid[$1]}") - before ))" -v hz="$(getconf CLK_TCK)" -v s="$2" -v p="$p99" \
    'BEGIN { printf "%s round %d: %.0f req/s, %.1f µs CPU per request, p99 %s ms\n", k, r, n / s, t * 1e6 / hz / n, p }'
}
for k in A B; do window "$k" "$warmup" 0 >/dev/null; done # warm-up: the JIT is still busy on one core for 30 s
for r in $(seq 1 "$rounds"); do
  for k in A B; do window "$k" "$seconds" "$r"; done
done | tee "$work/windows"
# Means over the windows, and B's throughput and CPU per request relative to A's.
awk '{ n[$1]++; rps[$1] += $4; cpu[$1] += $6 }
  END { for (k in n) printf "%s mean: %.0f req/s, %.1f µs CPU per request\n", k, rps[k] / n[k], cpu[k] / n[k]
        a = rps["A"] / n["A"]; b = rps["B"] / n["B"]; ca = cpu["A"] / n["A"]; cb = cpu["B"] / n["B"]
        printf "B against A: %+.1f %% req/s, %+.1f %% CPU per request\n", (b - a) * 100 / a, (cb - ca) * 100 / ca }' "$work/windows"
# The median of the rounds' own B/A throughput ratios: one window the machine slowed moves it less than the means.
awk '$2 == "round" { r[$1, $3 + 0] = $4 } END { for (i = 1; r["A", i]; i++) d[i] = (r["B", i] - r["A", i]) * 100 / r["A", i]
  n = i - 1; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (d[j] < d[i]) { t = d[i]; d[i] = d[j]; d[j] = t }
  printf "B against A, median of %d rounds: %+.1f %% req/s\n", n, n % 2 ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2 }' "$work/windows"
# Each side's median p99 over its windows (a mean would be one stalled window's).
awk '$2 == "round" { p[$1, ++n[$1]] = $(NF - 1) } END { for (k in n) { m = n[k]
  for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (p[k, j] < p[k, i]) { t = p[k, i]; p[k, i] = p[k, j]; p[k, j] = t }
  printf "%s median p99: %.1f ms\n", k, m % 2 ? p[k, (m + 1) / 2] : (p[k, m / 2] + p[k, m / 2 + 1]) / 2 } }' "$work/windows"
