#!/usr/bin/env bash
# Does a regression head whose bias starts at each target's training mean (model.head_bias: mean,
# the default for regression) score better at the first evaluation than one that starts at 0?
# Real training of the embedded all-MiniLM-L6-v2 on the CPU, `./sweep train` per trial, seeds
# paired (the same seed trains both starts). Prints the first and the last evaluation of each
# pair, the paired differences and a paired t-test. Results: docs/benchmarks.md.
#
#   bench/head-bias-start.sh [spam|essays] [--seeds 1,2,3] [--max-steps N] [--eval-every N]
#                            [--head-lr X] [--out DIR]
#
# (the FB3 CPU recipe itself, 256 tokens with FGM, costs about four times as much a step)
#
# spam    (default) a regression task with an offset built from the SpamAssassin corpus
#         (./sweep data spam-assassin): two targets per message, spam_score = 3 + 2*is_spam
#         (3 or 5) and length_score = 1 + 4*(ln chars - ln min)/(ln max - ln min) (in [1, 5]);
#         the first 900 rows (the corpus CSV is shuffled), 600 to train and 300 held out,
#         max_length 64, batch 16, MSE, lr 5e-5 and head_lr 1e-3 (the FB3 CPU recipe's head
#         settings), linear schedule with 10% warmup. Default: one epoch (38 steps), evaluated at
#         step 19 and at its end.
# essays  the shipped 48 essays (examples/data/essays-tiny.csv, cohesion and syntax on FB3's 1-5
#         scale) with the recipe of examples/trial-minimal.yaml (max_length 64, mean pooling,
#         batch 8, lr 1e-4, head_lr 1e-2, cosine with 10% warmup, smooth L1, clipped
#         predictions); fold 0 of 4: 36 essays to train (5 steps an epoch), 12 held out.
#         Default: 10 steps, evaluated every 5 (the end of each epoch).
#
# One training at a time, under nice; a trial that already has a result.json is not rerun.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TASK=spam
if [[ $# -gt 0 && "$1" != --* ]]; then TASK="$1"; shift; fi
SEEDS=1,2,3
MAX_STEPS=""
EVAL_EVERY=""
HEAD_LR=""
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seeds) SEEDS="$2"; shift 2 ;;
    --max-steps) MAX_STEPS="$2"; shift 2 ;;
    --eval-every) EVAL_EVERY="$2"; shift 2 ;;
    --head-lr) HEAD_LR="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$ROOT/runs/head-bias-start/$TASK}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

case "$TASK" in
  spam)
    MAX_STEPS="${MAX_STEPS:-38}"; EVAL_EVERY="${EVAL_EVERY:-19}"; HEAD_LR="${HEAD_LR:-1.0e-3}"
    SOURCE="$("$ROOT/sweep" data spam-assassin)"
    DATA="$(dirname "$SOURCE")/spam-regression.csv"
    if [[ ! -s "$DATA" ]]; then
      python3 - "$SOURCE" "$DATA" <<'PY'
import csv, math, sys
csv.field_size_limit(1 << 30)
src, dst = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(src, newline="", encoding="utf-8")))
lengths = [len(r["text"]) for r in rows]
lo, hi = math.log(min(lengths)), math.log(max(lengths))
with open(dst, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["text", "spam_score", "length_score"])
    for r, n in zip(rows, lengths):
        w.writerow([r["text"], 3 + 2 * (r["label"] == "spam"), round(1 + 4 * (math.log(n) - lo) / (hi - lo), 4)])
print(f"head-bias-start: wrote {dst} ({len(rows)} rows)", file=sys.stderr)
PY
    fi
    spec() { # bias seed
      cat <<YAML
task:
  type: regression
  train: $DATA
  text: [text]
  targets: [spam_score, length_score]
  max_length: 64
  limit: 900
  validation: {fraction: 0.3334, seed: 42}
model:
  source: embedded
  pooling: mean
  head_bias: $1
training:
  epochs: 2
  batch_size: 16
  eval_batch_size: 64
  lr: 5.0e-5
  head_lr: $HEAD_LR
  scheduler: linear
  warmup_ratio: 0.1
  max_grad_norm: 1.0
  bucket_by_length: true
  log_every_steps: $EVAL_EVERY
  eval_every_steps: $EVAL_EVERY
  seed: $2
output: $OUT/$1-s$2
YAML
    } ;;
  essays)
    MAX_STEPS="${MAX_STEPS:-10}"; EVAL_EVERY="${EVAL_EVERY:-5}"; HEAD_LR="${HEAD_LR:-1.0e-2}"
    DATA="$ROOT/examples/data/essays-tiny.csv"
    spec() { # bias seed: examples/trial-minimal.yaml with the bias named
      cat <<YAML
task:
  type: regression
  train: $DATA
  text: [full_text]
  targets: [cohesion, syntax]
  max_length: 64
  clip_predictions: true
  validation:
    folds: 4
    fold: 0
model:
  source: embedded
  pooling: mean
  head_bias: $1
training:
  epochs: 8
  batch_size: 8
  lr: 1.0e-4
  head_lr: $HEAD_LR
  scheduler: cosine
  warmup_ratio: 0.1
  loss: smooth_l1
  log_every_steps: 5
  eval_every_steps: $EVAL_EVERY
  seed: $2
output: $OUT/$1-s$2
YAML
    } ;;
  *) echo "unknown task '$TASK' (spam or essays)" >&2; exit 2 ;;
