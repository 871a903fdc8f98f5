package dev.sluice.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class EmbeddedKafkaTest {

    @Test
    void portZeroBindsAnyFreePortAndReportsTheOneClientsReach(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            int port = Integer.parseInt(kafka.bootstrap().substring(kafka.bootstrap().lastIndexOf(':') + 1));
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            try (Admin admin = Admin.create(p)) {
                Node node = admin.describeCluster().nodes().get(120, TimeUnit.SECONDS).iterator().next();
                assertThat(port).isPositive();
                assertThat(node.port()).as("the advertised port is the bound one, not 0").isEqualTo(port);
            }
        }
    }

    @Test
    void aBusyRequestedPortIsNamedAndNotRetriedOnOtherControllerPorts(@TempDir Path dir) throws Exception {
        try (PortReservation r = LocalPorts.reserve();
             ServerSocket busy = new ServerSocket(r.port(), 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), r.port());

            assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + r.port() + " is in use by another process");
            assertThatThrownBy(kafka::bootstrap).as("nothing runs").isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryIsToldItIsInUse(@TempDir Path dir) {
        try (EmbeddedKafka first = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            EmbeddedKafka second = new EmbeddedKafka(dir.resolve("kafka"), 0);

            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.resolve("kafka").toString()).hasMessageContaining("lock");
            assertThat(first.bootstrap()).as("the first one still runs").startsWith("127.0.0.1:");
        }
    }
}
