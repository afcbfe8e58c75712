#!/usr/bin/env bash
# Runs the README's mock example as written, except for the port (8080 may be taken: a free one replaces it)
# and `./harness.sh` (the built binary replaces it). Fails if any curl fails or an answer is not as described.
set -euo pipefail
bin="$1"
readme="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, wait_until; stops the mock on exit

sed -n '/<!-- readme-test:mock begin -->/,/<!-- readme-test:mock end -->/p' "$readme" |
    sed -n '/^```sh$/,/^```$/p' | grep -v '^```' > "$work/example.sh"
grep -q 'curl' "$work/example.sh" || fail "no example found in $readme"
# A port found free may be taken by someone else before the mock listens on it: then another one is tried.
for attempt in 1 2 3 4 5; do
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    spawn "$bin" mock --port "$port" > "$work/out" 2>&1
    pid=$spawned
    wait_until "$pid" grep -q "^listening on http://127.0.0.1:$port$" "$work/out" && break
    stop "$pid" || true
    pid=""
done
[ -n "$pid" ] || fail "the mock did not start on a free port: $(cat "$work/out")"
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
stop "$pid" || fail "mock did not exit cleanly on SIGTERM"
echo "README mock example: all answers as described"
