#!/usr/bin/env bash
# verify's verdicts (issue 14, rows 5 and 10): a target that accepts connections and never answers ends verify
# after two unanswered exchanges with "target not answering", the remaining cases listed as not run, exit 2; the
# same with --max-time; when every failing case gets the same refusal (a wrong --project) a hint names the flags,
# and each failure shows the server's reply.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail, start_mock, stop

# Row 5: the built-in mock, hanging on every request: exit 2, the reason, the rest not run.
code=0
timeout 300 "$bin" verify --mock-fault hang --timeout 1000 > "$work/hang" 2> "$work/hang.err" || code=$?
[ "$code" = 2 ] || fail "hang: exit $code, expected 2: $(tail -3 "$work/hang" "$work/hang.err")"
grep -q "^error: target not answering: timeout: " "$work/hang.err" || fail "hang: no reason: $(cat "$work/hang.err")"
grep -qE "^  skip .*\(not run: target not answering" "$work/hang" || fail "hang: the rest is not marked not run"
not_run=$(grep -c "(not run: " "$work/hang")
[ "$not_run" -ge 40 ] || fail "hang: only $not_run cases marked not run: $(tail -5 "$work/hang")"
grep -q "^PASSED" "$work/hang" && fail "hang: says PASSED"

# --max-time 0.001: the first case runs, then the deadline has passed: exit 2, the rest not run.
code=0
timeout 120 "$bin" verify --max-time 0.001 > "$work/max" 2> "$work/max.err" || code=$?
[ "$code" = 2 ] || fail "max-time: exit $code, expected 2"
grep -q "^error: the run did not finish within --max-time" "$work/max.err" || fail "max-time: no reason: $(cat "$work/max.err")"

# Row 10, as issue 25 (preflight) makes it: a wrong --project or a refused token against a running mock is found
# by one valid send before the suites: exit 2, the reason first, the server's reply in it, no case run.
start_mock mock
url=$url_mock
fixtures="$("$bin" mock --print-fixtures)"
export VERDICT_TOKEN="$(grep -m1 'token:' <<<"$fixtures" | sed 's/.*"\(.*\)".*/\1/')"
export WRONG_TOKEN="not-a-token-of-this-gateway"
conversation="$(grep -m1 '      - ' <<<"$fixtures" | sed 's/.*"\(.*\)".*/\1/')"
project="$(grep -m1 'uuid:' <<<"$fixtures" | sed 's/.*"\(.*\)".*/\1/')"
for row in "wrong-project 00000000-0000-4000-8000-000000000000 VERDICT_TOKEN 404 --project 00000000-0000-4000-8000-000000000000 and --conversation" \
    "wrong-token $project WRONG_TOKEN 401 the token given by --token-env is refused"; do
    read -r name row_project token status words <<< "$row"
    code=0
    timeout 120 "$bin" verify --target "$url" --project "$row_project" --conversation "$conversation" \
        --token-env "$token" --suite conformance > "$work/$name" 2> "$work/$name.err" || code=$?
    [ "$code" = 2 ] || fail "$name: exit $code, expected 2: $(cat "$work/$name.err")"
    grep -q "^error: $words.*a valid send got $status " "$work/$name.err" ||
        fail "$name: the reason does not come first with the reply: $(cat "$work/$name.err")"
    grep -qE '^  (ok|FAIL) ' "$work/$name" && fail "$name: cases ran after the preflight refused"
done
# The right project passes the preflight and gets no hint.
timeout 120 "$bin" verify --target "$url" --project "$project" --conversation "$conversation" \
    --token-env VERDICT_TOKEN --suite conformance > "$work/right" 2> "$work/right.err" || fail "right project failed"
grep -q "^hint:" "$work/right.err" && fail "a passing run got a hint"
stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/mock.err")"
echo "verify verdicts: all checks passed"
