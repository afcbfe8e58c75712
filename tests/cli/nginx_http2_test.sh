#!/usr/bin/env bash
# nginx_http2_test.sh BIN ROOT
# The harness against a real HTTP/2 server (issue 18): nginx with `http2` on cleartext (h2c with prior knowledge)
# and on TLS (h2 chosen by ALPN, `--http auto`), serving the route with a reply of the mock's shape (bench/nginx.conf.template).
# load with several streams per connection: every request answered over HTTP/2; nginx's own GOAWAY (it leaves a
# connection after keepalive_requests) is a drain with one stream per connection, and with several the streams
# it cancels are counted as goaway; nothing is lost. Counts only, nothing timed.
set -uo pipefail
bin="$1"
root="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, run_bin, wait_until, accepts
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || fail "no nginx (apt-get install nginx; harness.sh installs it without starting its service)"
export NGINX_TOKEN=$builtin_token
ids=(--project "$builtin_project" --conversation "$builtin_conversation" --token-env NGINX_TOKEN)
quiet=(--no-progress --hlog '')

start_nginx() { # NAME LISTEN EXTRA : sets port_NAME
    local name="$1" listen="$2" extra="$3" port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    mkdir -p "$work/$name"
    sed -e "s|@PREFIX@|$work/$name|g" -e "s|@PORT@|$port|g" -e "s|@WORKERS@|1|g" -e "s|@LISTEN@|$listen|g" \
        -e "s|@TLS@|$extra|g" "$root/bench/nginx.conf.template" > "$work/$name/nginx.conf"
    spawn "$nginx_bin" -c "$work/$name/nginx.conf" -p "$work/$name" > "$work/$name.log" 2>&1
    wait_until "$spawned" accepts "$port" || fail "nginx $name did not start: $(cat "$work/$name/error.log" "$work/$name.log")"
    printf -v "port_$name" '%s' "$port"
}
fates() { # JSON : "answered goaway others intended accounted"
    python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["accounting"]
f = a["fates"]
print(f["answered"], f["goaway"], sum(f.values()) - f["answered"] - f["goaway"], a["intended"], a["accounted"])' "$1"
}

start_nginx h2c "http2" "keepalive_requests 100000;"
run_bin 0 h2c load --target "http://127.0.0.1:$port_h2c" "${ids[@]}" --http 2 --connections 2 --streams 4 --rate 200 \
    --duration 1s "${quiet[@]}" --json "$work/h2c.json"
grep -q '(HTTP/2, open loop, 1 thread(s), 2 connections × 4 streams)' "$work/h2c.log" || fail "h2c: $(head -n 1 "$work/h2c.log")"
read -r answered goaway others intended accounted < <(fates "$work/h2c.json")
[ "$answered" = 200 ] && [ "$accounted" = 200 ] || fail "h2c: $answered answered of $intended"

certificate="ssl_certificate $root/tests/data/tls/localhost.crt; ssl_certificate_key $root/tests/data/tls/localhost.key;"
start_nginx tls "ssl http2" "keepalive_requests 100000; $certificate"
run_bin 0 tls load --target "https://127.0.0.1:$port_tls" --cacert "$root/tests/data/tls/localhost.crt" "${ids[@]}" \
    --connections 2 --streams 4 --rate 200 --duration 1s "${quiet[@]}" --json "$work/tls.json"
grep -q '(HTTP/2, open loop' "$work/tls.log" || fail "ALPN did not choose h2 with nginx: $(head -n 1 "$work/tls.log")"
read -r answered goaway others intended accounted < <(fates "$work/tls.json")
[ "$answered" = 200 ] && [ "$accounted" = 200 ] || fail "tls: $answered answered of $intended"
run_bin 0 tls-closed load --target "https://127.0.0.1:$port_tls" --cacert "$root/tests/data/tls/localhost.crt" "${ids[@]}" \
    --connections 2 --streams 8 --duration 1s "${quiet[@]}" --json "$work/tls-closed.json"
read -r answered goaway others intended accounted < <(fates "$work/tls-closed.json")
[ "$answered" = "$intended" ] && [ "$accounted" = "$intended" ] && [ "$answered" -gt 100 ] ||
    fail "tls closed loop: $answered answered of $intended"
run_bin 0 tls-http1 load --target "https://127.0.0.1:$port_tls" --cacert "$root/tests/data/tls/localhost.crt" "${ids[@]}" \
    --http 1.1 --connections 2 --rate 100 --duration 1s "${quiet[@]}"
grep -q '(HTTP/1.1, open loop' "$work/tls-http1.log" || fail "--http 1.1 with nginx: $(head -n 1 "$work/tls-http1.log")"

# nginx leaves a connection by GOAWAY after 20 requests: with one stream per connection a drain (every request
# answered on a new connection); with 4 streams the ones above its last stream are cancelled, counted as goaway.
start_nginx leaving "http2" "keepalive_requests 20;"
run_bin 0 leaving-1 load --target "http://127.0.0.1:$port_leaving" "${ids[@]}" --http 2 --connections 2 --rate 200 \
    --duration 1s "${quiet[@]}" --json "$work/leaving-1.json"
read -r answered goaway others intended accounted < <(fates "$work/leaving-1.json")
[ "$answered" = 200 ] && [ "$accounted" = 200 ] || fail "GOAWAY with one stream lost requests: $answered answered, $goaway goaway, $others other"
run_code=0
timeout 120 "$bin" load --target "http://127.0.0.1:$port_leaving" "${ids[@]}" --http 2 --connections 2 --streams 4 \
    --duration 1s "${quiet[@]}" --json "$work/leaving-4.json" > "$work/leaving-4.log" 2>&1 || run_code=$?
[ "$run_code" = 0 ] || [ "$run_code" = 1 ] || fail "GOAWAY with 4 streams: exit $run_code: $(tail -n 15 "$work/leaving-4.log")"
read -r answered goaway others intended accounted < <(fates "$work/leaving-4.json")
[ "$accounted" = "$intended" ] && [ "$others" = 0 ] && [ $((answered + goaway)) = "$intended" ] ||
    fail "GOAWAY with 4 streams: $intended intended, $accounted accounted: $answered answered, $goaway goaway, $others other"
[ "$answered" -gt 20 ] || fail "no connection was opened anew after nginx's GOAWAY: $answered answered"
echo "against nginx over HTTP/2 (h2c and h2 by ALPN): every request answered; its GOAWAY drained or counted, nothing lost"