esac

IFS=, read -r -a seed_list <<< "$SEEDS"
for seed in "${seed_list[@]}"; do
  for bias in mean zero; do
    dir="$OUT/$bias-s$seed"
    [[ -s "$dir/result.json" ]] && continue
    mkdir -p "$dir"
    spec "$bias" "$seed" > "$OUT/$bias-s$seed.yaml"
    echo "head-bias-start: $TASK, head_bias $bias, seed $seed ..." >&2
    nice -n 19 "$ROOT/sweep" train "$OUT/$bias-s$seed.yaml" --output "$dir" --max-steps "$MAX_STEPS" \
      > "$dir/stdout.log" 2> "$dir/stderr.log" || { tail -20 "$dir/stderr.log" >&2; exit 1; }
  done
done

python3 - "$OUT" "$TASK" "$SEEDS" <<'PY'
import json, math, sys
from scipy import stats
out, task, seeds = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(",")]
metric = "mcrmse"

def history(bias, seed):
    return json.load(open(f"{out}/{bias}-s{seed}/result.json"))["history"]

def table(which, label):
    rows = []
    for s in seeds:
        m, z = history("mean", s)[which], history("zero", s)[which]
        assert m["step"] == z["step"]
        rows.append((s, m["step"], m["metrics"][metric], z["metrics"][metric]))
    print(f"\n{task}: {label} evaluation, validation {metric.upper()} (lower is better)")
    print("| seed | step | head_bias: mean | head_bias: zero | mean - zero |")
    print("|---|---|---|---|---|")
    for s, step, m, z in rows:
        print(f"| {s} | {step} | {m:.4f} | {z:.4f} | {m - z:+.4f} |")
    d = [m - z for _, _, m, z in rows]
    avg = sum(d) / len(d)
    if len(d) > 1:
        sd = math.sqrt(sum((x - avg) ** 2 for x in d) / (len(d) - 1))
        t = stats.ttest_rel([r[2] for r in rows], [r[3] for r in rows])
        print(f"| mean | | {sum(r[2] for r in rows) / len(rows):.4f} | {sum(r[3] for r in rows) / len(rows):.4f} "
              f"| {avg:+.4f} (sd {sd:.4f}) |")
        print(f"paired t-test, {len(d) - 1} df: t = {t.statistic:.2f}, two-sided p = {t.pvalue:.2g}; "
              f"mean start better in {sum(x < 0 for x in d)} of {len(d)} seeds")
    else:
        print(f"difference {avg:+.4f} (one seed: no test)")

table(0, "first")
table(-1, "last")
first = history("mean", seeds[0])
def mean_predictions(bias, seed):
    import csv
    rows = list(csv.DictReader(open(f"{out}/{bias}-s{seed}/predictions-last.csv")))
    names = [c for c in rows[0] if c != "row" and not c.startswith("target_")]
    return {n: (sum(float(r[n]) for r in rows) / len(rows), sum(float(r["target_" + n]) for r in rows) / len(rows))
            for n in names}

print("\nmean prediction over the validation rows at the last evaluation (the truth's mean in brackets):")
for bias in ("mean", "zero"):
    per_seed = [mean_predictions(bias, s) for s in seeds]
    print(f"  {bias}: " + ", ".join(f"{n} {sum(p[n][0] for p in per_seed) / len(per_seed):.3f} [{per_seed[0][n][1]:.3f}]"
                                     for n in per_seed[0]))
print(f"\nevaluations at steps {[p['step'] for p in first]}; per-target RMSE at the first (seed {seeds[0]}):")
for bias in ("mean", "zero"):
    p = history(bias, seeds[0])[0]["metrics"]
    print(f"  {bias}: " + ", ".join(f"{k} {v:.3f}" for k, v in p.items() if k.startswith("rmse")))
PY
