# Shared by the bench scripts that start their own server (bench/ab.sh, bench/logins-under-load.sh).
# shellcheck shell=bash

# The smallest import file for a client_credentials load: one user, one confidential app "bench".
write_client_credentials_setup() { # file email password client_secret
  cat >"$1" <<JSON
{"users": [{"email": "$2", "name": "Bench", "password": "$3"}],
 "apps": [{"client_id": "bench", "client_secret": "$4", "name": "Bench", "owner": "$2",
           "redirect_uris": ["http://127.0.0.1:9/cb"], "token_endpoint_auth_method": "client_secret_basic",
           "scopes": ["task:read"], "grant_types": ["client_credentials"]}]}
JSON
}

# Waits up to a minute for /readyz on 127.0.0.1:port, then prints the pid listening there (empty if none).
ready_server_pid() { # port
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && break
    sleep 0.1
  done
  ss -ltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}
