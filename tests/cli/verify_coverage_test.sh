#!/usr/bin/env bash
# verify's coverage model and table (issue 15): on the built-in mock every item black-box requests can reach is
# covered and the table says why the rest is not, in the console, JSON, JUnit, Markdown and HTML; every rule of
# the profile is an item with the checks that observe it, and a rule no check observes is listed as uncovered
# (issue 26); --min-coverage gates on it; the liberal mock (every liberty the profile allows) covers everything
# but the rules no check observes; a contract
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
               "field text: very long", "field itemUuid: non-ASCII", "rule time.epoch_millis: /data/createdAt",
               "rule failures.method_not_allowed.headers: Allow", "rule failures", "rule failures.internal",
               "rule idempotency.on_same_payload: stored once", "rule success.echoed_fields: /text",
               "rule auth.company_pointer", "rule idempotency.scope"]:
    if not entries.get(needed, {}).get("covered"):
        problems.append(f"{needed} not covered")
# Every rule lists its checks; those without any are uncovered, whatever the run did.
rules = {i: e for i, e in entries.items() if e["area"] == "rule"}
if any("checks" not in e for e in rules.values()) or any("checks" in e for e in entries.values() if e["area"] != "rule"):
    problems.append("checks are listed for exactly the rules")
if rules.get("rule failures.forbidden", {}).get("checks") != ["status in failure forbidden", "error_code in failure forbidden"]:
    problems.append(f"rule failures.forbidden: {rules.get('rule failures.forbidden')}")
unchecked = sorted(i for i, e in rules.items() if not e["checks"])
if unchecked != ["rule idempotency.capacity", "rule idempotency.expiry_seconds"]:
    problems.append(f"rules without checks: {unchecked}")
for item in unchecked:
    if rules[item]["covered"] or not rules[item]["whyNot"].startswith("uncovered: no check covers it"):
        problems.append(f"{item}: {rules[item]}")
in_flight = entries.get("response 409", {})
if in_flight.get("covered") or "in flight" not in in_flight.get("whyNot", ""):
    problems.append(f"response 409: {in_flight}")
if "latency budget" in entries:
    problems.append("a latency item although the profile has no budget")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"ok built-in mock: {coverage['covered']} of {coverage['items']} items covered, every derivable one; "
      f"{len(rules)} rules with their checks, {len(unchecked)} that no check covers")
PY
grep -qE '^  response .* rule [0-9]+/[0-9]+( |$)' "$work/mock.txt" ||
    fail "the console has no count of the rules: $(grep -A1 '^coverage' "$work/mock.txt")"
grep -qx '  uncovered    rule idempotency.capacity: no check covers it (.*)' "$work/mock.txt" ||
    fail "the console does not list the rule no check covers: $(grep -A8 '^coverage' "$work/mock.txt")"
grep -qx '  not covered  rule failures.idempotency_in_progress (status, error_code in failure idempotency_in_progress): a resend meets .*' \
    "$work/mock.txt" || fail "the console does not show a rule not exercised with its checks: $(grep -A8 '^coverage' "$work/mock.txt")"
grep -q '| rule idempotency.scope | ✅ | new_message |' "$work/reports/verify.md" ||
    fail "Markdown does not show a rule with its checks"
grep -q '<td class="skip">rule idempotency.capacity</td><td>no check covers it</td><td>uncovered</td>' "$work/reports/verify.html" ||
    fail "HTML does not show the rule no check covers"
grep -q '<skipped message="uncovered: no check covers it' "$work/reports/verify.junit.xml" ||
    fail "JUnit does not say the rule no check covers is uncovered"
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

# 3. The liberal mock passes, and its in-flight 409s cover the rest: all but the rules no check covers.
verify --mock-fault liberal --json "$work/liberal.json" > "$work/liberal.txt" 2>&1 ||
    fail "verify against the liberal mock failed: $(grep -A4 FAIL "$work/liberal.txt" | head -20) $(tail -n 3 "$work/liberal.txt")"
python3 - "$work/liberal.json" <<'PY' || exit 1
import json, sys
left = [e["id"] for e in json.load(open(sys.argv[1]))["coverage"]["entries"] if not e["covered"]]
if left != ["rule idempotency.expiry_seconds", "rule idempotency.capacity"]:
    sys.exit(f"FAIL: the liberal mock leaves {left} not covered")
PY
echo "ok liberal mock: $(grep '^coverage' "$work/liberal.txt"), all but the rules no check covers"

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
verify "${target_flags[@]}" --json "$work/admin.json" --admin-url "$url" > "$work/admin.txt" 2>&1 ||
    fail "target with --admin-url: $(tail -n 5 "$work/admin.txt")"
stop "$pid_target" || fail "the mock did not stop cleanly: $(tail -n 5 "$work/target.err")"
grep -qx '  not covered  rule idempotency.on_same_payload: stored once (stored, stored_exactly): what the target stored is not visible to requests: give --store-url (or --admin-url)' \
    "$work/bare.txt" || fail "without a store the console does not name the stored rule, its checks and why: $(grep -A12 '^coverage' "$work/bare.txt")"
python3 - "$work/bare.json" "$work/inputs.json" <<'PY' || exit 1
import json, sys
bare, inputs = ({e["id"]: e for e in json.load(open(f))["coverage"]["entries"]} for f in sys.argv[1:3])
expect_bare = {"rule idempotency.on_same_payload: stored once": "--store-url", "rule failures: nothing stored": "--store-url",
               "failure internal": "--failing-conversation", "rule failures.internal": "--failing-conversation"}
for item, flag in expect_bare.items():
    if bare[item]["covered"] or flag not in bare[item]["whyNot"]:
        sys.exit(f"FAIL: without inputs, {item}: {bare[item]}")
    if not inputs[item]["covered"]:
        sys.exit(f"FAIL: with {flag}, {item} is still not covered: {inputs[item]}")
print("ok without inputs the store and the 500 say what they need; --store-url and --failing-conversation cover them")
PY
python3 - "$work/admin.json" <<'PY' || exit 1
import json, sys
entries = {e["id"]: e for e in json.load(open(sys.argv[1]))["coverage"]["entries"]}
stored = [i for i, e in entries.items() if e["area"] == "rule" and "stored" in e["checks"]]
if len(stored) != 3 or not all(entries[i]["covered"] for i in stored):
    sys.exit(f"FAIL: with --admin-url, the rules the store shows: {[(i, entries[i]) for i in stored]}")
print(f"ok --admin-url of a harness mock covers the {len(stored)} rules the store shows")
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
# (The stored rules are covered by conformance itself: stored_exactly counts every step against the store.)
for item in ["failure internal", "response 500"]:
    if entries[item]["covered"] or not entries[item]["whyNot"].startswith("no case of the suites run exercises it"):
        sys.exit(f"FAIL: the built-in mock, --suite conformance, {item}: {entries[item]}")
# The mock's own store is there: stored_exactly runs on every step of any suite and covers the rule.
stored = entries["rule idempotency.on_same_payload: stored once"]
if not stored["covered"]:
    sys.exit(f"FAIL: the built-in mock, --suite conformance, its store unused: {stored}")
print("ok the built-in mock's inputs are never what is missing")
PY
