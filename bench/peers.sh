#!/usr/bin/env bash
# Side by side with node-oidc-provider (issue 20): Portcullis on SQLite, Portcullis on PostgreSQL
# and node-oidc-provider 9 (in-memory, opaque tokens), each in turn pinned to CPU 0 with wrk
# (-t1 -c32) on CPU 1. Per server: start to the first token answer, client_credentials
# (client_secret_basic), introspection of one reused token, discovery, and the peak RSS of the
# server process over its whole run. Prints a markdown table ready to paste.
#
#   bench/peers.sh [--quick] [--warmup S] [--duration S] [--only sqlite,postgresql,node]
#                  [--scaleout] [--connections N] [--write]
#
#   --quick      5 s warm-up, 5 s measured (default: 25 s warm-up, 12 s measured per scenario)
#   --write      also put the table between the <!-- peers --> markers of docs/benchmarks.md
#   --scaleout   also: Portcullis on PostgreSQL, one instance against two behind nginx
#                (Debian's, extracted into the work dir, 127.0.0.1 only); each with CPU µs per
#                token of the JVM(s) and of PostgreSQL
#
# Installs what it needs (wrk, jq, curl, Debian's postgresql and nginx, node-oidc-provider from
# bench/peers/package-lock.json). Only 127.0.0.1 is ever contacted; every load is time-bounded.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
warmup=25
duration=12
connections=32
only="sqlite,postgresql,node"
scaleout=0
write=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) warmup=5; duration=5 ;;
    --warmup) warmup=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --only) only=$2; shift ;;
    --scaleout) scaleout=1 ;;
    --write) write=1 ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "bench/peers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
wanted() { [[ ",$only," == *",$1,"* ]]; }
log() { echo "peers: $*" >&2; }
die() { log "$*"; exit 1; }

# --- tools ------------------------------------------------------------------------------------
apt_install() {
  log "installing $* with apt-get"
  apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}
missing=()
for tool in wrk jq curl taskset; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if wanted node; then command -v node >/dev/null || missing+=(nodejs); command -v npm >/dev/null || missing+=(npm); fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]/taskset/util-linux}"
[ "$(nproc)" -ge 2 ] || die "needs at least 2 CPUs (server on CPU 0, wrk on CPU 1)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

work=$(mktemp -d /tmp/portcullis-peers.XXXXXX)
chmod 755 "$work"
pids=()
pg_ctl=""
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
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
now_ms() { date +%s%3N; }
basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }
secret=bench-secret-0123456789-0123456789-abcdef
auth=$(basic bench "$secret")
token_body="grant_type=client_credentials&scope=task:read"

# Waits for the first 200 of the token endpoint (POST client_credentials) from process $2;
# sets first_token_ms to the milliseconds since $3 (the exec).
first_token() { # url pid t0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $auth" -d "$token_body" "$1" 2>/dev/null)" = 200 ]; do
    kill -0 "$2" 2>/dev/null || die "server exited before its first token (log: $work)"
    [ $(($(now_ms) - $3)) -lt 120000 ] || die "no token after 120 s"
    sleep 0.005
  done
  first_token_ms=$(($(now_ms) - $3))
}

