package dev.sluice.schemas.crypto;

import dev.sluice.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * JSON with the content sealed: the value's routing fields stay plain JSON, its content moves
 * into one last property {@code "sealed"} holding an {@link Envelope} (base64):
 * {@code {"correlationId":"…","seq":3,"type":"CHUNK",…,"sealed":"AZ…"}}. A value without that
 * property (written before encryption, or by a process with {@code sluice.crypto.enabled=false})
 * is read as plain JSON: that is the upgrade path.
 */
public final class SealedJsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    static final String FIELD = "sealed";
    private static final byte[] MARKER = (",\"" + FIELD + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private final JsonSerde<T> json;
    private final Sealing<T> sealing;
    private final ContentCipher cipher;

    public SealedJsonSerde(JsonSerde<T> json, Sealing<T> sealing, ContentCipher cipher) {
        this.json = json;
        this.sealing = sealing;
        this.cipher = cipher;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) return null;
        byte[] content = cipher.enabled() ? sealing.content(data) : null;
        if (content == null) return json.write(topic, data);
        ContentScope scope = sealing.scope(data);
        if (scope == null)
            throw new SerializationException(
                    json.type().getSimpleName() + " for " + topic + " has content but no conversation to seal it for");
        byte[] envelope = Base64.getEncoder().encode(cipher.seal(scope, sealing.associatedData(data), content));
        byte[] clear = json.write(topic, sealing.strip(data));
        // Spliced rather than built as a tree: one copy, and the marker is always the last property.
        byte[] out = Arrays.copyOf(clear, clear.length - 1 + MARKER.length + envelope.length + 2);
        int at = clear.length - 1;
        System.arraycopy(MARKER, 0, out, at, MARKER.length);
        System.arraycopy(envelope, 0, out, at + MARKER.length, envelope.length);
        out[out.length - 2] = '"';
        out[out.length - 1] = '}';
        return out;
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) return null;
        int at = markerAt(data);
        if (at < 0) return json.deserialize(topic, data);
        byte[] clear = Arrays.copyOf(data, at + 1);
        clear[at] = '}';
        // What is left of an object is an object: the mapper never makes null of it.
        T stripped = Objects.requireNonNull(json.deserialize(topic, clear));
        byte[] envelope;
        try {
            envelope = Base64.getDecoder().decode(Arrays.copyOfRange(data, at + MARKER.length, data.length - 2));
        } catch (IllegalArgumentException e) {
            throw new SerializationException(
                    "cannot read " + json.type().getSimpleName() + " from " + topic + ": sealed content is not base64");
        }
        return sealing.restore(stripped, cipher.open(sealing.associatedData(stripped), envelope));
    }

    /**
     * The data key a sealed record names, read without opening it (the envelope's first 17
     * bytes: version and key id), or null for a plain record or one too damaged to say; what a
     * role collects from a poll to {@link ContentCipher#prefetch} its keys in one call.
     */
    public static java.util.@Nullable UUID keyId(byte @Nullable [] data) {
        if (data == null) return null;
        int at = markerAt(data);
        int from = at + MARKER.length;
        // 24 base64 characters are 18 bytes: the version byte and the 16 of the key id, and one more.
        if (at < 0 || data.length - 2 - from < 24) return null;
        byte[] head;
        try {
            head = Base64.getDecoder().decode(Arrays.copyOfRange(data, from, from + 24));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (head[0] != Envelope.VERSION) return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head, 1, 16);
        return new java.util.UUID(b.getLong(), b.getLong());
    }

    /**
     * Where the sealed property starts, or -1. It is always last and its value is base64. The
     * search walks back from the closing {@code "}} over base64: a plain record is decided within a
     * few bytes. When the base64 runs on past {@link #TAIL_WALK} bytes (a sealed record, or a plain
     * one that ends in a long token), the marker is looked for from the front instead, among the
     * top-level properties of the clear part, so the cost follows the small clear part and not the
     * sealed content: walking back over a whole sealed history or prompt (tens of KB, every read,
     * twice per poll in the worker with {@link #keyId}) was 18 % of a worker's CPU in a multi-turn
     * run. In JSON text a quote inside a string is escaped, so {@code ,"sealed":"} outside a string
     * at the top level is the property itself; none of the event types has a field of that name.
     */
    static int markerAt(byte[] data) {
        int n = data.length;
        if (n < MARKER.length + 2 || data[n - 1] != '}' || data[n - 2] != '"') return -1;
        int i = n - 3;
        int walkTo = Math.max(-1, i - TAIL_WALK);
        while (i > walkTo && base64(data[i])) i--;
        if (i == walkTo && walkTo >= 0) {
            int front = topLevelMarker(data, Math.min(n - 2 - MARKER.length, CLEAR_SCAN));
            if (front >= 0) return front;
            while (i >= 0 && base64(data[i])) i--;
        }
        int start = i - MARKER.length + 1;
        if (start < 0) return -1;
        for (int j = 0; j < MARKER.length; j++) if (data[start + j] != MARKER[j]) return -1;
        return start;
    }

    /** Base64 bytes walked back from the end before the marker is looked for from the front. */
    static final int TAIL_WALK = 128;
    /** Clear-part bytes searched from the front; past it, the walk back goes on to the marker. */
    static final int CLEAR_SCAN = 8192;

    /** The first {@code ,"sealed":"} outside strings at depth 1 that starts before {@code limit}, or -1. */
    private static int topLevelMarker(byte[] data, int limit) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < limit; i++) {
            byte b = data[i];
            if (inString) {
                if (b == '\\') i++;
                else if (b == '"') inString = false;
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> depth--;
                case ',' -> {
                    if (depth == 1 && markerStartsAt(data, i)) return i;
                }
                default -> {}
            }
        }
        return -1;
    }

    private static boolean markerStartsAt(byte[] data, int at) {
        for (int j = 1; j < MARKER.length; j++) if (data[at + j] != MARKER[j]) return false;
        return true;
    }

    private static boolean base64(byte b) {
        return (b >= 'A' && b <= 'Z')
                || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9')
                || b == '+'
                || b == '/'
                || b == '=';
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
