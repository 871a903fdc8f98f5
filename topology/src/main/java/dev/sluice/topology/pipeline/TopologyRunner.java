package dev.sluice.topology.pipeline;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyPrefetchInterceptor;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.topology.cache.ResponseCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology. Processing guarantee: at-least-once with producer linger 0 and short
 * polls. Exactly-once would add its commit interval to every hop (records become visible to
 * read-committed consumers only at commit), and every consumer downstream is already
 * idempotent by correlation id (workers skip prompts they already answered, the bridge drops
 * repeated sequence numbers, persistence upserts), so a replayed record costs nothing visible.
 */
public final class TopologyRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopologyRunner.class);

    private final KafkaStreams streams;
    private final String bootstrap;
    private boolean started;

    public TopologyRunner(
            String bootstrap,
            String applicationId,
            short replication,
            Path stateDir,
            ChatTopology.TopologySettings settings,
            ResponseCache cache,
            GuardStage guard) {
        this(bootstrap, applicationId, replication, stateDir, settings, cache, guard, ContentCipher.DISABLED, 1);
    }

    public TopologyRunner(
            String bootstrap,
            String applicationId,
            short replication,
            Path stateDir,
            ChatTopology.TopologySettings settings,
            ResponseCache cache,
            GuardStage guard,
            ContentCipher cipher,
            int streamThreads) {
        this.bootstrap = bootstrap;
        Properties config = config(bootstrap, applicationId, replication, stateDir);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads); // sluice.topology.stream-threads
        config.put(DeadLetterHandler.CIPHER_CONFIG, cipher);
        withKeyPrefetch(config, cipher);
        streams = new KafkaStreams(ChatTopology.build(settings, cache, guard, cipher), config);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("topology thread failed; replacing it: {}", e.toString(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
    }

    /**
     * The main consumer loads the data keys of each poll's sealed records in one key-store call
     * ({@link KeyPrefetchInterceptor}); without it, every request of a new conversation waits a
     * PostgreSQL round trip on the stream thread, one after another (a topology in its own process
     * has no gateway beside it that already holds the key).
     */
    static void withKeyPrefetch(Properties config, ContentCipher cipher) {
        config.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                KeyPrefetchInterceptor.class.getName());
        config.put(StreamsConfig.mainConsumerPrefix(KeyPrefetchInterceptor.CIPHER_CONFIG), cipher);
    }

    static Properties config(String bootstrap, String applicationId, short replication, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // Unprefixed: Streams passes them to its consumers, producers and admin client alike.
        p.putAll(KafkaClients.securityProperties());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // How long a stream thread blocks in poll when no record is buffered. A record that arrives answers the
        // fetch at once (fetch.min.bytes 1), so a longer block adds no latency; 10 ms made each stream thread
        // loop 100 times a second at idle (~4 % of a core for the topology's threads on 2 vCPUs).
        p.put(StreamsConfig.POLL_MS_CONFIG, 100);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                500); // answered at the first record (fetch.min.bytes 1)
        return p;
    }

    public synchronized TopologyRunner start() {
        DeadLetterHandler.hold(bootstrap);
        started = true;
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public synchronized void close() {
        streams.close(Duration.ofSeconds(10));
        if (started) {
            started = false;
            DeadLetterHandler.release(bootstrap);
        }
    }
}
