/** Task metrics over a whole evaluation set, in plain Java: MCRMSE and per-target RMSE, accuracy, macro-F1. */
package dev.sweep.worker.eval;
