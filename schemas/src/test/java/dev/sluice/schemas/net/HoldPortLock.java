package dev.sluice.schemas.net;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a child JVM by {@link LocalPortsTest}: locks one port file as another JVM's reservation would, until stdin closes. */
public final class HoldPortLock {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(
                        dir.resolve(args[1] + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            System.out.println(lock == null ? "busy" : "locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin or kills us
            }
        }
    }

    private HoldPortLock() {}
}
