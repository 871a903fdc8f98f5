package dev.sluice.bridge.route;

import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code chat.stream} partitions this gateway owns: the share a Kafka consumer group of all
 * gateways gives it. The member never fetches (every assigned partition stays paused); it exists
 * only so the group coordinator splits the partitions among the live gateways, and moves a dead
 * gateway's share to the others after the session timeout. The cooperative sticky assignor keeps
 * a share where it is when a gateway joins or leaves, so a rebalance moves few partitions.
 *
 * <p>Owning a partition means: new correlation ids are minted in it, and the router reads it
 * always. A partition that stops being owned is still read as long as a stream held here lives
 * on it (see {@link StreamRouter}), so a membership change never cuts a live stream.
 */
final class PartitionOwnership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<Set<Integer>> onChange;
    private final Set<Integer> owned = new TreeSet<>();
    private volatile boolean running = true;
    private final Thread thread;

    PartitionOwnership(String bootstrap, String group, String instanceId, Consumer<Set<Integer>> onChange) {
        this.onChange = onChange;
        Properties props = KafkaClients.consumer(bootstrap, group, "sluice-bridge-owner-" + instanceId);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A dead gateway's share moves after this long; its clients resume elsewhere at once anyway.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform()
                .name("sluice-bridge-owner-" + instanceId)
                .daemon()
                .unstarted(this::run);
    }

    PartitionOwnership start() {
        consumer.subscribe(List.of(Topics.CHAT_STREAM.name()), new Listener());
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)); // heartbeats and rebalances only: nothing is ever fetched
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error(
                    "gateway partition membership stopped; this gateway now mints ids anywhere and reads them on demand: {}",
                    e.toString(),
                    e);
            owned.clear();
            onChange.accept(Set.of());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            partitions.forEach(tp -> owned.add(tp.partition()));
            changed();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.remove(tp.partition()));
            changed();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        private void changed() {
            log.info("gateway owns chat.stream partitions {}", owned);
            onChange.accept(Set.copyOf(owned));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
