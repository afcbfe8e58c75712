#!/usr/bin/env bash
# The contract under load (issue 16): mock faults that misbehave only above a request rate (overload_keys: the
# idempotency check stops reserving keys; overload_token_cache: an unknown token passes as the last valid caller).
# verify alone passes against them; `load --mix` and `verify --under-load` fail, naming the kind or the case and
# the rule. The faults trip above 100 requests per second and the loads run at 400, so this depends on the
# generator reaching a rate: CTest label `timing` (it holds with one core busy).
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail
faults=(--mock-fault overload_keys=100 --mock-fault overload_token_cache=100)

timeout 120 "$bin" verify --suite auth --suite idempotency "${faults[@]}" > "$work/alone.txt" 2>&1 ||
    fail "verify alone should pass against faults that show only under load: $(grep -A3 FAIL "$work/alone.txt")"
echo "ok verify alone: $(tail -n 1 "$work/alone.txt")"

timeout 120 "$bin" load --no-progress --hlog '' --rate 400 --duration 3s --mix all "${faults[@]}" \
    --json "$work/mix.json" --report-dir "$work/reports" > "$work/mix.txt" 2>&1
code=$?
[ "$code" = 1 ] || fail "load --mix against the overload faults: exit $code, expected 1: $(tail -n 3 "$work/mix.txt")"
grep -qE '^  BROKE     unknown_token: [0-9]+ got another status than 401 \(profile rule 3 \(failures.unauthenticated\)' \
    "$work/mix.txt" || fail "the unknown_token kind is not named broken: $(grep BROKE "$work/mix.txt")"
grep -qE '^  BROKE     resend: [0-9]+ resends got other data than the first reply \(profile rule 6' "$work/mix.txt" ||
    fail "the resend kind is not named broken: $(grep BROKE "$work/mix.txt")"
grep -q 'class="marked"' "$work/reports/load.html" ||
    fail "the HTML latency chart marks no second in which a kind broke its rule"
grep -qE '^\| unknown_token \| 401 \| [0-9]+ \| [0-9]+ \| \*\*[1-9][0-9]*\*\*' "$work/reports/load.md" ||
    fail "the Markdown kind table does not show unknown_token broken"
python3 - "$work/mix.json" <<'PY' || exit 1
import json, sys
kinds = {k["kind"]: k for k in json.load(open(sys.argv[1]))["kinds"]}
for name in ["unknown_token", "resend"]:
    if kinds[name]["held"] == kinds[name]["intended"]:
        sys.exit(f"FAIL: {name} held every oracle: {kinds[name]}")
for name in ["no_auth", "invalid_field", "unknown_conversation"]:
    if kinds[name]["held"] != kinds[name]["intended"]:
        sys.exit(f"FAIL: {name} broke although the faults do not touch it: {kinds[name]}")
print("ok load --mix: " + "; ".join(f"{n} held {kinds[n]['held']} of {kinds[n]['intended']}" for n in ["unknown_token", "resend", "no_auth"]))
PY

timeout 120 "$bin" verify --under-load 400 --suite auth --suite idempotency "${faults[@]}" --json "$work/under.json" \
    --report-dir "$work/verify-reports" > "$work/under.txt" 2>&1
code=$?
[ "$code" = 1 ] || fail "verify --under-load against the overload faults: exit $code, expected 1: $(tail -n 3 "$work/under.txt")"
for case in "auth / unknown token" "idempotency / resend with the same key replays the first data"; do
    grep -qF "  FAIL  $case: fails only under load: passed when run again without it" "$work/under.txt" ||
        fail "'$case' is not named as failing only under load: $(grep FAIL "$work/under.txt")"
done
grep -qE '^under load  400 req/s requested' "$work/under.txt" || fail "no summary of the background load"
grep -q 'id="verify-0-under-load"' "$work/verify-reports/verify.html" &&
    grep -q 'class="marked"' "$work/verify-reports/verify.html" ||
    fail "the verify HTML does not chart the background load with the seconds in which a case failed"
echo "ok verify --under-load: $(grep -c 'fails only under load' "$work/under.txt") cases fail only under load"
