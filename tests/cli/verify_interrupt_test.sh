#!/usr/bin/env bash
# Ctrl-C during verify (README's exit table, 130): the run stops before its next case, the cases left are listed
# as not run, the results so far are written and say "interrupted", and the exit code is 130 — never a pass,
# never a result lost.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, await, fail; stops what it starts on exit

# Every reply of the built-in mock takes 200 ms, so the run is still going when the signal comes.
spawn "$bin" verify --mock-fault latency=200 --json "$work/run.json" --junit "$work/run.xml" > "$work/out" 2> "$work/err"
pid=$spawned
for _ in $(seq 1 600); do grep -qE '^  (ok|FAIL) ' "$work/out" && break; sleep 0.1; done
grep -qE '^  (ok|FAIL) ' "$work/out" || fail "no case ended within 60 s: $(cat "$work/out" "$work/err")"
kill -INT "$pid"
code=0
await "$pid" || code=$?
[ "$code" = 130 ] || fail "exit $code, expected 130: $(tail -3 "$work/out" "$work/err")"
grep -q "^interrupted: " "$work/err" || fail "stderr does not say interrupted: $(cat "$work/err")"
grep -q "^INTERRUPTED: " "$work/out" || fail "the totals do not say INTERRUPTED: $(tail -3 "$work/out")"
grep -q "(not run: interrupted)" "$work/out" || fail "the cases left are not listed as not run"
python3 - "$work/run.json" <<'PY' || fail "the JSON result is not marked interrupted: $(head -c 300 "$work/run.json")"
import json, sys
r = json.load(open(sys.argv[1]))
ran = [c for c in r["cases"] if c["status"] != "skipped"]
assert r["verdict"] == "interrupted" and not r["passed"], r["verdict"]
assert ran and any(c.get("skipReason") == "not run: interrupted" for c in r["cases"])
PY
grep -q '<testcase classname="harness.verdict" name="interrupted"' "$work/run.xml" ||
    fail "JUnit has no failing verdict testcase"

# Ctrl-C while the explore suite spends a budget of ten minutes: no further sequence starts, and the run ends
# as interrupted (before, it went on until the budget was spent).
spawn "$bin" verify --suite explore --explore-time 600 --mock-fault latency=20 --json "$work/explore.json" \
    > "$work/explore.out" 2> "$work/explore.err"
pid=$spawned
sleep 1 # exploring by now (the explore suite is the only one); the signal may come at any step anyway
kill -INT "$pid"
for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "explore: still exploring 60 s after Ctrl-C (the budget is 600 s)"
code=0
await "$pid" || code=$?
[ "$code" = 130 ] || fail "explore: exit $code, expected 130: $(tail -3 "$work/explore.out" "$work/explore.err")"
grep -q "^interrupted: " "$work/explore.err" || fail "explore: stderr does not say interrupted"
python3 - "$work/explore.json" <<'PY' || fail "explore: the JSON result is not marked interrupted"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "interrupted" and not r["passed"], r["verdict"]
PY
echo "verify interrupt: exit 130, results written and marked interrupted (cases, and the explore suite)"
