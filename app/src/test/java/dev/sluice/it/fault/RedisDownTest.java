package dev.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.it.SseClient;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CompletionRecorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis dies under a running stack (its own, so the shared one keeps its Redis). With the
 * rate-limit policy {@code open} (the default) requests are still admitted, without rate-limit
 * headers; the response cache is bypassed, so a prompt answered from the cache a moment ago is
 * generated again by a worker; and the answer still reaches {@code chat.completions} and
 * PostgreSQL.
 */
@Timeout(480)
class RedisDownTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static EmbeddedKafka kafka;
    private static FaultStack stack;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sluice-redis-down-");
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        stack = new FaultStack(dir, kafka.bootstrap(), Map.of("sluice.ratelimit.on-redis-failure", "open"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
        if (kafka != null) kafka.close();
        FaultStack.deleteData(dir);
    }

    @Test
    void withRedisDownRequestsAreServedWithoutCacheOrRateLimitHeaders() throws Exception {
        String token = stack.token("redis-down");
        // Only answers that end by themselves ("stop") are cached; a stop sequence ends this one.
        String prompt = StreamedAnswer.request("Tell a story about a cat who lost her hat.", 200, "\"stop\":[\".\"],");

        SseClient.Result first = ask(token, prompt);
        assertThat(first.header("X-RateLimit-Remaining"))
                .as("rate limited while Redis is up")
                .isNotNull();
        assertThat(StreamedAnswer.of(first).finishReason())
                .as("the answer ends at its stop sequence, so it is cacheable")
                .isEqualTo("stop");
        CompletionRecorded cached = awaitCachedAnswer(token, prompt);

        stack.redis().close();
        SseClient.Result again = ask(token, prompt);
        SseClient.Result fresh = ask(token, StreamedAnswer.request("Tell a story about a frog on a log.", 64));

        for (SseClient.Result r : List.of(again, fresh)) {
            StreamedAnswer answer = StreamedAnswer.of(r);
            assertThat(answer.complete())
                    .as("answered with Redis down: %s", answer)
                    .isTrue();
            assertThat(r.header("X-RateLimit-Remaining"))
                    .as("admitted by the open policy, so no rate-limit headers")
                    .isNull();
        }
        String againId = again.header("X-Request-Id");
        String freshId = fresh.header("X-Request-Id");
        var completions = CompletionsTopic.read(
                stack.kafkaBootstrap(), stack.bean(ContentCipher.class), List.of(againId, freshId), WAIT);
        CompletionRecorded regenerated = completions.get(againId).getFirst();
        assertThat(regenerated.cached())
                .as("the cache was bypassed: a worker generated it again")
                .isFalse();
        assertThat(regenerated.content())
                .as("greedy decoding gives the cached text again")
                .isEqualTo(cached.content());
        assertThat(completions.get(freshId)).hasSize(1);
        awaitRows(List.of(againId, freshId));
    }

    private static SseClient.Result ask(String token, String body) throws Exception {
        return SseClient.post(stack.baseUrl() + "/v1/chat/completions", token, body);
    }

    /** Asks until the answer comes from the cache: persistence fills it a moment after the first answer. */
    private static CompletionRecorded awaitCachedAnswer(String token, String body) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int attempt = 0; attempt < 20 && System.nanoTime() < deadline; attempt++) {
            SseClient.Result result = ask(token, body);
            assertThat(StreamedAnswer.of(result).complete())
                    .as("answered while Redis is up: %s", StreamedAnswer.of(result))
                    .isTrue();
            String id = result.header("X-Request-Id");
            CompletionRecorded c = CompletionsTopic.read(
                            stack.kafkaBootstrap(), stack.bean(ContentCipher.class), List.of(id), WAIT)
                    .get(id)
                    .getFirst();
            if (c.cached()) return c;
            Thread.sleep(250);
        }
        throw new AssertionError("no answer came from the response cache after 20 tries or " + WAIT.toSeconds()
                + " s while Redis was up");
    }

    private static void awaitRows(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stack.responseRows(ids) < ids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("PostgreSQL has " + stack.responseRows(ids) + " of " + ids.size()
                        + " responses after " + WAIT.toSeconds() + " s with Redis down");
            }
            Thread.sleep(200);
        }
    }
}
