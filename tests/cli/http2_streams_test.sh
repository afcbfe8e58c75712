#!/usr/bin/env bash
# http2_streams_test.sh BIN TLS_DIR
# load --streams N (issue 18): N requests in flight at once on each HTTP/2 connection, as h2load -m. The mock's
# own count shows it (the most streams awaiting a reply at once on one connection: N with --streams N, 1
# without), every intended request is accounted for once, and HTTP/2's failures come in their own classes:
# GOAWAY cancelling the streams above its last, a flow-control window that never opens, a header block beyond
# SETTINGS_MAX_HEADER_LIST_SIZE. Several streams need HTTP/2: asked for over HTTP/1.1 it is a setup error
# (exit 2) before or at connect. Counts only, nothing timed.
set -uo pipefail
bin="$1"
tls="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, run_bin, start_mock, wait_port
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
export STREAMS_TOKEN=$builtin_token
ids=(--project "$builtin_project" --conversation "$builtin_conversation" --token-env STREAMS_TOKEN)
quiet=(--no-progress --hlog '')

metric() { # URL NAME: the value of one of the mock's Prometheus metrics
    curl -sf "$1/metrics" | sed -n "s/^$2 //p"
}
accounting() { # JSON FATE MIN: every intended request accounted once; at least MIN of FATE
    python3 - "$@" <<'PY' || fail "accounting of $1"
import json, sys
r = json.load(open(sys.argv[1]))
a = r["accounting"]
assert a["intended"] > 0 and a["accounted"] == a["intended"], a
assert a["fates"][sys.argv[2]] >= int(sys.argv[3]), a["fates"]
PY
}

# Multiplexing, seen from the server: replies held 400 ms, one connection, closed loop.
start_mock held --fault latency=400
run_bin 0 streams-8 load --target "$url_held" "${ids[@]}" --http 2 --connections 1 --streams 8 --duration 1s \
    "${quiet[@]}" --json "$work/streams-8.json"
grep -q '(HTTP/2, closed loop, 1 thread(s), 1 connections × 8 streams)' "$work/streams-8.log" ||
    fail "the run does not say its streams: $(head -n 1 "$work/streams-8.log")"
[ "$(metric "$url_held" harness_mock_http2_streams_in_flight_max)" = 8 ] ||
    fail "the mock never had 8 streams in flight at once: $(curl -s "$url_held/metrics" | grep http2)"
# Two in all: the preflight's valid send (issue 25, a connection of its own before time zero) and the run's one.
[ "$(metric "$url_held" harness_mock_http2_connections_total)" = 2 ] ||
    fail "the run used more than one connection: $(metric "$url_held" harness_mock_http2_connections_total) in all"
accounting "$work/streams-8.json" answered 8
grep -q '"streamsPerConnection":8' "$work/streams-8.json" || fail "the JSON does not keep the streams"
curl -sf -X POST "$url_held/__admin/reset" > /dev/null || fail "cannot reset the mock"
run_bin 0 streams-1 load --target "$url_held" "${ids[@]}" --http 2 --connections 1 --duration 1s "${quiet[@]}"
[ "$(metric "$url_held" harness_mock_http2_streams_in_flight_max)" = 1 ] ||
    fail "one stream per connection had several in flight"

# GOAWAY after every 10th reply: the streams above its last are cancelled (class goaway), the rest answered on a
# new connection; nothing lost.
start_mock goaway --fault goaway,every=10
run_bin 1 goaway load --target "$url_goaway" "${ids[@]}" --http 2 --connections 2 --streams 8 --duration 1s \
    "${quiet[@]}" --json "$work/goaway.json"
accounting "$work/goaway.json" goaway 1
accounting "$work/goaway.json" answered 1
grep -q 'goaway: the server.s GOAWAY (NO_ERROR, last stream [0-9]*) cancelled stream' "$work/goaway.log" ||
    fail "GOAWAY not in the server's words: $(grep -A1 errors "$work/goaway.log")"

