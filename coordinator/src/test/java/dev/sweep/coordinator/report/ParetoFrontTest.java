package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.report.ParetoFront.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configurations worth their cost: the Pareto front of cost (lower) against gain (higher). */
class ParetoFrontTest {
    private static List<String> names(List<Candidate> front) {
        return front.stream().map(Candidate::name).toList();
    }

    @Test
    void aConfigurationCheaperAndBetterThanAnotherPushesItOffTheFront() {
        List<Candidate> all = List.of(new Candidate("base", 1.0, 0), new Candidate("fgm", 2.0, 0.02),
                new Candidate("rdrop", 1.5, 0.01),
                // costlier than both fgm and rdrop and worse than both: dominated on both axes
                new Candidate("awp", 2.5, 0.005),
                // cheaper than base but worse: nothing is cheaper still, so it stays
                new Candidate("freeze", 0.9, -0.01));
        assertEquals(List.of("freeze", "base", "rdrop", "fgm"), names(ParetoFront.of(all)), "cheapest first");
    }

    @Test
    void exactTiesDominateNeitherButEqualCostWithLessGainOrEqualGainAtMoreCostIsDominated() {
        List<Candidate> all = List.of(new Candidate("base", 1.0, 0), new Candidate("rdrop", 1.5, 0.01),
                new Candidate("llrd", 1.5, 0.01), // the same point as rdrop: both stay
                new Candidate("msd", 1.5, 0.008), // as costly as rdrop, less gain
                new Candidate("fgm", 2.0, 0.02), new Candidate("pgd", 3.0, 0.02)); // pgd: fgm's gain at more cost
        assertEquals(List.of("base", "llrd", "rdrop", "fgm"), names(ParetoFront.of(all)),
                "equal points ordered by name; msd and pgd dominated");
    }

    @Test
    void aRoundOffDifferenceIsATieNotADomination() {
        // 0.96 - 0.9767 and 0.9633 - 0.98 differ by about 1e-17: the same gain
        Candidate a = new Candidate("a", 1.2, 0.96 - 0.9767);
        Candidate b = new Candidate("b", 1.2, 0.9633 - 0.98);
        assertFalse(a.dominates(b) || b.dominates(a));
        assertEquals(2, ParetoFront.of(List.of(a, b)).size());
    }

    @Test
    void aPointWithoutAFiniteCostIsRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Candidate("fgm", Double.NaN, 0.01));
        assertTrue(e.getMessage().contains("finite cost"), e.getMessage());
    }

    @Test
    void theReportListsEachCostsFrontAndDrawsItInline() {
        // fgm: twice base's time and better; rdrop: cheaper than fgm, worse than base; llrd: costs more, gains less
        ReportLog log = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null));
        double[] base = {0.70, 0.72, 0.74};
        for (int s = 0; s < 3; s++) {
            log.ms(100).train("base", s + 1, null, base[s]).ms(200).train("fgm", s + 1, null, base[s] + 0.02 + s * 0.001)
                    .ms(150).train("rdrop", s + 1, null, base[s] - 0.01).ms(250).train("llrd", s + 1, null, base[s] + 0.01);
        }
        SweepReport r = log.report();
        Worth w = r.worth();
        assertEquals(List.of("base", "fgm"), w.timeFront(), "rdrop costs more than base and is worse; llrd is worse "
                + "and costlier than fgm");
        // every trial of ReportLog peaks at 2 GiB: all memory ratios 1, so the best gain at that cost alone is on it
        assertEquals(List.of("fgm"), w.memoryFront());
        Worth.Point fgm = w.points().stream().filter(p -> p.config().equals("fgm")).findFirst().orElseThrow();
        assertEquals(2.0, fgm.msRatio(), 1e-12);
        assertEquals(0.021, fgm.gain(), 1e-12, "the matched pairs' mean: 0.020, 0.021, 0.022");
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("## Worth its cost"), md);
        assertTrue(md.contains("- ms per step: base (x1.00, reference), fgm (x2.00, 0.0210 better)"), md);
        String json = ReportText.render(r, ReportFormat.JSON);
        assertTrue(json.contains("\"time_front\":[\"base\",\"fgm\"]"), json);
        String html = ReportText.render(r, ReportFormat.HTML);
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"worth\" data-axis=\"time\""), html);
        assertTrue(html.contains("<g class=\"point on-front\" data-config=\"fgm\">"), html);
        assertTrue(html.contains("<g class=\"point dominated\" data-config=\"llrd\">"), html);
        assertTrue(html.contains("<g class=\"point dominated\" data-config=\"rdrop\">"), html);
        assertTrue(html.contains("data-axis=\"memory\""), "memory is in the results: its chart too");
        String text = ReportText.terminal(r);
        assertTrue(text.contains("worth its time (Pareto front, cheapest first): base, fgm\n"), text);
        assertTrue(text.contains("worth its memory (Pareto front, cheapest first): fgm\n"), text);
    }

    @Test
    void theChartIsWellFormedSvgWithOneFilledPointPerFrontMember() throws Exception {
        ReportLog log = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null));
        double[] base = {0.70, 0.72, 0.74};
        for (int s = 0; s < 3; s++) {
            log.ms(100).train("base", s + 1, null, base[s]).ms(200).train("fgm", s + 1, null, base[s] + 0.02 + s * 0.001)
                    .ms(300).train("awp & <pgd>", s + 1, null, base[s] + 0.005);
        }
        SweepReport r = log.report();
        String svg = WorthChart.svg(r, true);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.w3c.dom.NodeList groups = doc.getElementsByTagName("g");
        List<String> onFront = new java.util.ArrayList<>();
        List<String> dominated = new java.util.ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
            (g.getAttribute("class").equals("point on-front") ? onFront : dominated).add(g.getAttribute("data-config"));
        }
        assertEquals(List.of("base", "fgm"), onFront);
        assertEquals(List.of("awp & <pgd>"), dominated, "a name that needs escaping survives it");
        assertEquals(1, doc.getElementsByTagName("polyline").getLength());
    }

    @Test
    void withoutAReferenceThereIsNoCostToCompareAndNoSection() {
        SweepReport r = new ReportLog(new ReportPlan(null, Checkpoint.LAST, null)).train("a", 1, null, 0.7)
                .train("b", 1, null, 0.8).report();
        assertEquals(null, r.worth());
        assertFalse(ReportText.render(r, ReportFormat.MD).contains("Worth its cost"));
        assertFalse(ReportText.render(r, ReportFormat.HTML).contains("<svg"));
    }
}
