package dev.sluice.it.fault;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Three KRaft nodes in this JVM, each broker and controller at once (a static quorum of three
 * voters), replication 3 and min.insync.replicas 2 everywhere, the internal topics included.
 * {@link #kill(int)} stops a node the way a crash looks to the rest of the cluster: no
 * controlled shutdown, so its partitions keep it as leader until the controller fences it for
 * missing heartbeats, and its clients see their connections drop.
 *
 * <p>Every port is a {@link LocalPorts} reservation held until {@link #close()}: the voters name
 * the controller ports before any node binds, and a killed node must come back on its old
 * ports, which in the kernel's ephemeral range any client connection could have taken while it
 * was down. A start that meets a port a foreign process took is retried on new ports.
 */
public final class KraftCluster implements AutoCloseable {
    public static final int NODES = 3;
    private static final String CONTROLLER = "CONTROLLER";

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<PortReservation> reserved = new ArrayList<>();
    /** Broker listener names (the first is what {@link #bootstrap()} names) and settings added to every node's. */
    private final List<String> listeners;

    private final Map<String, String> extra;
    /** listener name → port of each node (index 1..NODES). */
    private final Map<String, int[]> listenerPorts = new LinkedHashMap<>();

    private final int[] controllerPorts = new int[NODES + 1];
    /** Written by the threads that start nodes, read by the test thread; a node is here from the start of its startup. */
    private final AtomicReferenceArray<KafkaRaftServer> servers = new AtomicReferenceArray<>(NODES + 1);

    private KraftCluster(Path dir, List<String> listeners, Map<String, String> extra) {
        this.dir = dir;
        this.listeners = List.copyOf(listeners);
        this.extra = Map.copyOf(extra);
        for (String listener : listeners) listenerPorts.put(listener, new int[NODES + 1]);
        for (int node = 1; node <= NODES; node++) {
            for (int[] ports : listenerPorts.values()) ports[node] = reserve();
            controllerPorts[node] = reserve();
        }
    }

    private int reserve() {
        PortReservation r = LocalPorts.reserve();
        reserved.add(r);
        return r.port();
    }

    /** Formats and starts every node, in a fresh directory under {@code dir} for each attempt. */
    public static KraftCluster start(Path dir) {
        return start(dir, List.of("PLAINTEXT"), Map.of());
    }

    /**
     * With the given broker listeners (besides {@code CONTROLLER}) and settings, e.g. a
     * deployment's security: {@code listener.security.protocol.map}, SASL, the authorizer.
     * Node id, quorum, listener addresses and log directories stay this class's.
     */
    public static KraftCluster start(Path dir, List<String> listeners, Map<String, String> extra) {
        AtomicInteger attempt = new AtomicInteger();
        try {
            return LocalPorts.startWithRetry("the 3-node KRaft cluster", () -> {
                KraftCluster cluster =
                        new KraftCluster(dir.resolve("attempt-" + attempt.incrementAndGet()), listeners, extra);
                cluster.startAll();
                return cluster;
            });
        } catch (Exception e) {
            throw new IllegalStateException("the 3-node KRaft cluster did not start: " + e.getMessage(), e);
        }
    }

    /** The nodes start together because a broker waits for a controller quorum; a failure stops every node. */
    private void startAll() throws Exception {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            int n = node;
            starting.add(CompletableFuture.runAsync(
                    () -> start(n),
                    r -> Thread.ofPlatform().name("kraft-start-" + n).start(r)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Exception failure = null;
        for (CompletableFuture<Void> f : starting) {
            try {
                // Every start is waited for (two of three voters are a quorum, so the others finish)
                // before the cluster is closed: a node mid-startup would otherwise outlive close().
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException e) {
                if (failure == null) failure = new IllegalStateException("a node did not start within 120 s", e);
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
    }

    public String bootstrap() {
        return bootstrap(listeners.getFirst());
    }

    /** Every node's address on one of the broker listeners. */
    public String bootstrap(String listener) {
        int[] ports = listenerPorts.get(listener);
        if (ports == null) throw new IllegalArgumentException("no listener " + listener + "; listeners: " + listeners);
        StringJoiner all = new StringJoiner(",");
        for (int node = 1; node <= NODES; node++) all.add("127.0.0.1:" + ports[node]);
        return all.toString();
    }

    /** (Re)starts one node on its old ports (still reserved) and log directory. */
    public void start(int node) {
        if (servers.get(node) != null) throw new IllegalStateException("node " + node + " is running");
        Path logDir = dir.resolve("node-" + node);
        KafkaRaftServer server = null;
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) format(node, logDir);
            server = new KafkaRaftServer(new KafkaConfig(config(node, logDir), false), Time.SYSTEM);
            servers.set(node, server);
            server.startup();
        } catch (Exception e) {
            if (server != null && servers.compareAndSet(node, server, null)) stop(server);
            throw new IllegalStateException(
                    "cannot start KRaft node " + node + " in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Stops one node without a controlled shutdown (see the class comment). */
    public void kill(int node) {
        KafkaRaftServer server = servers.getAndSet(node, null);
        if (server == null) throw new IllegalStateException("node " + node + " is not running");
        server.shutdown();
        server.awaitShutdown();
    }

    /** The node that is the active KRaft controller now. */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(30, TimeUnit.SECONDS)
                    .leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum: " + e.getMessage(), e);
        }
    }

    /** How many partitions of these topics the node leads now. */
    public int partitionsLedBy(int node, Collection<String> topics) {
        try (Admin admin = admin()) {
            return (int) admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .filter(p -> p.leader() != null && p.leader().id() == node)
                    .count();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(p);
    }

    private void format(int node, Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(node)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    private Properties config(int node, Path logDir) {
        StringJoiner voters = new StringJoiner(",");
        for (int n = 1; n <= NODES; n++) voters.add(n + "@127.0.0.1:" + controllerPorts[n]);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node));
        p.put("controller.quorum.voters", voters.toString());
        StringJoiner brokerListeners = new StringJoiner(",");
        listenerPorts.forEach((name, ports) -> brokerListeners.add(name + "://127.0.0.1:" + ports[node]));
        p.put("listeners", brokerListeners + "," + CONTROLLER + "://127.0.0.1:" + controllerPorts[node]);
        p.put("advertised.listeners", brokerListeners.toString());
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", listeners.getFirst());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // The production durability contract: every write on three replicas, acked by at least two.
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("unclean.leader.election.enable", "false");
        // A crash, not a polite exit: leadership is not handed over before the node goes.
        p.put("controlled.shutdown.enable", "false");
        // Fence a silent broker after 3 s instead of 9 s, so partitions it led get a new leader
        // well inside the gateway's 10 s wait for an ack; the sequence of events is the same.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.putAll(extra);
        return p;
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // best effort on the way down
        }
    }

    @Override
    public void close() {
        for (int node = 1; node <= NODES; node++) {
            KafkaRaftServer server = servers.getAndSet(node, null);
            if (server != null) stop(server);
        }
        reserved.forEach(PortReservation::close);
    }
}
