-- wrk script for bench/load_vs_wrk.sh: the same POST every time (wrk's fastest path: the request is formatted
-- once), so wrk is measured at its best against harness load.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "mock-token-operator-1")
wrk.body = '{"itemUuid":"load-item","text":"harness load test","idempotencyKey":"00000000000000000000000000000000"}'
