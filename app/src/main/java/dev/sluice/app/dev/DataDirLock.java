package dev.sluice.app.dev;

import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.embedded.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A dev stack's claim on its data directory: an OS file lock on {@code sluice.lock}, held until
 * {@link #close()} and released by the kernel when the process dies, however it dies. Taking it
 * first means no other stack runs on the directory, so a Redis or PostgreSQL still serving it was
 * left behind by a process that died without stopping it (they run in sessions of their own and
 * outlive a SIGKILL): those are stopped here, before ports are chosen, and the next start works.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name in the data directory. */
    public static final String FILE = "sluice.lock";

    private final Path dir;
    private final FileChannel channel;
    private @Nullable FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, then stops the Redis and PostgreSQL a dead process left running on it.
     *
     * @throws IllegalStateException another running stack holds the directory
     */
    public static DataDirLock acquire(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file in " + dir, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // refusing anyway
            }
            throw new IllegalStateException("another Sluice stack is running on " + dir.toAbsolutePath()
                    + " (it holds sluice.lock there); stop it first, or start this one with another data directory");
        }
        DataDirLock claimed = new DataDirLock(dir, channel, lock);
        new EmbeddedRedis(dir.resolve("redis"), 0).stopLeftover();
        new EmbeddedPostgresServer(dir.resolve("postgres"), 0).stopLeftover();
        return claimed;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() {
        FileLock l = lock;
        if (l == null) return;
        lock = null;
        try {
            l.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the process anyway
        }
    }
}
