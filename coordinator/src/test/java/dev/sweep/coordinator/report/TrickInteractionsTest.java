package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.report.Interactions.Effect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Main effects and pairwise interactions of a full two-level factorial over tricks, against the
 * 2x2 closed form and against numpy 2.4 / scipy 1.17 (python 3.11), with this function:
 * <pre>
 * import numpy as np; from scipy import stats
 * def holm(p):
 *     m = len(p); o = sorted(range(m), key=lambda i: p[i]); out = [0]*m; run = 0
 *     for r, i in enumerate(o): run = max(run, (m - r) * p[i]); out[i] = min(1, run)
 *     return out
 * def fit(rows, k, sign):   # rows: [(x tuple of -1/+1, value)]; sign -1 for lower is better
 *     X = np.array([[1] + list(x) + [x[i]*x[j] for i in range(k) for j in range(i+1, k)] for x, _ in rows], float)
 *     y = np.array([v for _, v in rows]); b = np.linalg.lstsq(X, y, rcond=None)[0]; n, p = X.shape; df = n - p
 *     s2 = ((y - X @ b)**2).sum() / df; se = np.sqrt(s2 * np.diag(np.linalg.inv(X.T @ X)))
 *     t = b / se; pv = 2 * stats.t.sf(abs(t), df); q = stats.t.ppf(0.975, df); h = holm(list(pv[1:]))
 *     for j in range(1, p): e = sign*2*b[j]; print(e, e - q*2*se[j], e + q*2*se[j], sign*t[j], pv[j], h[j-1])
 * </pre>
 */
class TrickInteractionsTest {
    private static final ReportPlan BASE = new ReportPlan("base", Checkpoint.LAST, null);

    /** llrd x rdrop, 4 seeds a cell: each is a gain alone, together less than the two added up. */
    private static final double[] OFF_OFF = {0.700, 0.706, 0.709, 0.712};
    private static final double[] LLRD = {0.741, 0.744, 0.750, 0.752};
    private static final double[] RDROP = {0.730, 0.733, 0.738, 0.745};
    private static final double[] BOTH = {0.742, 0.747, 0.749, 0.754};

