/**
 * The model: the encoders (BERT family, DeBERTa-v2/v3) written with DJL operations under
 * Hugging Face parameter names behind one {@link dev.sweep.worker.model.Encoder} contract, their
 * configurations (picked by config.json's model_type), the pretrained sources they load from,
 * and the saved form that Hugging Face transformers loads back.
 */
package dev.sweep.worker.model;
