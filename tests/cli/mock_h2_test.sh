#!/usr/bin/env bash
# mock_h2_test.sh BIN TLS_DIR
# The mock speaks HTTP/2 to real peers (nghttp and h2load from Debian's nghttp2-client, curl): h2c with prior
# knowledge on its plain port, h2 by ALPN over TLS (and HTTP/1.1 to a client that offers only that), the same
# handler and state whichever the protocol (a resend over HTTP/1.1 replays the message sent over HTTP/2), and
# its faults on streams: a reset is RST_STREAM, an error status is that status. Counts only, nothing timed.
set -euo pipefail
bin="$1"
tls="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
command -v nghttp > /dev/null || fail "no nghttp (apt-get install nghttp2-client)"

route="/v1/projects/$builtin_project/livechat/conversations/$builtin_conversation/messages/operator"
auth="Authorization: Bearer $builtin_token"
printf '{"itemUuid":"h2-item","text":"Hello","idempotencyKey":"h2-key-1"}' > "$work/body.json"

start_mock plain
timeout 20 nghttp -v -H "$auth" -H 'content-type: application/json' -d "$work/body.json" "$url_plain$route" \
    > "$work/h2c.log" 2>&1 || fail "nghttp h2c: $(tail -5 "$work/h2c.log")"
grep -q ':status: 200' "$work/h2c.log" || fail "h2c: no 200: $(grep status "$work/h2c.log")"
first="$(grep -o '"messageUuid":"[^"]*"' "$work/h2c.log" | head -n 1)"
[ -n "$first" ] || fail "h2c: no message in the reply"
# The same key over HTTP/1.1 replays the message stored over HTTP/2: one handler, one state.
again="$(curl -sS --max-time 10 --http1.1 -X POST "$url_plain$route" -H "$auth" -H 'Content-Type: application/json' \
    -d @"$work/body.json" | grep -o '"messageUuid":"[^"]*"')"
[ "$again" = "$first" ] || fail "a resend over HTTP/1.1 got $again, not the HTTP/2 reply's $first"
# An invalid body gets the contract's validation failure over HTTP/2 too.
printf '{"text":5}' > "$work/bad.json"
timeout 20 nghttp -v -H "$auth" -H 'content-type: application/json' -d "$work/bad.json" "$url_plain$route" \
    > "$work/bad.log" 2>&1 || true
grep -q ':status: 400' "$work/bad.log" && grep -q 'VALIDATION_ERROR' "$work/bad.log" || fail "h2c validation: $(tail -5 "$work/bad.log")"
# h2load, many streams on few connections: every request answered.
if command -v h2load > /dev/null; then
    timeout 60 h2load -n 400 -c 4 -m 10 -H "$auth" -H 'content-type: application/json' -d "$work/body.json" \
        "$url_plain$route" > "$work/h2load.log" 2>&1 || fail "h2load: $(tail -5 "$work/h2load.log")"
    grep -q 'requests: 400 total, 400 started, 400 done, 400 succeeded' "$work/h2load.log" ||
        fail "h2load: $(grep -E 'requests:|status codes' "$work/h2load.log")"
fi

start_mock tls --tls-cert "$tls/localhost.crt" --tls-key "$tls/localhost.key"
timeout 20 nghttp -v -H "$auth" -H 'content-type: application/json' -d "$work/body.json" "$url_tls$route" \
    > "$work/h2.log" 2>&1 || fail "nghttp over TLS: $(tail -5 "$work/h2.log")"
grep -q 'The negotiated protocol: h2' "$work/h2.log" || fail "ALPN did not choose h2: $(head -5 "$work/h2.log")"
grep -q ':status: 200' "$work/h2.log" || fail "h2 over TLS: no 200"
version="$(curl -sSk --max-time 10 --http1.1 -o /dev/null -w '%{http_version}' -X POST "$url_tls$route" -H "$auth" \
    -H 'Content-Type: application/json' -d @"$work/body.json")"
[ "$version" = "1.1" ] || fail "a client offering only HTTP/1.1 got $version"

# Faults on streams: a reset is RST_STREAM INTERNAL_ERROR; a status fault is that status.
start_mock reset --fault reset
timeout 20 nghttp -v -H "$auth" -H 'content-type: application/json' -d "$work/body.json" "$url_reset$route" \
    > "$work/reset.log" 2>&1 || true
grep -q 'recv RST_STREAM' "$work/reset.log" && grep -q 'INTERNAL_ERROR' "$work/reset.log" ||
    fail "reset fault over HTTP/2: $(grep -E 'RST|GOAWAY|status' "$work/reset.log")"
start_mock busy --fault status=503
timeout 20 nghttp -v -H "$auth" -H 'content-type: application/json' -d "$work/body.json" "$url_busy$route" \
    > "$work/busy.log" 2>&1 || true
grep -q ':status: 503' "$work/busy.log" || fail "status fault over HTTP/2: $(grep status "$work/busy.log")"
echo "mock over HTTP/2: h2c and h2 (ALPN) to nghttp, h2load and curl; one state across protocols; faults on streams"
