#!/usr/bin/env bash
# Sharded load runs on Kubernetes (deploy/k8s, docs/scaling.md).
#
#   scripts/k8s-collect.sh launch [-n NAMESPACE] [--in SECONDS]
#       sets START_AT_MS in the ConfigMap to now + SECONDS (default 60, time for every pod to be scheduled and
#       pull the image) and applies deploy/k8s (kubectl apply -k), so all shards start in the same millisecond.
#   scripts/k8s-collect.sh logs [-n NAMESPACE] [-j JOB] [-o DIR]
#       reads each shard's harness.load JSON from its pod's log (between the entrypoint's markers).
#   scripts/k8s-collect.sh dir SOURCE_DIR [-o DIR]
#       takes the shard-*.json files of a shared volume copied to SOURCE_DIR.
# logs and dir then run `harness report merge` over what they found into DIR/merged.json (+ merged.hlog when every
# shard's .hlog is there): histograms merged exactly, counts summed, the timeline aligned by wall-clock second, and
# shards that are missing named in the merged result (exit 1), never hidden.
# HARNESS is the harness binary to merge with (default: harness on PATH, else ./harness.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "k8s-collect: $*" >&2; exit 2; }

harness_cmd() {
    if [ -n "${HARNESS:-}" ]; then
        "$HARNESS" "$@"
    elif command -v harness >/dev/null 2>&1; then
        harness "$@"
    else
        "$root/harness.sh" "$@"
    fi
}

mode="${1:-}"
[ -n "$mode" ] || die "usage: k8s-collect.sh launch|logs|dir … (see the top of this script)"
shift
namespace=()
job=harness-load
out=harness-load-results
source_dir=""
lead=60
while [ $# -gt 0 ]; do
    case "$1" in
        -n) namespace=(-n "$2"); shift 2 ;;
        -j) job="$2"; shift 2 ;;
        -o) out="$2"; shift 2 ;;
        --in) lead="$2"; shift 2 ;;
        -*) die "unknown option $1" ;;
        *) source_dir="$1"; shift ;;
    esac
done

if [ "$mode" = launch ]; then
    start=$(( $(date +%s%3N) + lead * 1000 ))
    kubectl "${namespace[@]}" apply -k "$root/deploy/k8s"
    kubectl "${namespace[@]}" patch configmap harness-load-config --type merge -p "{\"data\":{\"START_AT_MS\":\"$start\"}}"
    echo "shards start at $start ($(date -u -d "@$((start / 1000))" +%H:%M:%SZ)); collect with: $0 logs ${namespace[*]}"
    exit 0
fi

mkdir -p "$out"
shards=""
case "$mode" in
    logs)
        pods="$(kubectl "${namespace[@]}" get pods -l "job-name=$job" \
            -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.annotations.batch\.kubernetes\.io/job-completion-index}{"\n"}{end}')"
        [ -n "$pods" ] || die "no pods of job $job"
        shards="$(kubectl "${namespace[@]}" get job "$job" -o jsonpath='{.spec.completions}')"
        while read -r pod index; do
            [ -n "$pod" ] || continue
            kubectl "${namespace[@]}" logs "$pod" |
                sed -n '/^----- harness-load-json shard /,/^----- end harness-load-json -----$/p' | sed '1d;$d' |
                grep -v '^$' > "$out/shard-$index.json" || true
            [ -s "$out/shard-$index.json" ] || { echo "shard $index ($pod): no result in its log" >&2; rm -f "$out/shard-$index.json"; }
        done <<< "$pods"
        ;;
    dir)
        [ -d "$source_dir" ] || die "dir needs the folder the shards wrote to"
        for f in "$source_dir"/shard-*.json "$source_dir"/shard-*.hlog; do
            [ -e "$f" ] && cp "$f" "$out/"
        done
        ;;
    *) die "unknown mode $mode (launch, logs or dir)" ;;
esac

found=("$out"/shard-*.json)
[ -e "${found[0]}" ] || die "no shard results found"
echo "found ${#found[@]} shard result(s)${shards:+ of $shards}"
hlog=()
hlogs=("$out"/shard-*.hlog)
if [ -e "${hlogs[0]}" ] && [ "${#hlogs[@]}" = "${#found[@]}" ]; then
    hlog=(--hlog "$out/merged.hlog")
fi
set +e
harness_cmd report merge "${found[@]}" -o "$out/merged.json" "${hlog[@]}"
status=$?
set -e
echo "merged result: $out/merged.json"
exit "$status"
