#!/usr/bin/env bash
# Runs the OpenID Foundation conformance suite against this checkout of Portcullis, on this machine:
#
#   conformance/oidf/run.sh SUITE_DIR PLAN [OUT_DIR]
#
# SUITE_DIR  a checkout of https://gitlab.com/openid/conformance-suite (or its GitHub mirror
#            openid-certification/conformance-suite); built here on first use.
# PLAN       config | basic | dynamic | formpost | logout | fapi2 | all  (docs/conformance.md)
# OUT_DIR    default target/conformance/<date>-<plan>: results.md, results.json, pages/, logs/
#
# Everything runs in a fresh network namespace that has only loopback, so that nothing can leave
# the machine: the in-memory MongoDB, the suite (https://localhost:8443), nginx ending TLS for
# Portcullis (issuer https://localhost:9443, docs/tls-proxy.md), Portcullis on 127.0.0.1:8080
# with a fresh SQLite database, and the suite's runner. Builds happen before, with the network.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

issuer=https://localhost:9443
suite_url=https://localhost:8443
python=/usr/bin/python3   # Debian's, which has python3-httpx and python3-pyparsing

plan_spec() {
  case "$1" in
    config)   echo "oidcc-config-certification-test-plan" ;;
    basic)    echo "oidcc-basic-certification-test-plan[server_metadata=discovery][client_registration=static_client]" ;;
    dynamic)  echo "oidcc-dynamic-certification-test-plan[response_type=code]" ;;
    formpost) echo "oidcc-formpost-basic-certification-test-plan[server_metadata=discovery][client_registration=static_client]" ;;
    logout)   echo "oidcc-rp-initiated-logout-certification-test-plan[response_type=code][client_registration=static_client]" ;;
    # The plan itself fixes fapi_request_method=unsigned and fapi_response_mode=plain_response.
    fapi2)    echo "fapi2-security-profile-final-test-plan[client_auth_type=private_key_jwt][sender_constrain=dpop][openid=openid_connect][fapi_profile=plain_fapi]" ;;
    *) return 1 ;;
  esac
}

