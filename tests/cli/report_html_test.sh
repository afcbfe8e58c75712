#!/usr/bin/env bash
# report_html_test.sh BIN [WIDTH...]
# The HTML report of a real verify run and a real load run, laid out by headless Chromium at each WIDTH in CSS
# pixels (default 1200, the screenshot's, and 800, Chromium's default window): what only a browser can tell.
#   layout  no horizontal scrolling (scrollWidth <= the viewport's width) and no rendered element beyond the
#           viewport's right (or left) edge, as loaded and with every <details> opened
#   charts  every <svg> has a non-empty box, and drawn marks (shapes whose rendered geometry is not empty); no two
#           texts of a chart overlap (title, legend, ticks, threshold labels); y ticks are round (1, 2 or 5 times a
#           power of ten apart, or decades on a log axis); the latency threshold is a line on both latency charts;
#           requested/s is dashed (it lies on answered/s)
#   cases   the failing verify case is the first row of its table, open as loaded; the passed cases folded per suite
#   summary the summary of every run starts on the first screen (< 1000 px down), before any run's section
# Also: the page is self-contained (nothing fetched), Chromium logs no page errors, the failing verify case is
# shown with its redacted exchange, no token leaks, and a PNG screenshot at 1200 px is left in the working folder
# (report-screenshot.png) for people to look at. The layout is measured by report_layout_probe.js, run inside
# the page (a copy with it appended) and writing its verdict into the DOM that --dump-dom prints.
set -uo pipefail
bin="$1"
shift
widths=("$@")
[ "${#widths[@]}" -gt 0 ] || widths=(1200 800)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/processes.sh" # $work, fail
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || fail "no chromium (apt-get install chromium)"

# auth fails against the drifting mock, conformance passes: one suite of failing cases, one folded as passed.
timeout 60 "$bin" verify --suite auth --suite conformance --mock-fault drift=code_null --json "$work/verify.json" \
    > /dev/null
[ -s "$work/verify.json" ] || fail "no verify result"
# Thresholds that hold or fail whatever the machine's speed: the healthy mock keeps the contract, and no latency
# is below 1 us. So the page has a passed and a failed threshold, drawn on the latency charts they judge.
timeout 60 "$bin" load --rate 500 --duration 3s --no-progress --json "$work/load.json" --hlog '' \
    --threshold 'violations==0' --threshold 'p99<1us' > /dev/null
[ $? -eq 1 ] || fail "the load run with an impossible threshold did not exit 1"
# A run with findings (issue 25 row 7): violations by rule with their sample bodies, and seconds marked by class.
timeout 60 "$bin" load --rate 200 --duration 3s --no-progress --json "$work/findings.json" --hlog '' \
    --mock-fault reset,p=0.1 --mock-fault drift=success_as_string,p=0.3 > /dev/null
[ $? -eq 1 ] || fail "the load run against a resetting, drifting mock did not exit 1"
timeout 60 "$bin" report html "$work/verify.json" "$work/load.json" "$work/findings.json" -o "$work/report.html" \
    > /dev/null || fail "report html failed"
grep -q '<h3>Violations by rule</h3>' "$work/report.html" || fail "the run with findings shows no violations by rule"
grep -qiE '<(script|link|img)[^>]+(src|href)=|@import|url\(' "$work/report.html" && fail "the page refers to external files"
grep -q "failed check(s)" "$work/report.html" && grep -q "Bearer &lt;redacted&gt;" "$work/report.html" ||
    fail "the failing verify case is not shown with its redacted exchange"
grep -q "mock-token" "$work/report.html" && fail "a token leaked into the report"
# Durations are written with the micro sign (the exchanges shown verbatim aside).
sed 's|<pre>[^<]*</pre>||g' "$work/report.html" | grep -oE '[0-9]us\b' | head -n 3 | grep . &&
    fail "the page writes durations in us, not µs"
grep -q '[0-9]µs' "$work/report.html" || fail "the page writes no duration in µs"

# The copy that measures itself: the probe runs last, after the whole page is parsed and styled.
grep -q '</body></html>$' "$work/report.html" || fail "the report does not end with </body></html>"
{
    sed '$ s|</body></html>$||' "$work/report.html"
    printf '<script>\n'
    cat "$here/report_layout_probe.js"
    printf '</script>\n</body></html>\n'
} > "$work/probed.html"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
for width in "${widths[@]}"; do
    timeout 120 "$browser" "${flags[@]}" --window-size="$width,2600" --dump-dom "file://$work/probed.html" \
        > "$work/dom-$width.html" 2> "$work/console-$width.log" ||
        fail "chromium could not render the page at $width px: $(tail -n 5 "$work/console-$width.log")"
    if grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR' "$work/console-$width.log" | grep -v 'dbus'; then
        fail "the page logged errors at $width px"
    fi
    python3 - "$work/dom-$width.html" "$width" <<'PY' || exit 1
