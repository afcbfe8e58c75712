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

# Row 10: a wrong --project against a running mock: the cases fail with 404, a hint names the flags to check,
# and each failure shows the server's reply.
start_mock mock
url=$url_mock
fixtures="$("$bin" mock --print-fixtures)"
export VERDICT_TOKEN="$(printf '%s\n' "$fixtures" | grep -m1 'token:' | sed 's/.*"\(.*\)".*/\1/')"
conversation="$(printf '%s\n' "$fixtures" | grep -m1 '      - ' | sed 's/.*"\(.*\)".*/\1/')"
code=0
timeout 120 "$bin" verify --target "$url" --project 00000000-0000-4000-8000-000000000000 \
    --conversation "$conversation" --token-env VERDICT_TOKEN --suite conformance > "$work/wrong" 2> "$work/wrong.err" ||
    code=$?
[ "$code" = 1 ] || fail "wrong project: exit $code, expected 1: $(cat "$work/wrong.err")"
grep -q "^hint: the failing cases got 404 — check --project and --conversation" "$work/wrong.err" ||
    fail "wrong project: no hint: $(cat "$work/wrong.err")"
grep -qE '^ +response: 404 \{.*NOT_FOUND' "$work/wrong" || fail "wrong project: the server's reply is not shown"
# The right project gets no hint.
project="$(printf '%s\n' "$fixtures" | grep -m1 'uuid:' | sed 's/.*"\(.*\)".*/\1/')"
timeout 120 "$bin" verify --target "$url" --project "$project" --conversation "$conversation" \
    --token-env VERDICT_TOKEN --suite conformance > "$work/right" 2> "$work/right.err" || fail "right project failed"
grep -q "^hint:" "$work/right.err" && fail "a passing run got a hint"
stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/mock.err")"
echo "verify verdicts: all checks passed"
