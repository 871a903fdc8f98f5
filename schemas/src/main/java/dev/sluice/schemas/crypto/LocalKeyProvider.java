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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key held by this process: {@code SLUICE_CRYPTO_MASTER_KEY} (base64, 32 bytes) or a
 * key file made once, mode 600, in {@code sluice.data-dir}. Wrapping is AES-256-GCM bound to the
 * data key's id. Every role of a deployment must use the same master key (the compose file and
 * the Kubernetes secret give them one).
 *
 * <p>Rotation: the new key becomes the master key and the old one goes to
 * {@code sluice.crypto.previous-master-keys}. New data keys are wrapped by the new key at once, keys
 * wrapped by a previous one are still unwrapped, and {@code ./sluice keys rewrap} moves every stored
 * key under the new one; then the previous key can be dropped.
 */
public final class LocalKeyProvider implements KeyProvider {
    public static final String FILE_NAME = "crypto-master.key";

    private final SecretKey master;
    private final String id;
    /** Every key this provider can unwrap with, by id: the master key and the previous ones. */
    private final Map<String, SecretKey> unwrapping = new LinkedHashMap<>();

    public LocalKeyProvider(byte[] masterKey) {
        this(masterKey, List.of());
    }

    /** @param previous earlier master keys: still unwrapped with, never wrapped with */
    public LocalKeyProvider(byte[] masterKey, List<byte[]> previous) {
        this.master = key(masterKey);
        this.id = idOf(masterKey);
        unwrapping.put(id, master);
        for (byte[] p : previous) unwrapping.putIfAbsent(idOf(p), key(p));
    }

    private static SecretKey key(byte[] bytes) {
        if (bytes.length != 32)
            throw new IllegalArgumentException(
                    "a master key must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
        return new SecretKeySpec(bytes, "AES");
    }

    /** The id a master key is stored under: {@code local:} and the first 8 bytes of its SHA-256. */
    public static String idOf(byte[] masterKey) {
        return "local:" + fingerprint(masterKey);
    }

    /** The configured base64 key if there is one, else the key file in {@code dataDir}, made on first use. */
    public static LocalKeyProvider resolve(String base64, Path dataDir) {
        return resolve(base64, "", dataDir);
    }

    /** As {@link #resolve(String, Path)}, with earlier master keys (base64, comma-separated) still usable for unwrapping. */
    public static LocalKeyProvider resolve(String base64, String previousBase64, Path dataDir) {
        List<byte[]> previous = new java.util.ArrayList<>();
        for (String p : previousBase64.split(",")) {
            if (!p.isBlank()) previous.add(decode(p, "sluice.crypto.previous-master-keys"));
        }
        byte[] current = base64.isBlank()
                ? loadOrCreate(dataDir.resolve(FILE_NAME))
                : decode(base64, "sluice.crypto.master-key");
        return new LocalKeyProvider(current, previous);
    }

    private static byte[] decode(String base64, String name) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64 of 32 bytes: " + e.getMessage());
        }
    }

    /** The ids of the earlier master keys this provider still unwraps with. */
    public List<String> previousIds() {
        return unwrapping.keySet().stream().filter(k -> !k.equals(id)).toList();
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(
                            file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
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
        SecretKey key = unwrapping.get(masterKeyId);
        if (key == null) {
            throw new KeysUnavailableException(
                    "data key was wrapped by master key " + masterKeyId + ", this process holds " + unwrapping.keySet()
                            + " (an earlier master key belongs in sluice.crypto.previous-master-keys)");
        }
        return Envelope.open(new DataKey(new UUID(0, 0), new ContentScope("", ""), key), context, wrapped);
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
