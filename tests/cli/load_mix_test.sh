#!/usr/bin/env bash
# load --mix (issue 16): a mixed workload of every request kind against the healthy built-in mock holds every
# kind's oracle and reports each kind with its own counts and latency (console, JSON); bad mixes are clear errors
# (exit 2) naming the kind or the flag; the target file's `mix:` mapping works like the flag. No rate or latency
# is bounded here (the faults that show only above a rate are in load_mix_overload_timing_test.sh).
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail
load() { timeout 120 "$bin" load --no-progress --hlog '' --duration 2s "$@"; }

load --rate 200 --mix all --json "$work/all.json" --report-dir "$work/reports" > "$work/all.txt" 2>&1 ||
    fail "a mix of every kind failed on the healthy mock: $(grep -E 'BROKE|FAIL' "$work/all.txt")"
python3 - "$work/all.json" <<'PY' || exit 1
import json, sys
run = json.load(open(sys.argv[1]))
kinds = {k["kind"]: k for k in run["kinds"]}
expected = {"new": 200, "no_key": 200, "key_reuse": 422, "no_auth": 401, "wrong_scheme": 401, "unknown_token": 401,
            "expired_token": 401, "other_project": 403, "other_company": 403, "invalid_field": 400, "not_json": 400,
            "unknown_conversation": 404}
problems = [f"{k}: missing" for k in expected if k not in kinds]
for name, status in expected.items():
    k = kinds.get(name)
    if k and (k["expectedStatus"] != status or k["held"] != k["intended"] or k["latency"]["count"] != k["answered"]):
        problems.append(f"{name}: {k}")
if sum(k["intended"] for k in kinds.values()) != run["accounting"]["intended"] - run["accounting"]["fates"]["too_late"]:
    problems.append("the kinds do not add up to the requests sent")
if not run["mix"].startswith("new=50,resend=10"):
    problems.append(f"mix {run['mix']}")
store = run.get("store", {})
if not store.get("holds") or store.get("stored") != store.get("accepted"):
    problems.append(f"the built-in mock's store tally: {store}")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
sent = ", ".join(f"{name} {k['intended']}" for name, k in kinds.items())
print(f"ok every kind held its oracle: {sent}")
PY
grep -qE '^  unknown_token +401 +[0-9]+ +[0-9]+ +0 ' "$work/all.txt" || fail "no per-kind row in the console: $(cat "$work/all.txt")"
grep -q '<h3>Request kinds</h3>' "$work/reports/load.html" || fail "no kind table in the HTML"
grep -q 'class="marked"' "$work/reports/load.html" && fail "the HTML marks seconds as broken on a healthy mock"
grep -q '^| unknown_token | 401 |' "$work/reports/load.md" || fail "no kind table in the Markdown"

# A mock that stores a second message for every replay: the store tally (the built-in mock's admin API counts the
# conversation before and after) finds more messages than accepted sends, a violation of the default threshold.
load --rate 100 --mix new=5,resend=5 --mock-fault drift=store_on_replay --json "$work/replay.json" > "$work/replay.txt" 2>&1
code=$?
[ "$code" = 1 ] || fail "a mock storing every replay: exit $code, expected 1: $(tail -n 4 "$work/replay.txt")"
grep -q '^  BROKE     refused requests or resends stored messages (profile rules 3-4 and 6' "$work/replay.txt" ||
    fail "the store tally does not name the extra messages: $(grep -E 'stored|BROKE' "$work/replay.txt")"
echo "ok a mock storing replays: $(grep '^  stored ' "$work/replay.txt" | sed 's/^ *//')"

# Bad mixes: exit 2 before any request, naming what is wrong.
expect_error() { # what, pattern, args...
    local what="$1" pattern="$2"
    shift 2
    load --rate 100 "$@" > "$work/bad.txt" 2>&1
    local code=$?
    [ "$code" = 2 ] && grep -q -- "$pattern" "$work/bad.txt" || fail "$what: exit $code, $(cat "$work/bad.txt")"
    echo "ok $what: $(grep -m1 error "$work/bad.txt")"
}
expect_error "an unknown kind" "unknown request kind 'no_auht' (expected one of new, resend" --mix new=5,no_auht=1
expect_error "a weight that is not a number" "the weight of new must be a whole number" --mix new=lots
expect_error "a mix with --resend-ratio" "give resends as a kind of the mix" --mix new=5 --resend-ratio 10
expect_error "a kind the target cannot send" "the request kind expired_token needs --expired-token-env" \
    --target http://127.0.0.1:9 --project p --conversation c --token-env PATH --mix new=5,expired_token=1

# The target file's mix: a mapping of kind to weight. A target file describes a gateway (issue 25: one without a
# url is refused, never the built-in mock), so it names a mock of its own.
printf 'mix:\n  new: 3\n  not_json: 1\n' > "$work/only-mix.yaml"
expect_error "a target file without a url" "only-mix.yaml gives no url" --target-file "$work/only-mix.yaml"
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"
start_mock mix
export MIX_TOKEN="$builtin_token"
printf 'url: %s\nproject: %s\nconversation: %s\ntoken_env: MIX_TOKEN\nmix:\n  new: 3\n  not_json: 1\n' \
    "$url_mix" "$builtin_project" "$builtin_conversation" > "$work/target.yaml"
load --rate 100 --target-file "$work/target.yaml" --json "$work/file.json" > "$work/file.txt" 2>&1 ||
    fail "a target file with a mix: $(tail -n 3 "$work/file.txt")"
python3 -c "
import json,sys
run=json.load(open('$work/file.json'))
assert run['mix']=='new=3,not_json=1', run['mix']
assert sorted(k['kind'] for k in run['kinds'])==['new','not_json'], run['kinds']
print('ok the target file mix:', run['mix'])" || fail "the target file's mix was not used"

# The .hlog carries one tagged line per kind, which HdrHistogram's own log processor selects with -tag.
timeout 120 "$bin" load --no-progress --duration 2s --rate 200 --mix all --hlog "$work/mix.hlog" --json "$work/hlog.json" \
    > "$work/hlog.txt" 2>&1 || fail "the .hlog run failed: $(tail -n 3 "$work/hlog.txt")"
[ "$(grep -c '^Tag=' "$work/mix.hlog")" -ge 12 ] || fail "no tagged line per kind in the .hlog"
jar="${HDRHISTOGRAM_JAR:-/usr/share/java/hdrhistogram.jar}"
if [ -f "$jar" ] && command -v java > /dev/null; then
    timeout 120 java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$work/mix.hlog" -o "$work/tag" \
        -tag unknown_token -outputValueUnitRatio 1 > "$work/java.log" 2>&1 || fail "HistogramLogProcessor: $(cat "$work/java.log")"
    java_count="$(sed -n 's/.*Total count *= *\([0-9]*\).*/\1/p' "$work/tag.hgrm")"
    ours="$(python3 -c "import json; print([k['latency']['count'] for k in json.load(open('$work/hlog.json'))['kinds'] if k['kind'] == 'unknown_token'][0])")"
    [ "$java_count" = "$ours" ] || fail "HdrHistogram reads $java_count unknown_token replies from the .hlog, the JSON says $ours"
    echo "ok the .hlog's unknown_token tag reads back in HdrHistogram: $java_count replies"
fi