# Resident memory of one process: peak (VmHWM), and now: anonymous, file-backed, proportional.
memory_of() { # pid -> "hwm_kib rss_anon_kib rss_file_kib pss_kib"
  local hwm anon file pss
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$1/status")
  anon=$(awk '/^RssAnon/ { print $2 }' "/proc/$1/status")
  file=$(awk '/^RssFile/ { print $2 }' "/proc/$1/status")
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0)
  echo "$hwm $anon $file $pss"
}
# CPU time (user + system) of processes, in clock ticks (1/100 s: the units below assume it).
cpu_ticks() { local p t=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
# The throw-away cluster's postmaster and its children (not any other PostgreSQL on the machine).
pg_pids() {
  local pm
  pm=$(head -1 "$work/pg/data/postmaster.pid" 2>/dev/null) || return 0
  echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"
}

# run_wrk NAME URL METHOD BODY SECONDS -> sets rps p50 p99 errs
run_wrk() {
  local out line
  cat "$root/bench/wrk/fixed.lua" "$root/bench/wrk/report.lua" >"$work/fixed.lua"
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${5}s" --timeout 30s -s "$work/fixed.lua" "$2" -- "$3" "$4" \
    "Authorization: Basic $auth" 2>&1) || { echo "$out" >&2; die "wrk failed in $1"; }
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; die "no result from $1"; }
  # shellcheck disable=SC2046
  set -- $(sed 's/[a-z0-9_]*=//g' <<<"${line#RESULT }")
  rps=$(awk -v r="$1" -v d="$2" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  p50=$(awk -v v="$3" 'BEGIN { printf "%.1f", v / 1000 }')
  p99=$(awk -v v="$4" 'BEGIN { printf "%.1f", v / 1000 }')
  errs=$(($5 + $6))
}

# measure LABEL TOKEN_URL INTROSPECT_URL DISCOVERY_URL PID: warm-up, then the measured runs.
results="$work/results.tsv"
: >"$results"
measure() {
  local label=$1 token_url=$2 intro_url=$3 disc_url=$4 pid=$5 access mem
  shift 5
  access=$(curl -s -H "Authorization: Basic $auth" -d "$token_body" "$token_url" | jq -r .access_token)
  [ -n "$access" ] && [ "$access" != null ] || die "$label: no access token"
  [ "$(curl -s -H "Authorization: Basic $auth" --data-urlencode "token=$access" "$intro_url" | jq -r .active)" = true ] \
    || die "$label: introspection of its token is not active"
  local -A r
  for s in token introspection discovery; do
    case $s in
      token) set -- "$token_url" POST "$token_body" ;;
      introspection) set -- "$intro_url" POST "token=$access" ;;
      discovery) set -- "$disc_url" GET "" ;;
    esac
    log "$label: $s, ${warmup}s warm-up + ${duration}s measured"
    run_wrk "$s-warm" "$1" "$2" "$3" "$warmup"
    local t0
    t0=$(cpu_ticks "${cpu_pids[@]}")
    run_wrk "$s" "$1" "$2" "$3" "$duration"
    r[$s]="$rps $p50 $p99 $errs $(( ($(cpu_ticks "${cpu_pids[@]}") - t0) * 10000 ))"
    log "  $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errs"
  done
  mem=$(memory_of "$pid")
  # label, token rps p50 p99 errs cpu_us, introspection..., discovery..., hwm anon file pss, first token ms
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "${r[token]}" "${r[introspection]}" "${r[discovery]}" "$mem" "$first_token_ms" >>"$results"
}

