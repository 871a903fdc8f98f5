package dev.sluice.bench.bridge;

import dev.sluice.app.SluiceApplication;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.embedded.EmbeddedRedis;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Embedded Kafka, Redis and PostgreSQL plus one or more gateway-role Spring contexts: the
 * bridge exactly as it runs, with no worker (benchmarks produce synthetic stream events).
 */
final class BenchStack implements AutoCloseable {
    static final String USER = "bench";

    private final Path dataDir;
    private final List<AutoCloseable> infra = new ArrayList<>();
    private final Map<String, String> infraProps = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    /** Starts the infrastructure in this JVM too. */
    BenchStack(int gatewayCount, Map<String, String> bridgeProps) {
        this(null, gatewayCount, bridgeProps);
    }

    /**
     * @param external the infrastructure's properties (and {@code sluice.data-dir}) when another
     *                 process runs it ({@link BenchInfra}), so this JVM's heap holds the gateway only
     */
    BenchStack(@Nullable Map<String, String> external, int gatewayCount, Map<String, String> bridgeProps) {
        if (external != null) {
            infraProps.putAll(external);
            dataDir = Path.of(external.get("sluice.data-dir"));
        } else {
            try {
                dataDir = Files.createTempDirectory("sluice-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            infraProps.putAll(startInfra(dataDir, infra));
        }
        for (int i = 0; i < gatewayCount; i++) {
            Map<String, String> props = new LinkedHashMap<>(infraProps);
            props.put("sluice.roles", "gateway");
            props.put("server.port", "0");
            props.put("spring.jmx.enabled", "false");
            props.put("logging.level.root", "WARN");
            // The app's 250 ms Redis timeout assumes a machine that is not starved; this one is shared.
            props.put("sluice.redis.timeout", "2s");
            // One token stands for thousands of clients here: per-user limits on reads and on the
            // resume pool would measure the limiter, not the bridge.
            props.put("sluice.ratelimit.reads-per-window", "100000000");
            props.put("sluice.bridge.replay-per-user", "100000");
            props.putAll(bridgeProps);
            String[] args = props.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            gateways.add(new SpringApplication(SluiceApplication.class).run(args));
        }
    }

    /** Kafka, Redis and PostgreSQL on free ports (not dev mode's preferred ones: other stacks may run here), topics created. */
    static Map<String, String> startInfra(Path dataDir, List<AutoCloseable> started) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir.resolve("kafka"), 0).start();
        started.add(kafka);
        EmbeddedRedis redis = new EmbeddedRedis(dataDir.resolve("redis"), 0).start();
        started.add(redis);
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dataDir.resolve("postgres"), 0).start();
        started.add(postgres);
        // Topics as the app creates them (6 partitions each; chat.stream as -Dsluice.bench.stream-partitions says),
        // also when
        // no gateway context runs. Four partition-affine gateways need a multiple of 4 partitions for equal shares.
        int streamPartitions =
                Integer.getInteger("sluice.bench.stream-partitions", Topics.CHAT_STREAM.defaultPartitions());
        new TopicProvisioner(kafka.bootstrap(), (short) 1, Map.of(Topics.CHAT_STREAM.name(), streamPartitions))
                .ensure(Topics.all());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sluice.kafka.bootstrap", kafka.bootstrap());
        props.put("sluice.redis.url", redis.url());
        props.put("sluice.db.url", postgres.jdbcUrl());
        props.put("sluice.data-dir", dataDir.toString());
        return props;
    }

    String bootstrap() {
        return Objects.requireNonNull(infraProps.get("sluice.kafka.bootstrap"), "the infrastructure names its broker");
    }

    String baseUrl(int gateway) {
        return "http://127.0.0.1:" + gateways.get(gateway).getEnvironment().getProperty("local.server.port");
    }

    int port(int gateway) {
        return Integer.parseInt(gateways.get(gateway).getEnvironment().getProperty("local.server.port"));
    }

    <T> T bean(int gateway, Class<T> type) {
        return gateways.get(gateway).getBean(type);
    }

    String token() {
        return new DevTokens(DevKey.loadOrCreate(dataDir)).mint(USER, Duration.ofHours(2));
    }

    /** Registers a synthetic response as the bench user's, as the gateway does at accept time. */
    void register(String correlationId) {
        bean(0, StreamRegistry.class)
                .claim(correlationId, new StreamTicket(USER, System.currentTimeMillis(), "synthetic", false));
    }

    KafkaProducer<String, StreamEvent> producer() {
        return new KafkaProducer<>(
                KafkaClients.producer(bootstrap(), "bench-producer"),
                new StringSerializer(),
                Topics.CHAT_STREAM.valueSerde().serializer());
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        for (AutoCloseable c : infra.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }
}
