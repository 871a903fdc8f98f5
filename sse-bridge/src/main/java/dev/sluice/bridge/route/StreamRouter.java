package dev.sluice.bridge.route;

import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code chat.stream} to the connections this gateway instance holds.
 *
 * <p>Routing choice: every instance reads every partition (assign, no consumer group) and
 * keeps only the correlation ids it has subscribers for. It needs no coordination, survives
 * any instance dying, and lets a client resume on any instance. Its cost is that each
 * instance fetches and deserializes the whole stream, so total routing work grows with
 * instances × events/s; bench/results/bridge.md measures it at 2 and 4 instances and says
 * when reply partitions per instance become the better trade.
 */
public final class StreamRouter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamRouter.class);

    private final String bootstrap;
    private final String instanceId;
    private final int queueCapacity;
    private final Map<String, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Counter routed;
    private final Timer deliveryLag;
    private volatile boolean running;
    private final Deserializer<StreamEvent> values = Topics.CHAT_STREAM.valueSerde().deserializer();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public StreamRouter(String bootstrap, String instanceId, int queueCapacity, MeterRegistry meters) {
        this.bootstrap = bootstrap;
        this.instanceId = instanceId;
        this.queueCapacity = queueCapacity;
        this.routed = Counter.builder("sluice_bridge_events_routed_total").register(meters);
        this.deliveryLag = Timer.builder("sluice_bridge_delivery_latency_seconds")
                .description("from the producer's timestamp to the router handing the event to a connection")
                .publishPercentileHistogram().register(meters);
        meters.gauge("sluice_bridge_open_streams", subscribers, Map::size);
    }

    /** Starts reading at the end of every partition; returns once positions are fixed. */
    public StreamRouter start() {
        Properties props = KafkaClients.consumer(bootstrap, null, "sluice-bridge-" + instanceId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // Values stay bytes until a record turns out to be for a connection held here: most of
        // what an instance reads is for other instances, and skipping their JSON is most of
        // the saving that makes reading everything cheap.
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_STREAM.name(), Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end positions now: a request produced after start() must be seen.
        partitions.forEach(consumer::position);
        running = true;
        thread = Thread.ofPlatform().name("sluice-bridge-router-" + instanceId).daemon().start(this::run);
        ready.countDown();
        return this;
    }

    public Subscription subscribe(String correlationId) {
        return subscribe(correlationId, 0);
    }

    /** Subscribes to a response, accepting only events with a sequence above {@code afterSeq}. */
    public Subscription subscribe(String correlationId, long afterSeq) {
        List<Subscription> list = subscribers.computeIfAbsent(correlationId, k -> new CopyOnWriteArrayList<>());
        Subscription[] holder = new Subscription[1];
        holder[0] = new Subscription(correlationId, queueCapacity, afterSeq, () -> unsubscribe(correlationId, holder[0]));
        list.add(holder[0]);
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

    /** The routing thread, so a benchmark can read its CPU time. */
    public Thread thread() {
        return thread;
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    List<Subscription> list = subscribers.get(record.key());
                    if (list == null || record.value() == null) continue;
                    StreamEvent event = decode(record);
                    if (event == null) continue;
                    for (Subscription s : list) s.offer(event);
                    routed.increment();
                    deliveryLag.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stream router stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** A record that is not a stream event is skipped with its coordinates, never allowed to stop routing. */
    private @Nullable StreamEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.error("skipping unreadable record {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(), record.key(), e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
