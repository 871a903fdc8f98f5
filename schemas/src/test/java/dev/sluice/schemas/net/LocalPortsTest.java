package dev.sluice.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.net.PortPool.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPortsTest {

    @Test
    void reservedPortsLieOutsideTheKernelsEphemeralRangeAndAreBindable() {
        Span ephemeral = PortPool.ephemeral(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        List<PortReservation> held = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) held.add(LocalPorts.reserve());
            for (PortReservation r : held) {
                assertThat(r.port() < ephemeral.from() || r.port() > ephemeral.to())
                        .as("%s lies outside the ephemeral range %s", r, ephemeral)
                        .isTrue();
                assertThat(r.port()).isBetween(PortPool.LOWEST, PortPool.HIGHEST);
                assertThat(LocalPorts.canBind(r.port()))
                        .as("%s is free for its server", r)
                        .isTrue();
            }
        } finally {
            held.forEach(PortReservation::close);
        }
    }

    @Test
    void neverHandsOutAPortTwiceWhileItIsReserved(@TempDir Path locks) throws Exception {
        LocalPorts ports = new LocalPorts(poolOf(20), locks, RandomGenerator.getDefault());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<PortReservation>> asked = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) asked.add(pool.submit((Callable<PortReservation>) ports::next));
            Set<Integer> given = new HashSet<>();
            List<PortReservation> held = new ArrayList<>();
            for (Future<PortReservation> f : asked) held.add(f.get(30, TimeUnit.SECONDS));
            held.forEach(r -> given.add(r.port()));

            assertThat(given).as("20 reservations from a pool of 20").hasSize(20);
            assertThatThrownBy(ports::next)
                    .as("the pool is exhausted while all are held")
                    .isInstanceOf(IllegalStateException.class);
            PortReservation first = held.getFirst();
            first.close();
            try (PortReservation again = ports.next()) {
                assertThat(again.port())
                        .as("a released port can be reserved again")
                        .isEqualTo(first.port());
            }
            held.forEach(PortReservation::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPortReservedByAnotherJvmIsNotHandedOut(@TempDir Path locks) throws Exception {
        PortPool onePort = poolOf(1);
        int port = onePort.at(0);
        LocalPorts ports = new LocalPorts(onePort, locks, RandomGenerator.getDefault());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldPortLock.class.getName(),
                        locks.toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine())
                    .as("the other JVM holds the lock of port %d", port)
                    .isEqualTo("locked");

            assertThatThrownBy(ports::next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no free loopback port");

            other.destroy();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try (PortReservation r = ports.next()) {
                assertThat(r.port())
                        .as("the kernel dropped the dead JVM's lock")
                        .isEqualTo(port);
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aPortAnotherProcessListensOnIsSkipped(@TempDir Path locks) throws Exception {
        PortPool onePort = poolOf(1);
        LocalPorts ports = new LocalPorts(onePort, locks, RandomGenerator.getDefault());
        try (ServerSocket taken = new ServerSocket(onePort.at(0), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(ports::next).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aStartThatMeetsATakenPortIsRetriedOnAnotherPort() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> tried = new ArrayList<>();
        try (PortReservation squatted = LocalPorts.reserve();
                ServerSocket squatter = new ServerSocket(squatted.port(), 1, InetAddress.getLoopbackAddress())) {
            ServerSocket started = LocalPorts.startWithRetry("a test server", () -> {
                // The first attempt is handed the port a foreign server bound after the pick.
                int port = attempts.incrementAndGet() == 1
                        ? squatted.port()
                        : LocalPorts.reserve().port();
                tried.add(port);
                return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            });
            try (started) {
                assertThat(attempts).hasValue(2);
                assertThat(started.getLocalPort()).isEqualTo(tried.get(1)).isNotEqualTo(squatter.getLocalPort());
            }
        }
    }

    @Test
    void aFailureThatIsNotAPortConflictIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> LocalPorts.startWithRetry("a broken server", () -> {
                    attempts.incrementAndGet();
                    throw new IOException("data directory is locked");
                }))
                .hasMessage("data directory is locked");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAfterAFewPortConflicts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> LocalPorts.startWithRetry("an unlucky server", () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("cannot start", new BindException("Address already in use"));
                }))
                .hasMessage("cannot start");
        assertThat(attempts).hasValue(LocalPorts.ATTEMPTS);
    }

    @Test
    void aBinaryBusyForExecIsRetriedWhetherOrNotThePortIsFixed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        LocalPorts.Start<String> busyOnce = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException(
                        "Failed to start Redis service",
                        new IOException("Cannot run program \"/tmp/redis-1/redis-server\": "
                                + "Exec failed, error: 26 (Text file busy) "));
            }
            return "started";
        };

        assertThat(LocalPorts.startRetryingBusyExec("redis", busyOnce)).isEqualTo("started");
        assertThat(attempts).hasValue(2);
        attempts.set(0);
        assertThat(LocalPorts.startWithRetry("redis", busyOnce)).isEqualTo("started");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aFixedPortThatIsTakenIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> LocalPorts.startRetryingBusyExec("redis on 16379", () -> {
                    attempts.incrementAndGet();
                    throw new PortInUseException(16_379, "Redis", null);
                }))
                .isInstanceOf(PortInUseException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void recognisesBindFailuresAsKafkaRedisAndTheJdkReportThem() {
        assertThat(LocalPorts.isPortConflict(new RuntimeException("x", new BindException("Address already in use"))))
                .isTrue();
        assertThat(LocalPorts.isPortConflict(new RuntimeException(
                        "Socket server failed to bind to 127.0.0.1:44039: Address already in use.")))
                .isTrue();
        assertThat(
                        LocalPorts.isPortConflict(
                                new IOException(
                                        "Can't start redis server. Check logs for details. Redis process log: "
                                                + "Warning: Could not create server TCP listening socket 127.0.0.1:21000: bind: Address already in use")))
                .isTrue();
        assertThat(LocalPorts.isPortConflict(new PortInUseException(21_000, "PostgreSQL", null)))
                .isTrue();
        assertThat(LocalPorts.isPortConflict(new IllegalStateException("Failed to acquire lock on file .lock")))
                .isFalse();
    }

    /** {@code n} ports that are free now, as single-port spans, so a test pool holds nothing another process uses. */
    private static PortPool poolOf(int n) {
        List<PortReservation> found = new ArrayList<>();
        for (int i = 0; i < n; i++) found.add(LocalPorts.reserve());
        found.forEach(PortReservation::close);
        return new PortPool(
                found.stream().map(r -> new Span(r.port(), r.port())).toList());
    }
}
