package dev.sweep.coordinator.plan;

import dev.sweep.common.sweep.SpaceAxis;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.trial.ModelSpec;
import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.ValidationSpec;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Expands a {@link SweepSpec} into trials: the strategy picks configurations; each runs once per
 * fold and seed. Paths in the spec are made absolute against the spec's folder, so a trial means
 * the same thing on every worker that shares that file system.
 */
public final class SweepPlanner {
    public static final String BASELINE = "base";

    private final SweepSpec spec;
    private final Path baseDir;
    /**
     * The plan, made once: a planner is a pure function of its spec and folder, and the plan is
     * asked for by every strategy built on it (the command line builds one to check the spec,
     * one for the preflight, one to run), which for a sweep of 10,000 trials is 10,000 configs
     * resolved and hashed each time.
     */
    private List<TrialSpec> plan;

    /** @param baseDir the spec file's folder: relative paths in the spec resolve against it */
    public SweepPlanner(SweepSpec spec, Path baseDir) {
        this.spec = spec;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Where checkpoints land: OUTPUT/TRIAL_ID, shared by every worker. */
    public Path artifacts() {
        return baseDir.resolve(spec.output()).normalize();
    }

    /** The configurations in table order: the baseline (when the strategy has one) first. */
    public List<Configuration> configurations() {
        List<Configuration> out = switch (spec.strategy()) {
            case ABLATION -> ablation();
            case GRID -> grid();
            case RANDOM -> random();
            case TPE -> List.of(); // proposed one at a time from the results: nothing is planned
        };
        Set<String> names = new LinkedHashSet<>();
        List<Configuration> unique = new ArrayList<>();
        for (Configuration c : out) {
            if (names.add(c.name())) { // random search can draw one configuration twice
                unique.add(c);
            }
        }
        return unique;
    }

    /**
     * The report's settings, resolved: the reference the spec names (checked against the planned
     * configurations), else {@code base} where the plan has it, else none; which evaluation
     * counts; and K when the sweep has folds.
     */
    public ReportPlan reportPlan() {
        List<String> names = configurations().stream().map(Configuration::name).toList();
        String reference = spec.report().reference();
        if (reference != null && !names.contains(reference)) {
            throw new IllegalArgumentException("report.reference must name a configuration of the plan ("
                    + shortList(names) + "), but got '" + reference + "'");
        }
        if (reference == null && names.contains(BASELINE)) {
            reference = BASELINE;
        }
        ReportPlan.DecidePlan decide = spec.decide() == null ? null : new ReportPlan.DecidePlan(spec.seeds().min(),
                spec.seeds().size(), spec.decide().minEffect(), spec.decide().alpha(), spec.decide().power());
        return new ReportPlan(reference, spec.report().select(), spec.folds(), decide);
    }

    private static String shortList(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... " + (names.size() - 8) + " more";
    }

    /** Every training trial of the sweep, first attempt. Averaging trials come later, per configuration. */
    public List<TrialSpec> trials() {
        if (plan == null) {
            plan = List.copyOf(plan());
        }
        return plan;
    }

    private List<TrialSpec> plan() {
        reportPlan(); // refuses a reference the plan does not have, before anything is published
        List<TrialSpec> out = new ArrayList<>();
        for (Configuration c : configurations()) {
            for (Integer fold : folds()) {
                for (long seed : spec.seeds().first()) {
                    out.add(trial(c, seed, fold, ""));
                }
            }
        }
        String planId = TrialIds.of(spec.name(), out.stream().map(TrialSpec::trialId).sorted().toList());
        out.replaceAll(t -> t.withPlanId(planId));
        if (out.size() > spec.budget().maxTrials()) {
            throw new IllegalArgumentException("the plan has " + out.size() + " trials but budget.max_trials is "
                    + spec.budget().maxTrials() + "; raise it or trim the space, seeds or folds");
        }
        return out;
    }

    /** The plan id of a plan whose trials are {@code universe}: the same trials, the same id. */
    public String planId(List<TrialSpec> universe) {
        return TrialIds.of(spec.name(), universe.stream().map(TrialSpec::trialId).sorted().toList());
    }

    /**
     * The plan id of an adaptive sweep, whose trials are not known in advance: a digest of the
     * resolved spec and where its artifacts go, so the same spec always gets the same id.
     */
    public String specPlanId() {
        return TrialIds.of(spec.name(), List.of(dev.sweep.common.codec.Codec.toCanonicalJson(spec), artifacts().toString()));
    }

    /** The folds every configuration runs on: 0..K-1, or a single null without folds. */
    public List<Integer> folds() {
        return spec.folds() == null ? java.util.Collections.singletonList(null)
                : java.util.stream.IntStream.range(0, spec.folds()).boxed().toList();
    }

    /** One training trial of a configuration: its seed (and fold) set, its id derived from all of it. */
    public TrialSpec trial(Configuration c, long seed, Integer fold, String planId) {
        TrialConfig config = c.config().withTraining(c.config().training().withSeed(seed));
        if (fold != null) {
            config = withFold(config, spec.folds(), fold);
        }
        if (config.task().validation() != null && config.task().validation().resamples()) {
            config = withValidation(config, config.task().validation().withSeed(seed));
        }
        String id = TrialIds.of(spec.name(), TrialKind.TRAIN, c.name(), seed, fold, config);
        return new TrialSpec(WireVersion.CURRENT, spec.name(), id, 1, TrialKind.TRAIN, c.name(), c.settings(), seed,
                fold, List.of(), spec.maxAttempts(), config.withOutput(artifacts().resolve(id).toString()), planId);
    }

    /**
     * The configuration at a point given by name ({@code path -> value}), as a search strategy
     * proposes it: axes missing from {@code params} (a trick's parameter while the trick is off)
     * keep the recipe's value.
     */
    public Configuration configurationAt(Map<String, Object> params) {
        List<SpaceAxis> axes = new ArrayList<>();
        List<Object> point = new ArrayList<>();
        for (SpaceAxis axis : spec.axes()) {
            if (params.containsKey(axis.path())) {
                axes.add(axis);
                point.add(params.get(axis.path()));
            }
        }
        for (String path : params.keySet()) {
            if (spec.axes().stream().noneMatch(a -> a.path().equals(path))) {
                throw new IllegalArgumentException("a proposal sets " + path + ", which is not an axis of the space");
            }
        }
        return at(axes, point);
    }

    /**
     * The FMA trial of one configuration and fold: the element-wise mean of its seeds' best
     * checkpoints, evaluated on the same validation split.
     */
    public static TrialSpec average(List<TrialSpec> members) {
        TrialSpec first = members.get(0);
        List<String> ids = members.stream().map(TrialSpec::trialId).toList();
        List<String> folders = members.stream().map(m -> Path.of(m.config().output(), "model").toString()).toList();
        TrialConfig base = first.config();
        TrialConfig config = base.averaging(folders); // the members' config, as a trial that averages them
        String name = first.configName() + "+fma";
        String id = TrialIds.of(first.sweepId(), TrialKind.AVERAGE, name, first.fold(), ids);
        Path artifacts = Path.of(base.output()).getParent();
        Map<String, String> settings = new LinkedHashMap<>(first.settings());
        settings.put("fma", "on");
        return new TrialSpec(WireVersion.CURRENT, first.sweepId(), id, 1, TrialKind.AVERAGE, name, settings,
                first.seed(), first.fold(), ids, first.maxAttempts(), config.withOutput(artifacts.resolve(id).toString()),
                first.planId());
    }

    private List<Configuration> ablation() {
        List<Configuration> out = new ArrayList<>();
        out.add(withTricks(List.of()));
        for (String trick : spec.trickOrder()) {
            out.add(withTricks(List.of(trick)));
        }
        for (List<String> combo : spec.combinations()) {
            List<String> ordered = spec.trickOrder().stream().filter(combo::contains).toList();
            out.add(withTricks(ordered));
        }
        for (String variant : spec.variants().keySet()) {
            out.add(variant(variant));
        }
        return out;
    }

    /** A named variant of the recipe: its settings are the paths it changes, then every trick on or off. */
    private Configuration variant(String name) {
        TrialConfig config = resolvePaths(spec.variant(name));
        Map<String, String> settings = new LinkedHashMap<>();
        for (SpaceAxis axis : spec.variantAxes(name)) {
            settings.put(axis.path(), show(axis.choices().get(0)));
        }
        for (String t : spec.trickOrder()) {
            settings.putIfAbsent(t, config.tricks().containsKey(t) ? "on" : "off");
        }
        return new Configuration(name, settings, config);
    }

    private Configuration withTricks(List<String> on) {
        Map<String, Map<String, Object>> tricks = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String t : spec.trickOrder()) {
            settings.put(t, on.contains(t) ? "on" : "off");
            if (on.contains(t)) {
                tricks.put(t, spec.tricks().get(t));
            }
        }
        TrialConfig base = resolvePaths(spec.baseline());
        TrialConfig config = new TrialConfig(base.task(), base.model(), base.training(), tricks, base.output());
        return new Configuration(on.isEmpty() ? BASELINE : String.join("+", on), settings, config);
    }

