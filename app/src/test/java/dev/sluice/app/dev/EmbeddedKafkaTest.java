package dev.sluice.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class EmbeddedKafkaTest {
    /**
     * Kafka ends the process on what it takes for a fatal fault (Exit.halt/exit). In the test JVM
     * that kills the surefire fork and every test after it ("the forked VM terminated without
     * saying goodbye", seen twice on 2026-12-05 at load ~18 while a second broker was refused the
     * locked directory): trapped here, a fault fails its own test with Kafka's message instead.
     */
    private static final List<String> EXITS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void trapKafkaExits() {
        Exit.setExitProcedure((code, message) -> {
            EXITS.add("exit " + code + ": " + message);
            throw new IllegalStateException("Kafka asked the JVM to exit (" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            EXITS.add("halt " + code + ": " + message);
            throw new IllegalStateException("Kafka asked the JVM to halt (" + code + "): " + message);
        });
    }

    @AfterAll
    static void restoreKafkaExits() {
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
    }

    @Test
    void portZeroBindsAnyFreePortAndReportsTheOneClientsReach(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            int port = Integer.parseInt(
                    kafka.bootstrap().substring(kafka.bootstrap().lastIndexOf(':') + 1));
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            try (Admin admin = Admin.create(p)) {
                Node node = admin.describeCluster()
                        .nodes()
                        .get(120, TimeUnit.SECONDS)
                        .iterator()
                        .next();
                assertThat(port).isPositive();
                assertThat(node.port())
                        .as("the advertised port is the bound one, not 0")
                        .isEqualTo(port);
            }
        }
    }

    @Test
    void aBusyRequestedPortIsNamedAndNotRetriedOnOtherControllerPorts(@TempDir Path dir) throws Exception {
        try (PortReservation r = LocalPorts.reserve();
                ServerSocket busy = new ServerSocket(r.port(), 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), r.port());

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + r.port() + " is in use by another process");
            assertThatThrownBy(kafka::bootstrap).as("nothing runs").isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryIsToldItIsInUse(@TempDir Path dir) {
        try (EmbeddedKafka first = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            EmbeddedKafka second = new EmbeddedKafka(dir.resolve("kafka"), 0);

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.resolve("kafka").toString())
                    .hasMessageContaining("lock");
            assertThat(first.bootstrap()).as("the first one still runs").startsWith("127.0.0.1:");
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrap());
            try (Admin admin = Admin.create(p)) {
                assertThat(admin.describeCluster().nodes().get(120, TimeUnit.SECONDS))
                        .as("and still answers")
                        .hasSize(1);
            } catch (Exception e) {
                throw new AssertionError(
                        "the first broker stopped answering after the second was refused; Kafka exits asked for: "
                                + EXITS,
                        e);
            }
        }
    }
}
