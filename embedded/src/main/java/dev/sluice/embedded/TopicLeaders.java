package dev.sluice.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Waits until a broker acts as the leader of every partition of some topics. */
final class TopicLeaders {
    private TopicLeaders() {}

    static void await(EmbeddedKafka kafka, List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = kafka.admin()) {
            while (true) {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                boolean led = true;
                for (TopicDescription d : admin.describeTopics(names)
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        led &= p.leader() != null && !p.leader().isEmpty();
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                // The metadata names a leader before the broker acts as one; a produce in that
                // window gets NOT_LEADER_OR_FOLLOWER, which a starved broker has been seen to
                // follow with OUT_OF_ORDER_SEQUENCE_NUMBER for good. ListOffsets is answered by
                // the acting leader only, so it is the real readiness check.
                if (led && answersListOffsets(admin, partitions)) return;
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("topics have no acting leader after 60 s");
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the topics " + names + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic leaders", e);
        }
    }

    private static boolean answersListOffsets(Admin admin, Map<TopicPartition, OffsetSpec> partitions)
            throws InterruptedException {
        try {
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
