#!/usr/bin/env bash
# For every drift mode of the mock (as `harness mock --list-faults` lists them), `harness verify` against the
# built-in mock with that drift must exit 1 and name the check that catches it. A drift mode missing from the
# table below fails the test, so a new drift cannot go unchecked. An entry `load:CLASS` is a drift only many
# messages show (ids given twice across keys): `harness load` must exit 1 and count it in that class.
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
    [message_uuid_wraps]="load:replayed"
    [text_trimmed]="echoed:/text"
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
)
failures=0
drifts="$("$bin" mock --list-faults | sed -n 's/^drift=\([a-z0-9_]*\).*/\1/p')"
[ -n "$drifts" ] || { echo "FAIL: no drift modes listed"; exit 1; }
for drift in $drifts; do
    check="${expected[$drift]:-}"
    if [ -z "$check" ]; then
        echo "FAIL: drift=$drift has no expected check in this table"
        failures=$((failures + 1))
        continue
    fi
    if [[ "$check" == load:* ]]; then
        class="${check#load:}"
        output="$(timeout 120 "$bin" load --mock-fault "drift=$drift" --rate 100 --duration 1s --no-progress 2>&1)"
        code=$?
        if [ "$code" = 1 ] && grep -qE "^  $class +[1-9][0-9]* " <<<"$output"; then
            echo "ok: drift=$drift caught by load as $class"
        else
            echo "FAIL: drift=$drift: load exited $code (expected 1) or counted no $class:"
            tail -n 12 <<<"$output"
            failures=$((failures + 1))
        fi
        continue
    fi
    output="$(timeout 120 "$bin" verify --mock-fault "drift=$drift" 2>&1)"
    code=$?
    if [ "$code" != 1 ]; then
        echo "FAIL: drift=$drift: verify exited $code, expected 1"
        failures=$((failures + 1))
    elif ! grep -qE "^ +$check: " <<<"$output"; then
        echo "FAIL: drift=$drift: no failed '$check' check in:"
        grep -E "^ {8}[a-z_:/]+: " <<<"$output" | head -5
        failures=$((failures + 1))
    else
        echo "ok: drift=$drift caught by $check"
    fi
done
[ "$failures" = 0 ] || exit 1