say() { echo "oidf: $*" >&2; }
die() { say "$*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Inside the namespace: start the stack, run the plans, summarise, stop everything.
inside() {
  ip link set lo up
  pids=()
  stop() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do wait "${pids[i]}" 2>/dev/null || true; done
  }
  trap stop EXIT
  trap 'exit 143' TERM INT

  local logs=$OIDF_OUT/logs
  "$OIDF_JAVA" -Xmx512m -cp "$(cat "$OIDF_WORK/mongo.classpath")" SuiteMongo 127.0.0.1 27017 >"$logs/mongo.log" 2>&1 &
  pids+=($!)

  # Portcullis: a fresh database with the suite's user, workspace and static clients.
  export PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_PORT=8080 PORTCULLIS_ISSUER=$issuer
  export PORTCULLIS_TRUSTED_PROXIES=127.0.0.1 PORTCULLIS_DATA_DIR=$OIDF_WORK/data PORTCULLIS_DEMO=false
  export PORTCULLIS_REGISTRATIONS_PER_HOUR=100000 PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE=1000
  # The suite serves its clients' jwks_uri and request_uri documents at https://localhost:8443:
  # Portcullis may fetch from loopback here, and trusts this run's certificate.
  export PORTCULLIS_CIMD_ALLOW_PRIVATE=true
  export PORTCULLIS_JAVA_OPTS="-Xms64m -Xmx256m -XX:+UseSerialGC -Djavax.net.ssl.trustStore=$OIDF_WORK/tls/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit"
  "$root/portcullis" admin import "$here/setup.json" >"$logs/import.json" 2>"$logs/import.log" \
    || die "admin import failed: $(cat "$logs/import.log")"
  "$root/portcullis" serve >"$logs/portcullis.log" 2>&1 &
  pids+=($!)

  nginx -p "$OIDF_WORK/nginx" -c "$OIDF_WORK/nginx/nginx.conf" >"$logs/nginx.log" 2>&1 &
  pids+=($!)

  # The suite's own login names outside issuers: point them at a closed port (devmode skips login).
  local closed=https://127.0.0.1:9
  "$OIDF_JAVA" -Xmx1500m -XX:+UseSerialGC \
    -Djavax.net.ssl.trustStore="$OIDF_WORK/tls/truststore.p12" -Djavax.net.ssl.trustStorePassword=changeit \
    -Djdk.tls.maxHandshakeMessageSize=65536 \
    -jar "$OIDF_SUITE/target/fapi-test-suite.jar" \
    --fintechlabs.devmode=true \
    --fintechlabs.base_url=$suite_url --fintechlabs.base_mtls_url=https://localhost:8444 \
    --spring.mongodb.uri=mongodb://127.0.0.1:27017/test_suite \
    --server.port=8443 \
    --server.ssl.certificate="file:$OIDF_WORK/tls/cert.pem" \
    --server.ssl.certificate-private-key="file:$OIDF_WORK/tls/key.pem" \
    --oidc.google.iss=$closed --oidc.gitlab.iss=$closed --oidc.admin.issuer=$closed \
    >"$logs/suite.log" 2>&1 &
  pids+=($!)

  local i
  for i in $(seq 60); do
    curl -sfk "$issuer/readyz" >/dev/null && break
    [ "$i" = 60 ] && die "Portcullis behind nginx did not answer $issuer/readyz (logs/portcullis.log, logs/nginx.log)"
    sleep 1
  done
  say "Portcullis ready at $issuer"

  local args=()
  for p in $OIDF_PLANS; do args+=("$(plan_spec "$p")" "$OIDF_WORK/config-$p.json"); done
  say "running: ${args[*]}"
  set +e
  # The runner gives up after 3 modules in a row that end INTERRUPTED (meant for a crashed suite);
  # here that is how a missing feature looks (form_post, private_key_jwt), so run every module.
  (cd "$OIDF_SUITE/scripts" && CONFORMANCE_SERVER=$suite_url/ CONFORMANCE_DEV_MODE=1 \
    CONFORMANCE_MAX_CONSECUTIVE_FAILURES=100000 \
    OIDF_FORGET_CONSENT="sqlite3 -cmd '.timeout 5000' '$OIDF_WORK/data/portcullis.db' \"PRAGMA foreign_keys = ON; DELETE FROM connections WHERE app_id LIKE 'oidf-fapi2%';\" >>'$logs/forget-consent.log' 2>&1" \
    OIDF_ROTATE_KEYS="for alg in RS256 ES256; do '$root/portcullis' admin keys rotate --alg \$alg; done >>'$logs/rotate-keys.log' 2>&1" \
    "$python" "$here/runner.py" --no-parallel --export-dir "$OIDF_OUT/export" "${args[@]}") >"$logs/runner.log" 2>&1
  say "runner exited with $? (logs/runner.log)"
  set -e
  local names=()
  for p in $OIDF_PLANS; do names+=("$(plan_spec "$p" | cut -d[ -f1)"); done
  "$python" "$here/summarize.py" "$OIDF_OUT/export" "$OIDF_OUT" "${names[@]}"
}

