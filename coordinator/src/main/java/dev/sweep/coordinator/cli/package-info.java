/** The coordinator's command line: run, submit, status, cancel, report; parsing and wiring only. */
package dev.sweep.coordinator.cli;
