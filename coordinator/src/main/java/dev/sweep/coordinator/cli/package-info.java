/** The coordinator's command line: run, submit, status, cancel. */
package dev.sweep.coordinator.cli;
