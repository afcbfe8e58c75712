#!/usr/bin/env bash
# load_progress_test.sh BIN
# The progress line (issue 17, row 10): in a CI log (stderr not a terminal) a plain line per interval, each with
# the requested and achieved rate, the p99 of a named complete second, and answered / other status / failed /
# too late so far; the last line's counts are the summary's. On a terminal (a pseudo-terminal from `script`)
# one line rewritten in place with \r, ended by a newline. Counts only: no rate or latency is bounded here.
set -euo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail

# Every 10th reply a 500: "other status" must count them, the same number as the summary's statuses.
timeout 120 "$bin" load --rate 200 --duration 3s --progress-interval 1 --hlog '' --no-default-thresholds \
    --mock-fault status=500,every=10 > "$work/summary" 2> "$work/progress"
cat "$work/progress"
lines="$(grep -c '^\[ *[0-9.]*s/3.0s\] requested [0-9]*/s achieved [0-9]*/s  p99 ' "$work/progress" || true)"
[ "$lines" -ge 2 ] || fail "expected a progress line per second and a last one in a CI log, got $lines"
grep -q $'\r' "$work/progress" && fail "a CI log got terminal control characters"
grep -v -E -e 'p99 \(second [0-9]*\) [0-9.]*(µ|m)?s ' -e 'p99 \(no complete second yet\)' "$work/progress" | grep . &&
    fail "a progress line without the p99 of a named second"
last="$(tail -n 1 "$work/progress")"
for field in answered 'other status' failed 'too late'; do
    grep -q "  $field [0-9]*" <<<"$last" || fail "the last progress line lacks '$field': $last"
done
other="$(sed -n 's/.*other status \([0-9]*\).*/\1/p' <<<"$last")"
answered="$(sed -n 's/.*answered \([0-9]*\).*/\1/p' <<<"$last")"
[ "$other" -gt 0 ] || fail "the 500s are not counted as other status: $last"
grep -q "500:$other\b" "$work/summary" || fail "other status $other is not the summary's count of 500s: $(grep statuses "$work/summary")"
grep -q "$answered answered" "$work/summary" ||
    fail "answered $answered is not the summary's: $(grep -m2 answered "$work/summary")"

# A closed loop has no requested rate: it says so.
timeout 120 "$bin" load --connections 2 --duration 1s --hlog '' 2> "$work/closed" > /dev/null
grep -q 'closed loop, achieved [0-9]*/s' "$work/closed" || fail "closed loop progress: $(cat "$work/closed")"

# On a terminal: one line rewritten in place, the last one ended by a newline.
if command -v script > /dev/null; then
    TERM=dumb timeout 120 script -qec "$bin load --rate 100 --duration 2s --hlog '' 2>&1 >/dev/null" /dev/null \
        > "$work/tty" || true
    grep -q $'\r\\[ *[0-9.]*s/2.0s\\] requested' "$work/tty" || fail "no live line on a terminal: $(cat -A "$work/tty")"
fi
echo "progress line: rates, the last complete second's p99, every count; plain lines in a log, live on a terminal"
