/**
 * Pretrained weights in the formats users bring: Hugging Face safetensors (read and written) and
 * the ONNX export that carries the embedded model. Everything is read into fp32 host tensors under
 * Hugging Face parameter names; nothing here touches the engine.
 */
package dev.sweep.worker.model.weights;
