package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The noncentral t CDF by quadrature against scipy.stats.nct (1.17, Boost's series). */
class NoncentralTTest {
    @Test
    void theCdfAndSurvivalMatchScipy() {
        // scipy.stats.nct.cdf(t, df, nc) and nct.sf(t, df, nc) for each (t, df, nc)
        double[][] cases = {
            {2.0, 5, 1.0, 0.7780746626162148, 0.22192533738378514},
            {-1.0, 1, 0.5, 0.13092587339173373, 0.8690741266082662},
            {12.706204736174707, 1, 17.0, 0.18226789407868493, 0.8177321059213151},
            {2.1, 30, 3.0, 0.18786246616595303, 0.812137533834047},
            {0.5, 2, -1.0, 0.920304260068485, 0.07969573993151502},
            {4.302652729911275, 2, 6.0, 0.16426188019989968, 0.8357381198001003},
        };
        for (double[] c : cases) {
            String at = "t = " + c[0] + ", df = " + c[1] + ", nc = " + c[2];
            assertEquals(c[3], NoncentralT.cdf(c[0], c[1], c[2]), 1e-9, at);
            assertEquals(c[4], NoncentralT.sf(c[0], c[1], c[2]), 1e-9, at);
        }
    }

    @Test
    void withNoncentralityZeroItIsStudentsT() {
        for (double t : new double[] {-3, -0.4, 0, 1.7, 9}) {
            assertEquals(StudentT.cdf(t, 4), NoncentralT.cdf(t, 4, 0), 1e-11, "t = " + t);
        }
    }
}
