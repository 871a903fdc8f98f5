package dev.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Poison records on the pipeline's inputs: text that is not JSON, and JSON of the wrong shape
 * (it parses, but has no ids and no messages), on every partition of {@code chat.requests}
 * (read by the topology) and {@code chat.prompts} (read by the workers). Each goes to
 * {@code chat.deadletter} with its topic, partition and offset (a raw request without its value),
 * and a real request written
 * after them on the same partition is still answered.
 */
@Timeout(360)
class PoisonRecordTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NOT_JSON = "{not json";
    private static final String WRONG_SHAPE = "{\"messages\":[],\"sampling\":null}";

    @Test
    void poisonRecordsAreDeadLetteredAndTheirPartitionsMoveOn() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String run = UUID.randomUUID().toString();
        Map<String, RecordMetadata> poison = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "fault-poison-" + run),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : List.of(Topics.CHAT_REQUESTS.name(), Topics.CHAT_PROMPTS.name())) {
                int partitions = producer.partitionsFor(topic).size();
                for (int p = 0; p < partitions; p++) {
                    for (String value : List.of(NOT_JSON, WRONG_SHAPE)) {
                        String key = "poison-" + run + "-" + topic + "-" + p + "-"
                                + (value.equals(NOT_JSON) ? "text" : "shape");
                        poison.put(
                                key,
                                producer.send(new ProducerRecord<>(
                                                topic, p, key, value.getBytes(StandardCharsets.UTF_8)))
                                        .get());
                    }
                }
            }
        }

        SseClient.Result result = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                stack.token("poison-" + run),
                StreamedAnswer.request("Tell a story about a brave little boat " + run + ".", 24));
        StreamedAnswer answer = StreamedAnswer.of(result);

        assertThat(answer.complete())
                .as("the request behind the poison records was answered: %s", answer)
                .isTrue();
        assertThat(positionOf(bootstrap, Topics.CHAT_REQUESTS.name(), answer.requestId(), poison))
                .as("the request was written behind a poison record on its chat.requests partition")
                .isTrue();
        assertThat(positionOf(bootstrap, Topics.CHAT_PROMPTS.name(), answer.requestId(), poison))
                .as("its prompt was written behind a poison record on its chat.prompts partition")
                .isTrue();

        Map<String, DeadLetter> letters = deadLetters(bootstrap, poison.keySet());
        for (var e : poison.entrySet()) {
            DeadLetter letter = letters.get(e.getKey());
            RecordMetadata where = e.getValue();
            assertThat(letter.topic()).isEqualTo(where.topic());
            assertThat(letter.partition()).isEqualTo(where.partition());
            assertThat(letter.offset()).isEqualTo(where.offset());
            if (where.topic().equals(Topics.CHAT_REQUESTS.name())) {
                // Raw user input: the dead letter keeps where it was and why, never the value.
                assertThat(letter.value()).isEmpty();
            } else {
                assertThat(letter.value()).isIn(NOT_JSON, WRONG_SHAPE);
            }
            assertThat(letter.reason()).isNotBlank();
            assertThat(letter.consumer())
                    .isEqualTo(
                            where.topic().equals(Topics.CHAT_REQUESTS.name()) ? "sluice-topology" : "sluice-workers");
        }
    }

    /** Whether the record of this request on {@code topic} sits after one of our poison records in the same partition. */
    private static boolean positionOf(
            String bootstrap, String topic, String correlationId, Map<String, RecordMetadata> poison) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "fault-poison-find"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null || !new String(r.value(), StandardCharsets.UTF_8).contains(correlationId))
                        continue;
                    return poison.values().stream()
                            .anyMatch(m -> m.topic().equals(topic)
                                    && m.partition() == r.partition()
                                    && m.offset() < r.offset());
                }
            }
        }
        throw new AssertionError(
                "no record of " + correlationId + " on " + topic + " after " + WAIT.toSeconds() + " s");
    }

    private static Map<String, DeadLetter> deadLetters(String bootstrap, java.util.Set<String> keys) {
        Map<String, DeadLetter> found = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "fault-poison-dlq"),
                new StringDeserializer(),
                Topics.DEAD_LETTER.valueSerde().deserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.DEAD_LETTER.name(), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!found.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) found.put(r.key(), r.value());
                }
            }
        }
        List<String> missing = new ArrayList<>(keys);
        missing.removeAll(found.keySet());
        assertThat(missing)
                .as("poison records with no dead letter after %d s", WAIT.toSeconds())
                .isEmpty();
        return found;
    }
}
