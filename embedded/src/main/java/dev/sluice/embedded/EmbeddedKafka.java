package dev.sluice.embedded;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.TopicSpec;
import dev.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * A single-node KRaft broker (broker and controller in one) inside this JVM, built from
 * Kafka's non-test jars: the one broker configuration of dev mode, {@code ./sluice broker}, the
 * modules' tests and the benchmarks. Its log directory survives restarts, so a dev stack keeps
 * its topics; {@link #startTemporary()} gives a test a broker in a directory deleted on close.
 *
 * <p>Ports: the client listener binds port 0 unless a port is asked for, and the broker
 * reports the port it got; the controller listener cannot (the quorum voters name it before
 * it binds), so it gets a {@link LocalPorts} reservation and the start is retried on another
 * one if a foreign process took it.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final ListenerName CLIENTS = ListenerName.normalised("PLAINTEXT");
    private final Path logDir;
    private final int requestedPort;
    private boolean autoCreateTopics;
    private boolean deleteOnClose;
    private int port;
    private @Nullable PortReservation controllerPort;
    private @Nullable KafkaRaftServer server;

    /** @param port the client port; 0 lets the broker bind any free one ({@link #bootstrap()} tells which once started) */
    public EmbeddedKafka(Path logDir, int port) {
        this.logDir = logDir;
        this.requestedPort = port;
    }

    /**
     * A broker on any free port in a fresh temporary directory, deleted on close, answering
     * clients when this returns, with topics created on first use: what a test or a benchmark needs.
     * {@link #createTopics} creates the registry's topics and waits for their leaders.
     */
    public static EmbeddedKafka startTemporary() {
        try {
            EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("sluice-kafka-"), 0);
            kafka.autoCreateTopics = true;
            kafka.deleteOnClose = true;
            kafka.start();
            kafka.awaitReady();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a temporary Kafka broker", e);
        }
    }

    /** The client address; valid once started. */
    public String bootstrap() {
        if (server == null)
            throw new IllegalStateException("the embedded Kafka broker in " + logDir + " is not running");
        return "127.0.0.1:" + port;
    }

    public EmbeddedKafka start() {
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) format();
            server = LocalPorts.startWithRetry("the embedded Kafka broker", this::startOnce);
            try {
                port = boundPort(server);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the embedded Kafka broker in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private KafkaRaftServer startOnce() {
        PortReservation controller = LocalPorts.reserve();
        KafkaRaftServer starting = null;
        try {
            // The constructor already locks the log directory (another broker on it fails here).
            starting = new KafkaRaftServer(new KafkaConfig(config(controller.port()), false), Time.SYSTEM);
            starting.startup();
            controllerPort = controller;
            return starting;
        } catch (RuntimeException e) {
            if (starting != null) stop(starting);
            controller.close();
            if (requestedPort != 0 && LocalPorts.isPortConflict(e) && !LocalPorts.canBind(requestedPort)) {
                // Another controller port would not help: say which port, not Kafka's stack.
                throw new IllegalStateException("port " + requestedPort + " is in use by another process");
            }
            throw e;
        }
    }

    /**
     * The port the client listener bound. KafkaRaftServer keeps its BrokerServer private and
     * offers no accessor; the broker corrects its advertised port 0 by the same lookup.
     */
    private static int boundPort(KafkaRaftServer server) {
        try {
            Field broker = KafkaRaftServer.class.getDeclaredField("broker");
            broker.setAccessible(true);
            return ((BrokerServer) ((scala.Option<?>) broker.get(server)).get()).boundPort(CLIENTS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read the port the Kafka broker bound (Kafka's internals changed?): " + e, e);
        }
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    private Properties config(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + requestedPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        // Port 0 here is replaced by the bound port when the broker registers, so clients get the real one.
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + requestedPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One broker: every internal topic must accept replication 1, or exactly-once
        // producers and consumer groups wait forever for replicas that never come.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // A dev stack has one member per group: no reason to wait 3 s before the first assignment.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        // The controller writes a no-op metadata record when idle (every 500 ms by default) and
        // each one rebuilds the broker's whole metadata image: the largest allocation of an idle
        // dev stack. One node has no peer to prove liveness to, so once every 5 s is plenty.
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // a half-started server: what did start is stopped
        }
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(p);
    }

    /** Every registry topic with the same, small partition count: less for a test broker to set up. */
    public void createTopics(int partitions) {
        Map<String, Integer> all = new HashMap<>();
        for (TopicSpec<?, ?> spec : Topics.all()) all.put(spec.name(), partitions);
        createTopics(all);
    }

    /**
     * Creates the registry's topics and waits until this broker acts as the leader of every
     * partition, so a producer's first send does not meet NOT_LEADER_OR_FOLLOWER on a busy machine.
     */
    public void createTopics(Map<String, Integer> partitionOverrides) {
        new TopicProvisioner(bootstrap(), (short) 1, partitionOverrides).ensure(Topics.all());
        TopicLeaders.await(this, Topics.all().stream().map(TopicSpec::name).toList());
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the temporary Kafka broker does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the temporary Kafka broker started", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (controllerPort != null) {
            controllerPort.close();
            controllerPort = null;
        }
        if (deleteOnClose) Directories.deleteRecursively(logDir);
    }
}