# A window that never opens: the request bodies wait for it until the timeout, flow_control. (A request sent before
# the server's SETTINGS arrive may still go through: exit 1 then, 2 when nothing was answered.)
start_mock stall --fault stall_window
run_either() { # NAME ARGS… : exit 1 or 2
    local name="$1"
    shift
    timeout 120 "$bin" "$@" > "$work/$name.log" 2>&1
    local code=$?
    [ "$code" = 1 ] || [ "$code" = 2 ] || fail "$name: exit $code, expected 1 or 2: $(tail -n 15 "$work/$name.log")"
}
run_either stall load --target "$url_stall" "${ids[@]}" --http 2 --connections 2 --streams 2 --rate 40 --duration 1s \
    --timeout 300 "${quiet[@]}" --json "$work/stall.json"
accounting "$work/stall.json" flow_control 1
grep -q "flow_control: the server's flow-control window stayed closed" "$work/stall.log" ||
    fail "the stall is not told: $(grep -A1 errors "$work/stall.log")"

# A header block over the 64 KiB the harness announces: settings_limit, and the connection goes on.
start_mock headers --fault huge_headers,every=2
run_bin 1 headers load --target "$url_headers" "${ids[@]}" --http 2 --connections 1 --streams 4 --rate 40 --duration 1s \
    "${quiet[@]}" --json "$work/headers.json"
accounting "$work/headers.json" settings_limit 1
accounting "$work/headers.json" answered 1

# Several streams need HTTP/2: refused before the run over http:// without --http 2, and with --http 1.1.
run_bin 2 needs-h2c load --target "$url_held" "${ids[@]}" --streams 4 --duration 1s "${quiet[@]}"
grep -q 'error: --streams 4 needs HTTP/2: on an http:// target add --http 2' "$work/needs-h2c.log" ||
    fail "no reason: $(cat "$work/needs-h2c.log")"
run_bin 2 needs-h2 load --target "$url_held" "${ids[@]}" --streams 4 --http 1.1 --duration 1s "${quiet[@]}"
grep -q 'but --http 1.1 asks for HTTP/1.1' "$work/needs-h2.log" || fail "no reason: $(cat "$work/needs-h2.log")"
# Over TLS, ALPN decides: the mock chooses h2; a server without h2 is refused when the connections open.
start_mock tls --tls-cert "$tls/localhost.crt" --tls-key "$tls/localhost.key"
run_bin 0 tls-streams load --target "$url_tls" --cacert "$tls/localhost.crt" "${ids[@]}" --streams 4 --connections 2 \
    --rate 100 --duration 1s "${quiet[@]}" --json "$work/tls.json"
grep -q '(HTTP/2, open loop, 1 thread(s), 2 connections × 4 streams)' "$work/tls-streams.log" ||
    fail "ALPN did not choose h2: $(head -n 1 "$work/tls-streams.log")"
accounting "$work/tls.json" answered 100
# Closed loop over TLS: replies arrive several records at a time, each lane sends its next request at once.
run_bin 0 tls-closed load --target "$url_tls" --cacert "$tls/localhost.crt" "${ids[@]}" --streams 4 --connections 2 \
    --duration 1s "${quiet[@]}" --json "$work/tls-closed.json"
accounting "$work/tls-closed.json" answered 100
python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["accounting"]
assert a["fates"]["answered"] == a["intended"], a' "$work/tls-closed.json" || fail "tls-closed: not every request answered"
if command -v openssl > /dev/null; then
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    spawn openssl s_server -quiet -www -accept "127.0.0.1:$port" -cert "$tls/localhost.crt" -key "$tls/localhost.key" \
        > "$work/s_server.log" 2>&1
    s_server=$spawned
    wait_port "$port" "$s_server"
    run_bin 2 alpn-http1 load --target "https://127.0.0.1:$port" --cacert "$tls/localhost.crt" "${ids[@]}" --streams 4 \
        --connections 1 --duration 1s "${quiet[@]}"
    grep -q 'error: several streams per connection need HTTP/2, but the server at 127.0.0.1:[0-9]* did not choose h2 by ALPN' \
        "$work/alpn-http1.log" || fail "ALPN without h2: $(cat "$work/alpn-http1.log")"
    stop "$s_server" || true # openssl s_server ends on SIGTERM with a status of its own
fi
echo "load --streams: N streams in flight per HTTP/2 connection, every request accounted, HTTP/2's failures in their own classes"
