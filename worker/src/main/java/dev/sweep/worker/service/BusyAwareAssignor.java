package dev.sweep.worker.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * A cooperative assignor that never moves the partition a worker is training from. Each member
 * tells the group leader (in its subscription's user data) which partition its running trial
 * came from; the leader lets every member keep that partition, and balances only the others.
 * Kafka's cooperative-sticky assignor keeps partitions where it can, but when a second worker
 * joins it moves half of them, the running one included, and the trial would train twice.
 *
 * <p>Cooperative rules: a partition changes owner in two rebalances (revoked by the old owner,
 * then assigned to the new one), so a partition released here stays unassigned for this round.
 */
public final class BusyAwareAssignor implements ConsumerPartitionAssignor, Configurable {
    /** Consumer config key whose value is a {@code Supplier<TopicPartition>}: the busy partition or null. */
    public static final String BUSY_PARTITION = "sweep.busy.partition";
    static final String NAME = "sweep-busy-aware";

    private Supplier<TopicPartition> busy = () -> null;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        Object supplier = configs.get(BUSY_PARTITION);
        if (supplier instanceof Supplier<?>) {
            busy = (Supplier<TopicPartition>) supplier;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        TopicPartition tp = busy.get();
        String text = tp == null ? "" : tp.topic() + ":" + tp.partition();
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static TopicPartition busyPartition(ByteBuffer userData) {
        if (userData == null || !userData.hasRemaining()) {
            return null;
        }
        byte[] bytes = new byte[userData.remaining()];
        userData.duplicate().get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int colon = text.lastIndexOf(':');
        return colon < 0 ? null : new TopicPartition(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, Subscription> members = new TreeMap<>(group.groupSubscription());
        Set<String> topics = new HashSet<>();
        members.values().forEach(s -> topics.addAll(s.topics()));
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : new java.util.TreeSet<>(topics)) {
            var infos = metadata.partitionsForTopic(topic);
            infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(all::add);
        }
        Map<String, Set<TopicPartition>> kept = new HashMap<>();
        Set<TopicPartition> claimed = new HashSet<>();
        // busy partitions first: they stay with their worker whatever balance would want
        for (Map.Entry<String, Subscription> e : members.entrySet()) {
            kept.put(e.getKey(), new LinkedHashSet<>());
            TopicPartition b = busyPartition(e.getValue().userData());
            if (b != null && all.contains(b) && claimed.add(b)) {
                kept.get(e.getKey()).add(b);
            }
        }
        int n = members.size();
        int base = all.size() / n;
        int extra = all.size() % n;
        // members that own more get the larger quotas, so fewer partitions move
        List<String> byOwned = new ArrayList<>(members.keySet());
        byOwned.sort(Comparator.comparingInt((String m) -> -members.get(m).ownedPartitions().size())
                .thenComparing(m -> m));
        Map<String, Integer> quota = new HashMap<>();
        for (int i = 0; i < byOwned.size(); i++) {
            quota.put(byOwned.get(i), base + (i < extra ? 1 : 0));
        }
        Set<TopicPartition> ownedByAnyone = new HashSet<>();
        for (String m : byOwned) {
            for (TopicPartition tp : members.get(m).ownedPartitions()) {
                ownedByAnyone.add(tp);
                if (all.contains(tp) && kept.get(m).size() < quota.get(m) && claimed.add(tp)) {
                    kept.get(m).add(tp);
                }
            }
        }
        // partitions nobody owns go to members under quota; released ones wait for the next round
        for (TopicPartition tp : all) {
            if (claimed.contains(tp) || ownedByAnyone.contains(tp)) {
                continue;
            }
            for (String m : byOwned) {
                if (kept.get(m).size() < quota.get(m)) {
                    kept.get(m).add(tp);
                    claimed.add(tp);
                    break;
                }
            }
        }
        Map<String, Assignment> out = new HashMap<>();
        kept.forEach((m, parts) -> out.put(m, new Assignment(new ArrayList<>(parts))));
        return new GroupAssignment(out);
    }
}
