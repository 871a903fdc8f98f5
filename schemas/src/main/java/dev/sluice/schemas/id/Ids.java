package dev.sluice.schemas.id;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation and conversation ids are UUIDv7 (RFC 9562): time-ordered, so an id also says
 * when its response began, which lets the bridge find a stream's first offset by timestamp.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the gateway accepts from {@code X-Request-Id}: 8 to 64 safe characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,63}");

    public static UUID uuidV7() {
        long ms = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (ms << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    public static String newId() {
        return uuidV7().toString();
    }

    /** Milliseconds since the epoch encoded in a UUIDv7, or -1 if the id is not one. */
    public static long timestampOf(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.version() != 7) return -1;
            return uuid.getMostSignificantBits() >>> 16;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    public static boolean isAcceptableClientId(String id) {
        return id != null && CLIENT_ID.matcher(id).matches();
    }

    private Ids() {}
}
