package dev.sluice.it.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.pipeline.TopologyRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 against the real stack (KRaft broker, topology, worker with stories260K, PostgreSQL):
 * what reaches logs, dead letters and topics, and whether one huge conversation can stop the
 * topology.
 */
@Timeout(300)
class DataProtectionTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * Before, the tenth (about the ninth) turn pushed the conversation's context record past the
     * broker's 1 MiB limit: the changelog write failed, the stream thread was replaced, met the same
     * record again, and every conversation of that partition stopped. A gateway configured for long
     * messages writes such requests; here they go straight to {@code chat.requests}.
     */
    @Test
    void tenTurnsOf128kCharactersOnOneConversationLeaveTheTopologyAnswering() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "bulk-" + run;
        String conversation = "bulk-" + run + "-conv";
        Map<TopicPartition, Long> promptsFrom = TopicScan.ends(bootstrap, Set.of(Topics.CHAT_PROMPTS.name()));

        Set<String> sent = new HashSet<>();
        try (KafkaProducer<String, ChatRequested> producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "bulk-" + run),
                new StringSerializer(),
                Topics.CHAT_REQUESTS.valueSerde().serializer())) {
            for (int turn = 1; turn <= 10; turn++) {
                String text =
                        ("turn " + turn + " of a long story ").repeat(8_000).substring(0, 131_072);
                String correlation = "bulk-" + run + "-" + turn;
                producer.send(new ProducerRecord<>(
                                Topics.CHAT_REQUESTS.name(),
                                conversation,
                                new ChatRequested(
                                        correlation,
                                        conversation,
                                        user,
                                        "stories260K",
                                        List.of(ChatMessage.user(text)),
                                        new Sampling(0.0, null, 4, List.of(), null),
                                        true,
                                        System.currentTimeMillis())))
                        .get();
                sent.add(correlation);
            }
        }

        Set<String> prepared = promptsFor(bootstrap, promptsFrom, sent);
        assertThat(prepared).as("a prompt for every one of the ten turns").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(stack.context().getBean(TopologyRunner.class).state()).isEqualTo(KafkaStreams.State.RUNNING);

        SseClient.Result after = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                stack.token(user),
                chat(conversation, "And then what happened?", 8));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.events().getLast().data()).isEqualTo("[DONE]");
        assertThat(after.events()).noneMatch(e -> e.data().contains("\"error\""));
    }

    /**
     * A chat carrying an e-mail address and a marker phrase, and three poison requests carrying
     * both. Afterwards: no log line (Sluice at DEBUG) holds either; the poison requests' dead
     * letters hold neither; and no topic but {@code chat.requests} (raw by design, 24 h,
     * restricted) holds the address, changelogs of the context store and the PII vault included.
     */
    @Test
    void nothingRawPassesTheMaskIntoLogsDeadLettersOrTopics() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "zelda.quux" + run + "@example.com";
        String phrase = "marmalade" + run + "zeppelin";
        String user = "pii-" + run;
        Map<TopicPartition, Long> lettersFrom = TopicScan.ends(bootstrap, Set.of(Topics.DEAD_LETTER.name()));

        List<String> logs;
        Map<String, DeadLetter> letters;
        try (LogCapture capture = new LogCapture()) {
            SseClient.Result answer = SseClient.post(
                    stack.baseUrl() + "/v1/chat/completions",
                    stack.token(user),
                    chat(
                            "pii-" + run + "-conv",
                            "My email is " + email + " and the secret word is " + phrase + ". Tell me a story.",
                            16));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.events().getLast().data()).isEqualTo("[DONE]");

            Map<String, String> poison = Map.of(
                    "poison-" + run + "-text",
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"write to " + email + " about " + phrase
                                    + "\"",
                    "poison-" + run + "-type",
                            "{\"correlationId\":\"p-" + run + "\",\"acceptedAtMs\":\"" + email + " " + phrase + "\"}",
                    "poison-" + run + "-shape",
                            "{\"correlationId\":\"p2-" + run + "\",\"userId\":\"" + user
                                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + email + " " + phrase
                                    + "\"}]}");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "poison-" + run),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (var p : poison.entrySet()) {
                    producer.send(new ProducerRecord<>(
                                    Topics.CHAT_REQUESTS.name(),
                                    p.getKey(),
                                    p.getValue().getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
            }
            letters = deadLetters(bootstrap, lettersFrom, poison.keySet());
            logs = capture.lines();
        }

        assertThat(logs).as("captured log lines").isNotEmpty();
        assertThat(logs).noneMatch(l -> mentions(l, email, phrase));
        assertThat(letters.values()).allSatisfy(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.CHAT_REQUESTS.name());
            assertThat(letter.value()).isEmpty();
            assertThat(letter.reason()).isNotBlank();
            assertThat(mentions(letter.reason(), email, phrase))
                    .as(letter.reason())
                    .isFalse();
        });

        Set<String> topics = TopicScan.topics(bootstrap);
        topics.remove(Topics.CHAT_REQUESTS.name());
        assertThat(topics)
                .as("the context and vault changelogs are scanned too")
                .anyMatch(t -> t.endsWith("pii-vault-changelog"))
                .anyMatch(t -> t.endsWith("conversation-context-changelog"));
        List<String> found =
                TopicScan.find(bootstrap, TopicScan.ends(bootstrap, topics), text -> mentions(text, email));
        assertThat(found).as("records holding the raw e-mail address").isEmpty();
    }

    private static boolean mentions(String text, String... values) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String v : values) if (lower.contains(v.toLowerCase(Locale.ROOT))) return true;
        return false;
    }

    static String chat(String conversation, String content, int maxTokens) {
        return "{\"model\":\"stories260K\",\"stream\":true,\"temperature\":0,\"max_tokens\":" + maxTokens
                + ",\"conversation_id\":\"" + conversation + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.MAPPER.writeValueAsString(content) + "}]}";
    }

    private static Set<String> promptsFor(String bootstrap, Map<TopicPartition, Long> from, Set<String> correlations) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, PromptReady> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "bulk-prompts"),
                new StringDeserializer(),
                Topics.CHAT_PROMPTS.valueSerde().deserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!seen.containsAll(correlations) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PromptReady> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && correlations.contains(r.value().correlationId()))
                        seen.add(r.value().correlationId());
                }
            }
        }
        return seen;
    }

    private static Map<String, DeadLetter> deadLetters(
            String bootstrap, Map<TopicPartition, Long> from, Set<String> keys) {
        Map<String, DeadLetter> found = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "data-dlq"),
                new StringDeserializer(),
                Topics.DEAD_LETTER.valueSerde().deserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!found.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) found.put(r.key(), r.value());
                }
            }
        }
        assertThat(found.keySet()).as("dead letters of the poison requests").containsExactlyInAnyOrderElementsOf(keys);
        return found;
    }
}
