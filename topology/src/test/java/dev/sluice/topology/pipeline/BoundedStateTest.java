package dev.sluice.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.serde.JsonSerde;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.cache.ResponseCache;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.ConversationKey;
import dev.sluice.topology.context.HistoryLimits;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-conversation state stays bounded whatever a client sends: every state record and every
 * prompt stays below the broker's default 1 MiB message size. Before, the context store appended
 * every turn for good and about nine 128k-character turns pushed its changelog record past it.
 */
class BoundedStateTest {
    private static final int ONE_MIB = 1024 * 1024;
    private static final Sampling SAMPLING = new Sampling(0.7, null, 64, List.of(), null);

    private TopologyTestDriver driver;
    private TestInputTopic<String, ChatRequested> requests;
    private TestInputTopic<String, CompletionRecorded> completions;
    private TestOutputTopic<String, PromptReady> prompts;
    private TestOutputTopic<String, StreamEvent> stream;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                ChatTopology.build(
                        new ChatTopology.TopologySettings(Duration.ofHours(1), 131_072),
                        ResponseCache.NONE,
                        new GuardStage(new GuardPipeline(GuardConfig.defaults()), null)),
                props);
        var key = Serdes.String();
        requests = driver.createInputTopic(
                Topics.CHAT_REQUESTS.name(),
                key.serializer(),
                Topics.CHAT_REQUESTS.valueSerde().serializer());
        completions = driver.createInputTopic(
                Topics.CHAT_COMPLETIONS.name(),
                key.serializer(),
                Topics.CHAT_COMPLETIONS.valueSerde().serializer());
        prompts = driver.createOutputTopic(
                Topics.CHAT_PROMPTS.name(),
                key.deserializer(),
                Topics.CHAT_PROMPTS.valueSerde().deserializer());
        stream = driver.createOutputTopic(
                Topics.CHAT_STREAM.name(),
                key.deserializer(),
                Topics.CHAT_STREAM.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void tenTurnsOf128kCharactersKeepEveryStateRecordAndPromptBelowOneMebibyte() {
        KeyValueStore<String, ConversationContext> store = driver.getKeyValueStore(TopologyNames.CONTEXT_STORE);
        JsonSerde<ConversationContext> serde = new JsonSerde<>(ConversationContext.class);
        String key = ConversationKey.of("alice", "conv-big");
        for (int turn = 1; turn <= 10; turn++) {
            String text = ("turn " + turn + " ").repeat(20_000).substring(0, 131_072);
            requests.pipeInput(
                    "conv-big",
                    new ChatRequested(
                            "c-" + turn, "conv-big", "alice", "m", List.of(ChatMessage.user(text)), SAMPLING, true, 0));
            PromptReady prompt = prompts.readValue();
            completions.pipeInput(
                    "conv-big",
                    new CompletionRecorded(
                            "c-" + turn,
                            "conv-big",
                            "alice",
                            "m",
                            text,
                            "answer " + turn,
                            new Usage(1, 1),
                            "stop",
                            false,
                            "",
                            new Timings(0, 0, 0, 0L, 0, 0)));

            assertThat(prompt.messages().getLast().content()).isEqualTo(text);
            assertThat(Topics.CHAT_PROMPTS.valueSerde().serializer().serialize("t", prompt).length)
                    .isLessThan(ONE_MIB);
            assertThat(serde.serialize("t", store.get(key)).length)
                    .as("state record after turn %d", turn)
                    .isLessThanOrEqualTo(HistoryLimits.defaults().maxBytes() + 256);
        }
        assertThat(store.get(key).turns())
                .extracting(ChatMessage::content)
                .last()
                .isEqualTo("answer 10");
        assertThat(stream.isEmpty()).isTrue();
    }

    @Test
    void aMessageLargerThanTheWholeHistoryBoundIsRefusedWithAClearError() {
        String huge = "x".repeat(300 * 1024);
        requests.pipeInput(
                "conv-huge",
                new ChatRequested(
                        "c-1", "conv-huge", "alice", "m", List.of(ChatMessage.user(huge)), SAMPLING, true, 0));

        StreamEvent error = stream.readValue();
        assertThat(error.type()).isEqualTo(StreamEvent.Type.ERROR);
        assertThat(error.code()).isEqualTo("message_too_long");
        assertThat(error.message()).contains("at most 256 KB");
        assertThat(prompts.isEmpty()).isTrue();
        assertThat(driver.getKeyValueStore(TopologyNames.CONTEXT_STORE).get(ConversationKey.of("alice", "conv-huge")))
                .isNull();
    }

    @Test
    void aConversationFullOfDistinctPiiKeepsABoundedVault() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) text.append("write to user").append(i).append("@example.com ");
        requests.pipeInput(
                "conv-pii",
                new ChatRequested(
                        "c-1",
                        "conv-pii",
                        "alice",
                        "m",
                        List.of(ChatMessage.user(text.toString())),
                        SAMPLING,
                        true,
                        0));

        PromptReady prompt = prompts.readValue();
        KeyValueStore<String, PiiVault.Snapshot> vaults = driver.getKeyValueStore(TopologyNames.VAULT_STORE);
        PiiVault.Snapshot vault = vaults.get(ConversationKey.of("alice", "conv-pii"));
        assertThat(vault.entries()).hasSize(PiiVault.DEFAULT_MAX_ENTRIES);
        assertThat(prompt.messages().getLast().content())
                .doesNotContain("@example.com")
                .contains("[EMAIL_512]", "[EMAIL]");
    }
}
