#!/usr/bin/env bash
# The use-after-free reproduction (docs/memory-safety.md, docs/benchmarks.md): the trick
# benchmark's child for one trick (the real training loop, 8 x 256 tokens, the embedded model),
# run once quietly and then RUNS times with full collections forced at random moments
# (-Dsweep.gc_chaos_ms). Each run's every step's loss must match the quiet run to the last bit;
# a run that differs, skips a step or fails is counted. A benchmark command, not a test.
#
#   bench/gc-chaos.sh [RUNS] [MEAN_MS] [TRICK]     defaults: 50 runs, a collection every 1000 ms, base
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
mean="${2:-1000}"
trick="${3:-base}"
steps="${STEPS:-8}"
./sweep bench trick "$trick" --steps 1 --warmup 0 >/dev/null 2>&1 || { echo "the build or a smoke run failed: run ./sweep bench trick $trick"; exit 1; }
# the runs use a copy of the jar the quiet run used, so a rebuild meanwhile cannot mix two versions
copy="$(mktemp -d)"
cp -r worker/target/sweep-worker.jar worker/target/lib "$copy/"
jar="$copy/sweep-worker.jar"
# passive OpenMP waits: on a shared machine spinning threads slow every run tenfold, and the
# comparison is between runs with the same settings anyway
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
run() {
  GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=17179869184:glibc.malloc.top_pad=268435456}" \
    java -Dai.djl.offline=true -Dai.djl.pytorch.graph_optimizer=false -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    "$@" -jar "$jar" bench trick "$trick" --steps "$steps" --warmup 2
}
reference="$(run 2>/dev/null | tail -1)"
[[ -n "$reference" ]] || { echo "the quiet run failed"; exit 1; }
fingerprint() { sed -n 's/.*"loss_fingerprint":"\([0-9a-f]*\)".*/\1/p' <<<"$1"; }
skipped() { sed -n 's/.*"skipped_steps":\([0-9]*\).*/\1/p' <<<"$1"; }
want="$(fingerprint "$reference")"
echo "quiet run: $reference"
differ=0; skipping=0; failed=0
for ((i = 1; i <= runs; i++)); do
  if out="$(run "-Dsweep.gc_chaos_ms=$mean" 2>/dev/null | tail -1)" && [[ -n "$out" ]]; then
    [[ "$(fingerprint "$out")" == "$want" ]] || differ=$((differ + 1))
    [[ "$(skipped "$out")" == "0" ]] || skipping=$((skipping + 1))
    echo "run $i: $out"
  else
    failed=$((failed + 1))
    echo "run $i: failed"
  fi
done
echo "gc chaos ($trick, a collection every ${mean} ms on average, $runs runs): $differ differ from the quiet run, $skipping skipped a step, $failed failed"
