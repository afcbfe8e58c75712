#!/usr/bin/env bash
# deploy/k8s as far as this machine allows without a cluster: the manifests are well-formed and consistent
# (Indexed Job, completions = parallelism = SHARDS, the Secret and ConfigMap keys the pod reads exist);
# `kubectl kustomize` renders them when kubectl is installed; the image's shard entrypoint runs 4 shards as the
# Job's pods would (JOB_COMPLETION_INDEX, the ConfigMap's variables, the Secret's token) against a local mock; and
# scripts/k8s-collect.sh gathers their results from `kubectl logs` (a stand-in kubectl serving the pods' logs)
# and from a results folder, merges them exactly, and names a missing shard.
# The shards' thresholds are there to show that THRESHOLDS reaches `harness load` word by word, not to judge speed:
# they are ones no slowness of this machine can break (the mock keeps the contract; errors would need half of
# the requests to fail).
set -uo pipefail
bin="$1"
root="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, await, fail, start_mock; stops the mock and pods on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
k8s="$root/deploy/k8s"

python3 - "$k8s" <<'PY' || fail "manifests"
import os, sys, yaml
d = sys.argv[1]
docs = {}
for name in ("configmap.yaml", "secret.yaml", "job.yaml", "kustomization.yaml"):
    for doc in yaml.safe_load_all(open(os.path.join(d, name))):
        assert doc and doc.get("apiVersion") and doc.get("kind"), name
        docs[doc["kind"]] = doc
        if doc["kind"] != "Kustomization":
            assert doc["metadata"]["name"], name
cm, secret, job = docs["ConfigMap"], docs["Secret"], docs["Job"]
spec = job["spec"]
assert job["apiVersion"] == "batch/v1"
assert spec["completionMode"] == "Indexed", "the Job must be Indexed: JOB_COMPLETION_INDEX is the shard"
shards = int(cm["data"]["SHARDS"])
assert spec["completions"] == shards == spec["parallelism"], (spec["completions"], shards, spec["parallelism"])
pod = spec["template"]["spec"]
assert pod["restartPolicy"] == "Never"
container = pod["containers"][0]
assert container["command"] == ["harness-shard"]
assert container["envFrom"][0]["configMapRef"]["name"] == cm["metadata"]["name"]
ref = container["env"][0]["valueFrom"]["secretKeyRef"]
assert ref["name"] == secret["metadata"]["name"] and ref["key"] in secret["stringData"]
for key in ("TARGET_URL", "PROJECT", "CONVERSATION", "RATE", "DURATION", "SHARDS", "START_AT_MS", "THRESHOLDS"):
    assert key in cm["data"], key
mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
assert mounts.get("results") == "/results"
assert set(docs["Kustomization"]["resources"]) == {"configmap.yaml", "secret.yaml", "job.yaml"}
print("ok: manifests consistent,", shards, "shards")
PY
if command -v kubectl >/dev/null 2>&1; then
    kubectl kustomize "$k8s" > "$work/rendered.yaml" || fail "kubectl kustomize"
    [ "$(grep -c '^kind:' "$work/rendered.yaml")" = 3 ] || fail "kustomize rendered: $(grep '^kind:' "$work/rendered.yaml")"
    echo "ok: kubectl kustomize renders 3 objects"
else
    echo "note: kubectl is not installed; kustomize rendering not checked"
fi
grep -q '^FROM debian:12 AS build' "$k8s/Dockerfile" && grep -q 'scripts/debian-packages.txt' "$k8s/Dockerfile" ||
    fail "the Dockerfile must build on Debian 12 from the package list"
sh -n "$k8s/shard-entrypoint.sh" || fail "entrypoint syntax"

