package dev.sluice.schemas.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one sealed-content format of every topic and store:
 * <pre>
 * version (1 byte, 1) · data key id (16 bytes) · nonce (12 bytes, never repeated: see below) · AES-256-GCM ciphertext and tag (16 bytes)
 * </pre>
 * The version and key id are authenticated with the caller's associated data (the record's
 * ids and, where it has them, its sequence and type), so a ciphertext moved into another record,
 * or under another key id, fails to open instead of showing someone else's text.
 */
public final class Envelope {
    public static final byte VERSION = 1;
    static final int HEADER = 1 + 16;
    static final int NONCE = 12;
    static final int TAG_BITS = 128;
    /** Bytes an envelope adds to its plaintext. */
    public static final int OVERHEAD = HEADER + NONCE + TAG_BITS / 8;

    /**
     * Ciphers to reuse. {@code Cipher.getInstance} looks the provider up each time (about 2 µs); a
     * ThreadLocal would not help where it matters, since the gateway and the remote-engine streams
     * run on virtual threads, one per request, and each would build its own Cipher and SecureRandom.
     * A cipher is taken for one seal or open and given back; at most {@link #POOLED} are kept.
     */
    private static final int POOLED = 64;

    private static final ConcurrentLinkedQueue<Cipher> CIPHERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOL_SIZE = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    /*
     * Nonces: 4 bytes drawn once per process, then a 64-bit counter that starts at a random value
     * and goes up by one per seal. GCM needs a nonce never to repeat under one key. Within a process
     * the counter cannot repeat (it would take 2^64 seals); across the processes that seal under one
     * conversation's key (gateway, topology, worker, and their restarts) two nonces meet only if both
     * random prefixes are equal and both counters' ranges overlap, less likely than two 96-bit random
     * nonces meeting. A random nonce per seal cost a SecureRandom read (NativePRNG: a global lock and
     * a mix with the OS source) on every record: 0.5-1 % of each role's CPU under load.
     */
    private static final int NONCE_PREFIX = RANDOM.nextInt();
    private static final AtomicLong NONCE_COUNTER = new AtomicLong(RANDOM.nextLong());

    public static byte[] seal(DataKey key, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[OVERHEAD + plaintext.length];
        ByteBuffer head = ByteBuffer.wrap(out);
        head.put(VERSION)
                .putLong(key.id().getMostSignificantBits())
                .putLong(key.id().getLeastSignificantBits());
        head.putInt(NONCE_PREFIX).putLong(NONCE_COUNTER.getAndIncrement());
        Cipher c = take();
        try {
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, out, HEADER, NONCE));
            c.updateAAD(out, 0, HEADER);
            c.updateAAD(aad);
            c.doFinal(plaintext, 0, plaintext.length, out, HEADER + NONCE);
            give(c);
            return out;
        } catch (GeneralSecurityException e) {
            // Not given back: a cipher that failed midway is dropped rather than reused.
            throw new SerializationException("cannot seal content with data key " + key.id() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The id of the data key that sealed this envelope. */
    public static UUID keyId(byte[] envelope) {
        if (envelope.length < OVERHEAD)
            throw new SerializationException("sealed content is truncated (" + envelope.length + " bytes)");
        if (envelope[0] != VERSION)
            throw new SerializationException("sealed content has unknown envelope version " + envelope[0]);
        ByteBuffer b = ByteBuffer.wrap(envelope, 1, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** Fails with a {@link SerializationException} if the key, the associated data or any byte differs from the sealing. */
    public static byte[] open(DataKey key, byte[] aad, byte[] envelope) {
        if (!keyId(envelope).equals(key.id()))
            throw new SerializationException("sealed content names data key " + keyId(envelope) + ", not " + key.id());
        Cipher c = take();
        try {
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, envelope, HEADER, NONCE));
            c.updateAAD(envelope, 0, HEADER);
            c.updateAAD(aad);
            byte[] plain = c.doFinal(envelope, HEADER + NONCE, envelope.length - HEADER - NONCE);
            give(c);
            return plain;
        } catch (GeneralSecurityException e) {
            // AEADBadTagException: tampered, or opened under other associated data. No detail: none is useful.
            throw new SerializationException("sealed content does not open under data key " + key.id() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static Cipher take() {
        Cipher c = CIPHERS.poll();
        if (c != null) {
            POOL_SIZE.decrementAndGet();
            return c;
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JDK", e);
        }
    }

    private static void give(Cipher c) {
        if (POOL_SIZE.incrementAndGet() <= POOLED) {
            CIPHERS.offer(c);
        } else {
            POOL_SIZE.decrementAndGet();
        }
    }

    /** Ciphers kept for reuse now (tests). */
    static int pooled() {
        return POOL_SIZE.get();
    }

    private Envelope() {}
}
