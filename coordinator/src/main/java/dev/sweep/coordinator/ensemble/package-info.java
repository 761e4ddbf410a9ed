/**
 * Prediction ensembles (model fusion) from the validation predictions every trial writes: each
 * configuration's seeds averaged, and a weighted blend across configurations whose weights are
 * fit by hill climbing and scored honestly on rows the fit did not see.
 */
package dev.sweep.coordinator.ensemble;
