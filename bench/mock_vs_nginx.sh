#!/usr/bin/env bash
# Throughput and p99 of `harness mock` (validating and storing every request) against nginx returning a fixed
# reply on the same route. Each server is pinned to CPU 0 and loaded in turn by wrk pinned to CPU 1 (1 thread,
# 50 connections, POST with a valid body and token, a new idempotencyKey per request). Alternates the two
# servers RUNS times (default 3) and prints each run, the medians and the ratio mock/nginx; then one run each
# with two server threads/workers, unpinned. Loopback only; every process it starts is stopped by PID.
#   bench/mock_vs_nginx.sh [RUNS] [DURATION_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
duration="${2:-10}"
work="$(mktemp -d)"
source "$root/bench/peers.sh"
trap stop_peers EXIT
install_peers wrk nginx util-linux

fixtures="$("$harness" mock --print-fixtures)"
field() { printf '%s\n' "$fixtures" | grep -m1 "$1" | sed 's/.*"\(.*\)".*/\1/'; }
export BENCH_TOKEN="$(field 'token:')"
route="/v1/projects/$(field 'uuid:')/livechat/conversations/$(field '      - ')/messages/operator"

start_mock() { # threads cpu-list ; sets server_pid, port
    if [ -n "$2" ]; then
        taskset -c "$2" "$harness" mock --port 0 --threads "$1" > "$work/mock.out" 2>"$work/mock.err" &
    else
        "$harness" mock --port 0 --threads "$1" > "$work/mock.out" 2>"$work/mock.err" &
    fi
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 1 100); do [ -s "$work/mock.out" ] && break; sleep 0.05; done
    port="$(sed -n 's/^listening on http:\/\/127.0.0.1://p' "$work/mock.out")"
    wait_port "$port"
}

stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
}

# Prints "REQ_PER_SEC P99_MS ERRORS" for one wrk run against $port.
load() { # cpu-list for wrk
    local out
    out="$(taskset -c "$1" wrk -t1 -c50 -d"${duration}s" --latency -s "$root/bench/new_key_post.lua" \
        "http://127.0.0.1:$port$route")"
    local rps p99 errors
    rps="$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')"
    p99="$(printf '%s\n' "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')"
    errors="$(printf '%s\n' "$out" | awk '/Non-2xx/ {n+=$NF} /Socket errors/ {n+=1} END {print n+0}')"
    echo "$rps $p99 $errors"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "harness mock vs nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///'), wrk -t1 -c50 -d${duration}s, $runs alternating runs"
echo "servers pinned to CPU 0, wrk to CPU 1; every request a new idempotencyKey"
printf '%-6s %-6s %12s %10s %8s\n' run server "req/s" "p99 ms" errors
: > "$work/mock.rps"; : > "$work/nginx.rps"; : > "$work/mock.p99"; : > "$work/nginx.p99"
for run in $(seq 1 "$runs"); do
    for server in nginx mock; do
        "start_$server" 1 0
        read -r rps p99 errors < <(load 1)
        stop_server
        printf '%-6s %-6s %12.0f %10.3f %8s\n' "$run" "$server" "$rps" "$p99" "$errors"
        echo "$rps" >> "$work/$server.rps"
        echo "$p99" >> "$work/$server.p99"
    done
done
mock_rps="$(median < "$work/mock.rps")"; nginx_rps="$(median < "$work/nginx.rps")"
mock_p99="$(median < "$work/mock.p99")"; nginx_p99="$(median < "$work/nginx.p99")"
printf 'median  nginx %12.0f req/s  p99 %.3f ms\n' "$nginx_rps" "$nginx_p99"
printf 'median  mock  %12.0f req/s  p99 %.3f ms\n' "$mock_rps" "$mock_p99"
printf 'ratio mock/nginx (pinned, 1 thread): %.2f\n' "$(awk -v a="$mock_rps" -v b="$nginx_rps" 'BEGIN {print a / b}')"
# Within each run (nginx, then the mock, seconds apart, so the machine's drift over the bench cancels out).
paired="$(paste "$work/mock.rps" "$work/nginx.rps" | awk '{printf "%.3f\n", $1 / $2}')"
printf 'within each run: %s; their median %.2f\n' "$(printf '%s\n' "$paired" | tr '\n' ' ' | sed 's/ $//')" \
    "$(printf '%s\n' "$paired" | median)"

echo "two server threads/workers, unpinned (wrk unpinned too: all compete for both cores)"
start_nginx 2 ""
read -r nginx2 nginx2_p99 _ < <(load 0,1)
stop_server
start_mock 2 ""
read -r mock2 mock2_p99 _ < <(load 0,1)
stop_server
printf 'nginx (2 workers)  %12.0f req/s  p99 %.3f ms\n' "$nginx2" "$nginx2_p99"
printf 'mock  (--threads 2) %11.0f req/s  p99 %.3f ms\n' "$mock2" "$mock2_p99"
printf 'ratio mock/nginx (2 threads, unpinned): %.2f\n' "$(awk -v a="$mock2" -v b="$nginx2" 'BEGIN {print a / b}')"
