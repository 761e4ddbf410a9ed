/**
 * The model: a BERT-family encoder written with DJL operations under Hugging Face parameter
 * names, its configuration, the pretrained sources it loads from, and the saved form that
 * Hugging Face transformers loads back.
 */
package dev.sweep.worker.model;
