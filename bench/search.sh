#!/usr/bin/env bash
# Our TPE and random samplers against Optuna 3.1's on the same functions, seeds and budgets:
# median best value over the seeds, Optuna's 25th-75th percentile spread, and per function whether
# ours lies within that spread and beats our random sampler at every budget.
# Usage: bench/search.sh [SEEDS] [BUDGETS]   (defaults 30 and 25,50,100; needs /usr/bin/python3 with python3-optuna)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-30}"
BUDGETS="${2:-25,50,100}"
CP="$ROOT/coordinator/target/sweep-coordinator.jar"
[[ -f "$CP" ]] || CP="$ROOT/coordinator/target/classes" # compiled by a test run, when the jar is not built
[[ -e "$CP" ]] || { echo "search.sh: build the coordinator first (mvn -B -q -DskipTests -pl coordinator -am package)" >&2; exit 1; }
/usr/bin/python3 -c 'import optuna' 2>/dev/null || { echo "search.sh: /usr/bin/python3 lacks optuna; apt-get install python3-optuna" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -cp "$CP" dev.sweep.coordinator.search.SearchBenchmark --seeds "$SEEDS" --budgets "$BUDGETS" >"$tmp/ours.tsv"
if [[ -n "${OPTUNA_TSV:-}" ]]; then # a saved run of bench/optuna_search.py with the same seeds and budgets: it takes minutes
  cp "$OPTUNA_TSV" "$tmp/optuna.tsv"
else
  /usr/bin/python3 "$ROOT/bench/optuna_search.py" "$SEEDS" "$BUDGETS" >"$tmp/optuna.tsv"
fi
echo "Median best value over $SEEDS seeds (minimised), [25th, 75th percentile] over the seeds."
echo
echo "| function | trials | ours TPE | Optuna TPE | ours random | Optuna random | ours vs Optuna's spread |"
echo "|---|---|---|---|---|---|---|"
awk -F'\t' -v budgets="$BUDGETS" '
  BEGIN { nb = split(budgets, B, ",") }
  FNR == 1 { next }
  FILENAME ~ /ours/ { ours[$1, $2] = $0; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } next }
  { optuna[$1, $2] = $0 }
  END {
    summary = ""
    for (i = 1; i <= n; i++) {
      f = order[i]
      split(ours[f, "tpe"], o, "\t"); split(ours[f, "random"], r, "\t")
      split(optuna[f, "tpe"], q, "\t"); split(optuna[f, "random"], qr, "\t")
      within = "yes"; better = "yes"
      for (b = 1; b <= nb; b++) {
        med = q[3 * b]; lo = q[3 * b + 1]; hi = q[3 * b + 2]
        ours_med = o[3 * b]
        printf "| %s | %s | %.5g [%.5g, %.5g] | %.5g [%.5g, %.5g] | %.5g | %.5g | %s |\n", \
          f, B[b], ours_med, o[3 * b + 1], o[3 * b + 2], med, lo, hi, r[3 * b], qr[3 * b], \
          (ours_med + 0 < lo + 0 ? "below (better)" : ours_med + 0 > hi + 0 ? "above (worse)" : "within")
        if (ours_med + 0 > hi + 0) within = "no"
        if (!(ours_med + 0 < r[3 * b] + 0)) better = "no"
      }
      summary = summary sprintf("- %s: ours no worse than the Optuna 75th percentile at every budget: %s; ours better than our random at every budget: %s\n", f, within, better)
    }
    printf "\n%s", summary
  }' "$tmp/ours.tsv" "$tmp/optuna.tsv"
