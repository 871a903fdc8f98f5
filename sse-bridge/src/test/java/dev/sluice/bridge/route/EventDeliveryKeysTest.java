package dev.sluice.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.InMemoryDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.SealedJsonSerde;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A gateway in its own process opens the first event of each new stream it holds: the keys of a
 * poll's held streams are loaded in one key-store call, the streams of other gateways are not
 * asked for at all, and every held event is then delivered without a lookup of its own.
 */
class EventDeliveryKeysTest {

    @Test
    void aPollsHeldStreamsHaveTheirKeysLoadedInOneCallAndOthersStreamsAreNotAskedFor() throws Exception {
        InMemoryDataKeyStore keys = new InMemoryDataKeyStore();
        LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
        ContentCipher worker = new DataKeyCipher(keys, master, Duration.ofMinutes(2));
        Map<String, List<Subscription>> subscribers = new ConcurrentHashMap<>();
        Subscription a = Subscription.detached("corr-a", 8);
        Subscription b = Subscription.detached("corr-b", 8);
        subscribers.put("corr-a", List.of(a));
        subscribers.put("corr-b", List.of(b));
        EventDelivery delivery = new EventDelivery(
                subscribers, new DataKeyCipher(keys, master, Duration.ofMinutes(2)), new SimpleMeterRegistry());
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                record(worker, 0, "corr-a", "conv-a", "alice", "Once"),
                record(worker, 1, "corr-b", "conv-b", "bob", "Hello"),
                record(worker, 2, "corr-x", "conv-x", "carol", "not held here"),
                record(worker, 3, "corr-a", "conv-a", "alice", " upon"));

        delivery.prefetch(poll);
        for (ConsumerRecord<String, byte[]> r : poll) delivery.route(r);

        assertThat(keys.batches()).hasSize(1);
        assertThat(keys.batches().getFirst())
                .containsExactlyInAnyOrder(
                        SealedJsonSerde.keyId(poll.get(0).value()),
                        SealedJsonSerde.keyId(poll.get(1).value()));
        assertThat(keys.finds()).as("lookups one record at a time").isZero();
        assertThat(a.poll(Duration.ZERO).text()).isEqualTo("Once");
        assertThat(a.poll(Duration.ZERO).text()).isEqualTo(" upon");
        assertThat(b.poll(Duration.ZERO).text()).isEqualTo("Hello");

        // The next poll: streams under way are not asked for again, nor read for their key id.
        List<ConsumerRecord<String, byte[]>> next = List.of(
                record(worker, 4, "corr-a", "conv-a", "alice", " a"),
                record(worker, 5, "corr-b", "conv-b", "bob", "!"));
        delivery.prefetch(next);
        for (ConsumerRecord<String, byte[]> r : next) delivery.route(r);
        assertThat(keys.batches()).hasSize(1);
        assertThat(keys.finds()).isZero();
        assertThat(a.poll(Duration.ZERO).text()).isEqualTo(" a");
    }

    private static ConsumerRecord<String, byte[]> record(
            ContentCipher cipher, long offset, String correlation, String conversation, String user, String text) {
        byte[] value = Topics.CHAT_STREAM
                .valueSerde(cipher)
                .serializer()
                .serialize(
                        Topics.CHAT_STREAM.name(),
                        StreamEvent.chunk(correlation, offset + 1, text, false).scoped(conversation, user));
        return new ConsumerRecord<>(Topics.CHAT_STREAM.name(), 0, offset, correlation, value);
    }
}
