package dev.sweep.coordinator.ensemble;

import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.AveragedConfigurations;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's ensembles in Markdown (the report's section and {@code ./sweep ensemble}'s output):
 * the two kinds of fusion side by side per configuration (its seeds' predictions averaged, its
 * seeds' weights averaged: FMA), then the blend across configurations with its weights scored on
 * the rows they were fit on and, honestly, on rows they were not.
 */
public final class EnsembleText {
    private EnsembleText() {}

    /** Each configuration's FMA score from the state: the mean over its (fold's) averaged-model trials, or null. */
    public static List<EnsembleReport.Fusion> fusions(EnsembleReport r, SweepState state) {
        List<EnsembleReport.Fusion> out = new ArrayList<>();
        java.util.Map<String, String> averageOf = AveragedConfigurations.of(state.trials());
        for (EnsembleReport.SeedAverage a : r.seedAverages()) {
            double sum = 0;
            int n = 0;
            for (TrialView t : state.trials()) {
                if (t.kind() == TrialKind.AVERAGE && t.state() == TrialState.COMPLETED && t.result() != null
                        && t.configName().equals(averageOf.get(a.configuration()))) {
                    Double v = t.result().last().get(r.metric());
                    if (v != null) {
                        sum += v;
                        n++;
                    }
                }
            }
            out.add(new EnsembleReport.Fusion(a.configuration(), a.singleMean(), a.averaged(), n == 0 ? null : sum / n));
        }
        return out;
    }

    public static String markdown(EnsembleReport r, List<EnsembleReport.Fusion> fusions) {
        StringBuilder b = new StringBuilder();
        String dir = r.higherIsBetter() ? "higher is better" : "lower is better";
        b.append("## Ensembles\n\n");
        b.append("From each trial's validation predictions (").append(r.predictionsFile()).append("); ").append(r.metric())
                .append(", ").append(dir).append(". Classification averages probabilities (softmax of the logits).\n\n");
        b.append("| configuration | seeds | one seed (mean) | seeds' predictions averaged | seeds' weights averaged (FMA) |\n");
        b.append("|---|---|---|---|---|\n");
        for (int i = 0; i < r.seedAverages().size(); i++) {
            EnsembleReport.SeedAverage a = r.seedAverages().get(i);
            EnsembleReport.Fusion f = fusions.get(i);
            b.append("| ").append(a.configuration()).append(" | ").append(a.seeds()).append(" | ").append(num(a.singleMean()))
                    .append(" | ").append(a.seeds() < 2 ? "- (one seed)" : num(a.averaged())).append(" | ")
                    .append(f.fma() == null ? "-" : num(f.fma())).append(" |\n");
        }
        b.append("\nFMA averages the seeds' best checkpoints and is scored by its own evaluation; the prediction "
                + "averages use the files named above, on the rows every seed predicted.\n");
        EnsembleReport.Blend blend = r.blend();
        if (blend == null) {
            b.append("\nOne configuration: no blend across configurations.\n");
            return b.toString();
        }
        b.append("\n### Blend across configurations (").append(blend.rows()).append(" rows)\n\n");
        b.append("Weights by hill climbing (Caruana et al. 2004: greedy additions with replacement, non-negative, "
                + "summing to 1) over each configuration's seed average.\n\n");
        b.append("| blend | ").append(r.metric()).append(" | scored on |\n|---|---|---|\n");
        b.append("| plain average | ").append(num(blend.plain())).append(" | all rows |\n");
        b.append("| plain average | ").append(num(blend.plainHalves())).append(" | each half, averaged |\n");
        b.append("| fitted weights, honest | ").append(num(blend.honest()))
                .append(" | fit on one half of the rows, scored on the other, both ways, averaged |\n");
        b.append("| fitted weights, in sample | ").append(num(blend.inSample()))
                .append(" | the rows they were fit on (optimistic) |\n\n");
        b.append("Weights fit on all rows: ").append(weights(blend.weights())).append(". Fit on each half: ")
                .append(weights(blend.halfWeights().get(0))).append("; ").append(weights(blend.halfWeights().get(1)))
                .append(".\n\n");
        boolean earn = r.higherIsBetter() ? blend.honest() > blend.plainHalves() : blend.honest() < blend.plainHalves();
        b.append(earn ? "The fitted weights beat the plain average on rows they did not see: "
                : "The fitted weights do not beat the plain average on rows they did not see: ")
                .append(num(blend.honest())).append(" against ").append(num(blend.plainHalves()))
                .append(earn ? ".\n" : "; prefer the plain average.\n");
        return b.toString();
    }

    private static String weights(Map<String, Double> w) {
        List<String> parts = new ArrayList<>();
        w.forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.3f", v)));
        return String.join(", ", parts);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
