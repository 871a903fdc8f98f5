package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances share one Redis: 300 concurrent requests of one user, split across
 * both, admit exactly the limit of 100. Admissions are counted as non-429 answers; the bodies
 * are invalid on purpose ({@code {}} is refused with 400 after the limiter), so no engine runs.
 */
class RateLimitAccuracyTest {

    @Test
    void twoGatewaysAdmitExactlyTheLimitBetweenThem() throws Exception {
        TestStack stack = TestStack.get();
        String user = "rl-accuracy-" + UUID.randomUUID();
        String token = stack.token(user);
        try (GatewayInstance second = new GatewayInstance(
                        stack, Map.of("sluice.ratelimit.requests-per-window", "100", "sluice.ratelimit.window", "1h"));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(pool)
                    .build();
            List<String> targets = List.of(stack.baseUrl(), second.baseUrl());
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(targets.get(i % 2) + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                                return http.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            go.countDown();
            List<Integer> statuses =
                    answers.stream().map(CompletableFuture::join).toList();

            long limited = statuses.stream().filter(s -> s == 429).count();
            long admitted = statuses.stream().filter(s -> s != 429).count();
            assertThat(statuses).allMatch(s -> s == 400 || s == 429);
            assertThat(admitted).isEqualTo(100);
            assertThat(limited).isEqualTo(200);
        }
    }
}
