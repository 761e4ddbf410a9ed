/**
 * The tricks' one declaration: each trick's name, its parameters (type, default, range, one-line
 * doc) and the order the training loop runs them in. The coordinator checks specs against it, the
 * worker builds each trick's plug-in from it, the cost benchmark lists it and a test holds the
 * README's table to it (docs/tricks.md).
 */
package dev.sweep.common.trick;
