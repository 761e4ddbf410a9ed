/** The worker's command line: {@code train} one trial, {@code bench} the step, prepare datasets. */
package dev.sweep.worker.cli;
