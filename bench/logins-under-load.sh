#!/usr/bin/env bash
# Password logins during a token load, on one core: what a login burst does to the token
# endpoint and to the heap. The server is pinned to CPU 0, both wrk instances run on CPU 1:
# client_credentials at 32 connections and POST /login (Argon2id) at 8, for the same seconds,
# after a token warm-up. Prints logins/s, tokens/s and their p99, the collector's young and full
# pauses (from -Xlog:gc), OutOfMemoryErrors, and the server's peak and final resident memory.
#
#   bench/logins-under-load.sh [--seconds S] [--warmup S] [--opts "JVM options added to the defaults"]
#
# Only 127.0.0.1 is contacted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
seconds=40 warmup=20 opts=""
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --opts) opts=$2; shift ;;
    *) sed -n 2,9p "$0"; exit 2 ;;
  esac
  shift
done
for tool in wrk curl taskset ss; do command -v "$tool" >/dev/null || { echo "logins-under-load: needs $tool" >&2; exit 1; }; done
defaults=$(sed -n 's/.*PORTCULLIS_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$root/portcullis")
secret=bench-secret-0123456789-0123456789-abcdef email=soak@example.com password="soak password 123 horse"
work=$(mktemp -d /tmp/portcullis-logins.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(shuf -i 20000-60000 -n 1)
write_client_credentials_setup "$work/setup.json" "$email" "$password" "$secret"
(
  export PORTCULLIS_PORT=$port PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_ISSUER=http://127.0.0.1:$port
  export PORTCULLIS_DATA_DIR=$work/data PORTCULLIS_DEMO=false PORTCULLIS_RATE_TOKEN_PER_SECOND=1000000
  export PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE=1000000
  cd "$root"
  PORTCULLIS_JAVA_OPTS= ./portcullis admin import "$work/setup.json" >/dev/null 2>"$work/import.log"
  PORTCULLIS_JAVA_OPTS="$defaults $opts -Xlog:gc:file=$work/gc.log" exec taskset -c 0 ./portcullis serve >"$work/server.log" 2>&1
) &
pid=$(ready_server_pid "$port")
[ -n "$pid" ] || { tail -20 "$work/server.log" >&2; echo "logins-under-load: the server did not start" >&2; exit 1; }

auth=$(printf 'bench:%s' "$secret" | base64 -w0)
tokens() { # seconds
  taskset -c 1 wrk -t1 -c32 -d"$1s" --latency -s "$root/bench/wrk/fixed.lua" "http://127.0.0.1:$port/oauth/token" \
    -- POST "grant_type=client_credentials&scope=task:read" "Authorization: Basic $auth"
}
tokens "$warmup" >/dev/null
young0=$(grep -c 'Pause Young' "$work/gc.log" || true) full0=$(grep -c 'Pause Full' "$work/gc.log" || true)
taskset -c 1 wrk -t1 -c8 -d"${seconds}s" --latency -s "$root/bench/wrk/login.lua" "http://127.0.0.1:$port/login" \
  -- "$email" "$password" >"$work/login.txt" 2>&1 &
tokens "$seconds" >"$work/token.txt" 2>&1
wait %2 2>/dev/null || true
summary() { # file
  awk '/Requests\/sec/ { r = $2 } $1 == "99%" { p = $2 } /Non-2xx/ { e += $NF } /Socket errors/ { e += $4 + $6 + $8 + $10 }
       END { printf "%.1f/s, p99 %s, errors %d", r, p, e }' "$1"
}
echo "logins (8 connections): $(summary "$work/login.txt")$(grep -q 'unexpected' "$work/login.txt" && echo ", $(grep 'unexpected' "$work/login.txt")")"
echo "tokens (32 connections): $(summary "$work/token.txt")"
echo "collections during the run: $(( $(grep -c 'Pause Young' "$work/gc.log") - young0 )) young, $(( $(grep -c 'Pause Full' "$work/gc.log") - full0 )) full; OutOfMemoryError: $(grep -c OutOfMemoryError "$work/server.log" || true)"
echo "resident memory: peak $(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status") MiB, at the end $(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status") MiB"
echo "JVM options: $defaults $opts"
