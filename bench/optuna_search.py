#!/usr/bin/python3
"""Optuna 3.1's TPESampler (defaults, seed=s) and RandomSampler on the functions of
coordinator/.../search/BenchmarkProblems.java, with the same seeds and budgets as SearchBenchmark.
Prints tab-separated lines: function, sampler, then per budget the median best value over the
seeds and its 25th and 75th percentiles. Run with Debian's /usr/bin/python3 (python3-optuna)."""
import math
import sys

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    s = 1 / (8 * math.pi)
    u = x2 - b * x1 * x1 + c * x1 - 6
    return u * u + 10 * (1 - s) * math.cos(x1) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
       [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(6)]
    return -sum(H_ALPHA[k] * math.exp(-sum(H_A[k][j] * (x[j] - H_P[k][j]) ** 2 for j in range(6))) for k in range(4))


def rosenbrock10(t):
    x = [t.suggest_float("x%d" % i, -5, 10) for i in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))


OFFSET = {"a": 0.0, "b": 0.5, "c": 1.0}


def mixed(t):
    opt = t.suggest_categorical("opt", ["a", "b", "c"])
    lr = math.log10(t.suggest_float("lr", 1e-5, 1e-1, log=True)) + 3
    n = (t.suggest_int("n", 1, 16) - 7) / 4.0
    return OFFSET[opt] + lr * lr + n * n


PROBLEMS = [("branin", branin), ("hartmann6", hartmann6), ("rosenbrock10", rosenbrock10), ("mixed", mixed)]


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    budgets = [int(b) for b in (sys.argv[2] if len(sys.argv) > 2 else "25,50,100").split(",")]
    print("function\tsampler" + "".join("\tbest@%d\tp25@%d\tp75@%d" % (b, b, b) for b in budgets))
    for name, f in PROBLEMS:
        for sampler_name, make in (("tpe", lambda s: optuna.samplers.TPESampler(seed=s)),
                                   ("random", lambda s: optuna.samplers.RandomSampler(seed=s))):
            best = np.zeros((len(budgets), seeds))
            for s in range(seeds):
                study = optuna.create_study(direction="minimize", sampler=make(s))
                study.optimize(f, n_trials=max(budgets))
                curve = np.minimum.accumulate([t.value for t in study.trials])
                for i, b in enumerate(budgets):
                    best[i, s] = curve[b - 1]
            cells = "".join("\t%.6g\t%.6g\t%.6g" % (np.median(v), np.percentile(v, 25), np.percentile(v, 75)) for v in best)
            print(name + "\t" + sampler_name + cells, flush=True)


if __name__ == "__main__":
    main()
