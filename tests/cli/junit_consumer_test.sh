#!/usr/bin/env bash
# junit_consumer_test.sh BIN DATA CACHE
# The JUnit of verify as a CI system reads it: junit2json (npm, a real consumer, installed once into CACHE and
# reused) reads a passing and a failing run's JUnit back, and
#   - both validate against tests/data/junit/junit.xsd (xmllint);
#   - the default shape has one testcase per case: the verify suites' testcases are the run's cases, by suite
#     and name as the JSON result lists them, the failed ones with a <failure>, the skipped ones <skipped>;
#   - the coverage model's gaps are skipped testcases of the coverage suite, as many as it has uncovered items;
#   - --junit-per-check keeps the older shape: a testcase per check (a skipped case one testcase);
#   - every suite carries the build that judged the run as its property harnessVersion (its value not checked).
# No registry, no test: when npm cannot install junit2json this fails, saying so (CI needs the npm registry).
set -uo pipefail
bin="$1"
data="$2"
cache="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/processes.sh" # $work, fail
version=3.1.14
consumer="$cache/node_modules/.bin/junit2json"
installed="$(node -p "require('$cache/node_modules/junit2json/package.json').version" 2> /dev/null || true)"
if [ "$installed" != "$version" ]; then
    mkdir -p "$cache" || fail "cannot create $cache"
    timeout 180 npm install --prefix "$cache" --no-audit --no-fund --no-save "junit2json@$version" \
        > "$work/npm.log" 2>&1 ||
        fail "npm could not install junit2json@$version into $cache (is the npm registry reachable?):" \
            "$(grep -m 3 -E 'npm error (code|errno|network|request)' "$work/npm.log" || tail -n 5 "$work/npm.log")"
fi
[ -x "$consumer" ] || fail "no $consumer after npm install"

# A passing run, a failing one (the mock drifts from the contract) and the failing one in the older shape.
timeout 120 "$bin" verify --suite auth --json "$work/pass.json" --junit "$work/pass.xml" > /dev/null ||
    fail "verify against the healthy mock did not pass"
timeout 120 "$bin" verify --suite auth --mock-fault drift=code_null --json "$work/fail.json" \
    --junit "$work/fail.xml" > /dev/null
[ $? -eq 1 ] || fail "verify against the drifting mock did not exit 1"
timeout 120 "$bin" verify --suite auth --mock-fault drift=code_null --junit-per-check --json "$work/per-check.json" \
    --junit "$work/per-check.xml" > /dev/null
[ $? -eq 1 ] || fail "verify --junit-per-check against the drifting mock did not exit 1"

for run in pass fail per-check; do
    xmllint --noout --schema "$data/junit/junit.xsd" "$work/$run.xml" 2> "$work/xmllint.txt" ||
        fail "$run: JUnit does not validate against the XSD: $(cat "$work/xmllint.txt")"
    timeout 60 "$consumer" "$work/$run.xml" > "$work/$run.junit.json" 2> "$work/$run.err" ||
        fail "$run: junit2json could not read the JUnit: $(cat "$work/$run.err")"
done

python3 - "$work" <<'PY' || exit 1
import json, sys
work = sys.argv[1]
problems = []

def load(run):
    return json.load(open(f"{work}/{run}.json")), json.load(open(f"{work}/{run}.junit.json"))

def verify_testcases(junit):
    return [(s["name"], t) for s in junit.get("testsuite", []) if s["name"] not in ("coverage", "verdict")
            for t in s.get("testcase", [])]

def uncovered(result):
    cov = result.get("coverage", {})
    items = next((v for v in cov.values() if isinstance(v, list)), [])
    return sum(1 for i in items if not i["covered"])

for run in ("pass", "fail"):
    result, junit = load(run)
    cases = result["cases"]
    testcases = verify_testcases(junit)
    got = sorted((t["classname"], t["name"]) for _, t in testcases)
    want = sorted((c["suite"], c["name"]) for c in cases)
    if got != want:
        problems.append(f"{run}: {len(got)} testcases, not one per case ({len(want)}): {got[:5]} vs {want[:5]}")
    failed = sum(1 for _, t in testcases if t.get("failure"))
    want_failed = sum(1 for c in cases if c["status"] == "failed")
    if failed != want_failed:
        problems.append(f"{run}: {failed} testcases with a failure, {want_failed} failed cases")
    skipped = sum(1 for _, t in testcases if t.get("skipped"))
    if skipped != sum(1 for c in cases if c["status"] == "skipped"):
        problems.append(f"{run}: {skipped} skipped testcases differ from the skipped cases")
    coverage = [t for s in junit["testsuite"] if s["name"] == "coverage" for t in s.get("testcase", [])]
    gaps = sum(1 for t in coverage if t.get("skipped"))
    if gaps != uncovered(result) or gaps == 0:
        problems.append(f"{run}: {gaps} skipped coverage testcases, {uncovered(result)} uncovered items")
    if junit["tests"] != len(cases) + len(coverage) + 1:
        problems.append(f"{run}: testsuites tests={junit['tests']}, not cases + coverage items + the verdict")
for run in ("pass", "fail", "per-check"):
    junit = load(run)[1]
    for suite in junit.get("testsuite", []):
        names = [p.get("name") for p in suite.get("properties", [])]
        values = [p.get("value") for p in suite.get("properties", []) if p.get("name") == "harnessVersion"]
        if names != ["harnessVersion"] or not values[0]:
            problems.append(f"{run}: suite {suite['name']} has properties {names}, not harnessVersion with a value")
result, junit = load("fail")
if not any(t.get("failure") for _, t in verify_testcases(junit)):
    problems.append("fail: the failing run's JUnit shows no failure")
for _, t in verify_testcases(junit):
    for f in t.get("failure", []):
        if not f.get("message") or "expected:" not in f.get("inner", ""):
            problems.append(f"fail: {t['name']}: the failure does not say what was expected: {f}")
result, junit = load("per-check")
want = sum(len(c["checks"]) if c["status"] != "skipped" else 1 for c in result["cases"])
if len(verify_testcases(junit)) != want:
    problems.append(f"per-check: {len(verify_testcases(junit))} testcases, not one per check ({want})")
if problems:
    print("FAIL: the JUnit as junit2json reads it:")
    print("\n".join("  " + p for p in problems))
    sys.exit(1)
print(f"ok junit2json reads a testcase per case ({len(load('fail')[0]['cases'])} cases), the failures and the "
      f"coverage gaps; --junit-per-check a testcase per check ({want})")
PY
