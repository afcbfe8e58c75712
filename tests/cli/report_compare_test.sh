#!/usr/bin/env bash
# report compare: equal runs pass; a made-up 20% lower rate fails (exit 1) and is named; a 5% lower rate passes
# under 10%; a gate list without rate ignores it; unknown gates and non-result files are usage errors (exit 2).
# Latencies are compared from the runs' histograms (the one result reader), so latency regressions are shown on
# made-up histograms in tests/unit/result (load_comparison_test).
set -uo pipefail
bin="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
timeout 60 "$bin" load --rate 500 --duration 2s --no-progress --json "$work/base.json" --hlog '' > /dev/null ||
    fail "the base run failed"
change() { # field-path factor out
    python3 - "$work/base.json" "$3" "$1" "$2" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
path, factor = sys.argv[3].split("."), float(sys.argv[4])
node = run
for key in path[:-1]:
    node = node[key]
node[path[-1]] = node[path[-1]] * factor
json.dump(run, open(sys.argv[2], "w"))
PY
}
change achievedRate 0.8 "$work/rate.json"
change achievedRate 0.95 "$work/slight.json"

"$bin" report compare "$work/base.json" "$work/base.json" > "$work/out" || fail "equal runs: $(cat "$work/out")"
"$bin" report compare "$work/base.json" "$work/rate.json" --max-regression 10% > "$work/out"; code=$?
[ "$code" = 1 ] || fail "a 20% lower rate exited $code"
grep -qE "^  rate .*REGRESSED" "$work/out" || fail "rate not marked: $(cat "$work/out")"
grep -qE "^  p99 .* ok$" "$work/out" || fail "p99 of the same histogram not ok: $(cat "$work/out")"
"$bin" report compare "$work/base.json" "$work/slight.json" > "$work/out" || fail "a 5% lower rate failed a 10% gate"
"$bin" report compare "$work/base.json" "$work/rate.json" --gate p99 > "$work/out" || fail "--gate p99 still judged rate"
"$bin" report compare "$work/base.json" "$work/base.json" --gate p42x > "$work/out" 2>&1; code=$?
[ "$code" = 2 ] || fail "an unknown gate exited $code"
printf '{"format":"harness.verify","formatVersion":1}' > "$work/verify.json"
"$bin" report compare "$work/base.json" "$work/verify.json" > "$work/out" 2>&1; code=$?
[ "$code" = 2 ] || fail "a verify result as a load result exited $code"
# Runs that cannot be compared honestly are refused (exit 2) unless forced: another mode, another rate, nothing
# answered. (Identical runs back to back stay within the 1 ms noise floor: tests/unit/result.)
timeout 60 "$bin" load --connections 4 --duration 1s --no-progress --json "$work/closed.json" --hlog '' > /dev/null ||
    fail "the closed-loop run failed"
"$bin" report compare "$work/base.json" "$work/closed.json" > "$work/out" 2>&1; code=$?
[ "$code" = 2 ] && grep -q "closed-loop" "$work/out" || fail "open vs closed: exit $code: $(cat "$work/out")"
"$bin" report compare "$work/base.json" "$work/closed.json" --force > "$work/out" 2>&1; code=$?
[ "$code" != 2 ] || fail "--force still refused: $(cat "$work/out")"
change requestedRate 2 "$work/faster.json"
"$bin" report compare "$work/base.json" "$work/faster.json" > "$work/out" 2>&1; code=$?
[ "$code" = 2 ] && grep -q "different rates" "$work/out" || fail "another rate: exit $code: $(cat "$work/out")"
change accounting.fates.answered 0 "$work/silent.json"
"$bin" report compare "$work/base.json" "$work/silent.json" --force > "$work/out" 2>&1; code=$?
[ "$code" = 2 ] && grep -q "answered nothing" "$work/out" || fail "nothing answered: exit $code: $(cat "$work/out")"
python3 -c "import json; r=json.load(open('$work/base.json')); assert r['latencyHistogram'].startswith('HISTF')" ||
    fail "the load JSON lacks its histogram"
echo "report compare: all checks passed"
