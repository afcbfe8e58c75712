#!/usr/bin/env bash
# mock_admin_token_test.sh BIN
# The mock as a shared service (issue 29, point 6): bound beyond loopback it will not start with its admin API
# open (exit 2 naming --admin-token-env); given a token, /__admin refuses a request without it (401) or with
# another, answers with it, and leaves /metrics open; verify's store oracle takes the token by --admin-token-env
# the same way, and without it the run cannot count what was stored (exit 2). The mock listens on loopback here:
# the token is asked for whatever the address once it is given.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, run_bin, start_mock
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"

# Beyond loopback without a token: refused before anything listens.
run_bin 2 open-admin mock --bind 0.0.0.0 --port 0
grep -qF -- '--bind 0.0.0.0 opens the admin API' "$work/open-admin.log" || fail "no reason: $(cat "$work/open-admin.log")"
grep -qF -- '--admin-token-env NAME' "$work/open-admin.log" || fail "no flag named: $(cat "$work/open-admin.log")"
grep -q 'listening on' "$work/open-admin.log" && fail "the mock listened with its admin API open"
run_bin 2 unset-token mock --port 0 --admin-token-env HARNESS_TEST_UNSET_ADMIN_TOKEN
grep -qF 'HARNESS_TEST_UNSET_ADMIN_TOKEN is not set' "$work/unset-token.log" || fail "$(cat "$work/unset-token.log")"

export MOCK_ADMIN_TOKEN="admin-secret-$$"
start_mock shared --admin-token-env MOCK_ADMIN_TOKEN
url=$url_shared
status() { curl -s -o "$work/body" -w '%{http_code}' "$@"; }
[ "$(status "$url/__admin/faults")" = 401 ] || fail "no token: $(cat "$work/body")"
grep -qF 'Authorization: Bearer' "$work/body" || fail "the 401 does not say what to send: $(cat "$work/body")"
[ "$(status -H 'Authorization: Bearer wrong' -X DELETE "$url/__admin/faults")" = 401 ] || fail "a wrong token was taken"
[ "$(status -H "Authorization: Bearer $MOCK_ADMIN_TOKEN" "$url/__admin/faults")" = 200 ] || fail "the token: $(cat "$work/body")"
[ "$(status -H "Authorization: Bearer ${MOCK_ADMIN_TOKEN}x" "$url/__admin/health")" = 401 ] || fail "a longer token was taken"
[ "$(status "$url/metrics")" = 200 ] || fail "/metrics is not open for Prometheus"

export ADMIN_TEST_TOKEN=$builtin_token
ids=(--target "$url" --project "$builtin_project" --conversation "$builtin_conversation" --token-env ADMIN_TEST_TOKEN)
run_bin 2 verify-without-token verify "${ids[@]}" --suite idempotency --admin-url "$url"
grep -qF 'the store oracle gives no count' "$work/verify-without-token.log" ||
    fail "verify without the admin token: $(cat "$work/verify-without-token.log")"
grep -qF '401' "$work/verify-without-token.log" || fail "the refusal is not shown: $(cat "$work/verify-without-token.log")"
run_bin 0 verify-with-token verify "${ids[@]}" --suite idempotency --admin-url "$url" \
    --admin-token-env MOCK_ADMIN_TOKEN --json "$work/with-token.json"
python3 - "$work/with-token.json" <<'PY' || fail "the store checks did not run with the token"
import json, sys
run = json.load(open(sys.argv[1]))
checks = [c for case in run["cases"] for c in case.get("checks", [])]
assert any(c["check"].startswith("stored") for c in checks), sorted({c["check"] for c in checks})
PY
grep -qF "$MOCK_ADMIN_TOKEN" "$work"/*.log "$work/with-token.json" && fail "the admin token was written out"
echo "PASS"
