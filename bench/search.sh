#!/usr/bin/env bash
# Our TPE and random samplers against Optuna 3.1's on the same functions, seeds and budgets:
# median best value over the seeds, Optuna's 25th-75th percentile spread, and per function whether
# ours lies within that spread and beats our random sampler at every budget.
# Usage: bench/search.sh [SEEDS] [BUDGETS]   (defaults 30 and 25,50,100; needs /usr/bin/python3 with python3-optuna)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-30}"
BUDGETS="${2:-25,50,100}"
JAR="$ROOT/coordinator/target/sweep-coordinator.jar"
[[ -f "$JAR" ]] || { echo "search.sh: $JAR missing; build it (mvn -B -q -DskipTests -pl coordinator -am package)" >&2; exit 1; }
/usr/bin/python3 -c 'import optuna' 2>/dev/null || { echo "search.sh: /usr/bin/python3 lacks optuna; apt-get install python3-optuna" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -cp "$JAR" dev.sweep.coordinator.search.SearchBenchmark --seeds "$SEEDS" --budgets "$BUDGETS" >"$tmp/ours.tsv"
/usr/bin/python3 "$ROOT/bench/optuna_search.py" "$SEEDS" "$BUDGETS" >"$tmp/optuna.tsv"
echo "median best value over $SEEDS seeds (minimised); Optuna TPE with its 25th-75th percentile over the seeds"
awk -F'\t' -v budgets="$BUDGETS" '
  BEGIN { nb = split(budgets, B, ",") }
  FNR == 1 { next }
  FILENAME ~ /ours/ { ours[$1, $2] = $0; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } next }
  { optuna[$1, $2] = $0 }
  END {
    for (i = 1; i <= n; i++) {
      f = order[i]
      split(ours[f, "tpe"], o, "\t"); split(ours[f, "random"], r, "\t")
      split(optuna[f, "tpe"], q, "\t"); split(optuna[f, "random"], qr, "\t")
      within = "yes"; better = "yes"
      for (b = 1; b <= nb; b++) {
        med = q[3 * b]; lo = q[3 * b + 1]; hi = q[3 * b + 2]
        printf "%-13s n=%-4s ours %-11.5g optuna %-11.5g [%.5g, %.5g]  random(ours) %-11.5g random(optuna) %.5g\n", \
          (b == 1 ? f : ""), B[b], o[b + 2], med, lo, hi, r[b + 2], qr[3 * b]
        if (o[b + 2] + 0 < lo + 0 || o[b + 2] + 0 > hi + 0) within = "no"
        if (!(o[b + 2] + 0 < r[b + 2] + 0)) better = "no"
      }
      printf "%-13s within Optuna spread at every budget: %s; better than random at every budget: %s\n\n", "", within, better
    }
  }' "$tmp/ours.tsv" "$tmp/optuna.tsv"
