package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice broker} as its own process, as a user runs it: it prints the address it listens
 * on, serves clients there, keeps its data under the data directory, and stops cleanly on SIGTERM
 * (a second broker on the same directory finds the first one's topic and its lock released).
 */
@Timeout(300)
class BrokerCommandTest {
    private static final Pattern READY = Pattern.compile("sluice broker: ready at (127\\.0\\.0\\.1:(\\d+))");
    private static final long WAIT_S = 120;

    @Test
    void runsAloneServesItsPrintedAddressAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        BrokerProcess first = BrokerProcess.start(dir, Map.of(), "--port", "0");
        try {
            Matcher ready = first.await(READY);
            String bootstrap = ready.group(1);
            try (Admin admin = admin(bootstrap)) {
                Collection<Node> nodes = admin.describeCluster().nodes().get(WAIT_S, TimeUnit.SECONDS);
                assertThat(nodes).singleElement().extracting(Node::port).isEqualTo(Integer.parseInt(ready.group(2)));
                admin.createTopics(List.of(new NewTopic("broker-apart", 1, (short) 1)))
                        .all()
                        .get(WAIT_S, TimeUnit.SECONDS);
            }
            assertThat(dir.resolve("kafka/meta.properties"))
                    .as("the log lives under the data directory's kafka/")
                    .exists();

            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            first.process.toHandle().destroy();
            assertThat(first.awaitExit())
                    .as("stopped after SIGTERM; output: %s", first.lines)
                    .isTrue();
            assertThat(first.lines).as("a clean stop says so").anyMatch(l -> l.startsWith("sluice broker: stopped"));
        } finally {
            first.process.destroyForcibly();
        }

        BrokerProcess second = BrokerProcess.start(dir, Map.of(), "--port", "0");
        try {
            String bootstrap = second.await(READY).group(1);
            try (Admin admin = admin(bootstrap)) {
                assertThat(admin.listTopics().names().get(WAIT_S, TimeUnit.SECONDS))
                        .as("the topic survived the restart")
                        .contains("broker-apart");
            }
        } finally {
            second.process.toHandle().destroy();
            second.awaitExit();
            second.process.destroyForcibly();
        }
    }

    @Test
    void aBusyPortSetForTheBrokerIsNamedWithItsSettingAndNothingStarts(@TempDir Path dir) throws Exception {
        try (PortReservation r = LocalPorts.reserve();
                ServerSocket busy = new ServerSocket(r.port(), 1, InetAddress.getLoopbackAddress())) {
            BrokerProcess broker =
                    BrokerProcess.start(dir, Map.of("SLUICE_DEV_KAFKA_PORT", Integer.toString(r.port())));
            try {
                assertThat(broker.awaitExit())
                        .as("exits; output: %s", broker.lines)
                        .isTrue();
                assertThat(broker.process.exitValue()).isEqualTo(1);
                assertThat(String.join("\n", broker.lines))
                        .contains("port " + r.port(), "in use", "SLUICE_DEV_KAFKA_PORT")
                        .doesNotContain("\tat ");
                assertThat(dir.resolve("kafka")).as("nothing was started").doesNotExist();
            } finally {
                broker.process.destroyForcibly();
            }
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /** {@code sluice broker} in a child JVM on this test's classpath, its output collected line by line. */
    private record BrokerProcess(Process process, List<String> lines, Thread reader) {

        static BrokerProcess start(Path dataDir, Map<String, String> env, String... args) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.sluice.app.SluiceMain",
                    "broker",
                    "--data-dir",
                    dataDir.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove("SLUICE_DEV_KAFKA_PORT");
            pb.environment().putAll(env);
            Process p = pb.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().daemon().name("broker-output").start(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (java.io.IOException ended) {
                    // the process went away
                }
            });
            return new BrokerProcess(p, lines, reader);
        }

        /** Whether the process ended in time; its last output lines are read by then. */
        boolean awaitExit() throws InterruptedException {
            if (!process.waitFor(WAIT_S, TimeUnit.SECONDS)) return false;
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_S));
            return true;
        }

        /** The first output line matching {@code pattern}; fails if the process ends or none comes in time. */
        Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    for (String line : lines) {
                        Matcher m = pattern.matcher(line);
                        if (m.find()) return m;
                    }
                }
                if (!process.isAlive())
                    throw new AssertionError("the broker exited with " + process.exitValue() + ": " + lines);
                Thread.sleep(100);
            }
            throw new AssertionError("no line matching " + pattern + " within " + WAIT_S + " s: " + lines);
        }
    }
}
