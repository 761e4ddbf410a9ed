/** Training losses of regression and classification heads; each returns the batch mean as a scalar. */
package dev.sweep.worker.loss;
