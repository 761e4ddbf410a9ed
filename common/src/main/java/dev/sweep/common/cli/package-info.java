/** Command-line parsing shared by the coordinator's and the worker's entry points. */
package dev.sweep.common.cli;
