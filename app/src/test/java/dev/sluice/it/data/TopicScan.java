package dev.sluice.it.data;

import dev.sluice.schemas.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads whole topics of a real broker, internal ones (changelogs) included, for what they hold. */
final class TopicScan {

    /** Every topic of the cluster except the broker's own ({@code __consumer_offsets} and the like). */
    static Set<String> topics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> names = new java.util.TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()
                    .get());
            names.removeIf(n -> n.startsWith("__"));
            return names;
        }
    }

    /** The end offset of every partition of these topics now. */
    static Map<TopicPartition, Long> ends(String bootstrap, Set<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            return consumer.endOffsets(partitions(consumer, topics));
        }
    }

    /** Records (key and value as text) of these topics, from the start up to {@code until}, that match. */
    static List<String> find(String bootstrap, Map<TopicPartition, Long> until, Predicate<String> match) {
        List<String> found = new ArrayList<>();
        each(bootstrap, until, r -> {
            String text = (r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + " "
                    + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
            if (match.test(text)) found.add(r.topic() + "-" + r.partition() + "@" + r.offset());
        });
        return found;
    }

    /** Every record of these topics, from the start up to {@code until}. */
    static void each(
            String bootstrap, Map<TopicPartition, Long> until, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            Map<TopicPartition, Long> left = new HashMap<>(until);
            left.values().removeIf(end -> end == 0);
            consumer.assign(left.keySet());
            consumer.seekToBeginning(left.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < until.get(new TopicPartition(r.topic(), r.partition()))) action.accept(r);
                }
                for (TopicPartition tp : new ArrayList<>(left.keySet())) {
                    if (consumer.position(tp) >= left.get(tp)) left.remove(tp);
                }
            }
            if (!left.isEmpty()) throw new AssertionError("could not read to the end of " + left.keySet());
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, Set<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String t : topics) {
            for (PartitionInfo p : consumer.partitionsFor(t, Duration.ofSeconds(30)))
                out.add(new TopicPartition(t, p.partition()));
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = KafkaClients.consumer(bootstrap, null, "data-protection-scan");
        // Changelogs and transactional topics: read what is there, committed or not.
        p.put("isolation.level", "read_uncommitted");
        p.put("max.partition.fetch.bytes", 2 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private TopicScan() {}
}
