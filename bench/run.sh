#!/usr/bin/env bash
# Load benchmark of the real server: builds the jar, starts it on 127.0.0.1 (CPU 0) with a fresh
# SQLite data dir (or PostgreSQL with --postgres), sets up fixtures with `portcullis admin import`,
# mints tokens and codes through the real endpoints, runs each scenario with wrk (CPU 1) for a
# fixed time, and prints a table that it also writes into docs/benchmarks.md.
#
#   bench/run.sh [--postgres] [--duration SECONDS] [--only name,name] [--no-write]
#
# Only 127.0.0.1 is ever contacted; every run is bounded by --duration per scenario.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=10
database=sqlite
only=""
write=1
connections=64
login_connections=8
warmup=3
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database=postgresql ;;
    --duration) duration=$2; shift ;;
    --only) only=$2; shift ;;
    --no-write) write=0 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }
wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

# --- tools ------------------------------------------------------------------------------------
missing=()
for tool in wrk jq curl taskset; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=("${missing[@]/taskset/util-linux}")
  log "installing ${pkgs[*]} with apt-get"
  apt-get install -y -q "${pkgs[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${pkgs[@]}" >/dev/null; }
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
[ "$(nproc)" -ge 2 ] || die "needs at least 2 CPUs (server on CPU 0, wrk on CPU 1)"

