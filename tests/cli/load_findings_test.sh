#!/usr/bin/env bash
# Violations you can act on (issue 25, row 7), end to end against `harness mock`:
#   1. a drifting mock: load names each broken rule by its id with a redacted sample reply, in the console, the
#      JSON, Markdown, HTML and JUnit, and counts them in the seconds they happened in
#   2. a mock that resets one connection in five: its seconds are marked as resets, never as broken rules
#   3. the store check is its own threshold metric: with a store oracle (--admin-url) stored==0 is listed; a run
#      that stores nothing for what it was answered (its keys replayed) fails stored==0, not violations==0; a
#      threshold on stored replaces the default; without a store oracle it is refused
# No rate or latency is bounded here.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail, start_mock, run_bin; stops the mocks on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"

json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }
export FINDINGS_TOKEN="$builtin_token"
gateway() { # NAME: the flags that aim a load at mock NAME, with its admin API as the store oracle
    local url="url_$1"
    echo "--target ${!url} --project $builtin_project --conversation $builtin_conversation --token-env FINDINGS_TOKEN"
}

# --- 1. a drifting mock: the rule by its id, with a sample ---------------------------------------------------
start_mock drift --fault drift=success_as_string
# shellcheck disable=SC2046
run_bin 1 drift load $(gateway drift) --admin-url "$url_drift" --rate 100 --duration 2s --no-progress \
    --json "$work/drift.json" --report-dir "$work/drift-reports"
grep -qE '^  BROKE     schema: [0-9]+ replies broke it \(contract: responses/200 -> ResponseWrapper\)$' "$work/drift.log" ||
    fail "the console does not name the rule schema: $(grep -A12 '^  contract' "$work/drift.log")"
grep -qE '^            e\.g\. status 200: .*/success' "$work/drift.log" || fail "no sample for the rule: $(cat "$work/drift.log")"
grep -qE '^            body \{"success":"true"' "$work/drift.log" || fail "no sample body: $(cat "$work/drift.log")"
grep -qE '^    FAIL  violations==0 ' "$work/drift.log" || fail "violations==0 did not fail"
grep -qE '^    ok    stored==0 .*default' "$work/drift.log" || fail "stored==0 is not listed with a store oracle"
python3 - "$work/drift.json" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
rules = {v["rule"]: v for v in r["violations"]}
problems = []
schema = rules.get("schema")
if not schema or schema["count"] != r["contractChecks"]["violatingReplies"] or schema["count"] == 0:
    problems.append(f"schema: {schema}, violating {r['contractChecks']['violatingReplies']}")
elif schema["sample"]["status"] != 200 or not schema["sample"]["body"].startswith('{"success":"true"') \
        or "/success" not in schema["sample"]["message"] or not schema["ruleText"]:
    problems.append(f"the sample: {schema}")
if "mock-token-operator-1" in json.dumps(r["violations"]):
    problems.append("a token in a sample")
by_second = sum(s.get("classes", {}).get("violation", 0) for s in r["timeline"])
if by_second != r["contractChecks"]["violatingReplies"]:
    problems.append(f"{by_second} violations in the timeline's seconds for {r['contractChecks']['violatingReplies']}")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
named = ", ".join(f"{k} {v['count']}" for k, v in rules.items())
print(f"ok 1: {named} named with a sample; counted by second")
PY
grep -q '^| `schema` | \*\*[0-9]*\*\* | contract: responses/200 -> ResponseWrapper | status 200: ' "$work/drift-reports/load.md" ||
    fail "the Markdown has no row for schema: $(cat "$work/drift-reports/load.md")"
grep -q '<testcase classname="load.violations" name="schema"' "$work/drift-reports/load.junit.xml" ||
    fail "the JUnit has no failing testcase for schema"
grep -q '<h3>Violations by rule</h3>' "$work/drift-reports/load.html" || fail "the HTML has no violations by rule"
grep -q '<title>second 0: [0-9]* a reply broke a rule</title>' "$work/drift-reports/load.html" ||
    fail "the HTML does not mark the seconds with broken rules"

# --- 2. resets are resets ------------------------------------------------------------------------------------
start_mock reset --fault reset,p=0.2
# shellcheck disable=SC2046
run_bin 1 reset load $(gateway reset) --rate 200 --duration 2s --no-progress --json "$work/reset.json" \
    --report-dir "$work/reset-reports"
