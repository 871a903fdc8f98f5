package dev.sluice.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.mock.MockLlmServer;
import dev.sluice.bench.mock.MockSettings;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopRunTest {
    private static final Duration TTFT = Duration.ofMillis(100);
    private static final Duration ITL = Duration.ofMillis(10);

    @Test
    void overheadIsClientTtftMinusTheMockTtftAndFailuresCountAsErrors() {
        List<StreamResult> results = List.of(
                new StreamResult(104, new double[] {10, 12}, 126, 3, null),
                new StreamResult(130, new double[] {11, 10}, 151, 3, null),
                StreamResult.failed("HTTP 503: overloaded"));

        RunResult r = OpenLoopRun.summarize(50, Duration.ofSeconds(2), results, TTFT, ITL);

        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.completed()).isEqualTo(2);
        assertThat(r.firstError()).isEqualTo("HTTP 503: overloaded");
        assertThat(r.overhead().p50()).isEqualTo(4.0);
        assertThat(r.overhead().p99()).isEqualTo(30.0);
        // last token expected at 100 + 2·10 = 120 ms
        assertThat(r.completionOverhead().p50()).isEqualTo(6.0);
        assertThat(r.completionOverhead().p99()).isEqualTo(31.0);
        assertThat(r.gaps().count()).isEqualTo(4);
        assertThat(r.gaps().p99()).isEqualTo(12.0);
        assertThat(r.tokensPerSecond()).isEqualTo(3.0);
        assertThat(r.sustained(50)).isFalse();
    }

    @Test
    void aRunWithoutErrorsIsSustainedOnlyWithinTheBudget() {
        List<StreamResult> results = List.of(new StreamResult(140, new double[0], 140, 1, null));

        RunResult r = OpenLoopRun.summarize(10, Duration.ofSeconds(1), results, TTFT, ITL);

        assertThat(r.sustained(50)).isTrue();
        assertThat(r.sustained(39)).isFalse();
    }

    @Test
    void readsContentDeltasAndIgnoresRoleAndFinishEvents() throws Exception {
        String sse = """
                data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

                data: {"choices":[{"index":0,"delta":{"content":" Once"}}]}

                : heartbeat

                data: {"choices":[{"index":0,"delta":{"content":" upon"}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]
                """;

        StreamResult r = StreamingClient.read(new BufferedReader(new StringReader(sse)), System.nanoTime());

        assertThat(r.ok()).isTrue();
        assertThat(r.tokens()).isEqualTo(2);
        assertThat(r.gapsMs()).hasSize(1);
    }

    @Test
    void aMergedDeltaCountsEachOfTheMockTokensItHoldsAndItsLagIsMeasuredPerToken() throws Exception {
        String sse = """
                data: {"choices":[{"index":0,"delta":{"content":" Once"}}]}

                data: {"choices":[{"index":0,"delta":{"content":" upon a time."}}]}

                data: [DONE]
                """;

        StreamResult r = StreamingClient.read(new BufferedReader(new StringReader(sse)), System.nanoTime());
        RunResult run = OpenLoopRun.summarize(
                1,
                Duration.ofSeconds(1),
                List.of(new StreamResult(
                        100, new double[] {40}, 140, 5, null, 2, new double[] {100, 140, 140, 140, 140})),
                TTFT,
                ITL);

        assertThat(r.tokens()).isEqualTo(5);
        assertThat(r.deltas()).isEqualTo(2);
        assertThat(r.tokenAtMs()).hasSize(5);
        assertThat(run.tokensPerDelta()).isEqualTo(2.5);
        // token k arrived at 140 but was due 100 + 10·k after the first: lags 30, 20, 10, 0
        assertThat(run.tokenLag().max()).isEqualTo(30.0);
        assertThat(run.tokenLag().count()).isEqualTo(4);
    }

    @Test
    void aStreamCutBeforeDoneOrEndingInAnErrorEventIsAFailure() throws Exception {
        StreamResult cut = StreamingClient.read(
                new BufferedReader(new StringReader("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n")),
                System.nanoTime());
        StreamResult error = StreamingClient.read(
                new BufferedReader(new StringReader("data: {\"error\":{\"message\":\"engine down\"}}\n\n")),
                System.nanoTime());

        assertThat(cut.error()).contains("without [DONE] after 1 deltas");
        assertThat(error.error()).isEqualTo("error event: engine down");
    }

    @Test
    void sendsTheScheduledNumberOfRequestsAndCountsEveryToken() throws Exception {
        MockSettings settings = new MockSettings("mock-llm", Duration.ofMillis(20), Duration.ofMillis(2), 5);
        try (MockLlmServer mock = new MockLlmServer("127.0.0.1", 0, settings).start();
                StreamingClient client = new StreamingClient(mock.baseUrl(), "", "mock-llm", 5)) {
            RunResult r = new OpenLoopRun(client, settings.ttft(), settings.interTokenDelay())
                    .run(40, Duration.ofMillis(250), Duration.ofSeconds(1));

            assertThat(r.sent()).isEqualTo(40);
            assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
            assertThat(r.gaps().count()).isEqualTo(40 * 4);
            assertThat(r.tokensPerSecond()).isEqualTo(200.0);
            assertThat(mock.requestsServed()).isEqualTo(50);
        }
    }
}
