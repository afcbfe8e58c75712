#!/usr/bin/env bash
# The HTML report of a real verify run and a real load run, rendered by headless Chromium: every chart's SVG is
# there with drawn paths, the page is self-contained (nothing fetched), Chromium logs no page errors, and a PNG
# screenshot is left in the build folder (report-screenshot.png) for people to look at.
set -uo pipefail
bin="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || fail "no chromium (apt-get install chromium)"

"$bin" verify --suite auth --mock-fault drift=code_null --json "$work/verify.json" > /dev/null
[ -s "$work/verify.json" ] || fail "no verify result"
timeout 60 "$bin" load --rate 500 --duration 3s --no-progress --json "$work/load.json" --hlog '' \
    --threshold 'p99<1s' > /dev/null || fail "the load run failed"
"$bin" report html "$work/verify.json" "$work/load.json" -o "$work/report.html" > /dev/null || fail "report html failed"
grep -qiE '<(script|link|img)[^>]+(src|href)=|@import|url\(' "$work/report.html" && fail "the page refers to external files"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2> "$work/console.log" ||
    fail "chromium could not render the page: $(tail -5 "$work/console.log")"
python3 - "$work/dom.html" <<'PY' || exit 1
import re, sys
dom = open(sys.argv[1]).read()
charts = re.findall(r'<svg id="([^"]+)" class="chart".*?</svg>', dom, re.S)
expected = ["verify-0-suites", "load-0-percentiles", "load-0-latency-time", "load-0-throughput", "load-0-statuses"]
missing = [c for c in expected if c not in charts]
if missing:
    sys.exit(f"FAIL: charts missing from the rendered page: {missing}")
for chart in re.findall(r'(<svg id="[^"]+" class="chart".*?</svg>)', dom, re.S):
    name = re.search(r'id="([^"]+)"', chart).group(1)
    paths = re.findall(r'<path d="M[0-9.]+ [0-9.]+(?:[LhvHVz][^"]*)?"', chart)
    if not paths:
        sys.exit(f"FAIL: chart {name} has no drawn path")
if "failed check(s)" not in dom or "Bearer &lt;redacted&gt;" not in dom:
    sys.exit("FAIL: the failing verify case is not shown with its redacted exchange")
print(f"ok: {len(charts)} charts rendered, each with drawn paths")
PY
if grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR' "$work/console.log" | grep -v 'dbus' ; then
    fail "the page logged errors"
fi
timeout 120 "$browser" "${flags[@]}" --window-size=1200,2600 --screenshot="$PWD/report-screenshot.png" \
    "file://$work/report.html" > /dev/null 2>&1 || fail "no screenshot"
[ -s "$PWD/report-screenshot.png" ] || fail "empty screenshot"
grep -q "mock-token" "$work/report.html" && fail "a token leaked into the report"
echo "report html: rendered in Chromium, screenshot at $PWD/report-screenshot.png"
