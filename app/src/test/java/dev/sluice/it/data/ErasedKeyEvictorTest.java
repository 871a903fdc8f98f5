package dev.sluice.it.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.app.crypto.CryptoSettings;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A process's cached data key goes as soon as the erasure reaches {@code chat.erasures}, not when
 * the cache entry expires (2 minutes): the stack's own cipher, PostgreSQL key store and evictor,
 * on the real broker. The key is destroyed in the store behind the cipher's back, as another
 * gateway's DELETE would; the cached copy still opens the record until the event arrives. An
 * unreadable record ahead of the event is skipped, not a reason to stop.
 */
class ErasedKeyEvictorTest {

    @Test
    void anErasureEventDropsTheCachedKeyAtOnce() throws Exception {
        TestStack stack = TestStack.get();
        ContentCipher cipher = stack.context().getBean(ContentCipher.class);
        assertThat(cipher.enabled())
                .as("the test stack runs with encryption on")
                .isTrue();
        assertThat(stack.context().getBean(CryptoSettings.class).keyCacheTtl())
                .as("cached keys outlive the wait below, so only the evictor can drop this one in time")
                .isGreaterThan(Duration.ofSeconds(60));
        String run = UUID.randomUUID().toString();
        ContentScope scope = new ContentScope("evictor-user-" + run, "evictor-conv-" + run);
        byte[] aad = ("evictor-" + run).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(scope, aad, "planted text".getBytes(StandardCharsets.UTF_8));

        int destroyed = new JdbcDataKeyStore(stack.context().getBean(DataSource.class)).destroy(scope);
        assertThat(destroyed).as("the scope's key existed in PostgreSQL").isEqualTo(1);
        assertThat(new String(cipher.open(aad, sealed), StandardCharsets.UTF_8))
                .as("before the event, the cached key still opens the record")
                .isEqualTo("planted text");

        String bootstrap = stack.property("sluice.kafka.bootstrap");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "evictor-test-" + run),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.CHAT_ERASURES.name(),
                            scope.conversationId(),
                            "not json {".getBytes(StandardCharsets.UTF_8)))
                    .get();
            byte[] event = Topics.CHAT_ERASURES
                    .valueSerde()
                    .serializer()
                    .serialize(
                            Topics.CHAT_ERASURES.name(),
                            new ConversationErased(scope.conversationId(), scope.userId(), System.currentTimeMillis()));
            producer.send(new ProducerRecord<>(Topics.CHAT_ERASURES.name(), scope.conversationId(), event))
                    .get();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean dropped = false;
        while (!dropped && System.nanoTime() < deadline) {
            try {
                cipher.open(aad, sealed);
                Thread.sleep(50);
            } catch (KeyDestroyedException e) {
                dropped = true;
            }
        }
        assertThat(dropped)
                .as("the key left the cache within 30 s of the erasure event (the cache keeps keys 2 minutes)")
                .isTrue();
        assertThatThrownBy(() -> cipher.open(aad, sealed)).isInstanceOf(KeyDestroyedException.class);
        assertThat(stack.context()
                        .getBean(dev.sluice.schemas.crypto.ErasedKeyEvictor.class)
                        .loops())
                .as("the evictor skipped the unreadable record and still runs")
                .containsEntry("key-evictor", true);
    }
}
