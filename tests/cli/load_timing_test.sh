#!/usr/bin/env bash
# harness load's honesty, measured in wall-clock time (CTest label `timing`: run it alone, `ctest -L timing`, or
# leave it out on a loaded machine, `ctest -LE timing`). A periodic 500 ms stall every 5 s at a fixed arrival rate
# must show in the open loop's p99, p99.9 and max as docs/load.md derives them (within 10 %), while a closed-loop
# run hides it. The bounds hold with one of two cores kept busy (stress-ng --cpu 1 beside it).
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail
run() { timeout 120 "$bin" load --no-progress --hlog '' "$@"; }

run --rate 500 --duration 10s --mock-fault stall=500/5000 --json "$work/open.json" > "$work/open.txt" ||
    fail "the open-loop run failed: $(tail -n 5 "$work/open.txt")"
run --connections 50 --duration 10s --mock-fault stall=500/5000 --validate-sample 0 --json "$work/closed.json" \
    > "$work/closed.txt" || fail "the closed-loop run failed: $(tail -n 5 "$work/closed.txt")"
python3 - "$work/open.json" "$work/closed.json" <<'PY' || exit 1
import json, sys
open_run, closed_run = (json.load(open(f)) for f in sys.argv[1:3])
p = open_run["latency"]["percentilesUs"]
# docs/load.md: stall D = 500 ms every P = 5 s, so f = D/P = 10% of arrivals wait D - t (t uniform in [0, D));
# the q-quantile of all latencies is D * (1 - (1 - q) / f): p99 = 450 ms, p99.9 = 495 ms, max = D.
expected = {"p99": 450_000, "p99.9": 495_000}
for key, value in expected.items():
    if abs(p[key] - value) > 0.10 * value:
        sys.exit(f"FAIL: open-loop {key} {p[key]} us, expected {value} us within 10%")
if abs(open_run["latency"]["maxUs"] - 500_000) > 50_000:
    sys.exit(f"FAIL: open-loop max {open_run['latency']['maxUs']} us, expected ~500000")
closed_p99 = closed_run["latency"]["percentilesUs"]["p99"]
if closed_p99 > 0.1 * p["p99"]:
    sys.exit(f"FAIL: the closed loop did not hide the stall: p99 {closed_p99} us")
print(f"ok honesty: open p99 {p['p99']/1000:.1f} ms, p99.9 {p['p99.9']/1000:.1f} ms, max {open_run['latency']['maxUs']/1000:.1f} ms;"
      f" closed p99 {closed_p99/1000:.2f} ms over {closed_run['latency']['count']} replies")
PY
