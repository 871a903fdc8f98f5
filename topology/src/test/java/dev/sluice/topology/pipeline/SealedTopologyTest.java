package dev.sluice.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.InMemoryDataKeyStore;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.ConversationKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The topology with encryption on: what it writes carries no content in the clear, and an erasure's key destruction reaches it. */
class SealedTopologyTest {
    private static final String SECRET = "platypus-marmalade-4411";
    private static final Sampling GREEDY = new Sampling(0.0, null, 32, List.of(), null);

    private final InMemoryDataKeyStore keys = new InMemoryDataKeyStore();
    private final CountingCipher cipher =
            new CountingCipher(new DataKeyCipher(keys, new LocalKeyProvider(new byte[32]), Duration.ofMinutes(2)));
    private TopologyTestDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) driver.close();
    }

    @Test
    void promptsAnswersAndTheContextChangelogAreSealedAndReadableOnlyWithTheKey() {
        CachedResponse hit = new CachedResponse("Cached " + SECRET, new Usage(3, 2), "stories260K", "stop");
        start(key -> Optional.of(hit));
        var requests = driver.createInputTopic(
                Topics.CHAT_REQUESTS.name(),
                Serdes.String().serializer(),
                Topics.CHAT_REQUESTS.valueSerde(cipher).serializer());
        requests.pipeInput(
                "conv-1",
                new ChatRequested(
                        "c-1",
                        "conv-1",
                        "alice",
                        "stories260K",
                        List.of(ChatMessage.user("Say " + SECRET)),
                        GREEDY,
                        true,
                        1L));

        for (String topic : List.of(Topics.CHAT_STREAM.name(), Topics.CHAT_COMPLETIONS.name())) {
            TestOutputTopic<String, byte[]> raw =
                    driver.createOutputTopic(topic, Serdes.String().deserializer(), new ByteArrayDeserializer());
            List<byte[]> values = raw.readValuesToList();
            assertThat(values)
                    .as(topic)
                    .isNotEmpty()
                    .allSatisfy(v ->
                            assertThat(new String(v, StandardCharsets.UTF_8)).doesNotContain(SECRET));
        }
        KeyValueStore<String, ConversationContext> store = driver.getKeyValueStore(TopologyNames.CONTEXT_STORE);
        assertThat(store.get(ConversationKey.of("alice", "conv-1")).turns())
                .extracting(ChatMessage::content)
                .contains("Say " + SECRET);
    }

    @Test
    void aPromptIsSealedAndItsKeyDestructionMakesItUnreadable() {
        start(key -> Optional.empty());
        var requests = driver.createInputTopic(
                Topics.CHAT_REQUESTS.name(),
                Serdes.String().serializer(),
                Topics.CHAT_REQUESTS.valueSerde(cipher).serializer());
        requests.pipeInput(
                "conv-1",
                new ChatRequested(
                        "c-1",
                        "conv-1",
                        "alice",
                        "stories260K",
                        List.of(ChatMessage.user("Say " + SECRET)),
                        GREEDY,
                        true,
                        1L));
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(
                Topics.CHAT_PROMPTS.name(), Serdes.String().deserializer(), new ByteArrayDeserializer());
        byte[] sealed = raw.readValue();
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain(SECRET);
        PromptReady prompt =
                Topics.CHAT_PROMPTS.valueSerde(cipher).deserializer().deserialize(Topics.CHAT_PROMPTS.name(), sealed);
        assertThat(prompt.prompt()).contains(SECRET);

        keys.destroy(new ContentScope("alice", "conv-1"));
        cipher.forget(new ContentScope("alice", "conv-1"));
        assertThatThrownBy(() -> Topics.CHAT_PROMPTS
                        .valueSerde(cipher)
                        .deserializer()
                        .deserialize(Topics.CHAT_PROMPTS.name(), sealed))
                .isInstanceOf(KeyDestroyedException.class);
    }

    @Test
    void aRecordOfAnErasedConversationIsSkippedNotDeadLettered() {
        start(key -> Optional.empty());
        byte[] sealed = Topics.CHAT_COMPLETIONS
                .valueSerde(cipher)
                .serializer()
                .serialize(
                        Topics.CHAT_COMPLETIONS.name(),
                        new CompletionRecorded(
                                "c-1",
                                "conv-1",
                                "alice",
                                "m",
                                SECRET,
                                "answer",
                                new Usage(1, 1),
                                "stop",
                                false,
                                "",
                                new Timings(1, 1, 1, 1L, 1, 0)));
        keys.destroy(new ContentScope("alice", "conv-1"));
        cipher.forget(new ContentScope("alice", "conv-1"));
        var completions = driver.createInputTopic(
                Topics.CHAT_COMPLETIONS.name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());

        completions.pipeInput("conv-1", sealed);

        assertThat(cipher.shreddedRecords()).isEqualTo(1);
        assertThat(driver.producedTopicNames()).doesNotContain(Topics.DEAD_LETTER.name());
    }

    @Test
    void aContinuedConversationIsReadFromTheContextStoreWithoutOpeningItsHistoryAgain() {
        start(key -> Optional.empty());
        var requests = driver.createInputTopic(
                Topics.CHAT_REQUESTS.name(),
                Serdes.String().serializer(),
                Topics.CHAT_REQUESTS.valueSerde(cipher).serializer());
        var completions = driver.createInputTopic(
                Topics.CHAT_COMPLETIONS.name(),
                Serdes.String().serializer(),
                Topics.CHAT_COMPLETIONS.valueSerde(cipher).serializer());
        TestOutputTopic<String, PromptReady> prompts = driver.createOutputTopic(
                Topics.CHAT_PROMPTS.name(),
                Serdes.String().deserializer(),
                Topics.CHAT_PROMPTS.valueSerde(cipher).deserializer());
        for (int turn = 1; turn <= 3; turn++) {
            requests.pipeInput(
                    "conv-1",
                    new ChatRequested(
                            "c-" + turn,
                            "conv-1",
                            "alice",
                            "stories260K",
                            List.of(ChatMessage.user("question " + turn + " " + SECRET)),
                            GREEDY,
                            true,
                            1L));
            completions.pipeInput(
                    "conv-1",
                    new CompletionRecorded(
                            "c-" + turn,
                            "conv-1",
                            "alice",
                            "stories260K",
                            "question " + turn + " " + SECRET,
                            "answer " + turn,
                            new Usage(1, 1),
                            "stop",
                            false,
                            "",
                            new Timings(1, 1, 1, 1L, 1, 0)));
        }

        List<PromptReady> sent = prompts.readValuesToList();
        assertThat(sent.getLast().messages())
                .extracting(ChatMessage::content)
                .containsExactly(
                        "question 1 " + SECRET, "answer 1", "question 2 " + SECRET, "answer 2", "question 3 " + SECRET);
        // Five reads of the context (three prepares, two remembers found it): every one served decoded.
        assertThat(cipher.contextOpens).isZero();
        // The changelog is still written sealed on every change, and opens to the same turns.
        KeyValueStore<String, ConversationContext> store = driver.getKeyValueStore(TopologyNames.CONTEXT_STORE);
        assertThat(store).isInstanceOf(dev.sluice.topology.context.DecodedContextStore.class);
        var bytes = ((dev.sluice.topology.context.DecodedContextStore) store).wrapped();
        assertThat(bytes.get(ConversationKey.of("alice", "conv-1")).turns())
                .extracting(ChatMessage::content)
                .containsExactly(
                        "question 1 " + SECRET,
                        "answer 1",
                        "question 2 " + SECRET,
                        "answer 2",
                        "question 3 " + SECRET,
                        "answer 3");
        assertThat(cipher.contextOpens).isEqualTo(1);
    }

    @Test
    void anErasureThatArrivesAfterItsKeyLeftThisProcessStillDeletesContextAndVault() {
        for (String owner : List.of("alice", "")) {
            if (driver != null) driver.close();
            start(key -> Optional.empty());
            String conversation = "conv-" + (owner.isEmpty() ? "no-owner" : owner);
            send(conversation, "c-1", "Mail me at alice.smith@example.com about " + SECRET);
            String key = ConversationKey.of("alice", conversation);
            KeyValueStore<String, Object> vaults = driver.getKeyValueStore(TopologyNames.VAULT_STORE);
            assertThat(vaults.get(key))
                    .as("the request had PII: its vault is stored")
                    .isNotNull();
            // The key evictor read chat.erasures first: this process no longer has the key.
            keys.destroy(new ContentScope("alice", conversation));
            cipher.forget(new ContentScope("alice", conversation));

            driver.createInputTopic(
                            Topics.CHAT_ERASURES.name(),
                            Serdes.String().serializer(),
                            Topics.CHAT_ERASURES.valueSerde().serializer())
                    .pipeInput(conversation, new ConversationErased(conversation, owner, 1));

            var contexts = (dev.sluice.topology.context.DecodedContextStore)
                    driver.<String, ConversationContext>getKeyValueStore(TopologyNames.CONTEXT_STORE);
            assertThat(contexts.keysWithPrefix(ConversationKey.prefix(conversation)))
                    .as("owner '%s'", owner)
                    .isEmpty();
            assertThat(vaults.get(key)).as("owner '%s'", owner).isNull();
        }
    }

    @Test
    void theExpiryPassReadsNoHistoryAndPassesAConversationWhoseKeyIsGone() {
        start(key -> Optional.empty());
        send("conv-erased", "c-1", "first " + SECRET);
        send("conv-kept", "c-2", "second " + SECRET);
        keys.destroy(new ContentScope("alice", "conv-erased"));
        cipher.forget(new ContentScope("alice", "conv-erased"));
        int opens = cipher.contextOpens;

        // Past the one-hour TTL: the pass (every minute of wall clock) drops both.
        driver.advanceWallClockTime(Duration.ofHours(2));

        var contexts = (dev.sluice.topology.context.DecodedContextStore)
                driver.<String, ConversationContext>getKeyValueStore(TopologyNames.CONTEXT_STORE);
        assertThat(contexts.keysWithPrefix("conv-")).isEmpty();
        assertThat(cipher.contextOpens).isEqualTo(opens);
    }

    private void send(String conversation, String correlationId, String text) {
        driver.createInputTopic(
                        Topics.CHAT_REQUESTS.name(),
                        Serdes.String().serializer(),
                        Topics.CHAT_REQUESTS.valueSerde(cipher).serializer())
                .pipeInput(
                        conversation,
                        new ChatRequested(
                                correlationId,
                                conversation,
                                "alice",
                                "stories260K",
                                List.of(ChatMessage.user(text)),
                                GREEDY,
                                true,
                                1L));
    }

    /** Counts the opens of context-store values (associated data tagged {@code context}). */
    static final class CountingCipher implements ContentCipher {
        private final ContentCipher delegate;
        int contextOpens;

        CountingCipher(ContentCipher delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean enabled() {
            return delegate.enabled();
        }

        @Override
        public byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext) {
            return delegate.seal(scope, aad, plaintext);
        }

        @Override
        public byte[] open(byte[] aad, byte[] envelope) {
            if (new String(aad, StandardCharsets.UTF_8).startsWith("context")) contextOpens++;
            return delegate.open(aad, envelope);
        }

        @Override
        public void require(ContentScope scope) {
            delegate.require(scope);
        }

        @Override
        public void prefetch(java.util.Collection<java.util.UUID> keyIds) {
            delegate.prefetch(keyIds);
        }

        @Override
        public void forget(ContentScope scope) {
            delegate.forget(scope);
        }

        @Override
        public long shreddedRecords() {
            return delegate.shreddedRecords();
        }

        @Override
        public void countShredded() {
            delegate.countShredded();
        }
    }

    private void start(dev.sluice.topology.cache.ResponseCache cache) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sealed");
        // Resolvable (the dead-letter producer is built at configure time), never connected to.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.CIPHER_CONFIG, cipher);
        driver = new TopologyTestDriver(
                ChatTopology.build(
                        new ChatTopology.TopologySettings(Duration.ofHours(1), 4096),
                        cache,
                        new GuardStage(new GuardPipeline(GuardConfig.defaults()), null),
                        cipher),
                props);
    }
}
