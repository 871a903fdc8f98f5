package dev.sluice.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.serde.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resumable streams through the real stack: a response is cut mid-way and resumed with
 * Last-Event-ID on the same and on another gateway instance, and after it finished; the pieces
 * add up to the whole response with no gap and no duplicate.
 */
class StreamResumeTest {
    private static TestStack stack;
    private static GatewayInstance other;
    private static String alice;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        other = new GatewayInstance(stack, Map.of());
        alice = stack.token("alice");
    }

    @AfterAll
    static void stop() {
        if (other != null) other.close();
    }

    private static String body(int maxTokens) {
        return "{\"model\":\"stories260K\",\"stream\":true,\"temperature\":0,\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}";
    }

    private static void assertAddsUpToTheWhole(CutStream.Read cut, CutStream.Read rest, CutStream.Read whole) {
        assertThat(rest.status()).isEqualTo(200);
        List<Long> joined = new ArrayList<>(cut.ids());
        joined.addAll(rest.ids());
        assertThat(whole.ids())
                .as("the whole stream is numbered 0..n")
                .isEqualTo(LongStream.rangeClosed(0, whole.ids().size() - 1)
                        .boxed()
                        .toList());
        assertThat(joined).as("cut + resumed ids, no gap, no duplicate").isEqualTo(whole.ids());
        assertThat(cut.text() + rest.text()).isEqualTo(whole.text());
        assertThat(rest.events().getLast().data()).isEqualTo("[DONE]");
        assertThat(whole.finishReason()).isEqualTo("length");
    }

    @Test
    void resumesOnTheSameInstanceAfterTheLastEventIdWithoutGapOrDuplicate() throws Exception {
        // Cut right after the first chunk: it always travels alone (time to first token), while later tokens
        // may be merged into fewer, multi-token events, so event ids past 1 depend on the machine's speed.
        CutStream.Read cut = CutStream.read(CutStream.post(stack.baseUrl(), alice, body(48)), e -> "1".equals(e.id()));
        String id = cut.requestId();

        CutStream.Read rest =
                CutStream.readAll(CutStream.get(stack.baseUrl(), alice, id, Map.of("Last-Event-ID", "1")));
        CutStream.Read whole = CutStream.readAll(CutStream.get(stack.baseUrl(), alice, id, Map.of()));

        assertThat(cut.ids()).containsExactly(0L, 1L);
        assertThat(rest.raw()).startsWith("retry: ");
        assertAddsUpToTheWhole(cut, rest, whole);
    }

    @Test
    void resumesOnAnotherGatewayInstance() throws Exception {
        CutStream.Read cut = CutStream.read(CutStream.post(stack.baseUrl(), alice, body(48)), e -> "1".equals(e.id()));
        String id = cut.requestId();

        // An EventSource polyfill that cannot set headers passes the id as a query parameter.
        CutStream.Read rest =
                CutStream.readAll(CutStream.get(other.baseUrl(), alice, id + "?last_event_id=1", Map.of()));
        CutStream.Read whole = CutStream.readAll(CutStream.get(other.baseUrl(), alice, id, Map.of()));

        assertAddsUpToTheWhole(cut, rest, whole);
    }

    @Test
    void resumesAFinishedResponseAndAnswers204WhenTheClientHasItAll() throws Exception {
        CutStream.Read whole = CutStream.readAll(CutStream.post(stack.baseUrl(), alice, body(16)));
        String id = whole.requestId();
        long last = whole.ids().getLast();

        CutStream.Read tail =
                CutStream.readAll(CutStream.get(other.baseUrl(), alice, id, Map.of("Last-Event-ID", "1")));
        CutStream.Read nothingLeft = CutStream.readAll(
                CutStream.get(stack.baseUrl(), alice, id, Map.of("Last-Event-ID", Long.toString(last))));

        assertThat(tail.ids()).isEqualTo(LongStream.rangeClosed(2, last).boxed().toList());
        assertThat(tail.text())
                .isEqualTo(whole.text()
                        .substring(whole.text().length() - tail.text().length()));
        assertThat(whole.text()).endsWith(tail.text());
        assertThat(nothingLeft.status()).isEqualTo(204);
    }

    @Test
    void onlyTheOwnerCanReadOrCancelAStream() throws Exception {
        CutStream.Read whole = CutStream.readAll(CutStream.post(stack.baseUrl(), alice, body(4)));
        String mallory = stack.token("mallory");

        CutStream.Read stolen = CutStream.readAll(CutStream.get(other.baseUrl(), mallory, whole.requestId(), Map.of()));
        CutStream.Read unknown = CutStream.readAll(
                CutStream.get(stack.baseUrl(), alice, "0197a1b2-0000-7000-8000-000000000000", Map.of()));
        var cancel = CutStream.cancel(stack.baseUrl(), mallory, whole.requestId());

        assertThat(stolen.status()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(stolen.raw()).path("error").path("code").asString())
                .isEqualTo("stream_not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(cancel.statusCode()).isEqualTo(404);
    }

    @Test
    void cancelEndpointStopsTheResponseWithFinishReasonCancelled() throws Exception {
        String[] id = new String[1];
        int[] status = new int[1];
        var request = CutStream.post(stack.baseUrl(), alice, body(480));
        CutStream.Read read = CutStream.read(request, e -> {
            if ("1".equals(e.id())) {
                try {
                    var resp = CutStream.cancel(
                            other.baseUrl(),
                            alice,
                            e.json().path("id").asString().substring("chatcmpl-".length()));
                    status[0] = resp.statusCode();
                    id[0] = Json.MAPPER.readTree(resp.body()).path("status").asString();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return false;
        });

        assertThat(status[0]).isEqualTo(202);
        assertThat(id[0]).isEqualTo("cancelling");
        assertThat(read.finishReason()).isEqualTo("cancelled");
        assertThat(read.ids().size()).as("stopped well before max_tokens").isLessThan(480);
        assertThat(read.events().getLast().data()).isEqualTo("[DONE]");
    }
}