    private List<Configuration> grid() {
        List<SpaceAxis> axes = spec.axes();
        List<List<Object>> points = new ArrayList<>();
        points.add(List.of());
        for (SpaceAxis axis : axes) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> p : points) {
                for (Object v : axis.choices()) {
                    List<Object> q = new ArrayList<>(p);
                    q.add(v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points.stream().map(p -> at(axes, p)).toList();
    }

    private List<Configuration> random() {
        List<SpaceAxis> axes = spec.axes();
        Random rng = new Random(spec.samplerSeed());
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < spec.samples(); i++) {
            List<Object> point = new ArrayList<>();
            for (SpaceAxis axis : axes) {
                point.add(axis.sample(rng));
            }
            out.add(at(axes, point));
        }
        return out;
    }

    /** The configuration at one point of the space; its name lists the tricks on, then the other axes. */
    private Configuration at(List<SpaceAxis> axes, List<Object> point) {
        TrialConfig config = resolvePaths(spec.baseline());
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            SpaceAxis axis = axes.get(i);
            config = axis.apply(config, point.get(i), spec.tricks());
            String shown = show(point.get(i));
            settings.put(axis.path(), shown);
            boolean trickSwitch = axis.path().startsWith("tricks.") && axis.path().split("\\.").length == 2;
            if (!trickSwitch) {
                values.add(axis.label() + "=" + shown);
            }
        }
        for (String t : spec.trickOrder()) {
            settings.putIfAbsent(t, config.tricks().containsKey(t) ? "on" : "off");
        }
        List<String> on = spec.trickOrder().stream().filter(config.tricks()::containsKey).toList();
        String name = (on.isEmpty() ? BASELINE : String.join("+", on))
                + (values.isEmpty() ? "" : "[" + String.join(",", values) + "]");
        return new Configuration(name, settings, config);
    }

