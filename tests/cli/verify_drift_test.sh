#!/usr/bin/env bash
# For every drift mode of the mock (as `harness mock --list-faults` lists them), `harness verify` against the
# built-in mock with that drift must exit 1 and name the check that catches it. A drift mode missing from the
# table below fails the test, so a new drift cannot go unchecked. An entry may name several checks (space
# apart), each of which must fail; `load:CLASS` among them is one `harness load` must show too (exit 1, the
# drift counted in that class of failure, or that check among the rules its validated replies broke).
set -uo pipefail
bin="$1"
declare -A expected=(
    [success_as_string]="success_flag"
    [error_id_missing]="schema"
    [code_null]="error_code"
    [timestamp_iso]="schema"
    [html_content_type]="content_type"
    [fresh_message_uuid_on_replay]="same_data"
    [no_auth_required]="status"
    [store_on_replay]="stored"
    [reused_key_accepted]="status"
    [field_errors_missing]="field_errors:itemUuid"
    [error_id_reused]="error_id_unique"
    [data_missing]="json:/data"
    [wrong_error_code]="error_code"
    [timestamp_seconds]="epoch_millis:/error/timestamp"
    [created_at_seconds]="epoch_millis:/data/createdAt"
    [allow_missing]="header:Allow"
    [www_authenticate_missing]="header:WWW-Authenticate"
    [not_found_as_success]="status"
    [not_found_wrong_code]="error_code"
    [method_as_not_found]="status"
    [first_field_error_only]="field_errors:[a-zA-Z]+"
    [http2_answers_otherwise]="same_answer"
    [message_uuid_wraps]="message_uuid_unique load:replayed"
    [text_trimmed]="echoed:/text load:echoed:/text"
    [created_at_skewed]="epoch_millis:/data/createdAt"
    [replay_restamps_created_at]="replay_created_at"
    [double_write]="stored_exactly"
    [text_column_255]="echoed:/text"
    [astral_replaced]="echoed:/itemUuid"
    [nul_dropped]="echoed:/text"
    [key_case_folded]="new_message"
    [key_prefix_64]="new_message"
    [body_limit_inclusive]="status"
    [blank_text_rejected]="status"
    [markup_escaped]="echoed:/text"
    [latin1_replaced]="echoed:/text"
    [nfc_composed]="echoed:/text"
    [bidi_stripped]="echoed:/text"
    [item_lower_cased]="echoed:/itemUuid"
    [fingerprint_raw_body]="sequences"
    [key_scope_ignores_caller]="new_message sequences"
    [refusal_reserves_key]="sequences"
    [in_flight_race]="same_data_across_copies sequences"
    [message_uuid_from_clock]="message_uuid_unique"
)
# Every suite but the latency burst (no drift is about latency), and a short explore budget (its tour takes every
# transition first): 44 drifts stay within the test's time under the sanitizers.
suites=(--suite conformance --suite validation --suite values --suite routing --suite auth --suite idempotency
    --suite protocols --suite explore)
failures=0
drifts="$("$bin" mock --list-faults | sed -n 's/^drift=\([a-z0-9_]*\).*/\1/p')"
[ -n "$drifts" ] || { echo "FAIL: no drift modes listed"; exit 1; }
# load_catches DRIFT CLASS: `harness load` against the drift exits 1 and counts replies in CLASS.
load_catches() {
    local output code
    output="$(timeout 120 "$bin" load --mock-fault "drift=$1" --rate 100 --duration 1s --no-progress 2>&1)"
    code=$?
    if [ "$code" = 1 ] && grep -qE "^  ($2 +[1-9][0-9]* |BROKE +$2: [1-9])" <<<"$output"; then
        echo "ok: drift=$1 caught by load as $2"
        return 0
    fi
    echo "FAIL: drift=$1: load exited $code (expected 1) or counted no $2:"
    tail -n 12 <<<"$output"
    return 1
}
# HARNESS_DRIFT_SAMPLE=N (the TSan job) runs one drift in N, every N-th in list order; every drift must still be
# in the table.
sample="${HARNESS_DRIFT_SAMPLE:-1}"
index=0
for drift in $drifts; do
    checks="${expected[$drift]:-}"
    if [ -z "$checks" ]; then
        echo "FAIL: drift=$drift has no expected check in this table"
        failures=$((failures + 1))
        continue
    fi
    index=$((index + 1))
    if [ $((index % sample)) != 0 ]; then
        continue
    fi
    verify_checks=()
    for check in $checks; do
        if [[ "$check" == load:* ]]; then
            load_catches "$drift" "${check#load:}" || failures=$((failures + 1))
        else
            verify_checks+=("$check")
        fi
    done
    [ "${#verify_checks[@]}" -gt 0 ] || continue
    output="$(timeout 120 "$bin" verify "${suites[@]}" --examples "" --explore-time 0.5 --mock-fault "drift=$drift" 2>&1)"
    code=$?
    if [ "$code" != 1 ]; then
        echo "FAIL: drift=$drift: verify exited $code, expected 1"
        failures=$((failures + 1))
        continue
    fi
    for check in "${verify_checks[@]}"; do
        if ! grep -qE "^ +$check: " <<<"$output"; then
            echo "FAIL: drift=$drift: no failed '$check' check in:"
            grep -E "^ {8}[a-z_:/]+: " <<<"$output" | head -5
            failures=$((failures + 1))
        else
            echo "ok: drift=$drift caught by $check"
        fi
    done
done
[ "$failures" = 0 ] || exit 1
