#!/usr/bin/env bash
# The generator's connection budget is its own (issue 25, row 4). --connections is the pool at time zero; when a
# request is due and every lane is busy the pool grows, up to --connection-cap (default: the peak rate × 1 s).
#   - 400 req/s against replies held 200 ms with the default cap: the pool grows to about 400 × 0.2 = 80
#     connections (± 20 %), nothing goes too late, exit 0;
#   - the same with the cap at 10: exit 2, the generator's limit, naming about 80 connections needed;
#   - the cap at 10 and a target that slows down mid-run (5 ms, then 200 ms): exit 1, the target slowed down;
#   - verify --under-load 400:10s against replies held 80 ms: its background load grows its pool too, and passes.
# Timing: the figures depend on the mock answering on time (they hold with one of two cores busy).
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail, spawn, start_mock, run_bin; stops what it started
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"
export POOL_TOKEN="$builtin_token"
ids=(--project "$builtin_project" --conversation "$builtin_conversation" --token-env POOL_TOKEN)
json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

start_mock held --fault latency=200
run_bin 0 grows load --target "$url_held" "${ids[@]}" --rate 400 --duration 6s --connections 10 --no-progress \
    --json "$work/grows.json"
[ "$(json "$work/grows.json" "64 <= r['pool']['peak'] <= 96 and r['accounting']['fates']['too_late'] == 0")" = True ] ||
    fail "the pool did not grow to about 80 connections: $(json "$work/grows.json" "{k: v for k, v in r['pool'].items() if 'istogram' not in k and 'service' not in k}"), too late: $(json "$work/grows.json" "r['accounting']['fates']['too_late']")"
grep -q '  pool      10 connections at time zero, cap 400 (the peak rate × 1.000s latency allowance' "$work/grows.log" ||
    fail "the console does not print the pool and its cap: $(grep pool "$work/grows.log")"
echo "ok default cap: $(json "$work/grows.json" "r['pool']['peak']") connections at most"

run_bin 2 capped load --target "$url_held" "${ids[@]}" --rate 400 --duration 4s --connections 10 \
    --connection-cap 10 --no-progress
needed="$(sed -n 's/.*= \([0-9]*\) connections are needed, the cap is 10.*/\1/p' "$work/capped.log")"
[ -n "$needed" ] && [ "$needed" -ge 64 ] && [ "$needed" -le 96 ] && grep -q "^error: the generator could not offer 400 req/s" "$work/capped.log" ||
    fail "a cap of 10 is not named the generator's limit with about 80 needed: $(tail -n 3 "$work/capped.log")"
echo "ok cap 10: exit 2, $needed connections needed"

start_mock slowing --fault latency=5
spawn bash -c "sleep 4; curl -sf -X PUT -d '{\"faults\":[\"latency=200\"]}' '$url_slowing/__admin/faults'" > /dev/null 2>&1
slowdown=$spawned
run_bin 1 slowed load --target "$url_slowing" "${ids[@]}" --rate 400 --duration 9s --connections 10 \
    --connection-cap 10 --no-progress --json "$work/slowed.json"
await "$slowdown" || fail "the mock's fault was not changed mid-run"
grep -q "the target slowed down: its service time p99 rose from" "$work/slowed.log" ||
    fail "a target that slowed down at the cap is not named: $(tail -n 3 "$work/slowed.log")"
echo "ok target slowed: exit 1 ($(json "$work/slowed.json" "r['verdictReason']"))"

start_mock eighty --fault latency=80
run_bin 0 under-load verify --target "$url_eighty" "${ids[@]}" --suite validation --under-load 400:10s
grep -q "pool: .* connections at time zero" "$work/under-load.log" ||
    fail "the background load's pool is not shown: $(grep -A4 'under load' "$work/under-load.log")"
echo "ok verify --under-load 400 against 80 ms replies: $(grep 'pool:' "$work/under-load.log")"