    /** Numbers as a user would write them: 5e-05 not 4.9999999e-05, 16 not 16.0. */
    static String show(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e6) {
                return String.valueOf((long) d);
            }
            return String.format(Locale.ROOT, "%.3g", d).replaceAll("\\.?0+(e|$)", "$1");
        }
        return String.valueOf(value);
    }

    private static TrialConfig withFold(TrialConfig config, int folds, int fold) {
        TaskSpec t = config.task();
        ValidationSpec v = t.validation();
        ValidationSpec folded = new ValidationSpec(folds, fold, null, null, v == null ? null : v.seed(),
                v == null ? null : v.resample());
        return withValidation(config, folded);
    }

    private static TrialConfig withValidation(TrialConfig config, ValidationSpec v) {
        TaskSpec t = config.task();
        return new TrialConfig(new TaskSpec(t.type(), t.train(), t.text(), t.targets(), v, t.maxLength(),
                t.clipPredictions(), t.limit()), config.model(), config.training(), config.tricks(), config.output());
    }

    private TrialConfig resolvePaths(TrialConfig c) {
        TaskSpec t = c.task();
        ValidationSpec v = t.validation();
        if (v != null && v.file() != null) {
            v = new ValidationSpec(v.folds(), v.fold(), absolute(v.file()), v.fraction(), v.seed(), v.resample());
        }
        TaskSpec task = new TaskSpec(t.type(), absolute(t.train()), t.text(), t.targets(), v, t.maxLength(),
                t.clipPredictions(), t.limit());
        ModelSpec m = c.model();
        String source = m.source().equals(ModelSpec.EMBEDDED) ? m.source() : absolute(m.source());
        ModelSpec model = new ModelSpec(source, m.pooling(), m.poolingLayers(), m.hiddenDropout(), m.attentionDropout(),
                m.headDropout(), m.headBias());
        return new TrialConfig(task, model, c.training(), c.tricks(), c.output());
    }

    private String absolute(String path) {
        return path == null ? null : baseDir.resolve(path).normalize().toString();
    }
}
