package dev.sweep.coordinator.kafka;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the protocol's topics when they are missing, as replicated as asked (by default what
 * the cluster's live brokers allow: {@link Replication#forBrokers}), and refuses a cluster that
 * cannot keep them so ({@link ReplicationCheck}) before anything is written to it. The event and
 * trial logs keep every record (retention off), because a coordinator rebuilds a sweep by
 * replaying them.
 */
public final class TopicSetup {
    /** Trials spread over this many partitions, so this many workers can each own one. */
    public static final int TRIAL_PARTITIONS = 16;

    /** The brokers' topic of consumer group offsets: the workers' commits, as much a part of delivery as ours. */
    static final String OFFSETS_TOPIC = "__consumer_offsets";

    private static final List<String> SWEEP_TOPICS = List.of(Topics.TRIALS, Topics.EVENTS, Topics.CONTROL, Topics.DEAD,
            Topics.WORKERS);

    private TopicSetup() {}

    /** As {@link #ensure(KafkaSettings, ReplicationRequest)} with exactly {@code replication} copies. */
    public static Replication ensure(KafkaSettings settings, int replication) {
        return ensure(settings, ReplicationRequest.factor(replication));
    }

    /**
     * Checks the cluster against the replication asked, then creates the missing topics with it.
     *
     * @return the replication asked, resolved against the cluster's live brokers
     * @throws UnderReplicatedException when the cluster cannot keep the topics so: one line saying what to change
     * @throws KafkaUnreachableException when the cluster does not answer
     */
    public static Replication ensure(KafkaSettings settings, ReplicationRequest request) {
        Properties p = settings.properties();
        p.put("request.timeout.ms", String.valueOf(KafkaSettings.REQUEST_TIMEOUT_MS));
        // an unreachable cluster is said within this long (a Kafka client keeps trying for 60 s by default)
        p.put("default.api.timeout.ms", "20000");
        try (Admin admin = Admin.create(p)) {
            int live = admin.describeCluster().nodes().get(25, TimeUnit.SECONDS).size();
            Replication asked = request.resolve(live);
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(25, TimeUnit.SECONDS);
            List<String> present = new ArrayList<>(SWEEP_TOPICS.stream().filter(names::contains).toList());
            if (names.contains(OFFSETS_TOPIC)) {
                present.add(OFFSETS_TOPIC);
            }
            String refusal = ReplicationCheck.refusal(asked, live, describe(admin, present));
            if (refusal != null) {
                throw new UnderReplicatedException(refusal);
            }
            Map<String, String> keep = configs(asked, "retention.ms", "-1", "retention.bytes", "-1");
            List<NewTopic> missing = new ArrayList<>();
            add(missing, names, new NewTopic(Topics.TRIALS, TRIAL_PARTITIONS, (short) asked.factor()).configs(keep));
            add(missing, names, new NewTopic(Topics.EVENTS, 4, (short) asked.factor()).configs(keep));
            add(missing, names, new NewTopic(Topics.CONTROL, 1, (short) asked.factor()).configs(keep));
            add(missing, names, new NewTopic(Topics.DEAD, 1, (short) asked.factor()).configs(keep));
            // heartbeats matter for seconds; a day of them is plenty
            add(missing, names, new NewTopic(Topics.WORKERS, 1, (short) asked.factor())
                    .configs(configs(asked, "retention.ms", String.valueOf(24 * 3600 * 1000L))));
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(25, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another coordinator was quicker
                        throw e;
                    }
                }
            }
            return asked;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnreachableException(settings.bootstrap(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(settings.bootstrap(), e);
        }
    }

    /** What the cluster says of each topic's partitions and min.insync.replicas. */
    private static List<ReplicationCheck.TopicReplicas> describe(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(25, TimeUnit.SECONDS);
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(25, TimeUnit.SECONDS);
        List<ReplicationCheck.TopicReplicas> out = new ArrayList<>();
        for (String topic : topics) {
            List<ReplicationCheck.PartitionReplicas> partitions = new ArrayList<>();
            for (TopicPartitionInfo info : descriptions.get(topic).partitions()) {
                // a partition with no leader takes no write, whatever its ISR says
                partitions.add(new ReplicationCheck.PartitionReplicas(info.partition(), info.replicas().size(),
                        info.leader() == null ? 0 : info.isr().size()));
            }
            var entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            int minInsync = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
            out.add(new ReplicationCheck.TopicReplicas(topic, !topic.equals(OFFSETS_TOPIC), minInsync, partitions));
        }
        return out;
    }

    private static Map<String, String> configs(Replication r, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        m.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(r.minInsync()));
        return m;
    }

    private static void add(List<NewTopic> missing, Set<String> existing, NewTopic topic) {
        if (!existing.contains(topic.name())) {
            missing.add(topic);
        }
    }
}
