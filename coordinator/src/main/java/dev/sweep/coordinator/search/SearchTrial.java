package dev.sweep.coordinator.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trial as samplers and pruners see it: its number, the parameters it was given, its state, its
 * objective value (set exactly when it is {@link TrialState#COMPLETE}) and the intermediate values
 * it reported by step. Transitions return a new trial.
 */
public record SearchTrial(int number, Map<String, Object> params, TrialState state, Double value,
        SortedMap<Integer, Double> intermediateValues) {
    public SearchTrial {
        if (number < 0) {
            throw new IllegalArgumentException("number >= 0 must hold, but got " + number);
        }
        if (state == null) {
            throw new IllegalArgumentException("trial " + number + ": a trial needs a state");
        }
        if (state == TrialState.COMPLETE && (value == null || value.isNaN())) {
            throw new IllegalArgumentException("trial " + number + ": a COMPLETE trial needs a value that is a number, but got " + value);
        }
        if (state != TrialState.COMPLETE && value != null) {
            throw new IllegalArgumentException("trial " + number + ": only a COMPLETE trial has a value, but a " + state + " one got " + value);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
        for (Map.Entry<Integer, Double> e : intermediateValues.entrySet()) {
            if (e.getKey() < 0 || e.getValue() == null) {
                throw new IllegalArgumentException("trial " + number + ": intermediate values need a step >= 0 and a value, but got "
                        + e.getKey() + "=" + e.getValue());
            }
        }
    }

    /** A trial just started with the sampler's proposal. */
    public static SearchTrial running(int number, Map<String, Object> params) {
        return new SearchTrial(number, params, TrialState.RUNNING, null, new TreeMap<>());
    }

    /** A finished trial with its objective value and no intermediate values. */
    public static SearchTrial complete(int number, Map<String, Object> params, double value) {
        return new SearchTrial(number, params, TrialState.COMPLETE, value, new TreeMap<>());
    }

    /** This running trial with one more intermediate value. */
    public SearchTrial report(int step, double intermediate) {
        if (state != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + number + ": only a RUNNING trial reports, but it is " + state);
        }
        TreeMap<Integer, Double> values = new TreeMap<>(intermediateValues);
        values.put(step, intermediate);
        return new SearchTrial(number, params, state, null, values);
    }

    public SearchTrial completed(double objective) {
        return new SearchTrial(number, params, TrialState.COMPLETE, objective, intermediateValues);
    }

    public SearchTrial pruned() {
        return new SearchTrial(number, params, TrialState.PRUNED, null, intermediateValues);
    }

    public SearchTrial failed() {
        return new SearchTrial(number, params, TrialState.FAILED, null, intermediateValues);
    }

    /** The last step reported, or -1 when none was. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }
}
