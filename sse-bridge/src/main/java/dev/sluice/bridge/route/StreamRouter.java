package dev.sluice.bridge.route;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.LoopsReport;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code chat.stream} to the connections this gateway instance holds.
 *
 * <p>Partition-affine: the gateways split the partitions of {@code chat.stream} among themselves
 * ({@link PartitionOwnership}, a consumer group), and a gateway mints the correlation ids of the
 * responses it accepts so that Kafka's default partitioner puts them in a partition it owns
 * ({@link #mint}). Workers and the topology key stream events by correlation id as before, so the
 * events of a gateway's streams land in its own partitions and each gateway reads its share, not
 * the whole stream: the fleet's routing cost follows tokens, not gateways × tokens.
 *
 * <p>A stream held here whose partition is not owned (a client resuming on another gateway, a
 * share moved by a rebalance, an id minted before any share was known) is read on demand:
 * {@link #subscribe} adds its partition to this router's assignment, positioned at the end,
 * before it returns, and the partition stays assigned while any stream held here lives on it.
 * So membership changes never cut a live stream: a partition leaves the assignment only when it
 * is neither owned nor needed. Resumes read history from Kafka after subscribing, as before, so
 * whatever was published before the partition was added comes from history; any overlap is
 * dropped by sequence number.
 */
public final class StreamRouter implements AutoCloseable, LoopsReport {
    private static final Logger log = LoggerFactory.getLogger(StreamRouter.class);
    /** The group the gateways of a deployment share their {@code chat.stream} partitions through. */
    public static final String GATEWAY_GROUP = "sluice-bridge";

    private final String bootstrap;
    private final String instanceId;
    private final int queueCapacity;
    private final @Nullable String ownershipGroup;
    private final Map<String, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final MeterRegistry meters;
    private final EventDelivery delivery;
    private final Counter polls;
    private volatile boolean running;
    // Null until start().
    private @Nullable KafkaConsumer<String, byte[]> consumer;
    private @Nullable ReadSet reads;
    private @Nullable PartitionOwnership ownership;
    private @Nullable Thread thread;

    /** A router that reads every partition (no share, no group): for a reader of the whole stream. */
    public StreamRouter(String bootstrap, String instanceId, int queueCapacity, MeterRegistry meters) {
        this(bootstrap, instanceId, queueCapacity, meters, null, ContentCipher.DISABLED);
    }

    /**
     * @param ownershipGroup the consumer group all gateways of one deployment join to split {@code chat.stream}
     *                       ({@link #GATEWAY_GROUP}); null: read every partition
     */
    public StreamRouter(
            String bootstrap,
            String instanceId,
            int queueCapacity,
            MeterRegistry meters,
            @Nullable String ownershipGroup,
            ContentCipher cipher) {
        this.delivery = new EventDelivery(subscribers, cipher, meters);
        this.bootstrap = bootstrap;
        this.instanceId = instanceId;
        this.queueCapacity = queueCapacity;
        this.ownershipGroup = ownershipGroup;
        this.meters = meters;
        meters.gauge(MeterNames.BRIDGE_OPEN_STREAMS, subscribers, Map::size);
        this.polls = meters.counter(MeterNames.BRIDGE_ROUTER_POLLS);
    }

    /** Starts reading (every partition, or the owned share once the group assigns one); returns once positions are fixed. */
    public StreamRouter start() {
        Properties props = KafkaClients.consumer(bootstrap, null, "sluice-bridge-" + instanceId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // Values stay bytes until a record turns out to be for a connection held here (EventDelivery).
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.consumer = consumer;
        int partitions = consumer.partitionsFor(Topics.CHAT_STREAM.name(), Duration.ofSeconds(60))
                .size();
        ReadSet reads = new ReadSet(consumer, partitions, subscribers::keySet, () -> {
            if (running) consumer.wakeup();
        });
        this.reads = reads;
        reads.init(ownershipGroup == null);
        meters.gauge(MeterNames.BRIDGE_PARTITIONS_READ, reads, r -> r.assigned().size());
        meters.gauge(MeterNames.BRIDGE_PARTITIONS_OWNED, reads, r -> r.owned().size());
        running = true;
        thread = Thread.ofPlatform()
                .name("sluice-bridge-router-" + instanceId)
                .daemon()
                .start(() -> run(consumer, reads));
        if (ownershipGroup != null)
            ownership = new PartitionOwnership(bootstrap, ownershipGroup, instanceId, reads::own).start();
        ready.countDown();
        return this;
    }

    /**
     * A fresh correlation id (UUIDv7) whose {@code chat.stream} partition this gateway owns and
     * already reads, so its events come to this gateway without reading anyone else's. Before
     * any share is known it is an id in any partition, which {@link #subscribe} reads on demand.
     */
    public String mint() {
        return reads().mint();
    }

    public Subscription subscribe(String correlationId) {
        return subscribe(correlationId, 0);
    }

    /**
     * Subscribes to a response, accepting only events with a sequence above {@code afterSeq}.
     * Returns once the response's partition is read from its end (or further back), so every
     * event published after this call reaches the subscription.
     */
    public Subscription subscribe(String correlationId, long afterSeq) {
        Subscription[] holder = new Subscription[1];
        holder[0] =
                new Subscription(correlationId, queueCapacity, afterSeq, () -> unsubscribe(correlationId, holder[0]));
        reads().ensureRead(
                        correlationId,
                        () -> subscribers
                                .computeIfAbsent(correlationId, k -> new CopyOnWriteArrayList<>())
                                .add(holder[0]));
        return holder[0];
    }

    private void unsubscribe(String correlationId, Subscription subscription) {
        subscribers.computeIfPresent(correlationId, (k, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    /** Connections this instance currently routes to. */
    public int openStreams() {
        return subscribers.size();
    }

    /** How many partitions {@code chat.stream} has (known once started). */
    public int partitionCount() {
        return reads().partitions();
    }

    /** Partitions this gateway owns (its share of the group) and already reads: where new ids are minted. */
    public Set<Integer> ownedPartitions() {
        return reads().ownedAndRead();
    }

    /** Partitions this router reads now: the owned ones and those streams held here need. */
    public Set<Integer> readPartitions() {
        return reads().assigned();
    }

    /** False once the routing thread has stopped (it logs why): what the gateway's health reports. */
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("stream-router", alive());
    }

    /** The routing thread, so a benchmark can read its CPU time. */
    public Thread thread() {
        Thread t = thread;
        if (t == null) throw new IllegalStateException("the stream router is not started");
        return t;
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls that returned records since start. */
    public double polls() {
        return polls.count();
    }

    private ReadSet reads() {
        ReadSet r = reads;
        if (r == null) throw new IllegalStateException("the stream router is not started");
        return r;
    }

    private void run(KafkaConsumer<String, byte[]> consumer, ReadSet reads) {
        try {
            while (running) {
                reads.apply(() -> running);
                ConsumerRecords<String, byte[]> records;
                try {
                    if (reads.assigned().isEmpty()) {
                        LockSupport.parkNanos(50_000_000L); // nothing to read yet: no share and no stream held here
                        continue;
                    }
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException e) {
                    continue; // a subscriber or the group asked for another assignment: apply it first
                }
                if (!records.isEmpty()) polls.increment();
                delivery.prefetch(records);
                for (ConsumerRecord<String, byte[]> record : records) delivery.route(record);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stream router stopped: {}", e.toString(), e);
        } finally {
            reads.fail(new IllegalStateException("stream router closed"));
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        PartitionOwnership o = ownership;
        if (o != null) o.close();
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