work=$(mktemp -d /tmp/portcullis-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
pg_ctl=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_ctl" ]; then as_pg "$pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -n "${BENCH_KEEP:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# --- build ------------------------------------------------------------------------------------
log "building the server jar"
(cd "$root" && bin/jdk ./mvnw -B -q package -DskipTests) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
jar="$root/target/portcullis.jar"
java=$("$root/bin/jdk" sh -c 'command -v java')
java_version=$("$java" -version 2>&1 | head -1)
# The server runs through ./portcullis, so it gets exactly the JVM options the README documents.
java_opts=${PORTCULLIS_JAVA_OPTS:-$(sed -n 's/.*PORTCULLIS_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$root/portcullis")}

# --- database ---------------------------------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
export PORTCULLIS_PORT=$port PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_ISSUER=$base
export PORTCULLIS_DATA_DIR=$work/data PORTCULLIS_DEMO=false
# The product's per-token and per-client limits would cap every scenario; a benchmark measures
# the server, so they are raised (and the table says so).
export PORTCULLIS_RATE_READS_PER_SECOND=1000000 PORTCULLIS_RATE_WRITES_PER_SECOND=1000000
export PORTCULLIS_RATE_TOKEN_PER_SECOND=1000000 PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE=1000000
unset PORTCULLIS_DATABASE_URL PORTCULLIS_CONFIG_FILE PORTCULLIS_MASTER_KEY

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
if [ "$database" = postgresql ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$pg_bin" ]; then
    log "installing Debian's postgresql"
    apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  pg_user=$(id -un postgres 2>/dev/null || echo nobody)
  pg_port=$(free_port)
  mkdir -p "$work/pg" && chown "$pg_user" "$work/pg" 2>/dev/null || true
  as_pg "$pg_bin/initdb" -D "$work/pg/data" -A trust -U portcullis -E UTF8 >"$work/pg-initdb.log" 2>&1 \
    || { cat "$work/pg-initdb.log" >&2; die "initdb failed"; }
  pg_ctl="$pg_bin/pg_ctl"
  # The database shares the server's CPU: the load generator keeps CPU 1 to itself.
  as_pg taskset -c 0 "$pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null
  as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U portcullis portcullis
  export PORTCULLIS_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/portcullis" PORTCULLIS_DATABASE_USER=portcullis
  db_label="PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') (Debian, default settings, same CPU as the server)"
else
  db_label="SQLite (fresh data dir)"
fi

# --- server -----------------------------------------------------------------------------------
now_ms() { date +%s%3N; }
# Starts the server on CPU 0; startup_ms: the milliseconds from exec to the first 200 of /readyz.
start_server() {
  local t0 t1
  t0=$(now_ms)
  # shellcheck disable=SC2086
  taskset -c 0 "$root/portcullis" serve >>"$work/server.log" 2>&1 &
  server_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz" 2>/dev/null)" = 200 ]; do
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; die "server exited"; }
    [ $(($(now_ms) - t0)) -lt 60000 ] || die "server not ready after 60 s"
    sleep 0.01
  done
  t1=$(now_ms)
  startup_ms=$((t1 - t0))
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

log "first start on an empty $database database"
start_server
startup_first=$startup_ms
stop_server

# --- fixtures ---------------------------------------------------------------------------------
email=bench@example.com
password="bench password 123"
secret=bench-secret-0123456789-0123456789-abcdef
es_secret=bench-secret-0123456789-0123456789-es256x
redirect=http://127.0.0.1:9/cb
v2_scopes='"task:read", "task:read-write", "object_configuration:read", "record_permission:read", "user_management:read"'
cat >"$work/setup.json" <<EOF
{"users": [{"email": "$email", "name": "Bench User", "password": "$password"}],
 "workspaces": [{"slug": "bench", "name": "Bench", "members": [{"email": "$email", "role": "admin"}]}],
 "apps": [{"client_id": "bench", "client_secret": "$secret", "name": "Bench", "owner": "$email",
           "redirect_uris": ["$redirect"], "token_endpoint_auth_method": "client_secret_basic",
           "scopes": ["openid", "profile", "email", "offline_access", $v2_scopes],
           "grant_types": ["authorization_code", "refresh_token", "client_credentials"]},
          {"client_id": "bench-es256", "client_secret": "$es_secret", "name": "Bench ES256", "owner": "$email",
           "redirect_uris": ["$redirect"], "token_endpoint_auth_method": "client_secret_basic",
           "scopes": ["openid", "profile", "email"], "id_token_signed_response_alg": "ES256",
           "grant_types": ["authorization_code"]}],
 "api_keys": [{"workspace": "bench", "name": "bench", "scopes": [$v2_scopes]}]}
EOF
log "importing fixtures"
PORTCULLIS_JAVA_OPTS= "$root/portcullis" admin import "$work/setup.json" >"$work/import.json" 2>"$work/import.log" \
  || { cat "$work/import.log" >&2; die "import failed"; }
api_key=$(jq -r '.created.api_keys[0].key' "$work/import.json")

log "start-up on the populated database, 3 times"
startups=()
for _ in 1 2 3; do start_server; startups+=("$startup_ms"); stop_server; done
startup_warm=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 2p)
start_server

basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }
bench_auth=$(basic bench "$secret")
es_auth=$(basic bench-es256 "$es_secret")
sk_auth=$(basic "$api_key" "")
enc() { jq -rn --arg v "$1" '$v|@uri'; }

# Log in once (the login form's double-submit CSRF cookie set directly) and consent once per app.
csrf=benchmarkbenchmarkbenchmarkbenchmark1234567
curl -s -c "$work/jar" -b "portcullis_csrf=$csrf" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode return_to=/ "$base/login"
grep -q portcullis_session "$work/jar" || die "login failed"
authorize_url() { echo "$base/authorize?client_id=$1&response_type=code&redirect_uri=$(enc "$redirect")&scope=$(enc "$2")&state=s&nonce=n"; }
consent() {
  local page="$work/consent.html" field
  # -c too: the consent form answers only the browser that made the request (its binding cookie).
  curl -s -b "$work/jar" -c "$work/jar" -o "$page" "$(authorize_url "$1" "$2")"
  field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$page" | head -1 | sed 's/.*value="//;s/"$//'; }
  curl -s -b "$work/jar" -o /dev/null --data-urlencode "csrf=$(field csrf)" --data-urlencode "handle=$(field handle)" \
    --data-urlencode "workspace=$(field workspace)" -d decision=approve "$base/authorize/decision"
}
full_scopes="openid profile email offline_access task:read task:read-write object_configuration:read record_permission:read user_management:read"
id_scopes="openid profile email"
consent bench "$full_scopes"
consent bench-es256 "$id_scopes"

# Codes through /authorize, consent remembered: one curl, one connection, N redirects.
mint_codes() { # client scopes count
  local url i
  url=$(authorize_url "$1" "$2")
  for ((i = 0; i < $3; i++)); do printf 'url = "%s"\noutput = /dev/null\n' "$url"; done >"$work/mint.cfg"
  curl -s -b "$work/jar" -K "$work/mint.cfg" -w '%{redirect_url}\n' | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p'
}
# Exchanges codes (stdin) for token responses (stdout, one JSON per line).
exchange() { # basic-auth
  local code sep=""
  while read -r code; do
    printf '%surl = "%s/oauth/token"\nheader = "Authorization: Basic %s"\ndata = "grant_type=authorization_code&code=%s&redirect_uri=%s"\n' \
      "$sep" "$base" "$1" "$code" "$(enc "$redirect")"
    sep=$'next\n'
  done >"$work/exchange.cfg"
  curl -s -K "$work/exchange.cfg" | jq -c .
}

access_token=$(mint_codes bench "$full_scopes" 1 | exchange "$bench_auth" | jq -r .access_token)
[[ "$access_token" == pc_at_* ]] || die "no access token from the authorization_code grant"
for i in $(seq 1 20); do
  curl -s -o /dev/null -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
    -d "{\"content_plaintext\": \"Benchmark task $i\", \"is_completed\": false}" "$base/v2/tasks"
done
intro=$(curl -s -H "Authorization: Basic $bench_auth" --data-urlencode "token=$access_token" "$base/oauth/introspect")
[ "$(jq -r .active <<<"$intro")" = true ] || die "introspection of the fixture token is not active: $intro"
[ "$(curl -s -H "Authorization: Bearer $access_token" "$base/v2/tasks?limit=10" | jq '.data | length')" = 10 ] \
  || die "GET /v2/tasks?limit=10 did not list 10 tasks"
[ "$(curl -s -H "Authorization: Basic $sk_auth" "$base/v2/self" | jq -r .active)" = true ] || die "sk_ key not active"

# Refresh chains: twice the connections, so a slow response never leaves a connection without one.
# A second set warms the refresh path up unrecorded (a rotated chain cannot be replayed later).
if wanted refresh; then
  for attempt in 1 2 3; do
    mint_codes bench "openid offline_access task:read" $((4 * connections)) | exchange "$bench_auth" \
      | jq -r .refresh_token >"$work/chains.txt" || true
    head -n $((2 * connections)) "$work/chains.txt" >"$work/refresh.txt"
    tail -n +$((2 * connections + 1)) "$work/chains.txt" >"$work/refresh-warm.txt"
    [ "$(grep -c '^pc_rt_' "$work/chains.txt")" = $((4 * connections)) ] && break
    log "refresh: minting the chains failed (attempt $attempt): $(sort "$work/chains.txt" | uniq -c | sort -rn | head -3 | tr '\n' ' ')"
    curl -s -b "$work/jar" -o "$work/authorize-failed.html" -w 'bench: /authorize answered %{http_code} %{redirect_url}\n' \
      "$(authorize_url bench "openid offline_access task:read")" >&2
    [ "$attempt" = 3 ] && die "could not mint the refresh chains"
    sleep 2
  done
fi

# --- scenarios --------------------------------------------------------------------------------
results="$work/results.tsv"
: >"$results"
# scenario NAME LABEL CONNECTIONS SCRIPT PATH [script args...]
scenario() {
  local name=$1 label=$2 conns=$3 script=$4 path=$5 out line
  shift 5
  wanted "$name" || return 0
  cat "$root/bench/wrk/$script" "$root/bench/wrk/report.lua" >"$work/$name.lua"
  log "$name: $label, $conns connections, ${duration}s"
  local cpu_before
  cpu_before=$(cpu_ticks)
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${duration}s" --timeout 30s -s "$work/$name.lua" "$base$path" -- "$@" 2>&1) \
    || { echo "$out" >&2; die "wrk failed in $name"; }
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; die "no result from $name"; }
  # shellcheck disable=SC2046
  set -- $(sed 's/[a-z0-9_]*=//g' <<<"${line#RESULT }")
  awk -v n="$name" -v l="$label" -v c="$conns" -v r="$1" -v d="$2" -v p50="$3" -v p99="$4" -v e="$5" -v s="$6" \
    'BEGIN { printf "%s\t%s\t%d\t%.0f\t%.2f\t%.2f\t%d\t%d\t%d\n", n, l, c, r / (d / 1e6), p50 / 1000, p99 / 1000, e, s, r }' >>"$results"
  tail -1 "$results" | awk -F'\t' '{ printf "bench:   %.0f req/s, p50 %s ms, p99 %s ms, errors %d + %d socket (%d requests)\n", $4, $5, $6, $7, $8, $9 }' >&2
  # CPU time per request: the server's (and PostgreSQL's) own, so it stays comparable when other
  # work shares the machine and the req/s figure does not.
  tail -1 "$results" | awk -F'\t' -v t="$(( $(cpu_ticks) - cpu_before ))" -v hz="$(getconf CLK_TCK)" \
    '{ if ($9 > 0) printf "bench:   CPU per request %.0f µs (server%s)\n", t * 1e6 / hz / $9, pg }' pg="${pg_ctl:+ + PostgreSQL}" >&2
}

