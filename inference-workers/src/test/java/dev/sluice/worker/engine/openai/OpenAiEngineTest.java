package dev.sluice.worker.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.CollectingListener;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote engine against real streaming HTTP servers on loopback. */
class OpenAiEngineTest {
    static final String TEXT = "Once upon a time there was a little girl named Lily who loved the park.";

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    FakeOpenAiServer server() throws Exception {
        FakeOpenAiServer s = new FakeOpenAiServer(TEXT);
        open.add(s);
        return s;
    }

    OpenAiEngine engine(Duration firstToken, Duration idle, FakeOpenAiServer... servers) {
        String urls = String.join(
                ",",
                java.util.Arrays.stream(servers).map(s -> s.url().toString()).toList());
        OpenAiEngineConfig config = OpenAiEngineConfig.of(urls, "test-model")
                .withTimeouts(Duration.ofSeconds(2), firstToken, idle)
                .withPerServer(2);
        OpenAiEngine e = new OpenAiEngine(config, OpenAiEngine.estimatedTokens());
        open.add(e);
        return e;
    }

    OpenAiEngine engine(FakeOpenAiServer... servers) {
        return engine(Duration.ofSeconds(5), Duration.ofSeconds(5), servers);
    }

    static GenerationRequest request(int maxTokens) {
        return new GenerationRequest(
                "r1",
                "conv-1",
                "",
                List.of(ChatMessage.user("Tell me a story")),
                new Sampling(0.7, 0.9, maxTokens, List.of("\n\n"), 42L),
                "");
    }

    @Test
    void streamsTheServersTextAndTakesUsageFromTheServer() throws Exception {
        FakeOpenAiServer s = server();
        CollectingListener c = new CollectingListener();

        engine(s).submit(request(100), c);

        GenerationResult r = c.await();
        assertThat(c.text()).isEqualTo(TEXT);
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.promptTokens()).isEqualTo(11);
        assertThat(r.completionTokens()).isEqualTo(TEXT.split(" ").length);
        var body = s.requests().getFirst();
        assertThat(body.path("model").asString()).isEqualTo("test-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
        assertThat(body.path("stop").path(0).asString()).isEqualTo("\n\n");
        assertThat(body.path("messages").path(0).path("content").asString()).isEqualTo("Tell me a story");
    }

