#!/usr/bin/env bash
# harness load --metrics-addr: while the run goes on, /metrics answers Prometheus text that grows between two
# scrapes and that promtool (from Debian's prometheus package, unpacked here, not installed as a service)
# accepts.
set -uo pipefail
bin="$1"
cache="$2" # a folder kept between runs for the unpacked promtool
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail; stops the load run on exit

promtool="$cache/promtool/usr/bin/promtool"
if [ ! -x "$promtool" ]; then
    mkdir -p "$cache/promtool-deb"
    (cd "$cache/promtool-deb" && { apt-get download prometheus > /dev/null 2>&1 ||
        { apt-get update -qq > /dev/null 2>&1 && apt-get download prometheus > /dev/null 2>&1; }; }) ||
        fail "cannot download Debian's prometheus package for promtool"
    dpkg-deb -x "$cache"/promtool-deb/prometheus_*.deb "$cache/promtool" || fail "cannot unpack prometheus"
fi

# No fixed sleeps: each step polls for its condition, with a deadline far beyond what it needs (the run is long
# enough for all of them and is stopped with SIGTERM once they are done). Port 0: the announced address is used.
spawn "$bin" load --rate 500 --duration 120s --no-progress --json "$work/result.json" --hlog '' \
    --metrics-addr 127.0.0.1:0 > "$work/out" 2> "$work/err"
pid=$spawned
deadline=$((SECONDS + 60))
metrics=""
while [ -z "$metrics" ] && [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || fail "the load run ended before announcing /metrics: $(cat "$work/err")"
    metrics="$(sed -n 's|^metrics on \(http://127\.0\.0\.1:[0-9]*/metrics\)$|\1|p' "$work/err")"
    [ -n "$metrics" ] || sleep 0.1
done
[ -n "$metrics" ] || fail "the metrics address is not announced: $(cat "$work/err")"
answered() { sed -n 's/^harness_load_requests_total{fate="answered"} \([0-9]*\)$/\1/p' "$1"; }
scrape_until_more_than() { # FILE N: scrapes into FILE until it counts more than N answered requests
    local file="$1" least="$2" n=""
    while [ "$SECONDS" -lt "$deadline" ]; do
        kill -0 "$pid" 2>/dev/null || fail "the load run ended before the scrapes were done: $(cat "$work/err")"
        if curl -sS --max-time 5 "$metrics" > "$file" 2> "$work/curl.err"; then
            n="$(answered "$file")"
            [ -n "$n" ] && [ "$n" -gt "$least" ] && return 0
        fi
        sleep 0.1
    done
    fail "no scrape of $metrics counted more than $least answered within the deadline (last: '$n' $(cat "$work/curl.err"))"
}
scrape_until_more_than "$work/first" 0
first="$(answered "$work/first")"
scrape_until_more_than "$work/second" "$first"
second="$(answered "$work/second")"
code=0
stop "$pid" 60 || code=$?
[ "$code" = 130 ] || fail "the load run ended on SIGTERM with $code, not 130 (interrupted): $(cat "$work/err")"
[ "$(python3 -c "import json; r=json.load(open('$work/result.json')); print(r['interrupted'], r['accounting']['fates']['answered'] >= $second)")" = "True True" ] ||
    fail "the interrupted run's result does not hold the scraped requests"
"$promtool" check metrics < "$work/second" > "$work/promtool" 2>&1 || fail "promtool rejects the exposition: $(cat "$work/promtool")"
grep -q '^harness_load_latency_seconds_bucket{le="+Inf"} ' "$work/second" || fail "no latency histogram"
echo "load metrics: scraped $first then $second answered at $metrics; promtool check metrics passes"
