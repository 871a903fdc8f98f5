package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SealedJsonSerdeTest {
    private static final String SECRET = "planted-aubergine-7731";
    private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();
    private final ContentCipher cipher =
            new DataKeyCipher(store, new LocalKeyProvider(new byte[32]), Duration.ofMinutes(2));

    @Test
    void everyContentTopicKeepsRoutingFieldsClearAndContentSealed() {
        ChatRequested request = new ChatRequested(
                "corr-1",
                "conv-1",
                "alice",
                "m",
                List.of(ChatMessage.user(SECRET)),
                new Sampling(0.0, null, 8, List.of(), null),
                true,
                1L);
        PromptReady prompt = new PromptReady(
                "corr-1",
                "conv-1",
                "alice",
                "m",
                List.of(ChatMessage.user(SECRET)),
                "<s>" + SECRET,
                new Sampling(0.0, null, 8, List.of(), null),
                "ck",
                1L,
                2L);
        CompletionRecorded answer = new CompletionRecorded(
                "corr-1",
                "conv-1",
                "alice",
                "m",
                SECRET,
                "answer " + SECRET,
                new Usage(1, 2),
                "stop",
                false,
                "ck",
                new Timings(1, 2, 3, 4L, 5, 1.0));
        StreamEvent chunk = StreamEvent.chunk("corr-1", 3, " " + SECRET, false).scoped("conv-1", "alice");
        StreamEvent error = StreamEvent.error("corr-1", 4, "server_error", "failed on " + SECRET)
                .scoped("conv-1", "alice");

        assertRoundTrip(
                Topics.CHAT_REQUESTS.valueSerde(cipher), request, "correlationId", "conversationId", "userId", "model");
        assertRoundTrip(Topics.CHAT_PROMPTS.valueSerde(cipher), prompt, "correlationId", "conversationId", "cacheKey");
        assertRoundTrip(Topics.CHAT_COMPLETIONS.valueSerde(cipher), answer, "correlationId", "usage", "timings");
        assertRoundTrip(Topics.CHAT_STREAM.valueSerde(cipher), chunk, "correlationId", "seq", "type");
        assertRoundTrip(Topics.CHAT_STREAM.valueSerde(cipher), error, "code", "seq", "type");
    }

    @Test
    void eventsWithoutContentStayPlainJson() {
        StreamEvent done =
                StreamEvent.done("corr-1", 9, new Usage(1, 2), "stop", false).scoped("conv-1", "alice");
        byte[] bytes = Topics.CHAT_STREAM.valueSerde(cipher).serializer().serialize("chat.stream", done);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("sealed");
        assertThat(Topics.CHAT_STREAM.valueSerde(cipher).deserializer().deserialize("chat.stream", bytes))
                .isEqualTo(done);
    }

    @Test
    void recordsWrittenBeforeEncryptionAreStillRead() {
        StreamEvent old =
                StreamEvent.chunk("corr-1", 3, "text ending like a field \",\\\"sealed\\\":\\\"AAAA\"", false);
        byte[] plain = Topics.CHAT_STREAM.valueSerde().serializer().serialize("chat.stream", old);

        assertThat(Topics.CHAT_STREAM.valueSerde(cipher).deserializer().deserialize("chat.stream", plain))
                .isEqualTo(old);
        assertThat(Topics.CHAT_STREAM
                        .valueSerde(ContentCipher.DISABLED)
                        .serializer()
                        .serialize("chat.stream", old))
                .isEqualTo(plain);
    }

    @Test
    void contentWithoutAConversationIsNeverWrittenInTheClear() {
        StreamEvent unscoped = StreamEvent.chunk("corr-1", 1, SECRET, false);

        assertThatThrownBy(
                        () -> Topics.CHAT_STREAM.valueSerde(cipher).serializer().serialize("chat.stream", unscoped))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no conversation");
    }

    @Test
    void aSealedValueMovedIntoAnotherRecordDoesNotOpen() {
        Serde<StreamEvent> serde = Topics.CHAT_STREAM.valueSerde(cipher);
        String sealed = new String(
                serde.serializer()
                        .serialize(
                                "chat.stream",
                                StreamEvent.chunk("corr-1", 3, SECRET, false).scoped("conv-1", "alice")),
                StandardCharsets.UTF_8);
        byte[] replayed = sealed.replace("\"seq\":3", "\"seq\":5").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("chat.stream", replayed))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void aRecordOfAnErasedConversationReadsAsDestroyed() {
        Serde<StreamEvent> serde = Topics.CHAT_STREAM.valueSerde(cipher);
        byte[] sealed = serde.serializer()
                .serialize(
                        "chat.stream",
                        StreamEvent.chunk("corr-1", 3, SECRET, false).scoped("conv-1", "alice"));
        store.destroy(new ContentScope("alice", "conv-1"));
        cipher.forget(new ContentScope("alice", "conv-1"));

        assertThatThrownBy(() -> serde.deserializer().deserialize("chat.stream", sealed))
                .isInstanceOf(KeyDestroyedException.class);
    }

    @Test
    void theKeyASealedRecordNamesIsReadWithoutOpeningIt() {
        Serde<StreamEvent> serde = Topics.CHAT_STREAM.valueSerde(cipher);
        byte[] sealed = serde.serializer()
                .serialize(
                        "chat.stream",
                        StreamEvent.chunk("corr-1", 1, SECRET, false).scoped("conv-1", "alice"));
        byte[] again = serde.serializer()
                .serialize(
                        "chat.stream",
                        StreamEvent.chunk("corr-1", 2, "more", false).scoped("conv-1", "alice"));
        byte[] other = serde.serializer()
                .serialize(
                        "chat.stream",
                        StreamEvent.chunk("corr-2", 1, "x", false).scoped("conv-2", "bob"));

        assertThat(SealedJsonSerde.keyId(sealed)).isNotNull().isEqualTo(SealedJsonSerde.keyId(again));
        assertThat(store.find(java.util.Objects.requireNonNull(SealedJsonSerde.keyId(sealed))))
                .hasValueSatisfying(k -> assertThat(k.scope()).isEqualTo(new ContentScope("alice", "conv-1")));
        assertThat(SealedJsonSerde.keyId(other)).isNotNull().isNotEqualTo(SealedJsonSerde.keyId(sealed));
        assertThat(SealedJsonSerde.keyId(Topics.CHAT_STREAM
                        .valueSerde()
                        .serializer()
                        .serialize("chat.stream", StreamEvent.chunk("corr-3", 1, "plain", false))))
                .as("a plain record")
                .isNull();
        assertThat(SealedJsonSerde.keyId(null)).isNull();
        assertThat(SealedJsonSerde.keyId("{\"sealed\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void theMarkerOfALargeSealedRecordIsFoundFromTheFrontWhereTheWalkBackFindsIt() {
        Serde<PromptReady> prompts = Topics.CHAT_PROMPTS.valueSerde(cipher);
        java.util.Random random = new java.util.Random(7);
        for (int size : new int[] {0, 1, 60, 127, 128, 129, 500, 5_000, 60_000}) {
            String text = "x".repeat(size);
            // Clear fields that quote the marker: escaped in JSON text, never taken for it.
            PromptReady prompt = new PromptReady(
                    "corr-" + size,
                    "conv-1",
                    "alice",
                    "m{[\",\"sealed\":\"AAAA",
                    List.of(ChatMessage.user(text + ",\"sealed\":\"")),
                    "<s>" + text,
                    new Sampling(0.0, null, 8, List.of(",\"sealed\":\"", "\\\""), null),
                    "ck",
                    1L,
                    2L);
            byte[] sealed = prompts.serializer().serialize("chat.prompts", prompt);
            assertThat(SealedJsonSerde.markerAt(sealed)).as("size %d", size).isEqualTo(walkBack(sealed));
            assertThat(SealedJsonSerde.markerAt(sealed)).isPositive();
            assertThat(prompts.deserializer().deserialize("chat.prompts", sealed))
                    .isEqualTo(prompt);
            assertThat(SealedJsonSerde.keyId(sealed)).isNotNull();

            // A plain record that ends in a long run of base64 letters is still plain.
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < size; i++) token.append((char) ('a' + random.nextInt(26)));
            StreamEvent plainEvent = StreamEvent.chunk("corr-" + size, 1, ",\"sealed\":\"" + token, false);
            byte[] plain = Topics.CHAT_STREAM.valueSerde().serializer().serialize("chat.stream", plainEvent);
            ConversationLike like = new ConversationLike("alice", List.of(token.toString()), token.toString());
            byte[] plainLike = Json.MAPPER.writeValueAsBytes(like);
            assertThat(SealedJsonSerde.markerAt(plain))
                    .isEqualTo(walkBack(plain))
                    .isEqualTo(-1);
            assertThat(SealedJsonSerde.markerAt(plainLike))
                    .isEqualTo(walkBack(plainLike))
                    .isEqualTo(-1);
            assertThat(Topics.CHAT_STREAM.valueSerde(cipher).deserializer().deserialize("chat.stream", plain))
                    .isEqualTo(plainEvent);
        }
    }

    /** A plain value whose last field is a string, as the context store's is. */
    private record ConversationLike(String userId, List<String> turns, String conversationId) {}

    /** The marker search as it was: walk back over every base64 byte. */
    private static int walkBack(byte[] data) {
        byte[] marker = ",\"sealed\":\"".getBytes(StandardCharsets.US_ASCII);
        int n = data.length;
        if (n < marker.length + 2 || data[n - 1] != '}' || data[n - 2] != '"') return -1;
        int i = n - 3;
        while (i >= 0 && (Character.isLetterOrDigit(data[i]) || data[i] == '+' || data[i] == '/' || data[i] == '='))
            i--;
        int start = i - marker.length + 1;
        if (start < 0) return -1;
        for (int j = 0; j < marker.length; j++) if (data[start + j] != marker[j]) return -1;
        return start;
    }

    private static <T> void assertRoundTrip(Serde<T> serde, T value, String... clearFields) {
        byte[] bytes = serde.serializer().serialize("t", value);
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode tree = Json.MAPPER.readTree(text);

        assertThat(text).doesNotContain(SECRET);
        assertThat(tree.has("sealed")).isTrue();
        for (String f : clearFields)
            assertThat(tree.has(f)).as("clear field %s in %s", f, text).isTrue();
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(value);
    }
}
