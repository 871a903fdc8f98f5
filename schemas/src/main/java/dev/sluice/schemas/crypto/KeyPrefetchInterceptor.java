package dev.sluice.schemas.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link KeyPrefetch} for a consumer whose poll loop is not ours: Kafka Streams hands a poll's
 * records to the topology one by one, and each sealed request of a new conversation would ask
 * the key store on the stream thread. Installed on the topology's main consumer
 * ({@code main.consumer.interceptor.classes}), with the process's cipher under
 * {@link #CIPHER_CONFIG}; a consumer without one passes its records through untouched.
 */
public final class KeyPrefetchInterceptor implements ConsumerInterceptor<Object, Object> {
    /** The config key the process's {@link ContentCipher} travels under (an object, not a string). */
    public static final String CIPHER_CONFIG = "sluice.content.cipher";

    private ContentCipher cipher = ContentCipher.DISABLED;

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(CIPHER_CONFIG) instanceof ContentCipher c) cipher = c;
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!cipher.enabled() || records.isEmpty()) return records;
        List<ConsumerRecord<?, byte[]>> sealed = new ArrayList<>();
        for (ConsumerRecord<Object, Object> r : records) {
            if (r.value() instanceof byte[] value)
                sealed.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), value));
        }
        KeyPrefetch.of(cipher, sealed); // never throws
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}
}
