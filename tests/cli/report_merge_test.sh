#!/usr/bin/env bash
# report merge: two concurrent runs merge into one result whose counts are the sums, whose histogram is the
# exact union (a single file merges to itself; HdrHistogram's Java tool reads the merged .hlog to the summed
# count), and a missing shard is named (exit 1), never hidden.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, await, fail; stops the background run on exit
json() { python3 -c "import json,sys; r=json.load(open('$1')); print($2)"; }
spawn timeout 60 "$bin" load --rate 600 --duration 3s --no-progress --json "$work/a.json" --hlog '' > "$work/a.out" 2>&1
timeout 60 "$bin" load --rate 400 --duration 3s --no-progress --json "$work/b.json" --hlog '' > "$work/b.out" 2>&1 ||
    fail "run b failed: $(tail -n 5 "$work/b.out")"
await "$spawned" || fail "run a failed: $(tail -n 5 "$work/a.out")"
"$bin" report merge "$work/a.json" "$work/b.json" -o "$work/all.json" --hlog "$work/all.hlog" > "$work/out" ||
    fail "merge failed: $(cat "$work/out")"
python3 - "$work/a.json" "$work/b.json" "$work/all.json" <<'PY' || exit 1
import json, sys
a, b, m = (json.load(open(f)) for f in sys.argv[1:4])
checks = {
    "latency count": m["latency"]["count"] == a["latency"]["count"] + b["latency"]["count"],
    "intended": m["accounting"]["intended"] == a["accounting"]["intended"] + b["accounting"]["intended"],
    "answered": m["accounting"]["fates"]["answered"] == a["accounting"]["fates"]["answered"] + b["accounting"]["fates"]["answered"],
    "requested rate": abs(m["requestedRate"] - (a["requestedRate"] + b["requestedRate"])) < 1e-6,
    "max": m["latency"]["maxUs"] == max(a["latency"]["maxUs"], b["latency"]["maxUs"]),
    "timeline requests": sum(e["requests"] for e in m["timeline"]) == sum(e["requests"] for e in a["timeline"] + b["timeline"]),
}
bad = [k for k, ok in checks.items() if not ok]
if bad:
    sys.exit("FAIL: merged " + ", ".join(bad))
PY
"$bin" report merge "$work/a.json" -o "$work/self.json" > /dev/null || fail "merging one file failed"
[ "$(json "$work/self.json" "r['latency']['percentilesUs']")" = "$(json "$work/a.json" "r['latency']['percentilesUs']")" ] ||
    fail "one file does not merge to itself"
jar="${HDRHISTOGRAM_JAR:-/usr/share/java/hdrhistogram.jar}"
timeout 120 java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$work/all.hlog" -o "$work/java" \
    -outputValueUnitRatio 1 > /dev/null 2>&1 || fail "the merged .hlog is not readable"
[ "$(sed -n 's/.*Total count *= *\([0-9]*\).*/\1/p' "$work/java.hgrm")" = "$(json "$work/all.json" "r['latency']['count']")" ] ||
    fail "the merged .hlog does not count what the merged JSON counts"
# Thresholds judge the merged run: one that holds, one that cannot.
"$bin" report merge "$work/a.json" "$work/b.json" -o "$work/judged.json" --threshold 'errors<50%' > /dev/null ||
    fail "a holding threshold failed the merge"
[ "$(json "$work/judged.json" "r['thresholds'][0]['passed'], r['passed']")" = "True True" ] || fail "threshold not in the JSON"
"$bin" report merge "$work/a.json" "$work/b.json" -o "$work/judged.json" --threshold 'p50<1us' > "$work/out" 2>&1; code=$?
[ "$code" = 1 ] || fail "a failing merged threshold exited $code"
[ "$(json "$work/judged.json" "r['passed']")" = False ] || fail "the merged result does not say it failed"
"$bin" report merge "$work/a.json" -o "$work/judged.json" --threshold 'p99<<1' > /dev/null 2>&1; code=$?
[ "$code" = 2 ] || fail "a malformed threshold exited $code"
"$bin" report merge "$work/a.json" "$work/missing.json" -o "$work/partial.json" > "$work/out" 2>&1; code=$?
[ "$code" = 1 ] || fail "a missing shard exited $code"
grep -q "MISSING: $work/missing.json" "$work/out" || fail "the missing shard is not named"
"$bin" report merge "$work/missing.json" -o "$work/none.json" > /dev/null 2>&1; code=$?
[ "$code" = 2 ] || fail "nothing readable exited $code"
echo "report merge: all checks passed"
