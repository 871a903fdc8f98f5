package dev.sluice.schemas.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ports for embedded servers that must know theirs before they bind (a KRaft controller named in
 * the quorum voters, Redis, PostgreSQL); a server that can bind port 0 and report back should.
 *
 * <p>Picking a port by binding 0, closing and handing out the number races: the number lies in
 * the kernel's ephemeral range, and until the server binds it any outgoing connection on the
 * machine (the server's own clients among them) can be given it ("Address already in use").
 * Ports here come from outside that range ({@link PortPool}), are held in a set of this JVM
 * and by a lock file per port (other JVMs: surefire forks, a dev stack, a benchmark), and are
 * checked bindable when handed out. A process that binds the number on purpose can still get
 * there first, so {@link #startWithRetry} starts again on new ports after a bind failure.
 */
public final class LocalPorts {
    private static final Logger log = LoggerFactory.getLogger(LocalPorts.class);
    static final int ATTEMPTS = 5;
    private static final int TRIES = 1_000;
    /** Every instance shares it: one JVM never hands out a port twice, whatever the pool. */
    private static final Set<Integer> HELD = ConcurrentHashMap.newKeySet();

    private static final LocalPorts SYSTEM = new LocalPorts(
            PortPool.fromKernel(Path.of("/proc/sys/net/ipv4/ip_local_port_range")),
            Path.of(System.getProperty("java.io.tmpdir"), "sluice-ports-" + System.getProperty("user.name", "user")),
            RandomGenerator.getDefault());

    private final PortPool pool;
    private final Path lockDir;
    private final RandomGenerator random;
    /** False once the lock directory proved unusable (another user's, read-only): the JVM set and retries remain. */
    private volatile boolean locking = true;

    LocalPorts(PortPool pool, Path lockDir, RandomGenerator random) {
        this.pool = pool;
        this.lockDir = lockDir;
        this.random = random;
    }

    /** A free loopback port outside the ephemeral range, reserved until the reservation is closed. */
    public static PortReservation reserve() {
        return SYSTEM.next();
    }

    /** One start attempt; it reserves its own ports and releases them when it fails. */
    @FunctionalInterface
    public interface Start<T> {
        T attempt() throws Exception;
    }

    /** A server started on a port it was given, and the reservation that holds that port while it runs. */
    public record Reserved<T>(T server, PortReservation reservation) {
        public int port() {
            return reservation.port();
        }
    }

    /** Starts a server on a port of its own. */
    @FunctionalInterface
    public interface Launch<T> {
        T on(int port) throws Exception;
    }

    /**
     * Reserves a port and starts {@code launch} on it, again on a new port after a bind failure
     * ({@link #startWithRetry}); a failed attempt gives its reservation back.
     */
    public static <T> Reserved<T> startOnReservedPort(String what, Launch<T> launch) throws Exception {
        return startWithRetry(what, () -> {
            PortReservation r = reserve();
            try {
                return new Reserved<>(launch.on(r.port()), r);
            } catch (Exception e) {
                r.close();
                throw e;
            }
        });
    }

    /**
     * Runs {@code start} until it succeeds, at most {@value #ATTEMPTS} times, again only when it
     * failed because a port was taken ({@link #isPortConflict}) or its binary was busy
     * ({@link #isExecBusy}); any other failure is thrown at once.
     */
    public static <T> T startWithRetry(String what, Start<T> start) throws Exception {
        return retry(what, start, true);
    }

    /** For a server on a fixed port: another port would not help, so only a busy binary is retried. */
    public static <T> T startRetryingBusyExec(String what, Start<T> start) throws Exception {
        return retry(what, start, false);
    }

    private static <T> T retry(String what, Start<T> start, boolean onPortConflict) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.attempt();
            } catch (Exception e) {
                boolean busy = isExecBusy(e);
                if (attempt >= ATTEMPTS || !(busy || onPortConflict && isPortConflict(e))) throw e;
                log.warn("{} did not start ({}); attempt {} of {}", what, e.getMessage(), attempt + 1, ATTEMPTS);
                // The fork holding the binary open execs (and so closes it) within moments.
                if (busy) Thread.sleep(100L * attempt);
            }
        }
    }

    /**
     * ETXTBSY: embedded Redis and PostgreSQL extract their binaries and run them at once; a fork
     * by another thread (the other server starting in parallel) in that moment inherits the
     * still-open file, and exec fails with "Text file busy" until that child has exec'd.
     */
    public static boolean isExecBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Text file busy")) return true;
        }
        return false;
    }

    /** A bind failure anywhere down the cause chain, as the JDK, Kafka, Redis or {@link PortInUseException} report it. */
    public static boolean isPortConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException || t instanceof BindException) return true;
            String m = t.getMessage();
            if (m != null && (m.contains("Address already in use") || m.contains("failed to bind"))) return true;
        }
        return false;
    }

    /** Whether a server could bind this loopback port now (a listener on it, loopback or wildcard, says no). */
    public static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    PortReservation next() {
        for (int i = 0; i < TRIES; i++) {
            int port = pool.at(random.nextInt(pool.size()));
            if (!HELD.add(port)) continue;
            FileChannel lock = locking ? lock(port) : null;
            if ((lock != null || !locking) && canBind(port))
                return new PortReservation(port, lock, () -> HELD.remove(port));
            close(lock);
            HELD.remove(port);
        }
        throw new IllegalStateException("no free loopback port in " + pool + " after " + TRIES + " tries");
    }

    /** The lock on this port's file, or null when another JVM holds it (or locking turned out impossible). */
    private @Nullable FileChannel lock(int port) {
        FileChannel channel = null;
        try {
            Files.createDirectories(lockDir);
            channel = FileChannel.open(
                    lockDir.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) return channel;
        } catch (OverlappingFileLockException e) {
            // this JVM holds it through another instance's channel: not this port
        } catch (IOException e) {
            locking = false;
            log.warn(
                    "cannot lock port files in {} ({}); ports are reserved within this JVM only",
                    lockDir,
                    e.toString());
        }
        close(channel);
        return null;
    }

    private static void close(@Nullable FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }
}
