package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.decide.Decision;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seeds-until-decided sweep's report says why each configuration stopped and how many seeds it
 * used; the live table says the same while it runs. The outcomes are ones no sequential design
 * could decide otherwise: a gain a hundred times its spread, differences a hundred times inside
 * the minimum effect, and differences that swing either way to the last seed.
 */
class SeedsUntilDecidedReportTest {
    private static final ReportPlan.DecidePlan RULE = new ReportPlan.DecidePlan(3, 5, 0.01, 0.05, 0.8);
    private static final ReportPlan PLAN = new ReportPlan("base", Checkpoint.LAST, null, RULE);
    private static final double[] BASE = {0.70, 0.72, 0.74, 0.71, 0.73};

    private static ReportLog log() {
        ReportLog log = new ReportLog(PLAN);
        double[] fgm = {0.100, 0.101, 0.099};
        double[] rdrop = {0.0001, -0.0001, 0};
        double[] llrd = {0.05, -0.04, 0.01, -0.03, 0.02};
        double[] mixout = {0.03, -0.02, 0.01};
        for (int s = 0; s < 5; s++) {
            log.train("base", s + 1, null, BASE[s]);
            log.train("llrd", s + 1, null, BASE[s] + llrd[s]);
        }
        for (int s = 0; s < 3; s++) {
            log.train("fgm", s + 1, null, BASE[s] + fgm[s]).train("rdrop", s + 1, null, BASE[s] + rdrop[s])
                    .train("mixout", s + 1, null, BASE[s] + mixout[s]);
        }
        return log.running("mixout", 4);
    }

