#!/usr/bin/env bash
# Our .hlog must read back, through HdrHistogram's own HistogramLogProcessor (Debian's libhdrhistogram-java),
# to the same total, max, mean and percentiles our histogram reports.
set -euo pipefail
writer="$1"
jar="${HDRHISTOGRAM_JAR:-/usr/share/java/hdrhistogram.jar}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$jar" ] || fail "$jar not found (apt-get install libhdrhistogram-java)"
command -v java >/dev/null || fail "no java (apt-get install openjdk-17-jre-headless)"

"$writer" "$work/run.hlog" > "$work/ours.txt"
timeout 120 java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$work/run.hlog" -o "$work/java" \
    -outputValueUnitRatio 1 > "$work/java.log" 2>&1 || fail "HistogramLogProcessor failed: $(cat "$work/java.log")"
ours() { awk -v k="$1" '$1 == k {print $2}' "$work/ours.txt"; }
percentile() { awk -v p="$1" '$1 == "percentile" && $2 == p {print $3}' "$work/ours.txt"; }

java_total="$(sed -n 's/.*Total count *= *\([0-9]*\).*/\1/p' "$work/java.hgrm")"
java_max="$(sed -n 's/.*Max *= *\([0-9.]*\),.*/\1/p' "$work/java.hgrm")"
java_mean="$(sed -n 's/.*Mean *= *\([0-9.]*\),.*/\1/p' "$work/java.hgrm")"
# The last interval line's totals: T:count ( 50% 90% 99% 99.9% 99.99% Max )
read -r _ j50 j90 j99 j999 j9999 jmax _ < <(tail -n 1 "$work/java" | sed 's/.*T:\([0-9]*\) ( \(.*\) )/\1 \2 x/')

[ "$java_total" = "$(ours total)" ] || fail "total: java $java_total, ours $(ours total)"
[ "${java_max%.*}" = "$(ours max)" ] || fail "max: java $java_max, ours $(ours max)"
awk -v a="$java_mean" -v b="$(ours mean)" 'BEGIN {exit !(a - b < 0.01 && b - a < 0.01)}' ||
    fail "mean: java $java_mean, ours $(ours mean)"
for pair in "50 $j50" "90 $j90" "99 $j99" "99.9 $j999" "99.99 $j9999"; do
    set -- $pair
    [ "${2%.*}" = "$(percentile "$1")" ] || fail "p$1: java $2, ours $(percentile "$1")"
done
[ "${jmax%.*}" = "$(ours max)" ] || fail "interval max: java $jmax, ours $(ours max)"
echo "HistogramLogProcessor reads our .hlog: total $java_total, max $java_max, mean $java_mean, p50 $j50, p99.9 $j999 — all equal to ours"
