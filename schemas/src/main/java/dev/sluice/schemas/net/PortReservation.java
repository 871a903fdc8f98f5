package dev.sluice.schemas.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A loopback port no other {@link LocalPorts} user in this JVM or in another JVM on this
 * machine is given until {@link #close()}: the lock on its file keeps other JVMs off, and the
 * kernel drops that lock when this process dies, so a crashed test leaves nothing to clean up.
 * Not bound: the server it is meant for binds it.
 */
public final class PortReservation implements AutoCloseable {
    private final int port;
    private final @Nullable FileChannel lock;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    PortReservation(int port, @Nullable FileChannel lock, Runnable release) {
        this.port = port;
        this.lock = lock;
        this.release = release;
    }

    public int port() {
        return port;
    }

    /** Gives the port back; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            if (lock != null) lock.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, and with the process at the latest
        }
        release.run();
    }

    @Override
    public String toString() {
        return "port " + port + (closed.get() ? " (released)" : "");
    }
}
