#!/bin/sh
# The image's `harness-shard`: one shard of an Indexed Job, configured by the ConfigMap's variables and the
# Secret's HARNESS_TOKEN. Runs `harness load --shard INDEX/SHARDS`, keeps the JSON in /results and prints it
# between markers for `kubectl logs`. Exits as harness load does (1 when a threshold fails).
set -eu
index="${JOB_COMPLETION_INDEX:?this runs as a pod of an Indexed Job}"
results="${RESULTS_DIR:-/results}"
: "${TARGET_URL:?}" "${PROJECT:?}" "${CONVERSATION:?}" "${RATE:?}" "${SHARDS:?}" "${HARNESS_TOKEN:?}"
set -- load --target "$TARGET_URL" --project "$PROJECT" --conversation "$CONVERSATION" --token-env HARNESS_TOKEN \
    --rate "$RATE" --duration "${DURATION:-60s}" --warmup "${WARMUP:-0s}" --shard "$index/$SHARDS" --no-progress \
    --json "$results/shard-$index.json" --hlog "$results/shard-$index.hlog"
if [ "${START_AT_MS:-0}" != 0 ]; then
    set -- "$@" --start-at "$START_AT_MS"
fi
set -f # thresholds are words, not file patterns
for threshold in ${THRESHOLDS:-}; do
    set -- "$@" --threshold "$threshold"
done
status=0
harness "$@" || status=$?
if [ -s "$results/shard-$index.json" ]; then
    echo "----- harness-load-json shard $index -----"
    cat "$results/shard-$index.json"
    echo
    echo "----- end harness-load-json -----"
fi
exit "$status"
