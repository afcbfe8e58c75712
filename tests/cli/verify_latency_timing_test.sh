#!/usr/bin/env bash
# verify's latency suite (issue 15): the profile's budget (p99 250 ms over 100 sends at 50/s) holds on the built-in
# mock, and a mock that stalls every 50th reply by 1 s, which every other suite passes, fails it naming the check.
# It measures wall-clock latency, so it carries the CTest label `timing`; the margins (a sub-millisecond mock
# against 250 ms, a 1 s stall against 250 ms) hold with one core busy.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail
timeout 120 "$bin" verify --suite latency > "$work/healthy.txt" 2>&1 ||
    fail "the latency suite failed on the healthy mock: $(grep -A4 FAIL "$work/healthy.txt")"
echo "ok healthy mock: $(grep -E '^  ok ' "$work/healthy.txt")"
timeout 120 "$bin" verify --suite conformance --suite idempotency --mock-fault latency=1000,every=50 \
    > "$work/others.txt" 2>&1 || fail "the stalling mock should pass the other suites: $(tail -n 3 "$work/others.txt")"
timeout 120 "$bin" verify --suite latency --mock-fault latency=1000,every=50 > "$work/stall.txt" 2>&1
code=$?
[ "$code" = 1 ] || fail "a mock stalling every 50th reply: exit $code, expected 1: $(tail -n 3 "$work/stall.txt")"
grep -qE '^        latency_p99: p99 1\.[0-9]+s .*over the budget$' "$work/stall.txt" ||
    fail "no failed latency_p99 check: $(grep -A3 FAIL "$work/stall.txt")"
echo "ok stalling mock: $(grep -E '^        latency_p99' "$work/stall.txt")"
