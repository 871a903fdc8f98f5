package dev.sluice.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The persistence role's Debezium stream seen from outside: its replication slot and its records on the audit topic. */
final class AuditTrail {

    /** Debezium starts from the moment its slot exists (snapshot no_data): chat only after that. */
    static void awaitSlotActive(String adminJdbcUrl, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(adminJdbcUrl);
                    ResultSet r = c.createStatement()
                            .executeQuery(
                                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sluice_audit' AND active")) {
                r.next();
                if (r.getInt(1) == 1) return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError(
                "the persistence role's Debezium connector never opened its replication slot (CDC login?)");
    }

    /** Every audit record naming the conversation, once its conversations row has arrived (rows may come in any order). */
    static List<String> recordsOf(String conversation, Properties p, Duration timeout) {
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("sluice.audit").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> matching = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(conversation)) matching.add(r.value());
                }
                if (matching.stream().anyMatch(v -> v.contains("\"table\":\"conversations\""))) return matching;
            }
            throw new AssertionError("no audit record of conversation " + conversation + " within "
                    + timeout.toSeconds() + " s; its other records: " + matching);
        }
    }

    private AuditTrail() {}
}