# --- Portcullis -------------------------------------------------------------------------------
if wanted sqlite || wanted postgresql || [ "$scaleout" = 1 ]; then
  # Built when missing or older than the sources, as ./portcullis does (a rebuild also means a
  # new start-up cache, recorded below).
  if [ ! -f "$root/target/portcullis.jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$root/target/portcullis.jar" -print -quit)" ]; then
    log "building the server jar"
    (cd "$root" && bin/jdk ./mvnw -B -q package -DskipTests) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
  fi
  java_version=$("$root/bin/jdk" java -version 2>&1 | head -1)
  java_opts=${PORTCULLIS_JAVA_OPTS:-$(sed -n 's/.*PORTCULLIS_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$root/portcullis")}
  export PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_DEMO=false
  export PORTCULLIS_RATE_READS_PER_SECOND=1000000 PORTCULLIS_RATE_WRITES_PER_SECOND=1000000
  export PORTCULLIS_RATE_TOKEN_PER_SECOND=1000000 PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE=1000000
  unset PORTCULLIS_DATABASE_URL PORTCULLIS_CONFIG_FILE PORTCULLIS_MASTER_KEY
  cat >"$work/setup.json" <<EOF
{"users": [{"email": "bench@example.com", "name": "Bench User", "password": "bench password 123"}],
 "workspaces": [{"slug": "bench", "name": "Bench", "members": [{"email": "bench@example.com", "role": "admin"}]}],
 "apps": [{"client_id": "bench", "client_secret": "$secret", "name": "Bench", "owner": "bench@example.com",
           "redirect_uris": ["http://127.0.0.1:9/cb"], "token_endpoint_auth_method": "client_secret_basic",
           "scopes": ["openid", "task:read"], "grant_types": ["client_credentials"]}]}
EOF
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$pg_bin" ]; then apt_install postgresql; pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); fi
  pg_user=$(id -un postgres 2>/dev/null || id -un)
  pg_port=$(free_port)
  mkdir -p "$work/pg" && chown "$pg_user" "$work/pg" 2>/dev/null || true
  as_pg "$pg_bin/initdb" -D "$work/pg/data" -A trust -U portcullis -E UTF8 >"$work/pg-initdb.log" 2>&1 \
    || { cat "$work/pg-initdb.log" >&2; die "initdb failed"; }
  pg_ctl="$pg_bin/pg_ctl"
  # Default settings; the database shares the server's CPU, the load generator keeps CPU 1.
  as_pg taskset -c 0 "$pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=60" start >/dev/null
  as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U portcullis portcullis
  pg_version=$("$pg_bin/postgres" --version | awk '{ print $3 }')
}

# Starts ./portcullis serve on CPU 0 with the current PORTCULLIS_* environment; sets server_pid.
start_portcullis() { # port logfile
  PORTCULLIS_PORT=$1 PORTCULLIS_ISSUER=http://127.0.0.1:$1 taskset -c 0 "$root/portcullis" serve >>"$2" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# One Portcullis on the current database: import, training start (records the start-up cache
# with a few real requests when the jar is new), then the timed start on the populated database.
portcullis_row() { # label
  local label=$1 port t0
  port=$(free_port)
  log "$label: importing fixtures"
  PORTCULLIS_JAVA_OPTS= "$root/portcullis" admin import "$work/setup.json" >"$work/import.json" 2>"$work/import.log" \
    || { cat "$work/import.log" >&2; die "import failed"; }
  ensure_cache "$port"
  log "$label: timed start on the populated database"
  t0=$(now_ms)
  start_portcullis "$port" "$work/server.log"
  first_token "http://127.0.0.1:$port/oauth/token" "$server_pid" "$t0"
  log "  first token after $first_token_ms ms"
  cpu_pids=("$server_pid" $( [ -z "$pg_ctl" ] || pg_pids ))
  measure "$label" "http://127.0.0.1:$port/oauth/token" "http://127.0.0.1:$port/oauth/introspect" \
    "http://127.0.0.1:$port/.well-known/openid-configuration" "$server_pid"
  stop_pid "$server_pid"
}
# The first start after a build records the start-up cache (./portcullis): done here, with a
# short realistic workload, so that no measured start is the recording one.
ensure_cache() { # port
  if [ ! -f "$root/target/portcullis.aot" ] || [ "$root/target/portcullis.jar" -nt "$root/target/portcullis.aot" ]; then
    log "recording the start-up cache (first start after a build)"
    start_portcullis "$1" "$work/server.log"
    first_token "http://127.0.0.1:$1/oauth/token" "$server_pid" "$(now_ms)"
    train "http://127.0.0.1:$1"
    stop_pid "$server_pid"
  fi
}
# A short realistic workload for the training run, so the cache holds the hot paths' classes.
train() { # base
  local access
  taskset -c 1 wrk -t1 -c4 -d2s -s "$root/bench/wrk/fixed.lua" "$1/oauth/token" -- POST "$token_body" "Authorization: Basic $auth" >/dev/null
  access=$(curl -s -H "Authorization: Basic $auth" -d "$token_body" "$1/oauth/token" | jq -r .access_token)
  taskset -c 1 wrk -t1 -c4 -d1s -s "$root/bench/wrk/fixed.lua" "$1/oauth/introspect" -- POST "token=$access" "Authorization: Basic $auth" >/dev/null
  taskset -c 1 wrk -t1 -c4 -d1s "$1/.well-known/openid-configuration" >/dev/null
}

if wanted sqlite; then
  export PORTCULLIS_DATA_DIR=$work/data-sqlite
  unset PORTCULLIS_DATABASE_URL PORTCULLIS_DATABASE_USER
  portcullis_row "Portcullis, SQLite"
fi
if wanted postgresql || [ "$scaleout" = 1 ]; then
  start_postgres
  export PORTCULLIS_DATA_DIR=$work/data-pg
  export PORTCULLIS_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/portcullis" PORTCULLIS_DATABASE_USER=portcullis
fi
if wanted postgresql; then
  portcullis_row "Portcullis, PostgreSQL $pg_version on the same core"
fi

# --- node-oidc-provider -----------------------------------------------------------------------
if wanted node; then
  peers="$root/bench/peers"
  if [ ! -d "$peers/node_modules/oidc-provider" ]; then
    log "installing node-oidc-provider (npm ci in bench/peers)"
    (cd "$peers" && npm ci --no-audit --no-fund >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; die "npm ci failed"; }
  fi
  node_version=$(node --version)
  op_version=$(jq -r .version "$peers/node_modules/oidc-provider/package.json")
  port=$(free_port)
  t0=$(now_ms)
  PORT=$port CLIENT_ID=bench CLIENT_SECRET=$secret taskset -c 0 node "$peers/provider.js" >"$work/node.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  first_token "http://127.0.0.1:$port/token" "$server_pid" "$t0"
  log "node-oidc-provider: first token after $first_token_ms ms"
  cpu_pids=("$server_pid")
  measure "node-oidc-provider $op_version, in-memory, opaque" "http://127.0.0.1:$port/token" \
    "http://127.0.0.1:$port/token/introspection" "http://127.0.0.1:$port/.well-known/openid-configuration" "$server_pid"
  stop_pid "$server_pid"
fi

# --- scale-out: one instance against two behind nginx, one PostgreSQL --------------------------
scale="$work/scale.tsv"
: >"$scale"
if [ "$scaleout" = 1 ]; then
  nginx_bin=$(command -v nginx || true)
  if [ -z "$nginx_bin" ]; then
    # Extracted, not installed: an installed nginx would start a service on port 80.
    log "fetching Debian's nginx package (extracted into the work dir, not installed)"
    (cd "$work" && { apt-get download -q nginx >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download -q nginx >/dev/null; }; })
    dpkg-deb -x "$work"/nginx_*.deb "$work/nginx-root"
    nginx_bin="$work/nginx-root/usr/sbin/nginx"
  fi
  PORTCULLIS_JAVA_OPTS= "$root/portcullis" admin import "$work/setup.json" >/dev/null 2>"$work/import.log" || true
  ensure_cache "$(free_port)"
  for n in 1 2; do
    ports=()
    spids=()
    for ((i = 0; i < n; i++)); do
      p=$(free_port); ports+=("$p")
      start_portcullis "$p" "$work/scale-$i.log"
      spids+=("$server_pid")
      first_token "http://127.0.0.1:$p/oauth/token" "$server_pid" "$(now_ms)"
    done
    lb=$(free_port)
    mkdir -p "$work/nginx/logs"
    {
      echo "worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/logs/error.log;"
      echo "events { worker_connections 1024; }"
      echo "http { access_log off; client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;"
      echo "  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;"
      echo "  upstream portcullis { least_conn; keepalive 64;"
      for p in "${ports[@]}"; do echo "    server 127.0.0.1:$p;"; done
      echo "  }"
      echo "  server { listen 127.0.0.1:$lb; location / { proxy_pass http://portcullis; proxy_http_version 1.1;"
      echo "    proxy_set_header Connection \"\"; proxy_set_header Host \$host; } } }"
    } >"$work/nginx/nginx.conf"
    taskset -c 0 "$nginx_bin" -e "$work/nginx/logs/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
    nginx_pid=$!
    pids+=("$nginx_pid")
    until curl -s -o /dev/null "http://127.0.0.1:$lb/healthz"; do
      kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/logs/error.log" >&2; die "nginx did not start"; }
      sleep 0.1
    done
    # shellcheck disable=SC2207
    pgp=($(pg_pids))
    for s in token introspection; do
      access=$(curl -s -H "Authorization: Basic $auth" -d "$token_body" "http://127.0.0.1:$lb/oauth/token" | jq -r .access_token)
      [ "$s" = token ] && set -- "http://127.0.0.1:$lb/oauth/token" POST "$token_body" \
        || set -- "http://127.0.0.1:$lb/oauth/introspect" POST "token=$access"
      log "scale-out, $n instance(s) behind nginx: $s"
      run_wrk "$s-warm" "$1" "$2" "$3" "$warmup"
      j0=$(cpu_ticks "${spids[@]}"); g0=$(cpu_ticks "${pgp[@]}"); x0=$(cpu_ticks "$nginx_pid" $(pgrep -P "$nginx_pid"))
      run_wrk "$s" "$1" "$2" "$3" "$duration"
      j1=$(cpu_ticks "${spids[@]}"); g1=$(cpu_ticks "${pgp[@]}"); x1=$(cpu_ticks "$nginx_pid" $(pgrep -P "$nginx_pid"))
      requests=$(awk -v r="$rps" -v d="$duration" 'BEGIN { printf "%.0f", r * d }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$s" "$rps" "$p50" "$p99" "$errs" \
        "$(( (j1 - j0) * 10000 / requests ))" "$(( (g1 - g0) * 10000 / requests ))" "$(( (x1 - x0) * 10000 / requests ))" >>"$scale"
      log "  $rps req/s, p99 $p99 ms, errors $errs"
    done
    stop_pid "$nginx_pid"
    for p in "${spids[@]}"; do stop_pid "$p"; done
  done
fi

# --- report -----------------------------------------------------------------------------------
report() {
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'): each server pinned to CPU 0 in turn, \`wrk -t1 -c$connections\` on CPU 1, ${warmup} s warm-up then ${duration} s measured per scenario."
if [ -s "$results" ]; then
echo
echo "| server | token req/s (p99) | introspection req/s (p99) | discovery req/s | peak RSS | start to first token |"
echo "| --- | --- | --- | --- | --- | --- |"
while IFS=$'\t' read -r label tok intro disc mem ft; do
  read -r trps _ tp99 terr _ <<<"$tok"
  read -r irps _ ip99 ierr _ <<<"$intro"
  read -r drps _ _ derr _ <<<"$disc"
  read -r hwm _ _ _ <<<"$mem"
  e=$((terr + ierr + derr))
  printf '| %s | %s (%s ms) | %s (%s ms) | %s | %s MiB | %s s |%s\n' "$label" \
    "$(printf "%'d" "$trps")" "$tp99" "$(printf "%'d" "$irps")" "$ip99" "$(printf "%'d" "$drps")" "$(mib "$hwm")" \
    "$(awk -v m="$ft" 'BEGIN { printf "%.2f", m / 1000 }')" "$([ "$e" -gt 0 ] && echo " $e errors |" || true)"
done <"$results"
echo
echo "| server | RSS at the end: anonymous + file-backed (PSS) | server CPU per token / introspection (incl. PostgreSQL) | p50 token / introspection |"
echo "| --- | --- | --- | --- |"
while IFS=$'\t' read -r label tok intro _ mem _; do
  read -r trps tp50 _ _ tcpu <<<"$tok"
  read -r irps ip50 _ _ icpu <<<"$intro"
  read -r _ anon file pss <<<"$mem"
  printf '| %s | %s + %s MiB (%s MiB) | %s / %s µs | %s / %s ms |\n' "$label" "$(mib "$anon")" "$(mib "$file")" "$(mib "$pss")" \
    "$(awk -v c="$tcpu" -v r="$trps" -v d="$duration" 'BEGIN { printf "%.0f", c / (r * d) }')" \
    "$(awk -v c="$icpu" -v r="$irps" -v d="$duration" 'BEGIN { printf "%.0f", c / (r * d) }')" "$tp50" "$ip50"
done <"$results"
fi
if [ -s "$scale" ]; then
  echo
  echo "Scale-out on one PostgreSQL $pg_version: Portcullis instances behind nginx (least_conn, keep-alive), all of them, nginx and PostgreSQL on CPU 0, wrk on CPU 1."
  echo
  echo "| instances | scenario | req/s | p50 ms | p99 ms | errors | JVM CPU µs/req | PostgreSQL CPU µs/req | nginx CPU µs/req |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while IFS=$'\t' read -r n s r a b e j g x; do
    echo "| $n | $s | $r | $a | $b | $e | $j | $g | $x |"
  done <"$scale"
fi
echo
echo "- Load average before the run: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))."
[ -n "${java_version:-}" ] && echo "- Portcullis: \`taskset -c 0 ./portcullis serve\`, $java_version, JVM options \`$java_opts\`, its start-up cache; rate limits raised (\`PORTCULLIS_RATE_*\` = 1000000)."
[ -n "${pg_version:-}" ] && echo "- PostgreSQL $pg_version from Debian, default settings, on CPU 0 with the server."
[ -n "${op_version:-}" ] && echo "- node-oidc-provider $op_version on Node.js $node_version (bench/peers/provider.js): default in-memory adapter, opaque access tokens$([ "${node_version#v}" \< 22 ] && echo " (node-oidc-provider 9 asks for Node.js 22 or later; this was the system's Node.js)")."
echo "- Token: client_credentials, client_secret_basic, scope task:read; introspection: one token, reused; discovery: \`/.well-known/openid-configuration\`."
echo "- Peak RSS: VmHWM of the server process over its whole life; start to first token: exec to the first 200 of the token endpoint (Portcullis on a populated database)."
echo "- Command: \`bench/peers.sh --warmup $warmup --duration $duration --connections $connections --only $only$([ "$scaleout" = 1 ] && echo ' --scaleout')\`."
}
report | tee "$work/table.md"
if [ "$write" = 1 ]; then
  doc="$root/docs/benchmarks.md"
  grep -q '^<!-- peers -->$' "$doc" || die "docs/benchmarks.md has no <!-- peers --> marker"
  awk -v t="$work/table.md" '
    $0 == "<!-- peers -->" { print; while ((getline l < t) > 0) print l; skip = 1; next }
    $0 == "<!-- /peers -->" { skip = 0 }
    !skip { print }' "$doc" >"$work/doc.md"
  cp "$work/doc.md" "$doc"
  log "wrote the table into docs/benchmarks.md"
fi