# ---------------------------------------------------------------------------------------------
# Outside: check tools, build, prepare certificates and configuration, then enter the namespace.
outside() {
  [ $# -ge 2 ] || die "usage: conformance/oidf/run.sh SUITE_DIR config|basic|dynamic|formpost|logout|fapi2|all [OUT_DIR]"
  suite=$(cd "$1" && pwd) || die "no suite checkout at $1"
  plan=$2
  if [ "$plan" = all ]; then plans="config basic formpost logout dynamic fapi2"; else plans=$plan; fi
  for p in $plans; do plan_spec "$p" >/dev/null || die "unknown plan '$p'"; done
  out=${3:-$root/target/conformance/$(date +%Y%m%d-%H%M%S)-$plan}
  [ "$(id -u)" = 0 ] || die "needs root (a network namespace, nginx as root inside it)"

  missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  "$python" -c 'import httpx' 2>/dev/null || missing+=(python3-httpx)
  "$python" -c 'import pyparsing' 2>/dev/null || missing+=(python3-pyparsing)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  java_home=$("$root/bin/jdk" sh -c 'printf %s "$JAVA_HOME"')

  say "building Portcullis when stale"
  "$root/portcullis" --help >/dev/null

  jar=$suite/target/fapi-test-suite.jar
  if [ ! -f "$jar" ]; then
    command -v mvn >/dev/null || die "the suite builds with Maven: apt-get install maven"
    # multipaz 0.99.0 is not on Maven Central; 0.101.0 is, and works.
    sed -i 's#<version>0.99.0</version>#<version>0.101.0</version>#' "$suite/pom.xml"
    say "building the suite (once; several minutes)"
    (cd "$suite" && JAVA_HOME=$java_home nice mvn -B -q -DskipTests -Dmaven.gitcommitid.skip=true \
      -Dpmd.skip=true -Dcheckstyle.skip=true -Djacoco.skip=true package) || die "suite build failed"
  fi

  rm -rf "$out"
  mkdir -p "$out/logs" "$out/export"
  work=$out/work
  mkdir -p "$work/tls" "$work/nginx/logs" "$work/data"
  "$root/bin/jdk" "$root/mvnw" -B -q -f "$here/mongo/pom.xml" package dependency:build-classpath \
    -Dmdep.outputFile="$work/mongo.classpath" >"$out/logs/mongo-build.log" 2>&1 || die "mongo launcher build failed"
  echo ":$here/mongo/target/oidf-mongo-1.jar" >>"$work/mongo.classpath"
  tr -d '\n' <"$work/mongo.classpath" >"$work/mongo.cp" && mv "$work/mongo.cp" "$work/mongo.classpath"

  # One self-signed certificate for localhost serves nginx and the suite; the suite's JVM trusts it,
  # so its scripted browser accepts both (its back-channel client trusts any certificate).
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" 2>/dev/null
  "$java_home/bin/keytool" -importcert -noprompt -alias localhost -file "$work/tls/cert.pem" \
    -keystore "$work/tls/truststore.p12" -storetype PKCS12 -storepass changeit >/dev/null

  # The operators' nginx file, with this run's port, name and certificate.
  conf=$work/nginx/portcullis.conf
  sed -e 's#listen 443 ssl http2;#listen 9443 ssl http2;#' \
      -e 's#server_name auth.example.com;#server_name localhost;#' \
      -e "s#/etc/ssl/certs/auth.example.com.pem#$work/tls/cert.pem#" \
      -e "s#/etc/ssl/private/auth.example.com.key#$work/tls/key.pem#" \
      -e 's#return 301 https://$host$request_uri;#return 301 https://$host:9443$request_uri;#' \
      "$here/nginx-portcullis.conf" >"$conf"
  for expect in 'listen 9443 ssl' 'server_name localhost' "$work/tls/cert.pem" "$work/tls/key.pem" 'host:9443'; do
    grep -qF "$expect" "$conf" || die "nginx-portcullis.conf changed shape: could not set '$expect'"
  done
  cat >"$work/nginx/nginx.conf" <<EOF
user root;
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $out/logs/nginx-error.log;
events { worker_connections 256; }
http {
    # FAPI 2.0 (§5.2.2) allows only the TLS 1.2 cipher suites RFC 9325 recommends; the suite checks
    # that the server offers nothing else (nginx's default list has CBC ones). TLS 1.3 ones are fine.
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384;
    access_log $out/logs/nginx-access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $conf;
}
EOF

  for p in $plans; do
    "$python" "$here/make-config.py" "$p" "$issuer" "$suite_url" "$here/setup.json" >"$work/config-$p.json"
  done

  say "results will be in $out"
  export OIDF_OUT=$out OIDF_WORK=$work OIDF_SUITE=$suite OIDF_PLANS=$plans OIDF_JAVA=$java_home/bin/java
  unshare -n -- "$here/run.sh" --inside
  say "done: $out/results.md"
}

# Functions are read whole before they run, so editing this file cannot disturb a running copy.
if [ "${1:-}" = --inside ]; then inside; else outside "$@"; fi
exit 0
