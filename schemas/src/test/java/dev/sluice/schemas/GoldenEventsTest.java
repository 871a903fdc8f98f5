package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.serde.JsonSerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON of every event. Old events in Kafka must stay readable: a change that alters
 * these files breaks replay and has to be a deliberate, versioned decision. To write the files
 * anew after such a decision: {@code -Dsluice.golden.update=true}.
 */
class GoldenEventsTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Sampling SAMPLING = new Sampling(0.0, 0.9, 64, List.of("\n\n"), 42L);
    private static final List<ChatMessage> MESSAGES =
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello [EMAIL_1]"));

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(
                        "chat-requested",
                        new ChatRequested(
                                "01934f6e-7b2a-7c3d-8e4f-5a6b7c8d9e0f",
                                "conv-1",
                                "alice",
                                "stories260K",
                                MESSAGES,
                                SAMPLING,
                                true,
                                1732600000000L)),
                Arguments.of(
                        "prompt-ready",
                        new PromptReady(
                                "01934f6e-7b2a-7c3d-8e4f-5a6b7c8d9e0f",
                                "conv-1",
                                "alice",
                                "stories260K",
                                MESSAGES,
                                "<|begin_of_text|>...",
                                SAMPLING,
                                "ab12",
                                1732600000000L,
                                1732600000002L)),
                Arguments.of(
                        "stream-chunk",
                        new StreamEvent(
                                "c-1",
                                3,
                                StreamEvent.Type.CHUNK,
                                " there",
                                null,
                                null,
                                null,
                                null,
                                false,
                                1732600000010L,
                                null,
                                null)),
                Arguments.of(
                        "stream-done",
                        new StreamEvent(
                                "c-1",
                                9,
                                StreamEvent.Type.DONE,
                                null,
                                new Usage(12, 8),
                                "stop",
                                null,
                                null,
                                true,
                                1732600000020L,
                                null,
                                null)),
                Arguments.of(
                        "stream-blocked",
                        new StreamEvent(
                                "c-1",
                                1,
                                StreamEvent.Type.BLOCKED,
                                null,
                                null,
                                null,
                                "prompt_injection",
                                "The prompt tries to override the system instructions.",
                                false,
                                1732600000005L,
                                null,
                                null)),
                Arguments.of(
                        "completion-recorded",
                        new CompletionRecorded(
                                "c-1",
                                "conv-1",
                                "alice",
                                "stories260K",
                                "Hello [EMAIL_1]",
                                "Hi there.",
                                new Usage(12, 8),
                                "stop",
                                false,
                                "ab12",
                                new Timings(
                                        1732600000000L,
                                        1732600000002L,
                                        1732600000003L,
                                        1732600000010L,
                                        1732600000020L,
                                        6.5))),
                Arguments.of(
                        "cancel-requested", new CancelRequested("c-1", "alice", "client_disconnected", 1732600000030L)),
                Arguments.of(
                        "model-announced",
                        new ModelAnnounced("stories260K", "llamacpp", 2048, "plain", null, "worker-1", 1732600000000L)),
                Arguments.of(
                        "dead-letter",
                        new DeadLetter(
                                "chat.prompts",
                                2,
                                17L,
                                "conv-1",
                                "{not json",
                                "cannot read PromptReady",
                                "sluice-workers",
                                1732600000040L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    <T> void eventJsonMatchesItsGoldenFileAndReadsBack(String name, T event) throws IOException {
        @SuppressWarnings("unchecked")
        JsonSerde<T> serde = new JsonSerde<>((Class<T>) event.getClass());
        String json = new String(serde.serialize("t", event), StandardCharsets.UTF_8);
        Path golden = DIR.resolve(name + ".json");
        if (Boolean.getBoolean("sluice.golden.update")) Files.writeString(golden, json + "\n");

        assertThat(golden)
                .as("golden file for %s (write it with -Dsluice.golden.update=true)", name)
                .exists();
        String pinned = Files.readString(golden).strip();
        assertThat(json).isEqualTo(pinned);
        assertThat(serde.deserialize("t", pinned.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    <T> void readerIgnoresFieldsAddedByNewerWriters(String name, T event) throws IOException {
        @SuppressWarnings("unchecked")
        JsonSerde<T> serde = new JsonSerde<>((Class<T>) event.getClass());
        String pinned = Files.readString(DIR.resolve(name + ".json")).strip();
        String newer = pinned.substring(0, pinned.length() - 1) + ",\"addedInV2\":{\"x\":[1,2]}}";
        assertThat(serde.deserialize("t", newer.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(event);
    }
}
