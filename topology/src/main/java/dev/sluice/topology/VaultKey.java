package dev.sluice.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PII vault's digest secret: {@code sluice.pii.vault-key} (base64, 32 bytes or more), which
 * every topology instance of a deployment must share; without it, one is made once and kept in
 * the data directory, which is right for dev mode and a single node.
 */
final class VaultKey {
    private static final Logger log = LoggerFactory.getLogger(VaultKey.class);
    static final String FILE = "pii-vault.key";

    static byte[] resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "sluice.pii.vault-key must be base64 (for example: openssl rand -base64 32)");
            }
            if (key.length < 32)
                throw new IllegalArgumentException(
                        "sluice.pii.vault-key must decode to at least 32 bytes, not " + key.length);
            return key;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file))
                return Base64.getDecoder().decode(Files.readString(file).trim());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions are all there is.
            }
            log.info(
                    "made a PII vault key in {}; set sluice.pii.vault-key (the same on every topology instance) in a deployment",
                    file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the PII vault key " + file, e);
        }
    }

    private VaultKey() {}
}
