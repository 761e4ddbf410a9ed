package dev.sweep.coordinator.report.stats;

/** The standard normal distribution's CDF, through the incomplete gamma function (erfc(z) = Q(1/2, z^2)). */
public final class Normal {
    private Normal() {}

    /** P(Z <= z); the lower tail keeps its relative precision far out (Phi(-30) ~ 5e-198). */
    public static double cdf(double z) {
        double half = 0.5 * SpecialFunctions.regularizedGammaQ(0.5, z * z / 2); // P(Z <= -|z|)
        return z < 0 ? half : 1 - half;
    }
}
