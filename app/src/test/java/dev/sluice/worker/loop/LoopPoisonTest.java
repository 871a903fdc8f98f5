package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.Generation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A record a background loop cannot read (not JSON) or that names nothing (no key; the compacted
 * models topic refuses those itself) is skipped, not fatal: the model catalog and the worker's cancellation listener used to stop on it for
 * good (the thread died with the exception, health stayed UP), so new models never appeared and
 * cancels stopped nothing. Real broker: the test stack's.
 */
class LoopPoisonTest {

    @Test
    void theModelCatalogSkipsAnUnreadableRecordAndKeepsFollowing() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String poison = "poison-model-" + UUID.randomUUID();
        String survivor = "survivor-model-" + UUID.randomUUID();
        try (ModelCatalog catalog = new ModelCatalog(bootstrap, "poison-test-" + UUID.randomUUID()).start();
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            ModelAnnounced template = awaitAnyModel(catalog);
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), 0, bytes(poison), bytes("this is not JSON {")))
                    .get();
            producer.send(new ProducerRecord<>(
                            Topics.MODELS.name(),
                            0,
                            bytes(survivor),
                            Topics.MODELS.valueSerde().serializer().serialize(Topics.MODELS.name(), template)))
                    .get();

            await(() -> catalog.find(survivor).isPresent(), "the model announced after the bad records");

            assertThat(catalog.alive()).isTrue();
            assertThat(catalog.loops()).containsEntry("model-catalog", true);
            assertThat(catalog.find(poison)).isEmpty();
        } finally {
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                // Tombstones: the compacted topic forgets both keys.
                producer.send(new ProducerRecord<>(Topics.MODELS.name(), 0, bytes(poison), null))
                        .get();
                producer.send(new ProducerRecord<>(Topics.MODELS.name(), 0, bytes(survivor), null))
                        .get();
            }
        }
    }

    @Test
    void theCancellationListenerSkipsUnreadableAndKeylessRecordsAndStillCancels() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String target = "cancel-target-" + UUID.randomUUID();
        Map<String, Generation> running = new ConcurrentHashMap<>();
        boolean[] cancelled = {false};
        running.put(target, () -> cancelled[0] = true);
        CancellationListener listener = new CancellationListener(
                CancellationListener.consumer(bootstrap, "poison-test-" + UUID.randomUUID()), running);
        listener.start();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            int partitions =
                    producer.partitionsFor(Topics.CHAT_CANCELLATIONS.name()).size();
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(
                                Topics.CHAT_CANCELLATIONS.name(), p, bytes(target), bytes("not JSON either [")))
                        .get();
                producer.send(new ProducerRecord<>(
                                Topics.CHAT_CANCELLATIONS.name(),
                                p,
                                null,
                                Topics.CHAT_CANCELLATIONS
                                        .valueSerde()
                                        .serializer()
                                        .serialize(
                                                Topics.CHAT_CANCELLATIONS.name(),
                                                new CancelRequested("x", "u", "test", 0))))
                        .get();
            }
            producer.send(new ProducerRecord<>(
                            Topics.CHAT_CANCELLATIONS.name(),
                            bytes(target),
                            Topics.CHAT_CANCELLATIONS
                                    .valueSerde()
                                    .serializer()
                                    .serialize(
                                            Topics.CHAT_CANCELLATIONS.name(),
                                            new CancelRequested(target, "u", "test", 0))))
                    .get();

            await(() -> cancelled[0], "the cancel sent after the bad records");

            assertThat(listener.wasCancelled(target)).isTrue();
            assertThat(listener.alive()).isTrue();
        } finally {
            listener.close();
        }
    }

    private static ModelAnnounced awaitAnyModel(ModelCatalog catalog) throws InterruptedException {
        await(() -> !catalog.all().isEmpty(), "the test stack's model");
        return catalog.all().iterator().next();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not seen within 90 s: " + what);
            Thread.sleep(50);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "poison-test-" + UUID.randomUUID()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
