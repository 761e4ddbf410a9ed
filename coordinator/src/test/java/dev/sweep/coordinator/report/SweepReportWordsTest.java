package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.report.stats.Comparison;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What the report says in words and shows in each format; the numbers it quotes against scipy 1.17. */
class SweepReportWordsTest {
    private static final ReportPlan BASE = new ReportPlan("base", Checkpoint.LAST, null);

    /** Today's demo at two seeds (accuracy on 300 messages, so values are multiples of 1/300 rounded). */
    private static SweepReport demo() {
        ReportLog log = new ReportLog(BASE);
        String[] names = {"ema", "fgm", "llrd", "rdrop", "fgm+llrd+ema"};
        double[][] values = {{0.96, 0.9633}, {0.96, 0.96}, {0.9467, 0.9533}, {0.98, 0.98}, {0.9267, 0.9367}};
        for (int s = 0; s < 2; s++) {
            log.train("base", s + 1, null, 0.9767);
            for (int c = 0; c < names.length; c++) {
                log.train(names[c], s + 1, null, values[c][s]);
            }
        }
        return log.report();
    }

    @Test
    void theDemoAtTwoSeedsSaysPlainlyThatItCannotTellTheConfigurationsApart() {
        SweepReport r = demo();
        assertEquals("No configuration is distinguishable from base at 2 seeds (Holm-adjusted paired t-tests, alpha "
                + "0.05): two seeds cannot tell these configurations apart from base.", r.headline().get(0));
        // needed(mean, sd) = smallest n with power(|mean| / sd * sqrt(n), n - 1) >= 0.8 (see PowerTest); 3 for each,
        // also at alpha 0.05 / 3
        assertTrue(r.headline().get(1).contains("the seeds needed: ema about 3, llrd about 3, fgm+llrd+ema about 3; an "
                + "sd from 2 seeds rests on one degree of freedom"), r.headline().get(1));
        assertTrue(r.headline().get(2).startsWith("No test for fgm (all 2 pairs differ by exactly 0.0167 (worse): no "
                + "spread, no test), rdrop (all 2 pairs differ by exactly 0.0033 (better)"), r.headline().get(2));
        Comparison ema = r.column("ema").test();
        // stats.ttest_rel([0.96, 0.9633], [0.9767, 0.9767]).pvalue; holm over ema, llrd and fgm+llrd+ema's three
        assertEquals(0.06951788156173558, ema.p(), 1e-10);
        assertEquals(0.20855364468520673, ema.holmP(), 1e-10);
        // brentq(lambda x: power(x, 1) - 0.8, ...) * d.std(ddof=1) / np.sqrt(2)
        assertEquals(0.02695111463537037, ema.mde(), 1e-8);
        assertEquals(3, ema.pairsNeeded());
        assertEquals(3, ema.pairsNeededInFamily(), "the same n at alpha 0.05 / 3");
        assertEquals("not distinguishable from base at 2 seeds", r.column("ema").verdict());
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.startsWith("# Ablation of sweep `s`\n\n**No configuration is distinguishable"), md);
        assertTrue(md.contains("| smallest detectable difference (80% power) |  | 0.0270 |"), md);
    }

    @Test
    void eachMissingTestHasItsOwnWords() {
        ReportLog log = new ReportLog(BASE).train("base", 1, null, 0.70).train("base", 2, null, 0.74)
                .train("nan", 1, null, 0.80).train("nan", 2, null, Double.NaN)
                .train("late", 3, null, 0.80).train("late", 4, null, 0.82)
                .train("one", 1, null, 0.80);
        SweepReport r = log.report();
        assertEquals("metric NaN in 1 trial; 1 pair: no test", r.column("nan").test().noTest());
        assertEquals(1, r.column("nan").primary("accuracy").nan());
        assertEquals(0.80, r.column("nan").primary("accuracy").mean(), 1e-12, "the NaN is left out of the mean");
        assertEquals("no matched pairs", r.column("late").test().noTest());
        assertEquals("1 pair: no test", r.column("one").test().noTest());
        assertTrue(r.warnings().contains("nan: accuracy is NaN in 1 trial (seed 2), left out of its mean and its test."),
                r.warnings().toString());
        String md = ReportText.render(r, ReportFormat.MD);
        assertFalse(md.contains("n/a"), md);
        assertTrue(md.contains("s1 0.8000, s2 NaN"), md);
        SweepReport noBase = new ReportLog(BASE).dead("base", 1, null).train("fgm", 1, null, 0.8).report();
        assertEquals("base has no finished trial; no matched pairs", noBase.column("fgm").test().noTest());
    }

    @Test
    void costsShowTheirSpreadAndAreCalledRoughWhenSeveralWorkersRanThem() {
        ReportLog one = new ReportLog(BASE).ms(100).train("base", 1, null, 0.7).train("base", 2, null, 0.72)
                .ms(200).train("fgm", 1, null, 0.8).ms(220).train("fgm", 2, null, 0.82).ms(210).train("fgm", 3, null, 0.81);
        SweepReport r = one.report();
        assertTrue(ReportText.render(r, ReportFormat.MD).contains("| ms per step: median [min-max] | 100 [100-100] | "
                + "210 [200-220] (x2.10) |"));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        SweepReport two = new ReportLog(BASE).worker("w1").train("base", 1, null, 0.7).worker("w2")
                .train("fgm", 1, null, 0.8).report();
        assertEquals(List.of("Trials ran on 2 workers (w1, w2): workers on one machine share its cores, so ms per step "
                + "and its ratios are rough."), two.warnings());
        assertTrue(ReportText.terminal(two).contains("warning: Trials ran on 2 workers (w1, w2)"));
    }

    @Test
    void skippedStepsAreCountedAndTheirTrialsNamed() {
        SweepReport r = new ReportLog(BASE).train("base", 1, null, 0.7).train("fgm", 1, null, 0.8).skipped(3)
                .train("fgm", 2, null, 0.82).skipped(0).train("base", 2, null, 0.71).report();
        assertEquals(3, r.column("fgm").skippedSteps());
        assertTrue(r.warnings().contains("fgm: 3 training steps skipped for a non-finite gradient (seed 2: 3 (fgm-s2)); "
                + "its figures come from fewer updates."), r.warnings().toString());
        assertTrue(ReportText.render(r, ReportFormat.MD).contains("| skipped steps (non-finite gradient) | 0 | 3 |"));
        assertTrue(ReportText.render(r, ReportFormat.CSV).lines().anyMatch(l -> l.startsWith("fgm,false,accuracy,")
                && l.contains(",3,")));
    }

    private static SweepReport threeSeeds() {
        return new ReportLog(BASE).train("base", 1, null, 0.70).train("base", 2, null, 0.74)
                .train("base", 3, null, 0.72).train("fgm", 1, null, 0.80).train("fgm", 2, null, 0.90)
                .train("fgm", 3, null, 0.85).average("fgm", 1, null, 0.88, "fgm-s1", "fgm-s2", "fgm-s3").report();
    }

    @Test
    void everySeedsValueIsInEveryFormat() {
        SweepReport r = threeSeeds();
        assertTrue(ReportText.render(r, ReportFormat.MD).contains("| per-seed values | s1 0.7000, s2 0.7400, s3 0.7200 | "
                + "s1 0.8000, s2 0.9000, s3 0.8500 | fma 0.8800 |"));
        String csv = ReportText.render(r, ReportFormat.CSV);
        // the family: fgm against base (p 0.0173) and fgm+fma against its members (p 0.4078, see SweepReportTest);
        // holm([0.01729237017600917, 0.4078434745362079]) = [0.0345847..., 0.4078434...]
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("fgm,false,accuracy,last,3,0,0.850000,0.0500000,3,0.130000,"
                + "0.0172924,0.0345847,0.0554759,0.204524,better,0.0979213,3,s1=0.800000;s2=0.900000;s3=0.850000,")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("fgm+fma,true,accuracy,") && l.endsWith(
                ",0.0300000,0.407843,0.407843,not_distinguishable")), csv);
        String json = ReportText.render(r, ReportFormat.JSON);
        assertTrue(json.contains("\"values\":[{\"seed\":1,\"fold\":null,\"value\":0.8},{\"seed\":2,"), json);
        String html = ReportText.render(r, ReportFormat.HTML);
        for (String row : List.of("per-seed values", "matched pairs", "p (raw)", "p (Holm)",
                "95% CI of the difference (+ = better)", "verdict", "trials finished", "averaged model vs its members")) {
            assertTrue(html.contains("<tr><td>" + row + "</td>"), row);
        }
        CategoryChart bars = ReportHtml.differenceChart(r);
        assertEquals(Set.of("better (Holm p < 0.05)", "s1", "s2", "s3"), bars.getSeriesMap().keySet(),
                "a bar for the mean and a point per seed");
        assertEquals(List.of(0.10000000000000009), List.copyOf(bars.getSeriesMap().get("s1").getYData()).subList(0, 1));
        XYChart curves = ReportHtml.curveChart(r);
        XYSeries band = curves.getSeriesMap().get("fgm seeds");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        // the band runs along the seeds' highest values and back along their lowest: 0.90 and 0.80 at step 10
        assertEquals(0.90, band.getYData()[1], 1e-12);
        assertEquals(0.80, band.getYData()[2], 1e-12);
    }

    @Test
    void theTerminalTableShowsTheVerdictInAWord() {
        String text = ReportText.terminal(threeSeeds());
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("1 of 1 configuration is distinguishable from base at 3 seeds"), text);
        String header = lines.stream().filter(l -> l.startsWith("configuration")).findFirst().orElseThrow();
        assertTrue(header.contains("vs base") && header.contains("p (Holm)") && header.contains("verdict"), header);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("base ") && l.contains("reference")), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fgm ") && l.contains("0.1300 better*")
                && l.contains(" better ")), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fgm+fma") && l.contains("undecided")), text);
    }
}