# User + system clock ticks used so far by the server process, and by PostgreSQL's processes with --postgres.
cpu_ticks() {
  local pids=("$server_pid")
  if [ -n "$pg_ctl" ]; then
    local postmaster
    postmaster=$(head -1 "$work/pg/data/postmaster.pid" 2>/dev/null || true)
    [ -n "$postmaster" ] && pids+=("$postmaster" $(pgrep -P "$postmaster" || true))
  fi
  local p total=0
  for p in "${pids[@]}"; do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# Warm-up, not recorded (also before an --only run, so its figures compare with a full run's):
# the JIT compiles the hot paths before the first measured scenario.
{
  log "warm-up: ${warmup}s each on /healthz, introspection, /v2/self and the token endpoint"
  for path in /healthz /v2/self "/v2/tasks?limit=10"; do
    taskset -c 1 wrk -t1 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $access_token" "$base$path" >/dev/null
  done
  cat "$root/bench/wrk/fixed.lua" >"$work/warm.lua"
  taskset -c 1 wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/warm.lua" "$base/oauth/token" -- POST \
    "grant_type=client_credentials&scope=task:read" "Authorization: Basic $bench_auth" >/dev/null
  taskset -c 1 wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/warm.lua" "$base/oauth/introspect" -- POST \
    "token=$access_token" "Authorization: Basic $bench_auth" >/dev/null
}

scenario healthz "GET /healthz (ceiling)" "$connections" fixed.lua /healthz GET ""
scenario introspect "POST /oauth/introspect (client auth + opaque token)" "$connections" fixed.lua /oauth/introspect \
  POST "token=$access_token" "Authorization: Basic $bench_auth"
scenario self_bearer "GET /v2/self, Bearer opaque token" "$connections" fixed.lua /v2/self GET "" "Authorization: Bearer $access_token"
scenario self_sk_basic "GET /v2/self, sk_ key over Basic" "$connections" fixed.lua /v2/self GET "" "Authorization: Basic $sk_auth"
scenario tasks "GET /v2/tasks?limit=10, Bearer" "$connections" fixed.lua "/v2/tasks?limit=10" GET "" "Authorization: Bearer $access_token"
scenario client_credentials "POST /oauth/token client_credentials" "$connections" fixed.lua /oauth/token \
  POST "grant_type=client_credentials&scope=task:read" "Authorization: Basic $bench_auth"

# An unrecorded run of a scenario's own requests before it is measured: the code and refresh
# grants share little with the endpoints the common warm-up covers, and a measured run that starts
# cold spends much of its CPU in the JIT compiling them (41 % of a 20 s exchange run, profiled).
warm_scenario() { # script path [script args...]
  local script=$1 path=$2
  shift 2
  log "warm-up: ${scenario_warmup}s of $script"
  taskset -c 1 wrk -t1 -c"$connections" -d"${scenario_warmup}s" --timeout 30s -s "$root/bench/wrk/$script" \
    "$base$path" -- "$@" >/dev/null
}
scenario_warmup=${BENCH_SCENARIO_WARMUP:-15}

refresh_verified="not run"
if wanted refresh; then
  warm_scenario refresh.lua /oauth/token "$work/refresh-warm.txt" "$bench_auth"
  scenario refresh "POST /oauth/token refresh_token (rotation, one chain per token)" "$connections" refresh.lua /oauth/token \
    "$work/refresh.txt" "$bench_auth"
  # Every chain moved on: every token it started from must now be dead (presenting one also
  # kills its family). One curl process presents them all.
  sep=""
  while read -r rt; do
    printf '%surl = "%s/oauth/token"\nheader = "Authorization: Basic %s"\ndata = "grant_type=refresh_token&refresh_token=%s"\n' \
      "$sep" "$base" "$bench_auth" "$rt"
    sep=$'next\n'
  done <"$work/refresh.txt" >"$work/replay.cfg"
  curl -s -K "$work/replay.cfg" | jq -r '.error // "accepted"' >"$work/replay.txt"
  dead=$(grep -c '^invalid_grant$' "$work/replay.txt" || true)
  total=$(wc -l <"$work/refresh.txt")
  [ "$dead" = "$total" ] || log "refresh: old tokens answered: $(sort "$work/replay.txt" | uniq -c | tr '\n' ' ')(accepted: line $(grep -n -v '^invalid_grant$' "$work/replay.txt" | cut -d: -f1 | tr '\n' ' '))"
  refresh_verified="$dead of the $total refresh tokens the chains started from answered invalid_grant afterwards"
  log "refresh: $refresh_verified"
fi

code_scenario() { # name label client scopes auth
  wanted "$1" || return 0
  # Codes live 60 s: mint enough for this run right before it. wrk's rate divides by the whole
  # duration even when the script stopped early, so running out is reported, never hidden.
  # Minting is slower than exchanging on PostgreSQL: fewer codes there, so the first ones minted
  # are still alive when the run reaches them (a minting that outlasts their 60 s is flagged).
  local per_second=${BENCH_CODES_PER_SECOND:-$([ "$database" = postgresql ] && echo 1500 || echo 3000)}
  local count=$(( duration * per_second ))
  local t0 took
  mint_codes "$3" "$4" $(( scenario_warmup * per_second / 2 )) >"$work/codes-warm.txt" || true
  warm_scenario codes.lua /oauth/token "$work/codes-warm.txt" "$5" "$redirect"
  t0=$(now_ms)
  mint_codes "$3" "$4" "$count" >"$work/codes.txt" || true
  if [ ! -s "$work/codes.txt" ]; then
    curl -s -b "$work/jar" -o "$work/authorize-failed.html" -w 'bench: /authorize answered %{http_code} %{redirect_url}\n' \
      "$(authorize_url "$3" "$4")" >&2
    die "$1: no codes minted"
  fi
  took=$(( $(now_ms) - t0 ))
  log "$1: minted $(wc -l <"$work/codes.txt") codes in $took ms"
  [ "$took" -lt 50000 ] || log "$1: minting took ${took} ms, near the codes' 60 s lifetime: expect invalid_grant errors (lower BENCH_CODES_PER_SECOND)"
  scenario "$1" "$2" "$connections" codes.lua /oauth/token "$work/codes.txt" "$5" "$redirect"
  if [ "$(tail -1 "$results" | cut -f9)" -ge "$(wc -l <"$work/codes.txt")" ]; then
    log "$1: the minted codes ran out before the end: its rate is a lower bound (raise BENCH_CODES_PER_SECOND)"
    sed -i '$ s/\t/ (codes ran out: a lower bound)\t/2' "$results"
  fi
}
code_scenario code_rs256 "POST /oauth/token authorization_code + openid (ID token RS256)" bench "$id_scopes" "$bench_auth"
code_scenario code_es256 "POST /oauth/token authorization_code + openid (ID token ES256)" bench-es256 "$id_scopes" "$es_auth"
scenario login "POST /login (password, Argon2id)" "$login_connections" login.lua /login "$email" "$password"

rss_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
stop_server

# --- report -----------------------------------------------------------------------------------
ceiling=$(awk -F'\t' '$1 == "healthz" { print $4 }' "$results")
target() {
  case "$1" in
    introspect|self_bearer|self_sk_basic) echo "≥ 0.5, p99 < 10 ms" ;;
    tasks|client_credentials) echo "≥ 0.25" ;;
    refresh) echo "≥ 0.15, 0 errors" ;;
    code_es256) echo "≥ 0.1" ;;
    *) echo "" ;;
  esac
}
met() { # name ratio p99 errors
  awk -v n="$1" -v r="$2" -v p="$3" -v e="$4" 'BEGIN {
    ok = (e == 0)
    if (n == "introspect" || n == "self_bearer" || n == "self_sk_basic") ok = ok && r >= 0.5 && p < 10
    else if (n == "tasks" || n == "client_credentials") ok = ok && r >= 0.25
    else if (n == "refresh") ok = ok && r >= 0.15
    else if (n == "code_es256") ok = ok && r >= 0.1
    print ok ? "yes" : "**no**" }'
}
table="$work/table.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $db_label."
  echo
  echo "| scenario | conns | requests/s | p50 ms | p99 ms | errors | ratio to ceiling | target | met |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  while IFS=$'\t' read -r name label conns rps p50 p99 errs sock _; do
    ratio=$(awk -v r="$rps" -v c="${ceiling:-0}" 'BEGIN { if (c > 0) printf "%.2f", r / c; else print "-" }')
    echo "| $label | $conns | $rps | $p50 | $p99 | $((errs + sock)) | $ratio | $(target "$name") | $(met "$name" "$ratio" "$p99" $((errs + sock))) |"
  done <"$results"
  warm_ok=$(awk -v t="$startup_warm" 'BEGIN { print (t < 1500) ? "yes" : "**no**" }')
  rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.0f", k / 1024 }')
  rss_ok=$(awk -v m="$rss_mib" 'BEGIN { print (m < 300) ? "yes" : "**no**" }')
  echo
  echo "| measure | value | target | met |"
  echo "| --- | ---: | --- | --- |"
  echo "| start-up to \`/readyz\` 200, populated database (median of 3: ${startups[*]} ms) | ${startup_warm} ms | < 1500 ms | $warm_ok |"
  echo "| start-up to \`/readyz\` 200, empty database (migrations, key generation) | ${startup_first} ms | | |"
  echo "| resident memory (VmRSS) after the whole run | ${rss_mib} MiB | < 300 MiB | $rss_ok |"
  echo
  echo "- Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB;" \
    "kernel $(uname -r); $java_version; wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')."
  echo "- Load average just before the run: $load_before (other builds may share this machine)."
  echo "- Server: \`taskset -c 0 ./portcullis serve\` (JVM options \`$java_opts\`, with the start-up cache \`./portcullis\` records and \`MALLOC_ARENA_MAX=2\`); wrk: \`taskset -c 1 wrk -t1 -c<conns> -d${duration}s --timeout 30s -s bench/wrk/<script>.lua\`."
  echo "- Rate limits raised for the run: \`PORTCULLIS_RATE_READS_PER_SECOND\`, \`PORTCULLIS_RATE_WRITES_PER_SECOND\`," \
    "\`PORTCULLIS_RATE_TOKEN_PER_SECOND\`, \`PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE\` = 1000000; \`PORTCULLIS_DEMO=false\`."
  echo "- Each scenario ran ${duration}s after an unrecorded ${warmup}s warm-up of the hot paths; p50/p99 are wrk's (no coordinated-omission correction)."
  echo "- Errors: responses ≥ 400, socket errors, and (refresh, codes, login) any answer that is not the expected one."
  echo "- Refresh rotation: $refresh_verified."
  echo "- Command: \`bench/run.sh$([ "$database" = postgresql ] && echo " --postgres") --duration $duration\`."
} >"$table"
cat "$table"

if [ "$write" = 1 ] && [ -z "$only" ]; then
  doc="$root/docs/benchmarks.md"
  marker="results:$database"
  [ -f "$doc" ] || printf '# Benchmarks\n' >"$doc"
  grep -q "<!-- $marker -->" "$doc" || printf '\n<!-- %s -->\n<!-- /%s -->\n' "$marker" "$marker" >>"$doc"
  awk -v m="$marker" -v t="$table" '
    $0 == "<!-- " m " -->" { print; while ((getline l < t) > 0) print l; skip = 1; next }
    $0 == "<!-- /" m " -->" { skip = 0 }
    !skip { print }' "$doc" >"$work/doc.md"
  cp "$work/doc.md" "$doc"
  log "wrote the table into docs/benchmarks.md"
fi
