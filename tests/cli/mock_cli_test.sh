#!/usr/bin/env bash
# End-to-end test of `harness mock`: start on port 0, read the port from the first line, talk to it with curl
# (plain and HTTPS), then stop it with SIGTERM by PID and expect a clean exit. Bounded: every wait has a limit.
set -euo pipefail
bin="$1"
data="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, stop, fail, start_mock; stops the mock on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures

mock_up() { # ARGS…: a mock (processes.sh's start_mock, output in $work/mock.out and .err) at $url
    start_mock mock "$@"
    url=$url_mock
}

mock_down() { # SIGTERM must end it, with exit 0, within 5 s (then it gets SIGKILL and fails here)
    local code=0
    stop "$pid_mock" 5 || code=$?
    [ "$code" = 0 ] || fail "mock did not exit cleanly within 5 s of SIGTERM: exit $code: $(tail -n 5 "$work/mock.err")"
}

fixtures="$("$bin" mock --print-fixtures)"
token="$(grep -m1 'token:' <<<"$fixtures" | sed 's/.*token: "\(.*\)"/\1/')"
project="$(grep -m1 'uuid:' <<<"$fixtures" | sed 's/.*uuid: "\(.*\)"/\1/')"
conversation="$(grep -m1 -A0 '      - ' <<<"$fixtures" | sed 's/.*- "\(.*\)"/\1/')"
[ "$token" = "$builtin_token" ] || fail "--print-fixtures: unexpected first token '$token'"
route="/v1/projects/$project/livechat/conversations/$conversation/messages/operator"

mock_up
[[ "$(head -n 1 "$work/mock.out")" =~ ^listening\ on\ http://127\.0\.0\.1:[0-9]+$ ]] || fail "first line: $(head -n 1 "$work/mock.out")"
status="$(curl -s --max-time 10 -o "$work/body" -w '%{http_code}' -X POST "$url$route" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"itemUuid":"cli-item","text":"hello","idempotencyKey":"cli-key"}')"
[ "$status" = 200 ] || fail "POST gave $status: $(cat "$work/body")"
grep -q '"success":true' "$work/body" || fail "body: $(cat "$work/body")"
status="$(curl -s --max-time 10 -o "$work/body" -w '%{http_code}' -X POST "$url$route" -H 'Content-Type: application/json' -d '{}')"
[ "$status" = 401 ] || fail "no token gave $status"
status="$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$url/__admin/health")"
[ "$status" = 200 ] || fail "health gave $status"
set +e
timeout 10 "$bin" mock --port "${url##*:}" > "$work/second" 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "a second mock on a port in use exited $code, expected 2"
grep -q "cannot listen" "$work/second" || fail "port in use message: $(cat "$work/second")"
mock_down

mock_up --fault status=503 --tls-cert "$data/tls/localhost.crt" --tls-key "$data/tls/localhost.key"
[[ "$url" == https://* ]] || fail "TLS mock announced $url"
status="$(curl -s --max-time 10 --cacert "$data/tls/localhost.crt" -o "$work/body" -w '%{http_code}' -X POST \
    "https://localhost:${url##*:}$route" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"itemUuid":"i"}')"
[ "$status" = 503 ] || fail "HTTPS with status=503 fault gave $status"
mock_down

set +e
timeout 10 "$bin" mock --fault 'latency=abc' > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "a bad --fault exited $code, expected 2"
grep -q "latency must be" "$work/out" || fail "bad --fault message: $(cat "$work/out")"
# Read whole before grep: grep -q leaves at the first match, and a writer still writing would die of SIGPIPE,
# which pipefail counts as a failure.
faults="$("$bin" mock --list-faults)"
grep -q "drift=fresh_message_uuid_on_replay" <<<"$faults" || fail "--list-faults lacks drift names"
echo "mock CLI: all checks passed"
