#!/usr/bin/env bash
# verify's coverage model and table (issue 15): on the built-in mock every item black-box requests can reach is
# covered and the table says why the rest is not, in the console, JSON, JUnit, Markdown and HTML; --min-coverage
# gates on it; the liberal mock (every liberty the profile allows) passes with everything covered; a contract
# that declares more yields more items with no code change; optional inputs (a store URL, a failing
# conversation) cover what they unlock. The profile used has no latency budget, so nothing here bounds time.
set -uo pipefail
bin="$1"
data="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, stop, fail, start_mock
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
profile="$data/profiles/no-latency-budget.yaml"
verify() { timeout 120 "$bin" verify --profile "$profile" "$@"; }

# 1. The built-in mock: exit 0, every derivable item covered, the table in every format.
verify --report-dir "$work/reports" > "$work/mock.txt" 2> "$work/mock.err" ||
    fail "verify on the built-in mock failed: $(tail -n 5 "$work/mock.txt") $(cat "$work/mock.err")"
grep -qE "^coverage [0-9]+ of [0-9]+ items \([0-9.]+%\); derivable by requests alone: ([0-9]+) of \1 \(100.0%\)$" \
    "$work/mock.txt" || fail "the console does not show every derivable item covered: $(grep '^coverage' "$work/mock.txt")"
python3 - "$work/reports/verify.json" <<'PY' || exit 1
import json, sys
run = json.load(open(sys.argv[1]))
coverage = run["coverage"]
entries = {e["id"]: e for e in coverage["entries"]}
problems = []
if coverage["derivablePercent"] != 100:
    problems.append(f"derivable {coverage['derivablePercent']}%")
for needed in ["response 404", "response 405", "response 500", "failure not_found", "failure method_not_allowed",
               "method HEAD", "path projectUuid: unknown", "fields companyUuid + itemUuid bad together",
               "field text: very long", "field itemUuid: non-ASCII", "rule epoch milliseconds /data/createdAt",
               "rule Allow on method_not_allowed", "rule errorId unique", "rule stored messages"]:
    if not entries.get(needed, {}).get("covered"):
        problems.append(f"{needed} not covered")
in_flight = entries.get("response 409", {})
if in_flight.get("covered") or "in flight" not in in_flight.get("whyNot", ""):
    problems.append(f"response 409: {in_flight}")
if "latency budget" in entries:
    problems.append("a latency item although the profile has no budget")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"ok built-in mock: {coverage['covered']} of {coverage['items']} items covered, every derivable one")
PY
grep -q '<testsuite name="coverage"' "$work/reports/verify.junit.xml" &&
    grep -q '<skipped message="not covered: a resend meets the first still in flight' "$work/reports/verify.junit.xml" ||
    fail "JUnit has no coverage suite with the uncovered items as skipped"
grep -q '^### Coverage' "$work/reports/verify.md" && grep -q '| response 409 | ❌ |' "$work/reports/verify.md" ||
    fail "Markdown has no coverage table"
grep -q '<h3>Coverage</h3>' "$work/reports/verify.html" && grep -q 'class="skip">response 409<' "$work/reports/verify.html" ||
    fail "HTML has no coverage table"
echo "ok the table is in JUnit, Markdown and HTML"

# 2. --min-coverage gates on the share of all items (409 needs luck on the plain mock).
verify --min-coverage 100 > "$work/gate.txt" 2> "$work/gate.err"
code=$?
[ "$code" = 2 ] && grep -q "is below --min-coverage 100" "$work/gate.err" ||
    fail "--min-coverage 100 on the plain mock: exit $code, $(cat "$work/gate.err")"
verify --min-coverage 90 > /dev/null 2>&1 || fail "--min-coverage 90 did not pass"
echo "ok --min-coverage 100 exits 2 naming the gate, 90 passes"

# 3. The liberal mock passes, and its in-flight 409s cover the rest.
verify --mock-fault liberal --min-coverage 100 > "$work/liberal.txt" 2>&1 ||
    fail "verify against the liberal mock failed: $(grep -A4 FAIL "$work/liberal.txt" | head -20) $(tail -n 3 "$work/liberal.txt")"
