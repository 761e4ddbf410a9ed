#!/usr/bin/env bash
# Runs a short sweep through the images that deploy/build-images.sh built, laid out as
# docker-compose.yml lays them out, with podman: one Kafka broker, the coordinator image running
# `run SPEC --bootstrap ... --workers 0`, and two worker images running `worker --bootstrap ...`;
# the repository mounted read-only at /work, the shared artifacts folder at /work/runs. The broker
# is the coordinator image's own Kafka (kafka_2.13, deploy/smoke/kafka.properties) where the
# apache/kafka image cannot be fetched. Host networking, loopback ports 29092/29093 (Kafka),
# 29400-29402 (metrics).
#
# usage: deploy/run-smoke.sh [SPEC]   (default deploy/smoke/sweep.yaml; a path inside the repository)
# env:   SWEEP_IMAGE_TAG (latest), SWEEP_SMOKE_TIMEOUT (seconds, 900), SWEEP_PODMAN_GLOBAL and
#        SWEEP_PODMAN_RUN_FLAGS (see below)
# Exit code: the coordinator's (0: every trial completed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TAG="${SWEEP_IMAGE_TAG:-latest}"
SPEC="${1:-deploy/smoke/sweep.yaml}"
OUT="${SWEEP_IMAGES_WORK:-$ROOT/deploy/.build}/smoke"
TIMEOUT="${SWEEP_SMOKE_TIMEOUT:-900}"
BOOTSTRAP=127.0.0.1:29092
COORDINATOR="localhost/sweep-coordinator:$TAG"
WORKER="localhost/sweep-worker:$TAG"
NAMES=(sweep-smoke-worker-1 sweep-smoke-worker-2 sweep-smoke-coordinator sweep-smoke-kafka)

say() { echo "run-smoke: $*" >&2; }
die() { say "$*"; exit 1; }

[[ -f "$ROOT/$SPEC" ]] || die "no spec $SPEC in the repository"
for image in "$COORDINATOR" "$WORKER"; do
  podman image exists "$image" || die "no image $image: run deploy/build-images.sh first"
done

# What podman needs on a sandboxed machine like the one this was written on (docs/deployment.md):
# crun 1.8 refuses its hybrid cgroup layout, so runc (a global option); podman's default open-files
# limit for root (1048576) exceeds what the sandbox lets a process set, so this shell's own, and
# an explicit nproc (65536 was refused there, 32768 accepted). Set either variable (even empty)
# to override.
if [[ -z "${SWEEP_PODMAN_GLOBAL+x}" ]]; then
  SWEEP_PODMAN_GLOBAL=""
  command -v runc >/dev/null && SWEEP_PODMAN_GLOBAL="--runtime runc"
fi
SWEEP_PODMAN_RUN_FLAGS="${SWEEP_PODMAN_RUN_FLAGS-"--ulimit nofile=$(ulimit -Hn):$(ulimit -Hn) --ulimit nproc=32768:32768"}"
read -r -a GLOBAL <<<"$SWEEP_PODMAN_GLOBAL"
read -r -a RUN_FLAGS <<<"$SWEEP_PODMAN_RUN_FLAGS"
podman_run() { podman "${GLOBAL[@]}" run --network host "${RUN_FLAGS[@]}" "$@"; }

cleanup() {
  for n in "${NAMES[@]}"; do
    [[ -d "$OUT" ]] && podman logs "$n" >"$OUT/$n.log" 2>&1 || true
    podman rm -f -t 10 "$n" >/dev/null 2>&1 || true
  done
}
for n in "${NAMES[@]}"; do podman rm -f "$n" >/dev/null 2>&1 || true; done
rm -rf "$OUT"
mkdir -p "$OUT/kafka" "$OUT/runs"
trap cleanup EXIT

