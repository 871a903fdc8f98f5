package dev.sluice.persistence.testing;

import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds completion events and puts them on {@code chat.completions}, as workers would. */
public final class Completions {

    /** The {@code turn}-th exchange of a conversation, timed {@code turn} seconds after {@code t0}. */
    public static CompletionRecorded turn(String conversationId, String userId, int turn, long t0, String cacheKey) {
        long accepted = t0 + turn * 1_000L;
        return new CompletionRecorded(
                Ids.newId(),
                conversationId,
                userId,
                "test-model",
                "question " + turn + " of " + conversationId,
                "answer " + turn + " of " + conversationId,
                new Usage(10 + turn, 20 + turn),
                "stop",
                false,
                cacheKey,
                new Timings(accepted, accepted + 2, accepted + 5, accepted + 40, accepted + 300, 30.0));
    }

    public static void send(String bootstrap, List<CompletionRecorded> completions) {
        try (KafkaProducer<String, CompletionRecorded> producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "test-completions"),
                new StringSerializer(),
                Topics.CHAT_COMPLETIONS.valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(completions.size());
            for (CompletionRecorded c : completions) {
                sent.add(producer.send(new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), c.conversationId(), c)));
            }
            awaitAll(sent);
        }
    }

    public static void sendRaw(String bootstrap, String key, byte[] value) {
        Properties p = KafkaClients.producer(bootstrap, "test-raw");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), key, value))));
        }
    }

    /** Fails loudly when a send failed, instead of letting a test wait for a record that never came. */
    public static void awaitAll(List<Future<RecordMetadata>> sent) {
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("a send to " + Topics.CHAT_COMPLETIONS.name() + " failed", e);
            }
        }
    }

    private Completions() {}
}