echo "ok liberal mock: $(grep '^coverage' "$work/liberal.txt")"

# 4. A contract that declares more gets more items, no code change.
verify --contract "$data/contracts/with-429-and-priority.openapi.yaml" --json "$work/more.json" > "$work/more.txt" 2>&1 ||
    fail "verify with the second contract failed: $(tail -n 5 "$work/more.txt")"
python3 - "$work/reports/verify.json" "$work/more.json" <<'PY' || exit 1
import json, sys
base, more = ({e["id"]: e for e in json.load(open(f))["coverage"]["entries"]} for f in sys.argv[1:3])
added = sorted(set(more) - set(base))
fields = [i for i in added if i.startswith("field priority: ")]
if len(fields) < 8 or "response 429" not in added:
    sys.exit(f"FAIL: the second contract added {added}")
if more["response 429"]["covered"] or "no failure kind of the profile answers 429" not in more["response 429"]["whyNot"]:
    sys.exit(f"FAIL: response 429: {more['response 429']}")
if not all(more[i]["covered"] for i in fields):
    sys.exit("FAIL: the new field's items are not covered")
print(f"ok a second contract adds {len(added)} items ({len(fields)} for priority, response 429 listed as not covered)")
PY

# 5. A target of its own: without inputs the store and the 500 are not covered, and say what they need; a store URL
#    and a failing conversation cover them.
start_mock target
url=$url_target
export COVERAGE_TEST_TOKEN=$builtin_token
target_flags=(--target "$url" --project "$builtin_project"
    --conversation "$builtin_conversation" --token-env COVERAGE_TEST_TOKEN --suite routing --suite auth)
verify "${target_flags[@]}" --json "$work/bare.json" > "$work/bare.txt" 2>&1 || fail "bare target: $(tail -n 5 "$work/bare.txt")"
verify "${target_flags[@]}" --json "$work/inputs.json" --failing-conversation "$builtin_failing_conversation" \
    --store-url "$url/__admin/messages?conversation={conversation}" --store-count-pointer /storedTotal \
    > "$work/inputs.txt" 2>&1 || fail "target with inputs: $(tail -n 5 "$work/inputs.txt")"
stop "$pid_target" || fail "the mock did not stop cleanly: $(tail -n 5 "$work/target.err")"
python3 - "$work/bare.json" "$work/inputs.json" <<'PY' || exit 1
import json, sys
bare, inputs = ({e["id"]: e for e in json.load(open(f))["coverage"]["entries"]} for f in sys.argv[1:3])
expect_bare = {"rule stored messages": "--store-url", "failure internal": "--failing-conversation"}
for item, flag in expect_bare.items():
    if bare[item]["covered"] or flag not in bare[item]["whyNot"]:
        sys.exit(f"FAIL: without inputs, {item}: {bare[item]}")
    if not inputs[item]["covered"]:
        sys.exit(f"FAIL: with {flag}, {item} is still not covered: {inputs[item]}")
print("ok without inputs the store and the 500 say what they need; --store-url and --failing-conversation cover them")
PY

# 6. The built-in mock gives a store and a failing conversation itself: a suite that does not reach them says so,
#    never "give --store-url" or "give --failing-conversation" (issue 25, row 8).
verify --suite conformance --json "$work/conformance.json" > "$work/conformance.txt" 2>&1 ||
    fail "verify --suite conformance: $(tail -n 5 "$work/conformance.txt")"
grep -E 'not covered .*give --(store-url|failing-conversation)' "$work/conformance.txt" &&
    fail "the built-in mock's coverage table asks for an input it has"
python3 - "$work/conformance.json" <<'PY' || exit 1
import json, sys
entries = {e["id"]: e for e in json.load(open(sys.argv[1]))["coverage"]["entries"]}
for item in ["rule stored messages", "failure internal", "response 500"]:
    if entries[item]["covered"] or not entries[item]["whyNot"].startswith("no case of the suites run exercises it"):
        sys.exit(f"FAIL: the built-in mock, --suite conformance, {item}: {entries[item]}")
print("ok the built-in mock's inputs are never what is missing")
PY