grep -qE '^    ok    violations==0 ' "$work/reset.log" || fail "resets counted as violations: $(tail -8 "$work/reset.log")"
grep -qE '^    FAIL  errors<=1% ' "$work/reset.log" || fail "the resets did not fail errors<=1%"
[ "$(json "$work/reset.json" "sum(s.get('classes', {}).get('reset', 0) for s in r['timeline']) == r['accounting']['fates']['reset'] > 0 and not any('violation' in s.get('classes', {}) for s in r['timeline'])")" = True ] ||
    fail "the timeline's classes do not count the resets alone: $(json "$work/reset.json" "[s.get('classes') for s in r['timeline']]")"
html="$work/reset-reports/load.html"
grep -q '<rect class="marked"[^>]*><title>second [0-9]*: [0-9]* reset</title>' "$html" ||
    fail "the HTML does not mark the seconds with resets as resets"
grep -qE 'broke (a|its) rule' "$html" && fail "the HTML marks a reset as a broken rule"
echo "ok 2: resets marked as resets ($(json "$work/reset.json" "[s.get('classes') for s in r['timeline']]"))"

# --- 3. the store's tally: its own threshold ---------------------------------------------------------------
start_mock store
# shellcheck disable=SC2046
run_bin 0 first load $(gateway store) --admin-url "$url_store" --rate 100 --duration 1s --no-progress \
    --json "$work/first.json"
run_id="$(json "$work/first.json" "r['runId']")"
# The same keys again: the mock replays them, stores nothing for 100 answered sends: a store shortfall.
# shellcheck disable=SC2046
run_bin 1 again load $(gateway store) --admin-url "$url_store" --rate 100 --duration 1s --no-progress \
    --run-id "$run_id" --json "$work/again.json" --report-dir "$work/again-reports"
grep -qE '^    FAIL  stored==0   \(actual 100\)   default$' "$work/again.log" ||
    fail "the shortfall did not fail stored==0: $(tail -8 "$work/again.log")"
grep -qE '^    ok    violations==0 ' "$work/again.log" || fail "the shortfall was counted as violations"
grep -q '^  because threshold stored==0 failed (actual 100)' "$work/again.log" || fail "the verdict does not name stored==0"
[ "$(json "$work/again.json" "r['contractChecks']['violatingReplies'] == 0 and r['violations'] == []")" = True ] ||
    fail "the shortfall counted as broken replies"
grep -q '<testcase classname="load.store" name="stored"' "$work/again-reports/load.junit.xml" ||
    fail "the JUnit has no store testcase"
grep -q '^Stored: .*❌ \*\*accepted messages were not stored' "$work/again-reports/load.md" ||
    fail "the Markdown does not show the store's tally: $(cat "$work/again-reports/load.md")"
# A threshold on stored replaces the default; --no-default-thresholds removes it.
# shellcheck disable=SC2046
run_bin 0 tolerant load $(gateway store) --admin-url "$url_store" --rate 100 --duration 1s --no-progress \
    --run-id "$run_id" --threshold 'stored<=100'
grep -qE '^    ok    stored<=100 ' "$work/tolerant.log" && ! grep -q 'stored==0' "$work/tolerant.log" ||
    fail "stored<=100 did not replace stored==0: $(tail -8 "$work/tolerant.log")"
# shellcheck disable=SC2046
run_bin 0 no-defaults load $(gateway store) --admin-url "$url_store" --rate 100 --duration 1s --no-progress \
    --run-id "$run_id" --no-default-thresholds
grep -q 'stored==0' "$work/no-defaults.log" && fail "--no-default-thresholds kept stored==0"
# Without a store oracle there is nothing to judge: the default is left out, a user's threshold refused.
# shellcheck disable=SC2046
run_bin 0 no-store load $(gateway store) --rate 100 --duration 1s --no-progress
grep -q 'stored==0' "$work/no-store.log" && fail "stored==0 listed without a store oracle"
# shellcheck disable=SC2046
run_bin 2 stored-without-store load $(gateway store) --rate 100 --duration 1s --no-progress --threshold 'stored==0'
grep -q "^error: --threshold 'stored==0' judges what the target stored, but no store oracle counts it" \
    "$work/stored-without-store.log" || fail "stored==0 without a store oracle: $(cat "$work/stored-without-store.log")"
echo "ok 3: the store's tally is the threshold stored ($(grep '^  stored ' "$work/again.log" | sed 's/^ *//'))"
echo "load findings: all checks passed"
