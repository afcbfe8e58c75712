#!/usr/bin/env bash
# The main job on the built-in default, run by `./harness.sh demo` after the build:
# the contract, its self-check, the built-in mock answering the endpoint's main cases, then `verify` of every
# suite against the built-in mock, with its JUnit and JSON reports, then a short load run with thresholds,
# JSON and .hlog, a mixed workload of every request kind, verify under load against a mock whose bugs show only
# under load, a repro of a customer's curl command with its bundle, and the HTML report of verify and load.
set -euo pipefail
bin="$1"
root="$2"
work="$(mktemp -d)"
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "contract: the endpoint as the harness reads it"
"$bin" contract show

step "contract check: the bundled contract and profile"
"$bin" contract check "$root/contracts/operator-message.openapi.yaml" --profile "$root/contracts/profile.yaml"

step "mock: the built-in mock on a free loopback port"
"$bin" mock --port 0 > "$work/mock.out" 2> "$work/mock.err" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/mock.out" ] && break; sleep 0.05; done
url="$(sed -n 's/^listening on //p' "$work/mock.out" | head -n 1)"
[ -n "$url" ] || { cat "$work/mock.err"; exit 1; }
echo "listening on $url"
fixtures="$("$bin" mock --print-fixtures)"
field() { printf '%s\n' "$fixtures" | grep -m1 "$1" | sed 's/.*"\(.*\)".*/\1/'; }
token="$(field 'token:')"
project="$(field 'uuid:')"
conversation="$(field '      - ')"
route="$url/v1/projects/$project/livechat/conversations/$conversation/messages/operator"
post() { # label, body, extra curl args...
    local label="$1" body="$2"
    shift 2
    printf '%-34s ' "$label"
    curl -s -w '  [HTTP %{http_code}]\n' -X POST "$route" -H 'Content-Type: application/json' -d "$body" "$@"
}
post "send a message:" '{"itemUuid":"demo-item","text":"Hello!","idempotencyKey":"demo-key"}' \
    -H "Authorization: Bearer $token"
post "resend, same key and payload:" '{"itemUuid":"demo-item","text":"Hello!","idempotencyKey":"demo-key"}' \
    -H "Authorization: Bearer $token"
post "same key, other payload:" '{"itemUuid":"demo-item","text":"Changed","idempotencyKey":"demo-key"}' \
    -H "Authorization: Bearer $token"
post "itemUuid null:" '{"itemUuid":null}' -H "Authorization: Bearer $token"
post "no token:" '{"itemUuid":"demo-item"}'
printf '%-34s ' "stored in the conversation:"
curl -s "$url/__admin/messages?conversation=$conversation" | sed 's/,"messages".*/}/'
echo
kill -TERM "$pid"
wait "$pid"
pid=""
echo "mock stopped"

step "verify: every suite against the built-in mock (JUnit and JSON in $root/build/demo)"
mkdir -p "$root/build/demo"
"$bin" verify --junit "$root/build/demo/verify.junit.xml" --json "$root/build/demo/verify.json"

step "verify: the same mock drifting from the contract (error.code null) must fail"
if "$bin" verify --suite auth --mock-fault drift=code_null > "$work/drift.txt"; then
    echo "verify did not notice the drift"; exit 1
fi
grep -m 3 -A 3 "FAIL" "$work/drift.txt" || true
echo "(verify exited 1, as it should)"

step "load: 2000 req/s for 5 s against the built-in mock (JSON and .hlog in $root/build/demo)"
"$bin" load --rate 2000 --duration 5s --resend-ratio 10 --json "$root/build/demo/load.json" \
    --hlog "$root/build/demo/load.hlog" --threshold 'p99<100ms' --threshold 'violations==0' \
    --threshold 'mismatches==0' --threshold 'rate>=0.95'

step "load --mix: every request kind for 2 s at 500 req/s, each reply judged by its kind's oracle"
"$bin" load --rate 500 --duration 2s --mix all --no-progress --json '' --hlog '' > "$work/mix.txt"
sed -n '/request kinds/,/^$/p' "$work/mix.txt"
tail -n 1 "$work/mix.txt"

step "HTTP/2: the auth and idempotency suites and 1 s of load over h2c (--http 2, 10 connections × 10 streams) against the built-in mock"
"$bin" verify --http 2 --suite auth --suite idempotency > "$work/h2.txt"
grep -E "^  protocol|^PASSED|^FAILED" "$work/h2.txt"
"$bin" load --http 2 --connections 10 --streams 10 --rate 1000 --duration 1s --no-progress --json '' --hlog '' \
    > "$work/h2load.txt"
head -n 1 "$work/h2load.txt"
grep -E "^  requests|^(PASSED|FAILED)" "$work/h2load.txt"

step "verify --under-load: auth and idempotency while 400 valid sends/s run, against a mock whose token cache and key store break only above 100 req/s"
if "$bin" verify --under-load 400 --suite auth --suite idempotency --mock-fault overload_token_cache=100 \
    --mock-fault overload_keys=100 > "$work/under.txt"; then
    echo "verify --under-load did not notice"; exit 1
fi
grep -E "^(under load|  FAIL  [a-z]+ /|FAILED)" "$work/under.txt"
echo "(the same suites without --under-load pass against that mock: the bugs show only under load)"

step "repro: a customer's curl command, replayed 4 times against a mock that fails every second request"
"$bin" mock --port 0 --fault status=500,every=2 --fault drift=error_id_missing > "$work/faulty.out" 2> "$work/faulty.err" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/faulty.out" ] && break; sleep 0.05; done
faulty="$(sed -n 's/^listening on //p' "$work/faulty.out" | head -n 1)"
[ -n "$faulty" ] || { cat "$work/faulty.err"; exit 1; }
rm -rf "$root/build/demo/repro"
customer_curl="curl 'https://gateway.example.com/v1/projects/$project/livechat/conversations/$conversation/messages/operator' \\
  -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' \\
  --data-raw '{\"itemUuid\":\"demo-item-2\",\"text\":\"Your order is ready\",\"idempotencyKey\":\"demo-key-2\"}'"
printf '%s\n\n' "$customer_curl" | sed "s/$token/<the customer's token>/"
if "$bin" repro --curl "$customer_curl" --target "$faulty" --repeat 4 --bundle "$root/build/demo/repro" > "$work/repro.txt"; then
    echo "repro did not reproduce the failure"; exit 1
fi
grep -E "^(replay|  breaks|    - |verdict|bundle)" "$work/repro.txt"
kill -TERM "$pid"
wait "$pid"
pid=""
echo "(the bundle's scenario.yaml fails verify while the bug is there:)"
if "$bin" verify --suite none --scenario "$root/build/demo/repro/scenario.yaml" --mock-fault status=500,every=2 \
    --mock-fault drift=error_id_missing | tail -n 1; then
    echo "the bundled scenario did not fail"; exit 1
fi

step "report: one HTML page of the verify and load runs (open it in a browser)"
"$bin" report html "$root/build/demo/verify.json" "$root/build/demo/load.json" -o "$root/build/demo/report.html"
"$bin" report markdown "$root/build/demo/verify.json" -o "$root/build/demo/verify.md" > /dev/null
echo "HTML report: $root/build/demo/report.html"