say "starting the broker (the coordinator image's Kafka) on $BOOTSTRAP"
podman_run -d --name sweep-smoke-kafka \
  -v "$ROOT/deploy/smoke/kafka.properties:/etc/kafka/server.properties:ro" -v "$OUT/kafka:/var/lib/kafka/data" \
  --entrypoint bash "$COORDINATOR" -c 'set -e; cp="/opt/sweep/lib/*"
    java -cp "$cp" kafka.tools.StorageTool format --ignore-formatted -c /etc/kafka/server.properties \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)"
    exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" kafka.Kafka /etc/kafka/server.properties' \
  >/dev/null
for _ in $(seq 1 90); do
  if (exec 3<>/dev/tcp/127.0.0.1/29092) 2>/dev/null; then break; fi
  [[ "$(podman inspect -f '{{.State.Running}}' sweep-smoke-kafka)" == true ]] || die "the broker exited: $(podman logs sweep-smoke-kafka 2>&1 | tail -5)"
  sleep 1
done
(exec 3<>/dev/tcp/127.0.0.1/29092) 2>/dev/null || die "the broker did not listen on $BOOTSTRAP in 90 s"

# docker-compose.yml's healthcheck (its command, run in the container), and one scrape of the
# metrics endpoint from the host
probe() { # NAME PORT
  local ok=0
  for _ in $(seq 1 120); do
    if podman exec "$1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$2" 2>/dev/null; then ok=1; break; fi
    [[ "$(podman inspect -f '{{.State.Running}}' "$1")" == true ]] || break
    sleep 1
  done
  if [[ $ok -eq 1 ]]; then
    say "$1: healthy (compose's probe of port $2), $(curl -fsS "http://127.0.0.1:$2/metrics" | grep -vc '^#' || true) series on /metrics"
  else
    die "$1: not healthy (port $2): $(podman logs "$1" 2>&1 | grep -v '^\s*at ' | tail -3)"
  fi
}

say "starting the coordinator: run /work/$SPEC --bootstrap $BOOTSTRAP --workers 0"
podman_run -d --name sweep-smoke-coordinator -v "$ROOT:/work:ro" -v "$OUT/runs:/work/runs" "$COORDINATOR" \
  run "/work/$SPEC" --bootstrap "$BOOTSTRAP" --workers 0 --data-dir /var/lib/sweep \
  --metrics-port 29400 --metrics-host 127.0.0.1 >/dev/null

# as in docker-compose.yml, the workers start once the coordinator is healthy: it has made the
# topics by then (a worker started before they exist exits: docs/deployment.md)
probe sweep-smoke-coordinator 29400

for i in 1 2; do
  say "starting worker $i: worker --bootstrap $BOOTSTRAP --device cpu --threads 1"
  podman_run -d --name "sweep-smoke-worker-$i" -v "$ROOT:/work:ro" -v "$OUT/runs:/work/runs" "$WORKER" \
    worker --bootstrap "$BOOTSTRAP" --device cpu --threads 1 --id "smoke-worker-$i" \
    --metrics-port "$((29400 + i))" --metrics-host 127.0.0.1 >/dev/null
done

probe sweep-smoke-worker-1 29401
probe sweep-smoke-worker-2 29402

say "waiting for the coordinator to finish (at most $TIMEOUT s)"
start=$SECONDS
rc=$(timeout "$TIMEOUT" podman wait sweep-smoke-coordinator) || die "the sweep did not end in $TIMEOUT s"
say "coordinator exited $rc after $((SECONDS - start)) s; logs in $OUT"
podman logs sweep-smoke-coordinator 2>&1 | tail -40 >&2
for i in 1 2; do # every worker still serving, and what it trained
  n="sweep-smoke-worker-$i"
  [[ "$(podman inspect -f '{{.State.Running}}' "$n")" == true ]] || { say "$n exited during the sweep"; rc=1; }
  say "$n completed $(podman logs "$n" 2>&1 | grep -c ": completed " || true) trials"
done
exit "$rc"
