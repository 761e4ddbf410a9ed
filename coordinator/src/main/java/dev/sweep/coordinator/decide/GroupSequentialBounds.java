package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * Group-sequential boundaries on the normal (z) scale for a spending function, by the recursive
 * numerical integration of Armitage, McPherson and Rowe (1969) as Jennison and Turnbull (2000,
 * "Group Sequential Methods with Applications to Clinical Trials", chapter 19) lay it out: under
 * the null hypothesis the statistics Z_k at information fractions t_k are those of a Brownian
 * motion, S_k = Z_k sqrt(t_k) with independent normal increments of variance t_k - t_{k-1}. At
 * each look the density of the paths not yet stopped is carried on a grid, and the look's
 * boundary c_k is the one at which the probability of stopping there first equals the spending
 * function's increment alpha(t_k) - alpha(t_{k-1}).
 *
 * <p>Two-sided: stop when |Z_k| &gt;= c_k (spent on both tails together). One-sided: stop when
 * Z_k &gt;= c_k.
 */
public final class GroupSequentialBounds {
    /** Below this the one-sided continuation region is cut off: P(Z &lt; -8) = 6e-16. */
    private static final double FLOOR = -8;
    /** Grid points per unit of the narrowest transition's sd: Simpson's error then is far below 1e-9. */
    private static final int POINTS_PER_SD = 8;
    private static final int MIN_POINTS = 801;

    private GroupSequentialBounds() {}

    /**
     * @param fractions information fractions of the looks, increasing, the last at most 1
     * @param level the total error at fraction 1
     * @param twoSided whether the boundary is |Z| &gt;= c (else Z &gt;= c)
     * @return the z boundary of each look
     */
    public static double[] of(double[] fractions, double level, boolean twoSided) {
        require(fractions.length > 0, "a design needs at least one look");
        for (int k = 0; k < fractions.length; k++) {
            require(fractions[k] > (k == 0 ? 0 : fractions[k - 1]) && fractions[k] <= 1,
                    "information fractions must increase within (0, 1], but got " + List.of(box(fractions)));
        }
        int looks = fractions.length;
        double[] bounds = new double[looks];
        double tails = twoSided ? 2 : 1;
        // look 1: Z_1 is standard normal, so the boundary is a closed form
        double spent = ObrienFlemingSpending.spent(fractions[0], level);
        bounds[0] = NormalQuantile.of(1 - spent / tails);
        if (looks == 1) {
            return bounds;
        }
        double narrowest = Double.POSITIVE_INFINITY;
        for (int k = 1; k < looks; k++) {
            narrowest = Math.min(narrowest, Math.sqrt((fractions[k] - fractions[k - 1]) / fractions[k]));
        }
        Grid grid = Grid.over(twoSided ? -bounds[0] : FLOOR, bounds[0], narrowest);
        double[] density = new double[grid.size()];
        for (int i = 0; i < density.length; i++) {
            density[i] = phi(grid.z(i));
        }
        for (int k = 1; k < looks; k++) {
            double before = fractions[k - 1];
            double now = fractions[k];
            double increment = ObrienFlemingSpending.spent(now, level) - spent;
            spent += increment;
            bounds[k] = boundary(grid, density, before, now, increment, twoSided);
            if (k + 1 < looks) {
                Grid next = Grid.over(twoSided ? -bounds[k] : FLOOR, bounds[k], narrowest);
                density = carry(grid, density, next, before, now);
                grid = next;
            }
        }
        return bounds;
    }

    /**
     * The c at which the paths still going at {@code before} (sub-density {@code density} on
     * {@code grid}) first cross at {@code now} with probability {@code increment}: bisection, as
     * that probability falls with c.
     */
    private static double boundary(Grid grid, double[] density, double before, double now, double increment,
            boolean twoSided) {
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (exit(grid, density, before, now, mid, twoSided) > increment) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(not stopped before, and |Z_now| (or Z_now) &gt;= c). */
    private static double exit(Grid grid, double[] density, double before, double now, double c, boolean twoSided) {
        double sd = Math.sqrt(now - before);
        double rootBefore = Math.sqrt(before);
        double cut = c * Math.sqrt(now);
        double[] f = new double[grid.size()];
        for (int i = 0; i < f.length; i++) {
            double s = grid.z(i) * rootBefore; // the score S at the earlier look
            double up = NormalQuantile.upperTail((cut - s) / sd);
            double down = twoSided ? NormalQuantile.upperTail((cut + s) / sd) : 0;
            f[i] = density[i] * (up + down);
        }
        return grid.integrate(f);
    }

    /** The sub-density at {@code now} of the paths that go on, on {@code next}: the transition Z_now | Z_before is normal. */
    private static double[] carry(Grid grid, double[] density, Grid next, double before, double now) {
        double shrink = Math.sqrt(before / now);
        double sd = Math.sqrt((now - before) / now);
        double[] out = new double[next.size()];
        double[] f = new double[grid.size()];
        for (int j = 0; j < out.length; j++) {
            double z = next.z(j);
            for (int i = 0; i < f.length; i++) {
                f[i] = density[i] * phi((z - grid.z(i) * shrink) / sd) / sd;
            }
            out[j] = grid.integrate(f);
        }
        return out;
    }

    private static double phi(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    private static Double[] box(double[] v) {
        return java.util.Arrays.stream(v).boxed().toArray(Double[]::new);
    }

    /** An odd number of equally spaced points on [lo, hi], for Simpson's rule. */
    private record Grid(double lo, double step, int size) {
        static Grid over(double lo, double hi, double narrowestSd) {
            int intervals = (int) Math.ceil((hi - lo) * POINTS_PER_SD / narrowestSd);
            intervals = Math.max(intervals, MIN_POINTS - 1);
            intervals += intervals % 2; // Simpson needs an even number of intervals
            return new Grid(lo, (hi - lo) / intervals, intervals + 1);
        }

        double z(int i) {
            return lo + i * step;
        }

        double integrate(double[] f) {
            double sum = f[0] + f[size - 1];
            for (int i = 1; i < size - 1; i++) {
                sum += (i % 2 == 1 ? 4 : 2) * f[i];
            }
            return sum * step / 3;
        }
    }
}