    private static Map<String, String> settings(boolean llrd, boolean rdrop) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rdrop", rdrop ? "on" : "off"); // not in name order: the report sorts the switches
        s.put("llrd", llrd ? "on" : "off");
        s.put("fgm", "off"); // a trick off in every trial is a constant, not a factor
        s.put("training.lr", "2e-05");
        return s;
    }

    private static ReportLog twoByTwo() {
        ReportLog log = new ReportLog(BASE);
        for (int s = 0; s < 4; s++) {
            log.settings(settings(false, false)).train("base", s + 1, null, OFF_OFF[s]);
            log.settings(settings(true, false)).train("llrd", s + 1, null, LLRD[s]);
            log.settings(settings(false, true)).train("rdrop", s + 1, null, RDROP[s]);
            log.settings(settings(true, true)).train("llrd+rdrop", s + 1, null, BOTH[s]);
        }
        return log;
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double sumOfSquares(double[] v) {
        double m = mean(v);
        return java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum();
    }

    @Test
    void twoByTwoInteractionIsTheClassicContrastOfCellMeans() {
        Interactions i = twoByTwo().report().interactions();
        assertEquals(List.of("llrd", "rdrop"), i.tricks());
        assertEquals(16, i.trials());
        assertEquals(4, i.cells());
        assertEquals(12, i.df(), "16 trials - 4 coefficients");
        // the saturated 2x2 model: the fit is the cell means, the residual the pooled within-cell variance
        double pooled = (sumOfSquares(OFF_OFF) + sumOfSquares(LLRD) + sumOfSquares(RDROP) + sumOfSquares(BOTH)) / 12;
        assertEquals(Math.sqrt(pooled), i.residualSd(), 1e-12);
        Interactions.Pair pair = i.pairs().get(0);
        double contrast = mean(BOTH) - mean(LLRD) - mean(RDROP) + mean(OFF_OFF);
        assertEquals(contrast, pair.together(), 1e-12, "together minus the two separate gains");
        assertEquals(contrast / 2, pair.effect().effect(), 1e-12, "the DOE interaction effect, 2 b_12");
        double llrdEffect = (mean(LLRD) + mean(BOTH)) / 2 - (mean(OFF_OFF) + mean(RDROP)) / 2;
        assertEquals(llrdEffect, i.mainEffects().get(0).effect(), 1e-12);
        // se of the contrast: s sqrt(sum 1/n_cell); stats.t.ppf(0.975, 12) = 2.1788128296672284
        double half = 2.1788128296672284 * Math.sqrt(pooled) * Math.sqrt(4.0 / 4);
        assertEquals(contrast - half, pair.togetherLow(), 1e-9);
        assertEquals(contrast + half, pair.togetherHigh(), 1e-9);
    }

    @Test
    void twoByTwoMatchesNumpyAndScipy() {
        Interactions i = twoByTwo().report().interactions();
        // fit([(c, v) for c, vs in cells.items() for v in vs], 2, 1), x0 = llrd, x1 = rdrop; prints
        // llrd:        0.025749999999999926 0.019778933063141213 0.03172106693685864 9.39604780137445
        //              6.990478738643054e-07 2.0971436215929162e-06
        // rdrop:       0.01549999999999992 0.009528933063141207 0.021471066936858633 5.6558734338370344
        //              0.00010628686083731544 0.0002125737216746309
        // llrd x rdrop: -0.014249999999999916 -0.020221066936858628 -0.008278933063141203 -5.199754608527592
        //              0.00022198988432717168 0.00022198988432717168
        // residual sd 0.0054810278841351204
        assertEffect(i.mainEffects().get(0), 0.025749999999999926, 0.019778933063141213, 0.03172106693685864,
                9.39604780137445, 6.990478738643054e-07, 2.0971436215929162e-06);
        assertEffect(i.mainEffects().get(1), 0.01549999999999992, 0.009528933063141207, 0.021471066936858633,
                5.6558734338370344, 0.00010628686083731544, 0.0002125737216746309);
        assertEffect(i.pairs().get(0).effect(), -0.014249999999999916, -0.020221066936858628, -0.008278933063141203,
                -5.199754608527592, 0.00022198988432717168, 0.00022198988432717168);
        assertEquals(0.0054810278841351204, i.residualSd(), 1e-12);
        assertEquals("llrd x rdrop", i.pairs().get(0).effect().name());
    }

    private static void assertEffect(Effect e, double effect, double low, double high, double t, double p, double holm) {
        assertEquals(effect, e.effect(), 1e-12, e.name());
        assertEquals(low, e.low(), 1e-9, e.name());
        assertEquals(high, e.high(), 1e-9, e.name());
        assertEquals(t, e.t(), 1e-8, e.name());
        assertEquals(p, e.p(), Math.max(1e-12, p * 1e-6), e.name());
        assertEquals(holm, e.holmP(), Math.max(1e-12, holm * 1e-6), e.name());
    }

    @Test
    void aSignificantInteractionIsSaidInWordsInEveryFormat() {
        SweepReport r = twoByTwo().report();
        // 4 b_12 = 2 x -0.014249999999999916 = -0.0285: the pair together is that much short of the gains added
        String sentence = "llrd and rdrop together are 0.0285 worse than their separate gains add up to (95% CI "
                + "[-0.0404, -0.0166], Holm p = 2.2e-04).";
        assertEquals(List.of(sentence), r.interactions().findings());
        String md = ReportText.render(r, ReportFormat.MD);
        // printed to 4 places from the shortest decimal of each double (0.02575, -0.01425), rounded half up
        assertTrue(md.contains("## Trick interactions\n\n- " + sentence), md);
        assertTrue(md.contains("| llrd x rdrop | -0.0143 | [-0.0202, -0.0083] | -5.20 | 2.2e-04 | 2.2e-04 | -0.0285 "
                + "[-0.0404, -0.0166] |"), md);
        assertTrue(md.contains("| llrd | +0.0258 | [+0.0198, +0.0317] | 9.40 | 7.0e-07 | 2.1e-06 |  |"), md);
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("Trick interactions: the sweep is a full 2^2 "
                + "factorial over llrd, rdrop (4 combinations, 16 trials")), r.methods().toString());
        String html = ReportText.render(r, ReportFormat.HTML);
        assertTrue(html.contains("<h2>Trick interactions</h2>\n<p>" + sentence + "</p>"), html);
        assertTrue(html.contains("<td>llrd x rdrop</td><td>-0.0143</td>"), html);
        assertTrue(ReportText.render(r, ReportFormat.JSON).contains("\"interactions\":{\"tricks\":[\"llrd\",\"rdrop\"]"));
        String text = ReportText.terminal(r);
        assertTrue(text.contains("trick interactions (full 2^2 factorial, 16 trials, df 12; + = better):"), text);
        assertTrue(text.contains("  " + sentence), text);
    }

    @Test
    void threeTricksWithAnUnbalancedCellAndALowerIsBetterMetricMatchNumpy() {
        // MCRMSE, lower is better; x0 fgm, x1 llrd, x2 rdrop; fgm alone has 3 seeds, every other cell 2
        ReportLog log = new ReportLog(BASE, "mcrmse", false);
        Object[][] cells = {
            {false, false, false, new double[] {0.470, 0.476}}, {true, false, false, new double[] {0.462, 0.466, 0.459}},
            {false, true, false, new double[] {0.461, 0.467}}, {true, true, false, new double[] {0.455, 0.458}},
            {false, false, true, new double[] {0.468, 0.471}}, {true, false, true, new double[] {0.463, 0.469}},
            {false, true, true, new double[] {0.466, 0.470}}, {true, true, true, new double[] {0.464, 0.461}}};
        for (Object[] c : cells) {
            boolean fgm = (boolean) c[0];
            boolean llrd = (boolean) c[1];
            boolean rdrop = (boolean) c[2];
            String name = String.join("+", java.util.stream.Stream.of(fgm ? "fgm" : null, llrd ? "llrd" : null,
                    rdrop ? "rdrop" : null).filter(java.util.Objects::nonNull).toList());
            Map<String, String> s = Map.of("fgm", fgm ? "on" : "off", "llrd", llrd ? "on" : "off", "rdrop",
                    rdrop ? "on" : "off");
            double[] values = (double[]) c[3];
            for (int seed = 0; seed < values.length; seed++) {
                log.settings(s).train(name.isEmpty() ? "base" : name, seed + 1, null, values[seed]);
            }
        }
        Interactions i = log.report().interactions();
        assertEquals(List.of("fgm", "llrd", "rdrop"), i.tricks());
        // fit([(c, v) for c, vs in c3.items() for v in vs], 3, -1): df 10, s 0.0032730785933522575; effects in
        // order fgm, llrd, rdrop, fgm x llrd, fgm x rdrop, llrd x rdrop (effect, low, high, t, p, holm)
        assertEquals(10, i.df());
        assertEquals(0.0032730785933522575, i.residualSd(), 1e-12);
        assertEffect(i.mainEffects().get(0), 0.006847826086956544, 0.0032815405528228443, 0.010414111621090244,
                4.278375135685643, 0.001615524095998935, 0.009693144575993611);
        assertEffect(i.mainEffects().get(1), 0.004902173913043454, 0.0013358883789097546, 0.008468459447177154,
                3.0627733114193796, 0.01198764367200501, 0.05993821836002505);
        assertEffect(i.mainEffects().get(2), -0.0025978260869565267, -0.006164111621090227, 0.0009684594471771734,
                -1.6230661229029637, 0.13563964233405232, 0.5425585693362093);
        assertEffect(i.pairs().get(0).effect(), -0.00034782608695655033, -0.00391411162109025, 0.00321845944717715,
                -0.217314292606272, 0.832333224307774, 0.832333224307774);
        assertEffect(i.pairs().get(1).effect(), -0.002347826086956554, -0.0059141116210902536, 0.0012184594471771459,
                -1.4668714750922356, 0.17314175948284216, 0.5425585693362093);
        assertEffect(i.pairs().get(2).effect(), -0.0024021739130434647, -0.005968459447177164, 0.001164111621090235,
                -1.5008268333119343, 0.16429669256897472, 0.5425585693362093);
        assertEquals(List.of("fgm", "rdrop"), List.of(i.pairs().get(1).first(), i.pairs().get(1).second()));
        assertEquals(1, i.findings().size());
        assertTrue(i.findings().get(0).startsWith("No pair of tricks interacts distinguishably (Holm over the model's 6 "
                + "effects"), i.findings().toString());
    }

    @Test
    void aSweepThatIsNotAFullFactorialHasNoInteractionsSection() {
        // the ablation users know: base and each trick alone, no combination
        ReportLog ablation = new ReportLog(BASE);
        for (int s = 0; s < 3; s++) {
            ablation.settings(settings(false, false)).train("base", s + 1, null, OFF_OFF[s]);
            ablation.settings(settings(true, false)).train("llrd", s + 1, null, LLRD[s]);
            ablation.settings(settings(false, true)).train("rdrop", s + 1, null, RDROP[s]);
        }
        assertNoInteractions(ablation.report());
        // every combination, but one seed in each
        ReportLog oneSeed = new ReportLog(BASE);
        oneSeed.settings(settings(false, false)).train("base", 1, null, 0.70).settings(settings(true, false))
                .train("llrd", 1, null, 0.74).settings(settings(false, true)).train("rdrop", 1, null, 0.73)
                .settings(settings(true, true)).train("llrd+rdrop", 1, null, 0.75);
        assertNoInteractions(oneSeed.report());
        // a full factorial over the switches, but the learning rate varies too
        ReportLog grid = twoByTwo();
        Map<String, String> otherLr = new LinkedHashMap<>(settings(true, true));
        otherLr.put("training.lr", "5e-05");
        grid.settings(otherLr).train("llrd+rdrop lr 5e-05", 1, null, 0.75).train("llrd+rdrop lr 5e-05", 2, null, 0.76);
        assertNoInteractions(grid.report());
        // one switch only
        ReportLog single = new ReportLog(BASE);
        for (int s = 0; s < 3; s++) {
            single.settings(Map.of("fgm", "off")).train("base", s + 1, null, OFF_OFF[s]).settings(Map.of("fgm", "on"))
                    .train("fgm", s + 1, null, LLRD[s]);
        }
        assertNoInteractions(single.report());
    }

    @Test
    void aCellLeftWithOneSeedByAFailedTrialIsNoLongerAFactorial() {
        ReportLog log = new ReportLog(BASE);
        for (int s = 0; s < 2; s++) {
            log.settings(settings(false, false)).train("base", s + 1, null, OFF_OFF[s]);
            log.settings(settings(true, false)).train("llrd", s + 1, null, LLRD[s]);
            log.settings(settings(false, true)).train("rdrop", s + 1, null, RDROP[s]);
        }
        log.settings(settings(true, true)).train("llrd+rdrop", 1, null, BOTH[0]).dead("llrd+rdrop", 2, null);
        assertNoInteractions(log.report());
    }

    private static void assertNoInteractions(SweepReport r) {
        assertNull(r.interactions());
        assertFalse(ReportText.render(r, ReportFormat.MD).contains("interactions"));
        assertFalse(ReportText.render(r, ReportFormat.HTML).contains("Trick interactions"));
        assertFalse(ReportText.terminal(r).contains("trick interactions"));
        assertTrue(r.methods().stream().noneMatch(m -> m.startsWith("Trick interactions")));
    }
}
