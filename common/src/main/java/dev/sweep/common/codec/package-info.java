/** Reading and writing the shared records as YAML (files people write) and JSON (the wire). */
package dev.sweep.common.codec;