    @Test
    void eachConfigurationSaysWhyItStoppedAndTheSeedsItUsed() {
        SweepReport r = log().report();
        assertEquals(List.of("llrd", "fgm", "rdrop", "mixout"), r.decisions().stream().map(SweepReport.SeedStop::config)
                .toList(), "log order, the reference left out");
        SweepReport.SeedStop fgm = r.decision("fgm");
        assertEquals(Decision.BETTER, fgm.decision());
        assertEquals("decided better", fgm.stopped());
        assertEquals(3, fgm.seedsRun());
        assertEquals(3, fgm.pairs());
        assertTrue(fgm.why().startsWith("better than base: difference 0.1000"), fgm.why());
        assertEquals("equivalent", r.decision("rdrop").stopped());
        assertTrue(r.decision("rdrop").why().startsWith("equivalent to base within ±0.0100 at 3 seeds"),
                r.decision("rdrop").why());
        SweepReport.SeedStop llrd = r.decision("llrd");
        assertEquals("out of seeds", llrd.stopped());
        assertEquals(5, llrd.seedsRun());
        SweepReport.SeedStop mixout = r.decision("mixout");
        assertEquals("undecided, running", mixout.stopped());
        assertEquals(4, mixout.seedsRun());
        assertEquals(3, mixout.pairs());
        assertEquals("waiting for seed 4 training (3 pairs so far)", mixout.why());
        assertEquals(null, r.decision("base"));
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("Seeds until decided:") && m.contains("between 3 "
                + "and 5 seeds, alpha 0.05, power 0.8") && m.contains("Its error rates hold per configuration: over "
                + "the 4 configurations the chance that any is wrongly called better or worse is up to m x alpha = "
                + "4 x 0.05 = 0.2.")), r.methods().toString());
    }

    /** The reason names what the pairs wait for, and where it is: a seed queued is not said to be running. */
    @Test
    void anUndecidedConfigurationSaysWhichTrialsItWaitsForAndWhereTheyAre() {
        ReportLog log = new ReportLog(PLAN);
        for (int s = 0; s < 3; s++) {
            log.train("base", s + 1, null, BASE[s]).train("mixout", s + 1, null, BASE[s] + 0.01 * (s - 1));
        }
        log.running("base", 4).queued("mixout", 4);
        assertEquals("waiting for seed 4 queued, base seed 4 training (3 pairs so far)",
                log.report().decision("mixout").why());
        log.train("base", 5, null, 0.7).running("mixout", 5);
        assertEquals("waiting for seed 4 queued, base seed 4 training, seed 5 training (3 pairs so far)",
                log.report().decision("mixout").why(), "every unfinished trial of its pairs, by seed");
    }

    /** With fma: each average is of the seeds its configuration stopped at; the decisions are the training trials' alone. */
    @Test
    void averagesOfTheSeedsEachConfigurationStoppedAtSitBesideTheDecisions() {
        ReportLog log = log().average("fgm", 1, null, 0.83, "fgm-s1", "fgm-s2", "fgm-s3")
                .average("base", 1, null, 0.73, "base-s1", "base-s2", "base-s3", "base-s4", "base-s5");
        SweepReport r = log.report();
        assertEquals(List.of("llrd", "fgm", "rdrop", "mixout"), r.decisions().stream().map(SweepReport.SeedStop::config)
                .toList(), "the averages take no decisions");
        assertTrue(r.column("fgm+fma").members().note().endsWith("of 3 members"), r.column("fgm+fma").members().note());
        assertTrue(r.column("base+fma").members().note().endsWith("of 5 members"), r.column("base+fma").members().note());
        assertEquals("base+fma", r.column("fgm+fma").test().against());
    }

    @Test
    void everyFormatCarriesTheDecisions() {
        SweepReport r = log().report();
        String md = ReportText.render(r, ReportFormat.MD);
        // columns: base, then the plan's absence sorts the rest by name: fgm, llrd, mixout, rdrop
        assertTrue(md.contains("| seeds until decided: stopped | reference | decided better | out of seeds | "
                + "undecided, running | equivalent |"), md);
        assertTrue(md.contains("| seeds until decided: seeds used (pairs) |  | 3 (3) | 5 (5) | 4 (3) | 3 (3) |"), md);
        assertTrue(md.contains("waiting for seed 4 training (3 pairs so far)"), md);
        String html = ReportText.render(r, ReportFormat.HTML);
        assertTrue(html.contains("<tr><td>seeds until decided: stopped</td><td>reference</td><td>decided better</td>"),
                html);
        String json = ReportText.render(r, ReportFormat.JSON);
        assertTrue(json.contains("{\"config\":\"fgm\",\"decision\":\"BETTER\",\"seeds_run\":3,\"pairs\":3,"
                + "\"waiting\":false,\"why\":\"better than base"), json);
        String csv = ReportText.render(r, ReportFormat.CSV);
        List<String> header = Arrays.asList(csv.lines().findFirst().orElseThrow().split(","));
        String row = csv.lines().filter(l -> l.startsWith("llrd,false,accuracy,")).findFirst().orElseThrow();
        String[] cells = row.split(",", -1);
        assertEquals("out_of_seeds", cells[header.indexOf("decision")], row);
        assertEquals("5", cells[header.indexOf("seeds_run")], row);
        assertEquals("5", cells[header.indexOf("decision_pairs")], row);
        assertTrue(cells[header.indexOf("decision_why")].startsWith("\""), "the reason has commas: quoted: " + row);
        assertTrue(row.endsWith(",,,,"), "the members_ columns stay last: " + row);
        String text = ReportText.terminal(r);
        assertTrue(text.contains("seeds until decided (error rates hold per configuration: a false better or worse "
                + "among all 4 has a chance of up to 4 x alpha):"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  fgm ") && l.contains("decided better")
                && l.contains(" 3 seeds (3 pairs)  better than base")), text);
    }

    @Test
    void theLiveTableShowsEachConfigurationsReasonWhileTheSweepRuns() {
        String live = LiveTable.render(log().state(), 0);
        List<String> lines = live.lines().toList();
        assertTrue(lines.get(1).endsWith("seeds until decided"), live);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  mixout ") && l.contains("s4 starting")
                && l.endsWith("undecided, running: waiting for seed 4 training (3 pairs so far)")), live);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fgm ") && l.contains("decided better: better than base")),
                live);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  base ") && l.endsWith("reference")), live);
    }

    @Test
    void aSweepWithoutTheRuleShowsNoDecisions() {
        SweepReport r = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null)).train("base", 1, null, 0.7)
                .train("fgm", 1, null, 0.8).report();
        assertTrue(r.decisions().isEmpty());
        assertFalse(ReportText.render(r, ReportFormat.MD).contains("seeds until decided"));
        assertFalse(ReportText.terminal(r).contains("seeds until decided"));
        assertFalse(LiveTable.render(new ReportLog(new ReportPlan("base", Checkpoint.LAST, null))
                .train("base", 1, null, 0.7).state(), 0).contains("seeds until decided"));
    }

    @Test
    void aLogWithMoreSeedsThanTheRuleAllowsIsWarnedAboutNotReplayed() {
        ReportLog log = new ReportLog(PLAN);
        for (int s = 0; s < 6; s++) {
            log.train("base", s + 1, null, 0.70 + s * 0.01).train("fgm", s + 1, null, 0.75 + s * 0.01);
        }
        SweepReport r = log.report();
        assertTrue(r.decisions().isEmpty());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("has 6 seeds, more than the rule's seeds.max (5)")),
                r.warnings().toString());
        assertTrue(LiveTable.render(log.state(), 0).contains("decisions not shown"));
    }
}
