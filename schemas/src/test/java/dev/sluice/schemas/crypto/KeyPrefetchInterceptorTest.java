package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KeyPrefetchInterceptorTest {
    private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();
    private final LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
    private final ContentCipher writer = new DataKeyCipher(store, master, Duration.ofMinutes(2));

    @Test
    void aPollsSealedRecordsHaveTheirKeysAskedForOnceTogetherAndPassThroughUnchanged() {
        List<Collection<UUID>> asked = new ArrayList<>();
        RecordingCipher recording = new RecordingCipher(asked);
        KeyPrefetchInterceptor interceptor = new KeyPrefetchInterceptor();
        interceptor.configure(Map.of(KeyPrefetchInterceptor.CIPHER_CONFIG, recording));
        byte[] a = sealed("corr-a", "conv-a", "alice");
        byte[] a2 = sealed("corr-a", "conv-a", "alice");
        byte[] b = sealed("corr-b", "conv-b", "bob");
        byte[] plain = Topics.CHAT_STREAM
                .valueSerde()
                .serializer()
                .serialize("chat.stream", StreamEvent.chunk("corr-c", 1, "x", false));
        ConsumerRecords<Object, Object> records = records(a, a2, b, plain, null);

        assertThat(interceptor.onConsume(records)).isSameAs(records);
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst()).containsExactlyInAnyOrder(SealedJsonSerde.keyId(a), SealedJsonSerde.keyId(b));
    }

    @Test
    void withoutACipherOrWithEncryptionOffNothingIsAsked() {
        List<Collection<UUID>> asked = new ArrayList<>();
        KeyPrefetchInterceptor unconfigured = new KeyPrefetchInterceptor();
        unconfigured.configure(Map.of());
        ConsumerRecords<Object, Object> records = records(sealed("corr-a", "conv-a", "alice"));
        assertThat(unconfigured.onConsume(records)).isSameAs(records);

        KeyPrefetchInterceptor off = new KeyPrefetchInterceptor();
        off.configure(Map.of(KeyPrefetchInterceptor.CIPHER_CONFIG, ContentCipher.DISABLED));
        assertThat(off.onConsume(records)).isSameAs(records);
        assertThat(asked).isEmpty();
    }

    @Test
    void aPrefetchThatFailsNeverEscapesIntoTheConsumersLoop() {
        ContentCipher failing = new RecordingCipher(new ArrayList<>()) {
            @Override
            public void prefetch(Collection<UUID> keyIds) {
                throw new IllegalStateException("key store exploded");
            }
        };
        KeyPrefetchInterceptor interceptor = new KeyPrefetchInterceptor();
        interceptor.configure(Map.of(KeyPrefetchInterceptor.CIPHER_CONFIG, failing));
        ConsumerRecords<Object, Object> records = records(sealed("corr-a", "conv-a", "alice"));

        assertThat(interceptor.onConsume(records)).isSameAs(records);
    }

    private byte[] sealed(String correlation, String conversation, String user) {
        return Topics.CHAT_STREAM
                .valueSerde(writer)
                .serializer()
                .serialize(
                        "chat.stream",
                        StreamEvent.chunk(correlation, 1, "secret", false).scoped(conversation, user));
    }

    private static ConsumerRecords<Object, Object> records(byte[]... values) {
        TopicPartition tp = new TopicPartition("chat.requests", 0);
        List<ConsumerRecord<Object, Object>> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) list.add(new ConsumerRecord<>(tp.topic(), 0, i, "k" + i, values[i]));
        return new ConsumerRecords<>(Map.of(tp, list), Map.of());
    }

    /** Records what it is asked to prefetch. */
    private static class RecordingCipher implements ContentCipher {
        private final List<Collection<UUID>> asked;

        RecordingCipher(List<Collection<UUID>> asked) {
            this.asked = asked;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] open(byte[] aad, byte[] envelope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void prefetch(Collection<UUID> keyIds) {
            asked.add(List.copyOf(keyIds));
        }

        @Override
        public void require(ContentScope scope) {}

        @Override
        public void forget(ContentScope scope) {}

        @Override
        public long shreddedRecords() {
            return 0;
        }

        @Override
        public void countShredded() {}
    }
}
