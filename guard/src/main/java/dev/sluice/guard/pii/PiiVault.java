package dev.sluice.guard.pii;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-conversation mapping from PII values to placeholders. The same value always gets the
 * same placeholder ("[EMAIL_1]" stays "[EMAIL_1]" in every turn), so the model can still refer
 * to it.
 *
 * <p>It keeps only what that needs: for each placeholder, a keyed digest (HMAC-SHA256 under a
 * secret that never leaves the topology's configuration) of the value's canonical spelling,
 * never the value. Its store's changelog is a Kafka topic, kept and replicated like any other;
 * with plaintext values there it was a second copy of every e-mail, card and phone number that
 * erasure had to chase, and nothing read them back. A digest cannot be turned back into the
 * value, and without the secret it cannot be checked against guesses either (a bare hash of a
 * phone number can: there are only so many).
 *
 * <p>At most {@code maxEntries} values get their own placeholder; past that a value is still
 * masked, by its type alone ("[EMAIL]"), so a conversation's vault, and the state record that
 * holds it, stay bounded. {@link #toString()} never prints a digest. Not thread-safe: one
 * conversation is handled by one stream thread.
 */
public final class PiiVault {
    /** About 120 bytes of JSON each: 512 keep a vault under 64 KiB, far below a changelog record's 1 MiB. */
    public static final int DEFAULT_MAX_ENTRIES = 512;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z][A-Z_]*)_(\\d+)\\]");
    /** For vaults made without a key (the offline guard CLI, tests): consistent within this process only. */
    private static final byte[] PROCESS_KEY = randomKey();

    /** One mapping; its toString hides the digest too. A null digest is an entry read from an older vault. */
    public record Entry(String placeholder, String type, String digest) {
        @Override
        public String toString() {
            return "Entry[" + placeholder + "]";
        }
    }

    /** The JSON form: the entries in the order they were created. */
    public record Snapshot(List<Entry> entries) {
        @Override
        public String toString() {
            return "Snapshot[entries=" + (entries == null ? 0 : entries.size()) + "]";
        }
    }

    private final Mac mac;
    private final int maxEntries;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byDigest = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** A vault keyed by a secret of this process only, with the default bound. */
    public PiiVault() {
        this(PROCESS_KEY, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param key        the digest secret, at least 32 bytes; the same for every instance of the
     *                   topology, or a restored vault no longer recognises its values
     * @param maxEntries how many values get a numbered placeholder
     */
    public PiiVault(byte[] key, int maxEntries) {
        if (key.length < 32)
            throw new IllegalArgumentException("the PII vault key must be at least 32 bytes, was " + key.length);
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        this.mac = macFor(key);
        this.maxEntries = maxEntries;
    }

    /**
     * A keyed HmacSHA256. The topology makes a vault per request, and {@code Mac.getInstance} plus
     * {@code init} (provider lookup, key schedule) cost more than the digests a request takes; an
     * initialized prototype per key is cloned instead (a few keys per process: the configured one,
     * the process key; beyond {@link #PROTOTYPES_MAX} a key is set up afresh each time).
     */
    private static Mac macFor(byte[] key) {
        ByteBuffer id = ByteBuffer.wrap(key);
        Mac prototype = PROTOTYPES.get(id);
        if (prototype != null) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // a provider without clone: set one up below
            }
        }
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        if (prototype == null && PROTOTYPES.size() < PROTOTYPES_MAX) {
            try {
                PROTOTYPES.putIfAbsent(ByteBuffer.wrap(key.clone()), (Mac) mac.clone());
            } catch (CloneNotSupportedException e) {
                // not cloneable: every vault sets its own up
            }
        }
        return mac;
    }

    private static final int PROTOTYPES_MAX = 8;
    private static final Map<ByteBuffer, Mac> PROTOTYPES = new ConcurrentHashMap<>();

    @JsonCreator
    public static PiiVault fromSnapshot(Snapshot snapshot) {
        return fromSnapshot(snapshot, PROCESS_KEY, DEFAULT_MAX_ENTRIES);
    }

    public static PiiVault fromSnapshot(Snapshot snapshot, byte[] key, int maxEntries) {
        PiiVault v = new PiiVault(key, maxEntries);
        if (snapshot != null && snapshot.entries() != null) {
            for (Entry e : snapshot.entries()) {
                if (e != null && e.placeholder() != null && e.type() != null) v.add(e);
            }
        }
        return v;
    }

    @JsonValue
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(entries));
    }

    /**
     * The placeholder for this value, creating the next number of its type on first sight, or
     * the bare type once the vault is full.
     */
    public String placeholderFor(String type, String value) {
        String digest = digest(type, value);
        Entry known = byDigest.get(digest);
        if (known != null) {
            return known.placeholder();
        }
        if (entries.size() >= maxEntries) {
            return "[" + type + "]";
        }
        int n = counters.getOrDefault(type, 0) + 1;
        Entry e = new Entry("[" + type + "_" + n + "]", type, digest);
        add(e);
        return e.placeholder();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private void add(Entry e) {
        entries.add(e);
        if (e.digest() != null) byDigest.put(e.digest(), e);
        Matcher m = PLACEHOLDER.matcher(e.placeholder());
        if (m.matches()) {
            counters.merge(e.type(), Integer.parseInt(m.group(2)), Math::max);
        }
    }

    private String digest(String type, String value) {
        byte[] d = mac.doFinal(key(type, value).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    /** Spelling-insensitive identity: "A@B.com" and "a@b.com", "4111 1111..." and "4111-1111...". */
    private static String key(String type, String value) {
        String v = switch (type) {
            case PiiTypes.EMAIL -> value.toLowerCase(Locale.ROOT);
            case PiiTypes.PHONE, PiiTypes.CREDIT_CARD, PiiTypes.US_SSN -> value.replaceAll("[^0-9+]", "");
            case PiiTypes.IBAN, PiiTypes.MAC_ADDRESS ->
                value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            case PiiTypes.IP_ADDRESS -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
        return type + '\u0000' + v;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public String toString() {
        return "PiiVault[entries=" + entries.size() + ", values=<not kept>]";
    }
}