    @Test
    void eachStreamIsReadOnAPlatformThreadOfTheEngine() throws Exception {
        FakeOpenAiServer s = server();
        var readers = new java.util.concurrent.CopyOnWriteArrayList<Thread>();
        CollectingListener c = new CollectingListener() {
            @Override
            public synchronized void onText(String piece, int tokens) {
                readers.add(Thread.currentThread());
                super.onText(piece, tokens);
            }
        };

        engine(s).submit(request(100), c);

        c.await();
        // A virtual thread per stream cost twice the context switches per chunk (see OpenAiEngine#streams).
        assertThat(readers).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isFalse();
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).startsWith("sluice-openai-stream-");
        });
    }

    @Test
    void maxTokensEndsWithLengthAndCountsTokensWhenTheServerSendsNoUsage() throws Exception {
        FakeOpenAiServer s = server().withoutUsage();
        CollectingListener c = new CollectingListener();

        engine(s).submit(request(3), c);

        GenerationResult r = c.await();
        assertThat(c.text()).isEqualTo("Once upon a ");
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.completionTokens())
                .isEqualTo(OpenAiEngine.estimatedTokens().applyAsInt("Once upon a "));
    }

    @Test
    void serverThatStallsAfterTheFirstTokensEndsInATimeoutError() throws Exception {
        FakeOpenAiServer s = server().failing(FakeOpenAiServer.Fault.STALL_AFTER_TWO_TOKENS, 1);
        CollectingListener c = new CollectingListener();

        // The idle timeout also runs between the healthy first tokens: 2 s, so a starved test JVM cannot end the stream
        // early.
        engine(Duration.ofSeconds(5), Duration.ofSeconds(2), s).submit(request(100), c);

        assertThatThrownBy(c::await)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("the inference server timed out")
                .hasMessageNotContaining("127.0.0.1")
                .hasMessageNotContaining("http")
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("upstream_timeout"));
        assertThat(c.text()).isEqualTo("Once upon ");
        assertThat(s.requests()).hasSize(1); // text was streamed: a retry would repeat it
    }

    @Test
    void serverThatNeverSendsAFirstTokenTimesOutAndTheOtherServerAnswers() throws Exception {
        FakeOpenAiServer stalled = server().failing(FakeOpenAiServer.Fault.STALL_BEFORE_FIRST_TOKEN, 10);
        FakeOpenAiServer healthy = server();
        CollectingListener c = new CollectingListener();

        // The first-token timeout applies to the healthy server too: 2 s, so a starved test JVM does not time it out as
        // well.
        OpenAiEngine e = engine(Duration.ofSeconds(2), Duration.ofSeconds(5), stalled, healthy);
        e.submit(request(100), c); // least loaded with a tie: the first server, which stalls

        assertThat(c.await().finishReason()).isEqualTo("stop");
        assertThat(c.text()).isEqualTo(TEXT);
        assertThat(stalled.requests()).hasSize(1);
        assertThat(healthy.requests()).hasSize(1);
    }

    @Test
    void connectionDroppedBeforeTheFirstTokenFailsOverToTheOtherServer() throws Exception {
        FakeOpenAiServer dropping = server().failing(FakeOpenAiServer.Fault.DROP_BEFORE_FIRST_TOKEN, 10);
        FakeOpenAiServer healthy = server();
        CollectingListener c = new CollectingListener();

        engine(dropping, healthy).submit(request(100), c);

        assertThat(c.await().finishReason()).isEqualTo("stop");
        assertThat(c.text()).isEqualTo(TEXT);
        assertThat(dropping.requests()).hasSize(1);
        assertThat(healthy.requests()).hasSize(1);
    }

    @Test
    void http500IsRetriedAndTheRetrySucceeds() throws Exception {
        FakeOpenAiServer s = server().failing(FakeOpenAiServer.Fault.STATUS_500, 1);
        CollectingListener c = new CollectingListener();

        engine(s).submit(request(100), c);

        assertThat(c.await().finishReason()).isEqualTo("stop");
        assertThat(c.text()).isEqualTo(TEXT);
        assertThat(s.requests()).hasSize(2);
    }

    @Test
    void http400IsNotRetriedAndNeitherTheServersAddressNorItsBodyReachTheClient() throws Exception {
        FakeOpenAiServer s = server().failing(FakeOpenAiServer.Fault.STATUS_400, 5);
        CollectingListener c = new CollectingListener();

        engine(s).submit(request(100), c);

        // The message becomes the stream's error event: the operator finds the detail in the log.
        assertThatThrownBy(c::await)
                .cause()
                .isInstanceOf(EngineException.class)
                .hasMessage("the inference server answered HTTP 400")
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("upstream_rejected"));
        assertThat(s.requests()).hasSize(1);
    }

    @Test
    void requestsGoToTheLeastLoadedServer() throws Exception {
        FakeOpenAiServer a = server().delayPerToken(100);
        FakeOpenAiServer b = server().delayPerToken(100);
        OpenAiEngine e = engine(a, b);

        CollectingListener first = new CollectingListener();
        CollectingListener second = new CollectingListener();
        e.submit(request(100), first);
        first.firstText.get(5, TimeUnit.SECONDS);
        e.submit(request(100), second);
        second.firstText.get(5, TimeUnit.SECONDS);

        assertThat(e.inFlight(a.url())).isEqualTo(1);
        assertThat(e.inFlight(b.url())).isEqualTo(1);
        assertThat(e.slots()).isEqualTo(4);
    }

    @Test
    void cancelClosesTheStreamAndFinishesAsCancelled() throws Exception {
        FakeOpenAiServer s = server().delayPerToken(50);
        OpenAiEngine e = engine(s);
        CollectingListener c = new CollectingListener();

        Generation g = e.submit(request(100), c);
        c.firstText.get(5, TimeUnit.SECONDS);
        g.cancel();

        assertThat(c.await().finishReason()).isEqualTo("cancelled");
        assertThat(c.text()).isNotEqualTo(TEXT);
        assertThat(e.inFlight(s.url())).isZero();
    }

    @Test
    void takeoverAsksTheServerToContinueTheStreamedText() throws Exception {
        FakeOpenAiServer s = server();
        CollectingListener c = new CollectingListener();
        GenerationRequest takeover = new GenerationRequest(
                "r1",
                "conv-1",
                "",
                List.of(ChatMessage.user("Tell me a story")),
                new Sampling(0.0, null, 50, List.of(), null),
                "Once upon");

        engine(s).submit(takeover, c);

        c.await();
        var messages = s.requests().getFirst().path("messages");
        assertThat(messages.path(1).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.path(1).path("content").asString()).isEqualTo("Once upon");
        assertThat(s.requests().getFirst().path("continue_final_message").asBoolean())
                .isTrue();
        assertThat(s.requests().getFirst().path("max_tokens").asInt()).isLessThan(50);
    }
}
