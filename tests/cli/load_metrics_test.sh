#!/usr/bin/env bash
# harness load --metrics-addr: while the run goes on, /metrics answers Prometheus text that grows between two
# scrapes and that promtool (from Debian's prometheus package, unpacked here, not installed as a service)
# accepts.
set -uo pipefail
bin="$1"
cache="$2" # a folder kept between runs for the unpacked promtool
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

promtool="$cache/promtool/usr/bin/promtool"
if [ ! -x "$promtool" ]; then
    mkdir -p "$cache/promtool-deb"
    (cd "$cache/promtool-deb" && { apt-get download prometheus > /dev/null 2>&1 ||
        { apt-get update -qq > /dev/null 2>&1 && apt-get download prometheus > /dev/null 2>&1; }; }) ||
        fail "cannot download Debian's prometheus package for promtool"
    dpkg-deb -x "$cache"/promtool-deb/prometheus_*.deb "$cache/promtool" || fail "cannot unpack prometheus"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$bin" load --rate 500 --duration 6s --no-progress --json '' --hlog '' --metrics-addr "127.0.0.1:$port" \
    > "$work/out" 2> "$work/err" &
pid=$!
sleep 2
curl -sS --max-time 5 "http://127.0.0.1:$port/metrics" > "$work/first" || fail "no /metrics while running: $(cat "$work/err")"
sleep 2
curl -sS --max-time 5 "http://127.0.0.1:$port/metrics" > "$work/second" || fail "no second scrape"
wait "$pid" || fail "the load run failed"
pid=""
"$promtool" check metrics < "$work/second" > "$work/promtool" 2>&1 || fail "promtool rejects the exposition: $(cat "$work/promtool")"
answered() { sed -n 's/^harness_load_requests_total{fate="answered"} \([0-9]*\)$/\1/p' "$1"; }
first="$(answered "$work/first")"
second="$(answered "$work/second")"
[ -n "$first" ] && [ -n "$second" ] && [ "$second" -gt "$first" ] && [ "$first" -gt 0 ] ||
    fail "answered did not grow between scrapes: $first then $second"
grep -q '^harness_load_latency_seconds_bucket{le="+Inf"} ' "$work/second" || fail "no latency histogram"
grep -q "metrics on http://127.0.0.1:$port/metrics" "$work/err" || fail "the metrics address is not announced"
echo "load metrics: scraped $first then $second answered; promtool check metrics passes"
