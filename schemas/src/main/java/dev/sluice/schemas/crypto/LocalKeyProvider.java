package dev.sluice.schemas.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key held by this process: {@code SLUICE_CRYPTO_MASTER_KEY} (base64, 32 bytes) or a
 * key file made once, mode 600, in {@code sluice.data-dir}. Wrapping is AES-256-GCM bound to the
 * data key's id. Every role of a deployment must use the same master key (the compose file and
 * the Kubernetes secret give them one).
 */
public final class LocalKeyProvider implements KeyProvider {
    public static final String FILE_NAME = "crypto-master.key";

    private final SecretKey master;
    private final String id;

    public LocalKeyProvider(byte[] masterKey) {
        if (masterKey.length != 32) throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes), not " + masterKey.length);
        this.master = new SecretKeySpec(masterKey, "AES");
        this.id = "local:" + fingerprint(masterKey);
    }

    /** The configured base64 key if there is one, else the key file in {@code dataDir}, made on first use. */
    public static LocalKeyProvider resolve(String base64, Path dataDir) {
        if (!base64.isBlank()) {
            try {
                return new LocalKeyProvider(Base64.getDecoder().decode(base64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sluice.crypto.master-key is not base64 of 32 bytes: " + e.getMessage());
            }
        }
        return new LocalKeyProvider(loadOrCreate(dataDir.resolve(FILE_NAME)));
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another role of this dev process made it first: read theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    @Override
    public String masterKeyId() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
        return Envelope.seal(new DataKey(new UUID(0, 0), new ContentScope("", ""), master), context, dataKey);
    }

    @Override
    public byte[] unwrap(String masterKeyId, byte[] wrapped, byte[] context) {
        if (!id.equals(masterKeyId)) throw new KeysUnavailableException("data key was wrapped by master key " + masterKeyId + ", this process holds " + id);
        return Envelope.open(new DataKey(new UUID(0, 0), new ContentScope("", ""), master), context, wrapped);
    }

    /** Names the key without revealing it: the first 8 bytes of its SHA-256. */
    private static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
