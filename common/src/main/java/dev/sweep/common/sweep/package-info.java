/** The sweep spec: what a user asks a sweep to try, as read from YAML and validated where it is made. */
package dev.sweep.common.sweep;
