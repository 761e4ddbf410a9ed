package dev.sweep.coordinator.kafka;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the protocol's topics when they are missing. The event and trial logs keep every
 * record (retention off), because a coordinator rebuilds a sweep by replaying them.
 */
public final class TopicSetup {
    /** Trials spread over this many partitions, so this many workers can each own one. */
    public static final int TRIAL_PARTITIONS = 16;

    private TopicSetup() {}

    public static void ensure(KafkaSettings settings, int replication) {
        Properties p = settings.properties();
        p.put("request.timeout.ms", "15000");
        p.put("default.api.timeout.ms", "30000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, String> keep = Map.of("retention.ms", "-1", "retention.bytes", "-1");
            List<NewTopic> missing = new ArrayList<>();
            add(missing, existing, new NewTopic(Topics.TRIALS, TRIAL_PARTITIONS, (short) replication).configs(keep));
            add(missing, existing, new NewTopic(Topics.EVENTS, 4, (short) replication).configs(keep));
            add(missing, existing, new NewTopic(Topics.CONTROL, 1, (short) replication).configs(keep));
            add(missing, existing, new NewTopic(Topics.DEAD, 1, (short) replication).configs(keep));
            // heartbeats matter for seconds; a day of them is plenty
            add(missing, existing, new NewTopic(Topics.WORKERS, 1, (short) replication)
                    .configs(Map.of("retention.ms", String.valueOf(24 * 3600 * 1000L))));
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another coordinator was quicker
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnreachableException(settings.bootstrap(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(settings.bootstrap(), e);
        }
    }

    private static void add(List<NewTopic> missing, Set<String> existing, NewTopic topic) {
        if (!existing.contains(topic.name())) {
            missing.add(topic);
        }
    }
}
