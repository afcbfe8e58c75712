#!/usr/bin/env bash
# store_oracle_test.sh BIN
# A store oracle that answers no count at its pointer is a run that cannot check what the target stored (issue 25,
# rows 5 and 8): verify and load end before any case or time zero with exit 2, naming the URL asked, the pointer
# and the reply; never a stored-message check quietly off, and never "give --store-url" when one was given.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, run_bin, start_mock
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
export STORE_TEST_TOKEN=$builtin_token

start_mock gateway
url=$url_gateway
ids=(--target "$url" --project "$builtin_project" --conversation "$builtin_conversation" --token-env STORE_TEST_TOKEN)
# The mock's health reply is JSON without a count: the default pointer (/storedTotal) is absent from it.
health="$url/__admin/health?conversation={conversation}"
asked="GET $url/__admin/health?conversation=$builtin_conversation"

run_bin 2 verify-default-pointer verify "${ids[@]}" --suite conformance --store-url "$health"
grep -qF "error: the store oracle gives no count: $asked answered 200 {\"status\":\"ok\"" \
    "$work/verify-default-pointer.log" || fail "verify, default pointer: $(cat "$work/verify-default-pointer.log")"
grep -qF ': no count at /storedTotal (--store-count-pointer names where the count is; default /storedTotal)' \
    "$work/verify-default-pointer.log" || fail "verify does not name the pointer: $(cat "$work/verify-default-pointer.log")"
grep -q 'give --store-url' "$work/verify-default-pointer.log" && fail "verify says 'give --store-url' to a run that gave one"
grep -q '^conformance$' "$work/verify-default-pointer.log" && fail "verify ran its cases without a store count"

run_bin 2 verify-wrong-pointer verify "${ids[@]}" --suite conformance \
    --store-url "$url/__admin/messages?conversation={conversation}" --store-count-pointer /total
grep -qF "GET $url/__admin/messages?conversation=$builtin_conversation answered 200 {" "$work/verify-wrong-pointer.log" ||
    fail "verify, a pointer of its own: $(cat "$work/verify-wrong-pointer.log")"
grep -qF ': no count at /total (' "$work/verify-wrong-pointer.log" || fail "verify does not name /total"

run_bin 2 load-default-pointer load "${ids[@]}" --rate 50 --duration 1s --no-progress --store-url "$health"
grep -qF "error: the store oracle gives no count: $asked answered 200 {\"status\":\"ok\"" \
    "$work/load-default-pointer.log" || fail "load, default pointer: $(cat "$work/load-default-pointer.log")"
grep -q 'intended' "$work/load-default-pointer.log" && fail "load ran without a store count"

# A store oracle that answers: the run goes on (and its stored-message checks run).
run_bin 0 verify-answered verify "${ids[@]}" --suite idempotency \
    --store-url "$url/__admin/messages?conversation={conversation}" --json "$work/answered.json"
grep -q '"whyNot":"[^"]*give --store-url' "$work/answered.json" && fail "a store that answers: 'give --store-url'"
echo "a store oracle without a count at its pointer is exit 2 naming URL, pointer and reply"
