package dev.sweep.coordinator.state;

import dev.sweep.common.wire.TrialKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which averaged-model (FMA) configuration belongs to which trained one, read from what the log
 * says (an averaging trial's members and their configuration), not from the averaging trial's
 * name.
 */
public final class AveragedConfigurations {
    private AveragedConfigurations() {}

    /**
     * @return each trained configuration's averaged configuration, for those that have one (an
     *     average whose members are not in the log is left out)
     */
    public static Map<String, String> of(Collection<TrialView> trials) {
        Map<String, String> configurationOf = new LinkedHashMap<>();
        trials.forEach(t -> configurationOf.put(t.trialId(), t.configName()));
        Map<String, String> out = new LinkedHashMap<>();
        for (TrialView t : trials) {
            if (t.kind() != TrialKind.AVERAGE) {
                continue;
            }
            for (String member : t.members()) {
                String trained = configurationOf.get(member);
                if (trained != null) {
                    out.putIfAbsent(trained, t.configName()); // a configuration's folds share one averaged name
                    break;
                }
            }
        }
        return out;
    }
}
