#!/usr/bin/env bash
# Runs that measure what they say (issue 25), rows 1–3:
#   1. every run draws a run id salted into its keys: two identical load runs against one gateway each store
#      what they sent (a run given the first one's --run-id sends its keys again: replays, nothing stored, exit 1)
#   2. no silent mock: an empty --target, or an identity flag without --target, is exit 2 naming it; flags that
#      only shape the transport still run against the built-in mock
#   3. defaults always judge: a --threshold on another metric keeps errors<=1% and violations==0
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail, start_mock, run_bin; stops the mock on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"

json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

# --- 1. fresh keys ---------------------------------------------------------------------------------------------
start_mock store
export TRUTH_TOKEN="$builtin_token"
gateway=(--target "$url_store" --project "$builtin_project" --conversation "$builtin_conversation"
    --token-env TRUTH_TOKEN --admin-url "$url_store" --rate 200 --duration 1s --no-progress)
for run in first second; do
    run_bin 0 "$run" load "${gateway[@]}" --json "$work/$run.json"
    [ "$(json "$work/$run.json" "r['store']['holds'] and r['store']['stored'] == r['store']['accepted'] > 0")" = True ] ||
        fail "the $run run did not store what it sent: $(json "$work/$run.json" "r['store']")"
done
first_id="$(json "$work/first.json" "r['runId']")"
second_id="$(json "$work/second.json" "r['runId']")"
[[ "$first_id" =~ ^[0-9a-f]{16}$ ]] || fail "no run id in the result: '$first_id'"
[ "$first_id" != "$second_id" ] || fail "two runs drew the same run id $first_id"
grep -q "run id    $first_id" "$work/first.log" || fail "the console does not print the run id"
# The first run's id again: the same keys, so the gateway replays and stores nothing: the store check fails it.
run_bin 1 again load "${gateway[@]}" --run-id "$first_id" --json "$work/again.json"
[ "$(json "$work/again.json" "r['store']['stored']")" = 0 ] || fail "a repeated run id stored new messages"
run_bin 2 bad-id load "${gateway[@]}" --run-id xyz
grep -q "'xyz' is not 1 to 16 hex digits" "$work/bad-id.log" || fail "a bad --run-id is not named: $(cat "$work/bad-id.log")"
echo "ok 1: fresh keys every run ($first_id, $second_id); --run-id repeats them"

# --- 2. no silent mock -----------------------------------------------------------------------------------------
run_bin 2 empty-target verify --target "" --project "$builtin_project" --token-env TRUTH_TOKEN --suite auth
grep -q "^error: --target is empty" "$work/empty-target.log" || fail "empty --target: $(cat "$work/empty-target.log")"
run_bin 2 project-only load --project "$builtin_project" --duration 1s --no-progress
grep -q "^error: no --target, but --project names a gateway" "$work/project-only.log" ||
    fail "--project without --target: $(cat "$work/project-only.log")"
run_bin 2 token-only verify --token-env TRUTH_TOKEN --store-url "http://127.0.0.1:9/{conversation}" --suite auth
grep -q "^error: no --target, but --token-env, --store-url name a gateway" "$work/token-only.log" ||
    fail "--token-env and --store-url without --target: $(cat "$work/token-only.log")"
run_bin 0 transport-only verify --http 1.1 --timeout 3000 --suite auth
grep -q "^verify built-in mock at " "$work/transport-only.log" || fail "the first line does not say what it runs against"
echo "ok 2: no silent mock"

# --- 3. defaults always judge ------------------------------------------------------------------------------------
run_bin 1 only-p99 load --mock-fault status=503 --threshold 'p99<300ms' --rate 100 --duration 1s --no-progress
grep -qE "^    FAIL  errors<=1% .* default" "$work/only-p99.log" ||
    fail "errors<=1% did not judge a run with only p99<300ms: $(tail -8 "$work/only-p99.log")"
run_bin 0 no-defaults load --mock-fault status=503 --threshold 'p99<300ms' --no-default-thresholds --rate 100 \
    --duration 1s --no-progress
echo "ok 3: the defaults judge every run unless removed"
echo "run truth: all checks passed"
