package dev.sluice.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} over a kept log, as a broker keeps a partition: each poll is handed the
 * records from the partition's position on (at most max.poll.records), so a seek back delivers
 * records again, which a consumer that rewinds after a failure relies on (MockConsumer alone
 * drops a record once polled). An empty poll waits a little instead of spinning the polling
 * thread, as a real poll would wait for data.
 *
 * <p>Append with {@link #append}, not {@code addRecord}; assign partitions inside a poll (with
 * {@code schedulePollTask(() -> rebalance(...))}) for a consumer that subscribes, as a group does.
 */
public class LogConsumer<K, V> extends MockConsumer<K, V> {
    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> log = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private long maxPoll = Long.MAX_VALUE;

    /** @param reset earliest, latest or none: where a partition without a committed offset starts */
    public LogConsumer(String reset) {
        super(reset);
    }

    /** Appends a record to its partition; its offset must be {@link #nextOffset} of that partition. */
    public synchronized void append(ConsumerRecord<K, V> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() != nextOffset(tp)) {
            throw new IllegalArgumentException(
                    "offset " + record.offset() + " appended to " + tp + " whose next offset is " + nextOffset(tp));
        }
        log.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
    }

    public synchronized long nextOffset(TopicPartition tp) {
        return log.getOrDefault(tp, List.of()).size();
    }

    /** How many polls have begun: one that begins after a record was returned means the poller handled it. */
    public long polls() {
        return polls.get();
    }

    /** Only assigned partitions, as KafkaConsumer answers (MockConsumer keeps a revoked partition paused). */
    @Override
    public synchronized Set<TopicPartition> paused() {
        Set<TopicPartition> paused = new HashSet<>(super.paused());
        paused.retainAll(assignment());
        return paused;
    }

    @Override
    public synchronized void setMaxPollRecords(long max) {
        super.setMaxPollRecords(max);
        maxPoll = max;
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        polls.incrementAndGet();
        ConsumerRecords<K, V> records;
        synchronized (this) {
            // MockConsumer's buffer is empty here: every record fed before the last poll was returned by it.
            for (TopicPartition tp : assignment()) {
                if (paused().contains(tp)) continue;
                long from = position(tp);
                log.getOrDefault(tp, List.of()).stream()
                        .filter(r -> r.offset() >= from)
                        .limit(maxPoll)
                        .forEach(this::addRecord);
            }
            records = super.poll(timeout);
        }
        if (records.isEmpty()) {
            try {
                Thread.sleep(Math.min(2, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }
}