# Four pods, as the Job would run them, against one mock.
start_mock mock --threads 2
url=$url_mock
mkdir -p "$work/bin" "$work/results" "$work/logs"
ln -s "$bin" "$work/bin/harness"
start=$(( $(date +%s%3N) + 1500 ))
shard_pids=()
for i in 0 1 2 3; do
    spawn env PATH="$work/bin:$PATH" JOB_COMPLETION_INDEX=$i RESULTS_DIR="$work/results" TARGET_URL="$url" \
        PROJECT="$builtin_project" CONVERSATION="$builtin_conversation" RATE=800 \
        DURATION=2s WARMUP=0s SHARDS=4 START_AT_MS=$start THRESHOLDS="violations==0 errors<50%" \
        HARNESS_TOKEN="$builtin_token" timeout 60 sh "$k8s/shard-entrypoint.sh" > "$work/logs/harness-load-$i-pod" 2>&1
    shard_pids+=("$spawned")
done
for p in "${shard_pids[@]}"; do await "$p" || fail "a shard pod failed: $(tail -n 5 "$work"/logs/*)"; done
grep -q "^----- harness-load-json shard 2 -----" "$work/logs/harness-load-2-pod" || fail "no result markers in the pod log"
python3 - "$work"/results/shard-{0,1,2,3}.json <<'PY' || fail "the shards did not judge THRESHOLDS"
import json, sys
for name in sys.argv[1:]:
    judged = [(t["threshold"], t["passed"]) for t in json.load(open(name))["thresholds"]]
    assert judged == [("violations==0", True), ("errors<50%", True)], (name, judged)
PY

# A stand-in kubectl that serves those pods' logs as a cluster would.
cat > "$work/bin/kubectl" <<KUBECTL
#!/usr/bin/env bash
logs="$work/logs"
[ "\${1:-}" = -n ] && shift 2
case "\$1 \$2" in
    "get pods") for f in "\$logs"/*-pod; do n=\$(basename "\$f"); i=\${n#harness-load-}; echo "\$n \${i%-pod}"; done ;;
    "get job") printf 4 ;;
    "logs "*) cat "\$logs/\$2" ;;
    *) echo "stand-in kubectl: \$*" >&2; exit 1 ;;
esac
KUBECTL
chmod +x "$work/bin/kubectl"
PATH="$work/bin:$PATH" HARNESS="$bin" bash "$root/scripts/k8s-collect.sh" logs -n load -o "$work/from-logs" > "$work/collect.out" 2>&1 ||
    fail "collect from logs: $(cat "$work/collect.out")"
python3 - "$work/from-logs/merged.json" <<'PY' || fail "merged from logs"
import json, sys
r = json.load(open(sys.argv[1]))
a = r["accounting"]
assert a["intended"] == 1600 == a["accounted"], a
assert r["missingShards"] == [] and abs(r["requestedRate"] - 800) < 1e-6, (r["missingShards"], r["requestedRate"])
PY
HARNESS="$bin" bash "$root/scripts/k8s-collect.sh" dir "$work/results" -o "$work/from-dir" > "$work/collect-dir.out" 2>&1 ||
    fail "collect from a folder: $(cat "$work/collect-dir.out")"
[ -s "$work/from-dir/merged.hlog" ] || fail "no merged .hlog from a folder with every shard's .hlog"
cmp <(python3 -c "import json;print(json.load(open('$work/from-dir/merged.json'))['accounting'])") \
    <(python3 -c "import json;print(json.load(open('$work/from-logs/merged.json'))['accounting'])") ||
    fail "logs and folder give different merges"
# A pod that never printed its result: the merge names the missing shard and fails.
rm "$work/logs/harness-load-3-pod"
if PATH="$work/bin:$PATH" HARNESS="$bin" bash "$root/scripts/k8s-collect.sh" logs -o "$work/missing" > "$work/missing.out" 2>&1; then
    fail "a missing shard was not reported"
fi
grep -q "MISSING: shard 3/4" "$work/missing.out" || fail "missing shard not named: $(cat "$work/missing.out")"
stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(tail -5 "$work/mock.err")"
echo "ok: k8s deploy files, 4 shard pods collected from logs and from a folder, a missing shard named"
