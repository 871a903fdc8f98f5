package dev.sluice.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The dev signing key: 256 random bits kept in the data directory (owner-only), so the server
 * and {@code ./sluice token} agree without the user configuring anything.
 */
public final class DevKey {
    public static final String FILE = "dev-jwt-secret";

    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(
                        file,
                        Base64.getEncoder().encodeToString(key),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev signing key " + file, e);
        }
    }

    /** The dev key if dev mode has created one; never creates it (a new key would verify nothing). */
    public static java.util.Optional<byte[]> existing(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) return java.util.Optional.empty();
        return java.util.Optional.of(loadOrCreate(dataDir));
    }

    private DevKey() {}
}