import json, re, sys
dom, width = open(sys.argv[1]).read(), int(sys.argv[2])
found = re.findall(r'<script type="application/json" id="layout-verdict">(.*?)</script>', dom, re.S)
if not found:
    sys.exit(f"FAIL: at {width} px the layout probe wrote no verdict (did its script fail?)")
verdict = json.loads(found[-1])
problems = []
if verdict["loaded"]["innerWidth"] != width:
    problems.append(f"the window is {verdict['loaded']['innerWidth']} px wide, not {width}")
for state in ("loaded", "detailsOpen"):
    m = verdict[state]
    if m["scrollWidth"] > m["clientWidth"]:
        problems.append(f"{state}: the page scrolls sideways: scrollWidth {m['scrollWidth']} > viewport {m['clientWidth']}")
    outermost = [e for e in m["wide"] if e["outermost"]]
    for e in outermost:
        problems.append(f"{state}: {e['element']} in {e['path']} spans x {e['left']}..{e['right']} beyond the viewport"
                        f" ({m['clientWidth']} px): {e['text']!r}")
    if len(m["wide"]) > len(outermost):
        problems.append(f"{state}: ... and {len(m['wide']) - len(outermost)} elements inside those")
expected = ["verify-0-suites", "load-0-percentiles", "load-0-latency-time", "load-0-throughput", "load-0-statuses",
            "load-1-latency-time"]
charts = {c["id"]: c for c in verdict["charts"]}
problems += [f"chart {c} is missing" for c in expected if c not in charts]
for c in verdict["charts"]:
    if not (c["width"] > 0 and c["height"] > 0):
        problems.append(f"chart {c['id'] or '(no id)'} has an empty box: {c['width']} x {c['height']}")
    if c["drawn"] == 0:
        problems.append(f"chart {c['id'] or '(no id)'} has no drawn mark")
import math
for c in verdict["charts"]:
    if c["overlapping"]:
        problems.append(f"chart {c['id']}: texts overlap: {c['overlapping'][:3]}")
    ticks = [float(t) for t in c["yTicks"]]
    if len(ticks) >= 2:
        if c["log"]:
            if any(abs(math.log10(t) - round(math.log10(t))) > 1e-9 for t in ticks):
                problems.append(f"chart {c['id']}: log ticks not on decades: {c['yTicks']}")
        else:
            step = ticks[1] - ticks[0]
            mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
            if min(abs(mantissa - m) for m in (1, 2, 5)) > 1e-6 or any(abs(t / step - round(t / step)) > 1e-6 for t in ticks):
                problems.append(f"chart {c['id']}: uneven y ticks {c['yTicks']}")
for chart in ("load-0-percentiles", "load-0-latency-time"):
    if chart in charts and charts[chart]["thresholds"] != 1:
        problems.append(f"chart {chart}: the p99 threshold is not drawn as a line ({charts[chart]['thresholds']})")
if "load-0-throughput" in charts and charts["load-0-throughput"]["dashed"] != 1:
    problems.append("chart load-0-throughput: requested/s is not drawn dashed over answered/s")
# The first screen answers the CI reader: the summary, a row per run (one verify, two loads), starts above 1000 px
# (the first screen at these window heights) and before any run's section; the passed cases are folded.
summary = verdict.get("summary")
if not summary:
    problems.append("the page has no summary (#summary)")
else:
    if summary["top"] >= 1000:
        problems.append(f"the summary starts {summary['top']:.0f} px down, not on the first screen (< 1000 px)")
    if not summary["beforeRuns"]:
        problems.append("a run's section comes before the summary")
    if summary["rows"] != 3:
        problems.append(f"the summary has {summary['rows']} rows, not one per run (3)")
folded = verdict["passedFolded"]
if folded["suites"] == 0 or folded["open"] != 0:
    problems.append(f"the passed cases are not folded per suite, closed as loaded: {folded}")
first = verdict.get("firstCase")
if not first or first["result"] != "failed" or not first["open"]:
    problems.append(f"the first row of the verify cases is not the failing case, open: {first}")
if problems:
    print(f"FAIL: the report laid out at {width} px:")
    print("\n".join("  " + p for p in problems[:40]))
    sys.exit(1)
sizes = ", ".join(f"{c['id']} {c['width']:.0f}x{c['height']:.0f}" for c in verdict["charts"])
print(f"ok {width} px: nothing beyond the viewport (scrollWidth {verdict['loaded']['scrollWidth']}, "
      f"{verdict['detailsOpen']['scrollWidth']} with details open); charts {sizes}")
PY
done

timeout 120 "$browser" "${flags[@]}" --window-size=1200,2600 --screenshot="$PWD/report-screenshot.png" \
    "file://$work/report.html" > /dev/null 2>&1 || fail "no screenshot"
[ -s "$PWD/report-screenshot.png" ] || fail "empty screenshot"
echo "report html: laid out in Chromium at ${widths[*]} px, screenshot at $PWD/report-screenshot.png"
