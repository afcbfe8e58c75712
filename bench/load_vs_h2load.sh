#!/usr/bin/env bash
# HTTP/2 figures against the peers of issue 18, in one run, loopback only, every process stopped by PID:
#   1. harness load --http 2 against h2load, both driving the same nginx (a reply of the mock's shape on the route, `listen …
#      http2`, pinned to CPU 0), each client pinned to CPU 1: 1 thread, 50 connections, the same streams per
#      connection (h2load -m N, harness load --streams N: 1 and 10 over h2c, 10 over TLS), closed loop, DURATION
#      s, RUNS alternating runs; over h2c (prior knowledge) and over TLS (h2 by ALPN). req/s and client CPU
#      seconds per 100 000 requests (user + system from `time`); medians and ratios.
#   2. the mock over h2c against nginx over h2c, the same client (h2load, CPU 1, 50 connections, -m 10), each
#      server pinned to CPU 0 with one thread/worker: req/s, medians and the ratio.
#   bench/load_vs_h2load.sh [RUNS] [DURATION_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
duration="${2:-10}"
work="$(mktemp -d)"
source "$root/bench/peers.sh"
trap stop_peers EXIT
install_peers nghttp2-client nginx
project=7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c
conversation=5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b
route="/v1/projects/$project/livechat/conversations/$conversation/messages/operator"
export BENCH_TOKEN=mock-token-operator-1
printf '{"itemUuid":"bench-item","text":"benchmark message"}' > "$work/body.json"
TIMEFORMAT='%U %S'
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Each run prints "REQUESTS REQ_PER_SEC CPU_SECONDS".
run_h2load() { # URL STREAMS
    local cpu
    { time taskset -c 1 h2load -t 1 -c 50 -m "$2" -D "$duration" -H "Authorization: Bearer $BENCH_TOKEN" \
        -H 'content-type: application/json' -d "$work/body.json" "$1$route" > "$work/h2load.out" 2>&1; } 2> "$work/time"
    cpu="$(tail -n 1 "$work/time" | awk '{print $1 + $2}')"
    awk -v cpu="$cpu" '/^requests:/ {done=$8} /^finished in/ {gsub(",", "", $4); rps=$4} END {print done, rps, cpu}' \
        "$work/h2load.out"
}
run_harness() { # URL [flags]
    local cpu url="$1"
    shift
    { time taskset -c 1 "$harness" load --http 2 --target "$url" --project "$project" --conversation "$conversation" \
        --token-env BENCH_TOKEN --connections 50 --threads 1 --duration "${duration}s" --validate-sample 0 \
        --no-progress --no-default-thresholds --json "$work/h.json" --hlog '' "$@" > /dev/null 2>&1 || true; } 2> "$work/time"
    cpu="$(tail -n 1 "$work/time" | awk '{print $1 + $2}')"
    python3 -c "import json; r=json.load(open('$work/h.json')); print(r['accounting']['fates']['answered'], r['achievedRate'], '$cpu')"
}

compare_clients() { # LABEL STREAMS URL [harness flags]
    local label="$1" streams="$2" url="$3"
    shift 3
    : > "$work/h2load.rps"; : > "$work/h2load.cpu"; : > "$work/harness.rps"; : > "$work/harness.cpu"
    for run in $(seq 1 "$runs"); do
        for client in h2load harness; do
            if [ "$client" = h2load ]; then
                read -r n rps cpu < <(run_h2load "$url" "$streams")
            else
                read -r n rps cpu < <(run_harness "$url" --streams "$streams" "$@")
            fi
            per100k="$(awk -v c="$cpu" -v n="$n" 'BEGIN {printf "%.3f", (n > 0 ? c / n * 100000 : 0)}')"
            printf '%-6s %-4s %-14s %12.0f %14s\n' "$label" "$run" "$client" "$rps" "$per100k"
            echo "$rps" >> "$work/$client.rps"
            echo "$per100k" >> "$work/$client.cpu"
        done
    done
    local hr hc lr lc
    hr="$(median < "$work/h2load.rps")"; hc="$(median < "$work/h2load.cpu")"
    lr="$(median < "$work/harness.rps")"; lc="$(median < "$work/harness.cpu")"
    printf 'median %s: harness load %.0f req/s = %.2fx h2load (%.0f); CPU %.3f s/100k = %.2fx h2load (%.3f)\n' \
        "$label" "$lr" "$(awk -v a="$lr" -v b="$hr" 'BEGIN {print a / b}')" "$hr" \
        "$lc" "$(awk -v a="$lc" -v b="$hc" 'BEGIN {print a / b}')" "$hc"
}

echo "1. harness load --http 2 --streams N vs h2load -m N, both against nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') pinned to CPU 0"
echo "   clients pinned to CPU 1: 1 thread, 50 connections, closed loop, ${duration}s, $runs alternating runs"
printf '%-6s %-4s %-14s %12s %14s\n' mode run client "req/s" "CPU s/100k req"
NGINX_LISTEN="http2" start_nginx 1 0
compare_clients h2c-m1 1 "http://127.0.0.1:$port"
compare_clients h2c-m10 10 "http://127.0.0.1:$port"
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
NGINX_LISTEN="ssl http2" start_nginx 1 0
compare_clients tls-m10 10 "https://127.0.0.1:$port" --insecure
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true

echo
echo "2. the mock over h2c vs nginx over h2c, each pinned to CPU 0 (1 thread / worker); h2load on CPU 1, 50 connections, -m 10"
: > "$work/mock.rps"; : > "$work/nginx.rps"
for run in $(seq 1 "$runs"); do
    NGINX_LISTEN="http2" start_nginx 1 0
    read -r n rps cpu < <(run_h2load "http://127.0.0.1:$port" 10)
    printf 'run %s nginx %12.0f req/s\n' "$run" "$rps"; echo "$rps" >> "$work/nginx.rps"
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
    taskset -c 0 "$harness" mock --port 0 --threads 1 > "$work/mock.out" 2>&1 &
    mock_pid=$!; pids+=("$mock_pid")
    for _ in $(seq 1 100); do [ -s "$work/mock.out" ] && break; sleep 0.05; done
    read -r n rps cpu < <(run_h2load "$(sed -n 's/^listening on //p' "$work/mock.out")" 10)
    printf 'run %s mock  %12.0f req/s\n' "$run" "$rps"; echo "$rps" >> "$work/mock.rps"
    kill -TERM "$mock_pid"; wait "$mock_pid" 2>/dev/null || true
done
mr="$(median < "$work/mock.rps")"; nr="$(median < "$work/nginx.rps")"
printf 'median: mock over h2c %.0f req/s = %.2fx nginx over h2c (%.0f) (goal: at least 0.7x)\n' "$mr" \
    "$(awk -v a="$mr" -v b="$nr" 'BEGIN {print a / b}')" "$nr"
