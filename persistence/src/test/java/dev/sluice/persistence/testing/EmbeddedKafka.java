package dev.sluice.persistence.testing;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.TopicSpec;
import dev.sluice.schemas.topic.Topics;

/**
 * A single-node KRaft broker (broker and controller in one process) inside the test JVM, on
 * reserved loopback ports ({@link LocalPorts}: outside the kernel's ephemeral range, retried on
 * new ones if a foreign process took one), with every internal topic at replication 1 and no
 * initial rebalance delay so consumer groups start at once.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;
    private final List<PortReservation> ports;

    private EmbeddedKafka(Path dir, KafkaRaftServer server, String bootstrap, List<PortReservation> ports) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
        this.ports = ports;
    }

    public static EmbeddedKafka start() throws Exception {
        Path dir = Files.createTempDirectory("sluice-kafka-");
        EmbeddedKafka kafka = LocalPorts.startWithRetry("the test Kafka broker", () -> {
            PortReservation broker = LocalPorts.reserve();
            PortReservation controller = LocalPorts.reserve();
            try {
                return start(Files.createTempDirectory(dir, "attempt-"), broker, controller);
            } catch (Exception e) {
                broker.close();
                controller.close();
                throw e;
            }
        });
        kafka.awaitReady();
        return kafka;
    }

    private static EmbeddedKafka start(Path dir, PortReservation broker, PortReservation controller) throws Exception {
        int brokerPort = broker.port();
        int controllerPort = controller.port();
        String logDir = dir.resolve("log").toString();

        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir);
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "2");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");

        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir)
                .setDirectories(List.of(logDir))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new EmbeddedKafka(dir.getParent(), server, "127.0.0.1:" + brokerPort, List.of(broker, controller));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /** Every registry topic with the same, small partition count: less for a test broker to set up. */
    public void createTopics(int partitions) throws Exception {
        Map<String, Integer> all = new HashMap<>();
        for (TopicSpec<?, ?> spec : Topics.all()) all.put(spec.name(), partitions);
        createTopics(all);
    }

    /**
     * Creates the registry's topics and waits until this broker leads every partition, so a
     * producer's first send does not meet NOT_LEADER_OR_FOLLOWER on a busy machine.
     */
    public void createTopics(Map<String, Integer> partitionOverrides) throws Exception {
        new TopicProvisioner(bootstrap, (short) 1, partitionOverrides).ensure(Topics.all());
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                boolean led = true;
                for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        led &= p.leader() != null && !p.leader().isEmpty();
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                // The metadata names a leader before the broker acts as one; a produce in that
                // window gets NOT_LEADER_OR_FOLLOWER, which a starved broker has been seen to
                // follow with OUT_OF_ORDER_SEQUENCE_NUMBER for good. ListOffsets is answered by
                // the acting leader only, so it is the real readiness check.
                if (led && answersListOffsets(admin, partitions)) return;
                if (System.nanoTime() > deadline) throw new IllegalStateException("topics have no acting leader after 60 s");
                Thread.sleep(50);
            }
        }
    }

    private static boolean answersListOffsets(Admin admin, Map<TopicPartition, OffsetSpec> partitions) throws InterruptedException {
        try {
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void awaitReady() throws Exception {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        ports.forEach(PortReservation::close);
        TestFiles.deleteRecursively(dir);
    }
}
