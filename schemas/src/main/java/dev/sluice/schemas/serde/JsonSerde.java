package dev.sluice.schemas.serde;

import dev.sluice.schemas.kafka.FailureReasons;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** JSON serde for one event record type. A record that cannot be read fails with its type named. */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        return data == null ? null : write(topic, data);
    }

    /** {@link #serialize} of a value that is there: never null. */
    public byte[] write(String topic, T data) {
        try {
            return Json.MAPPER.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic, e);
        }
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) return null;
        try {
            return Json.MAPPER.readValue(data, type);
        } catch (JacksonException e) {
            // Neither the parser's message nor the parser exception as the cause: both quote the
            // value it choked on, and Kafka Streams logs this exception when it skips the record.
            throw new SerializationException(
                    "cannot read " + type.getSimpleName() + " from " + topic + ": " + FailureReasons.describe(e));
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

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
