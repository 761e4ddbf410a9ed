/**
 * Task data: reading CSV, TSV and JSONL tables, validating every row, splitting into folds or a
 * held-out set, tokenising, and cutting batches padded only to their longest member.
 */
package dev.sweep.worker.data;
