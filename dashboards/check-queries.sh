#!/usr/bin/env bash
# Runs every PromQL query of every dashboard against a real Prometheus (Debian's `prometheus`
# package, started here on loopback) that scrapes a real running sweep (a small one, started
# here with the embedded broker and two worker processes). Fails if a query does not parse or
# returns no data. Panels for GPU workers are reported and skipped when no worker has a GPU.
#
#   dashboards/check-queries.sh            (needs: java, mvn, prometheus; apt-get install prometheus)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROM_PORT="${PROM_PORT:-19090}"
METRICS_PORT="${METRICS_PORT:-19400}"
command -v prometheus >/dev/null || { echo "check-queries: prometheus not found; apt-get install prometheus" >&2; exit 2; }
command -v python3 >/dev/null || { echo "check-queries: python3 not found" >&2; exit 2; }

WORK="$(mktemp -d)"
SWEEP_PID=""
PROM_PID=""
cleanup() {
  [[ -n "$PROM_PID" ]] && kill "$PROM_PID" 2>/dev/null || true
  [[ -n "$SWEEP_PID" ]] && kill "$SWEEP_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# a small sweep of the embedded model: base, fgm and their FMA averages, two seeds, evaluated every step
python3 - "$WORK/d.csv" <<'PY'
import random, sys
warm = ["sunny", "happy", "bright", "lovely", "great", "wonderful"]
cold = ["rainy", "gloomy", "dark", "awful", "poor", "terrible"]
rng = random.Random(1)
rows = ["text,label"]
for i in range(64):
    words = warm if i % 2 == 0 else cold
    rows.append(f"a {rng.choice(words)} and {rng.choice(words)} day,{'warm' if i % 2 == 0 else 'cold'}")
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
cat > "$WORK/spec.yaml" <<'YAML'
name: query-check
task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 16, validation: {fraction: 0.25}}
model: {source: embedded}
training: {epochs: 2, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 8, eval_every_steps: 4, log_every_steps: 1}
seeds: [1, 2]
tricks: {fgm: {epsilon: 1.0}}
output: runs
YAML

"$ROOT/sweep" run "$WORK/spec.yaml" --workers 2 --threads 1 --data-dir "$WORK/.sweep" \
  --metrics-port "$METRICS_PORT" --hold 600 > "$WORK/sweep.out" 2> "$WORK/sweep.err" &
SWEEP_PID=$!

cat > "$WORK/prometheus.yml" <<YAML
global: {scrape_interval: 2s, evaluation_interval: 2s}
scrape_configs:
  - job_name: sweep
    file_sd_configs: [{files: ["$WORK/.sweep/prometheus/targets.json"], refresh_interval: 2s}]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prom-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
PROM_PID=$!

echo "check-queries: waiting for the sweep to finish (log: $WORK/sweep.err)..." >&2
for _ in $(seq 1 600); do
  grep -q "holding the metrics endpoints" "$WORK/sweep.err" 2>/dev/null && break
  kill -0 "$SWEEP_PID" 2>/dev/null || { cat "$WORK/sweep.err" >&2; echo "check-queries: the sweep stopped" >&2; exit 1; }
  sleep 1
done
grep -q "holding the metrics endpoints" "$WORK/sweep.err" || { echo "check-queries: the sweep did not finish in 10 minutes" >&2; exit 1; }
sleep 12 # a few scrapes after the end, so rate() windows have two samples of the final values

python3 - "$ROOT/dashboards/grafana/dashboards" "http://127.0.0.1:$PROM_PORT" <<'PY'
import glob, json, os, sys, urllib.parse, urllib.request
folder, prom = sys.argv[1], sys.argv[2]
def query(expr):
    url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)
gpu = query('count(sweep_worker_busy{device!="cpu"})')["data"]["result"]
variables = {"$sweep": "query-check", "$metric": "accuracy", "$__rate_interval": "30s"}
failures, ran, skipped = 0, 0, 0
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    board = json.load(open(path))
    for panel in board["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"]
            for k, v in variables.items():
                expr = expr.replace(k, v)
            name = f'{board["title"]} / {panel["title"]} / {target["refId"]}'
            if "GPU" in panel["title"] and not gpu:
                print(f"SKIP  {name}: no GPU worker in this sweep")
                skipped += 1
                continue
            answer = query(expr)
            ran += 1
            if answer.get("status") != "success":
                print(f"FAIL  {name}: {answer.get('error')}\n      {expr}")
                failures += 1
            elif not answer["data"]["result"]:
                print(f"FAIL  {name}: no data\n      {expr}")
                failures += 1
            else:
                print(f"ok    {name}: {len(answer['data']['result'])} series")
print(f"\n{ran} queries run, {failures} failed, {skipped} skipped")
sys.exit(1 if failures else 0)
PY
