package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.sweep.TpeSpec;
import dev.sweep.common.wire.Proposal;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.Configuration;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.search.SearchSpace;
import dev.sweep.coordinator.search.SearchTrial;
import dev.sweep.coordinator.search.SweepSpaces;
import dev.sweep.coordinator.search.TpeSampler;
import dev.sweep.coordinator.search.TpeSettings;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strategy {@code tpe}: {@code samples} proposals of Optuna 3.1's TPE ({@link TpeSampler}), each
 * asked when a worker is free, from every trial in the log so far: complete ones by their value,
 * pruned ones by how far they got, and queued or running ones as the constant liar (Optuna's
 * {@code constant_liar=True}: they count as the worst so far, so trials started together differ).
 *
 * <p>The log is its memory: every proposal's number and parameters ride on its queued event, so a
 * coordinator started again reads them back, numbers the next proposal after the last one
 * logged, and rebuilds each trial with the same id. A proposal's configuration name starts with
 * its number ({@code #3 llrd[lr=3.1e-05,...]}), so two proposals with equal parameters are two
 * trials, as in Optuna.
 */
final class TpeStrategy implements SweepStrategy {
    private final SweepSpec spec;
    private final SweepPlanner planner;
    private final SearchSpace space;
    private final TpeSampler sampler;
    private final Objective objective;
    private final String planId;
    /** Trials built from logged proposals: building one sets every axis through the config's JSON, done once each. */
    private final Map<Proposal, TrialSpec> built = new java.util.HashMap<>();

    TpeStrategy(SweepSpec spec, SweepPlanner planner) {
        this.spec = spec;
        this.planner = planner;
        this.space = SweepSpaces.of(spec.axes());
        this.objective = Objective.of(spec.task().type(), spec.report().select());
        TpeSpec tpe = spec.tpe();
        TpeSettings defaults = TpeSettings.defaults();
        this.sampler = new TpeSampler(objective.direction(), spec.samplerSeed(), new TpeSettings(tpe.nStartupTrials(),
                tpe.nEiCandidates(), defaults.priorWeight(), defaults.considerMagicClip(), defaults.considerEndpoints(),
                defaults.optuna31Density()));
        if (spec.samples() > spec.budget().maxTrials()) {
            throw new IllegalArgumentException("samples is " + spec.samples() + " but budget.max_trials is "
                    + spec.budget().maxTrials() + "; raise it or ask for fewer samples");
        }
        // the plan is the spec itself (its proposals are not known in advance): the same resolved spec, the same id
        this.planId = planner.specPlanId();
    }

    @Override
    public List<Proposed> propose(SweepState state, int room) {
        List<SearchTrial> trials = history(state);
        int next = trials.stream().mapToInt(SearchTrial::number).max().orElse(-1) + 1;
        List<Proposed> out = new ArrayList<>();
        while (out.size() < room && next < spec.samples()) {
            Map<String, Object> params = sampler.ask(space, trials);
            Proposal proposal = new Proposal(next, params);
            out.add(new Proposed(build(proposal), proposal));
            trials.add(SearchTrial.running(next, params)); // the next ask sees this one as running
            next++;
        }
        return out;
    }

    /** Every proposal in the log, by number, as the sampler sees it. */
    private List<SearchTrial> history(SweepState state) {
        List<SearchTrial> out = new ArrayList<>();
        for (TrialView t : state.trials()) {
            if (t.proposal() != null && t.trialId().equals(build(t.proposal()).trialId())) {
                out.add(objective.searchTrial(t.proposal().number(), t.proposal().params(), t));
            }
        }
        out.sort(Comparator.comparingInt(SearchTrial::number));
        return out;
    }

    private TrialSpec build(Proposal p) {
        return built.computeIfAbsent(p, this::make);
    }

    private TrialSpec make(Proposal p) {
        Configuration at = planner.configurationAt(p.params());
        Configuration named = new Configuration(String.format(Locale.ROOT, "#%d %s", p.number(), at.name()), at.settings(),
                at.config());
        return planner.trial(named, spec.seeds().values().get(0), null, planId);
    }

    @Override
    public TrialSpec trial(TrialView view) {
        if (view.proposal() == null) {
            return null;
        }
        TrialSpec t = build(view.proposal());
        return t.trialId().equals(view.trialId()) ? t : null;
    }

    @Override
    public boolean exhausted(SweepState state) {
        return state.trials().stream().filter(t -> t.proposal() != null).count() >= spec.samples();
    }
}
