/**
 * Tensor arithmetic that is safe on a gradient path. DJL 0.35.1's {@code NDArray.mul(Number)}
 * (and {@code div}, {@code pow}, {@code maximum}, {@code minimum} and their in-place forms) wraps
 * the number in a tensor over a Java direct buffer without a copy and closes it right after the
 * op, while autograd keeps that tensor for the backward pass: after a garbage collection the
 * backward reads freed memory. {@link dev.sweep.worker.tensor.Scalars} makes the constant in memory
 * libtorch allocates and owns, so autograd's reference keeps it alive. The worker's main code calls
 * those overloads nowhere else (a test in the default suite fails the build if it does); see
 * docs/memory-safety.md for the whole audit of Java memory that becomes tensor memory.
 */
package dev.sweep.worker.tensor;
