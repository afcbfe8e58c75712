#!/usr/bin/env bash
# The README's threshold example (`load --rate 2000 --duration 10s … --threshold 'p99<50ms'` on the built-in mock),
# taken from the README as written and run 5 times in a row: it must pass every time (issue 14, row 7: the
# generator's start-up is never charged to the target). It measures wall-clock latency, so it carries the CTest
# label `timing`; the bound (p99 < 50 ms where the mock answers in well under 1 ms) holds with one core busy.
set -uo pipefail
bin="$1"
readme="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail

# The example is the first `./harness.sh load --rate` command of the README, with its continuation line.
awk '/^\.\/harness\.sh load --rate / {print; getline; print; exit}' "$readme" > "$work/example.sh"
grep -q -- "--threshold 'p99<" "$work/example.sh" || fail "no threshold example found in $readme"
# Run it as written, with the built binary for ./harness.sh, in $work so its JSON and .hlog land there.
sed -i -e "s|^\./harness\.sh |\"\$HARNESS_BIN\" |" -e 's|# built-in mock||' "$work/example.sh"
echo "the README's example: $(tr -s ' \\\n' ' ' < "$work/example.sh")"
for attempt in 1 2 3 4 5; do
    (cd "$work" && HARNESS_BIN="$bin" timeout 60 bash example.sh) > "$work/run$attempt.txt" 2>&1 ||
        fail "run $attempt of 5 did not pass: $(grep -E '^(  (FAIL|WARNING)|FAILED|PASSED|error)' "$work/run$attempt.txt")"
    python3 - "$work/load.json" "$attempt" <<'PY' || exit 1
import json, sys
run = json.load(open(sys.argv[1]))
p99_ms = run["latency"]["percentilesUs"]["p99"] / 1000
accounting = run["accounting"]
if run["verdict"] != "passed" or accounting["fates"]["answered"] != accounting["intended"]:
    sys.exit(f"FAIL: run {sys.argv[2]}: verdict {run['verdict']}, {accounting}")
print(f"ok run {sys.argv[2]} of 5: passed, {accounting['fates']['answered']} of {accounting['intended']} answered,"
      f" p99 {p99_ms:.3f} ms")
PY
done
