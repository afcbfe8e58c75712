#!/usr/bin/env bash
# Runs the README's mock example as written, except for the port (8080 may be taken: a free one replaces it)
# and `./harness.sh` (the built binary replaces it). Fails if any curl fails or an answer is not as described.
set -euo pipefail
bin="$1"
readme="$2"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

sed -n '/<!-- readme-test:mock begin -->/,/<!-- readme-test:mock end -->/p' "$readme" |
    sed -n '/^```sh$/,/^```$/p' | grep -v '^```' > "$work/example.sh"
grep -q 'curl' "$work/example.sh" || fail "no example found in $readme"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"

"$bin" mock --port "$port" > "$work/out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/out" ] && break; sleep 0.05; done
# Each curl (with its continuation lines) runs as written, on the free port; its output is checked below.
grep -v -e '^#' -e '^\./harness.sh' -e '^kill' "$work/example.sh" | sed "s/8080/$port/g" |
    sed 's/^curl -s /curl -sS --max-time 5 /' > "$work/run.sh"
bash "$work/run.sh" > "$work/answers" 2>&1 || true
answers="$(cat "$work/answers")"
printf '%s\n' "$answers"
grep -q '"success":true,"data":{"messageUuid"' <<<"$answers" || fail "the first POST did not store a message"
grep -q '"code":"VALIDATION_ERROR"' <<<"$answers" || fail "the invalid body did not get VALIDATION_ERROR"
grep -q '"field":"itemUuid"' <<<"$answers" || fail "fieldErrors do not name itemUuid"
grep -q '"storedTotal":1' <<<"$answers" || fail "the admin listing does not show one stored message"
grep -q '"faults":\["status=503,every=2","drift=code_null"\]' <<<"$answers" || fail "faults were not set"
grep -q 'harness_mock_requests_total{status="200"}' <<<"$answers" || fail "metrics missing"
kill -TERM "$pid"
wait "$pid" || fail "mock did not exit cleanly"
pid=""
echo "README mock example: all answers as described"
