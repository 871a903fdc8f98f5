package dev.sluice.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.InMemoryDataKeyStore;
import dev.sluice.schemas.crypto.KeyPrefetchInterceptor;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.SealedJsonSerde;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's main consumer gets the key-prefetch interceptor with this process's cipher, the
 * way Kafka Streams and the consumer build it from the runner's properties: a poll of sealed
 * requests of new conversations is one key-store call, not one per request on the stream thread.
 */
class TopologyKeyPrefetchTest {

    @Test
    void theMainConsumersInterceptorPrefetchesAPollsKeysWithTheProcesssCipher(@TempDir Path state) {
        List<Collection<UUID>> asked = new ArrayList<>();
        InMemoryDataKeyStore store = new InMemoryDataKeyStore();
        LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
        ContentCipher gateway = new DataKeyCipher(store, master, Duration.ofMinutes(2));
        ContentCipher topology = new Recording(new DataKeyCipher(store, master, Duration.ofMinutes(2)), asked);
        Properties config = TopologyRunner.config("127.0.0.1:9", "sluice-topology-test", (short) 1, state);
        TopologyRunner.withKeyPrefetch(config, topology);

        Map<String, Object> main = new StreamsConfig(config).getMainConsumerConfigs("sluice-topology-test", "c", 0);
        // Streams' client supplier adds the byte-array deserializers when it builds the consumer.
        main.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        main.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerInterceptor> interceptors = new ConsumerConfig(main)
                .getConfiguredInstances(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerInterceptor.class);
        assertThat(interceptors).hasSize(1).first().isInstanceOf(KeyPrefetchInterceptor.class);

        byte[] one = request(gateway, "corr-1", "conv-1");
        byte[] two = request(gateway, "corr-2", "conv-2");
        TopicPartition tp = new TopicPartition(Topics.CHAT_REQUESTS.name(), 0);
        @SuppressWarnings("unchecked")
        ConsumerInterceptor<Object, Object> interceptor = interceptors.getFirst();
        interceptor.onConsume(new ConsumerRecords<>(
                Map.of(
                        tp,
                        List.of(
                                new ConsumerRecord<>(tp.topic(), 0, 0, (Object) "corr-1", (Object) one),
                                new ConsumerRecord<>(tp.topic(), 0, 1, (Object) "corr-2", (Object) two))),
                Map.of()));

        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst()).containsExactlyInAnyOrder(SealedJsonSerde.keyId(one), SealedJsonSerde.keyId(two));
    }

    private static byte[] request(ContentCipher cipher, String correlation, String conversation) {
        ChatRequested r = new ChatRequested(
                correlation,
                conversation,
                "alice",
                "m",
                List.of(ChatMessage.user("secret " + correlation)),
                new Sampling(0.0, null, 16, List.of(), null),
                false,
                System.currentTimeMillis());
        return Topics.CHAT_REQUESTS.valueSerde(cipher).serializer().serialize(Topics.CHAT_REQUESTS.name(), r);
    }

    /** Delegates to a real cipher and records what it is asked to prefetch. */
    private record Recording(ContentCipher inner, List<Collection<UUID>> asked) implements ContentCipher {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext) {
            return inner.seal(scope, aad, plaintext);
        }

        @Override
        public byte[] open(byte[] aad, byte[] envelope) {
            return inner.open(aad, envelope);
        }

        @Override
        public void prefetch(Collection<UUID> keyIds) {
            asked.add(List.copyOf(keyIds));
            inner.prefetch(keyIds);
        }

        @Override
        public void require(ContentScope scope) {
            inner.require(scope);
        }

        @Override
        public void forget(ContentScope scope) {
            inner.forget(scope);
        }

        @Override
        public long shreddedRecords() {
            return 0;
        }

        @Override
        public void countShredded() {}
    }
}
