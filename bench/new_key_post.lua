-- wrk script: POST the operator message with a valid token and a new idempotencyKey on every request, so the
-- mock stores a new message each time (no replay shortcut). Set by mock_vs_nginx.sh through the environment.
local token = os.getenv("BENCH_TOKEN") or "mock-token-operator-1"
local counter = 0
local thread_tag = tostring(math.random(1, 1e9))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
    counter = counter + 1
    local body = '{"itemUuid":"bench-item","text":"benchmark message","idempotencyKey":"k-' ..
        thread_tag .. '-' .. counter .. '"}'
    return wrk.format(nil, nil, nil, body)
end
