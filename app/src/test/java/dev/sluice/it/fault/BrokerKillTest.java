package dev.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.SseClient;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Kafka node crashes while streaming chats flow: three KRaft nodes, every topic on three
 * replicas with min.insync.replicas 2, producers idempotent with acks=all. The node that is the
 * active controller (and leads about a third of every chat partition) is stopped without a
 * controlled shutdown once a third of the requests are answered, and started again at two
 * thirds. No client sees an error, every answer is complete and streamed once, and
 * {@code chat.completions} and PostgreSQL hold exactly one completion per request.
 */
@Timeout(600)
class BrokerKillTest {
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 10;
    private static final int TOTAL = CLIENTS * PER_CLIENT;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final List<String> CHAT_TOPICS = List.of(
            Topics.CHAT_REQUESTS.name(),
            Topics.CHAT_PROMPTS.name(),
            Topics.CHAT_STREAM.name(),
            Topics.CHAT_COMPLETIONS.name());

    private static KraftCluster cluster;
    private static FaultStack stack;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sluice-broker-kill-");
        cluster = KraftCluster.start(dir.resolve("kafka"));
        stack = new FaultStack(
                dir,
                cluster.bootstrap(),
                Map.of("sluice.kafka.replication", "3", "sluice.cdc.offsets-replication", "3"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
        if (cluster != null) cluster.close();
        FaultStack.deleteData(dir);
    }

    @Test
    void aCrashedBrokerLosesAndDuplicatesNoCompletion() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        List<Future<List<StreamedAnswer>>> clients = new ArrayList<>();
        List<StreamedAnswer> answers = new ArrayList<>();
        int victim;
        int led;
        int answeredAtKill;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> converse(client, answered)));
            }
            awaitCount("a third of the answers before the crash", answered::get, TOTAL / 3);
            victim = cluster.activeController();
            led = cluster.partitionsLedBy(victim, CHAT_TOPICS);
            answeredAtKill = answered.get();
            cluster.kill(victim);
            awaitCount("two thirds of the answers with node " + victim + " down", answered::get, 2 * TOTAL / 3);
            cluster.start(victim);
            for (Future<List<StreamedAnswer>> f : clients) answers.addAll(f.get());
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                "broker-kill: node %d (controller, leader of %d chat partitions) killed after %d answers; %d answers in all%n",
                victim, led, answeredAtKill, answers.size());

        assertThat(led).as("the killed node led chat partitions").isPositive();
        assertThat(answeredAtKill)
                .as("the node died with a third of the chats still to come")
                .isLessThan(2 * TOTAL / 3);

        assertThat(answers).hasSize(TOTAL);
        assertThat(answers)
                .as("every client got a complete answer, streamed once, no error")
                .allSatisfy(a -> assertThat(a.complete()).as("%s", a).isTrue());
        List<String> ids = answers.stream().map(StreamedAnswer::requestId).toList();
        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();

        Map<String, List<CompletionRecorded>> completions =
                CompletionsTopic.read(cluster.bootstrap(), stack.bean(ContentCipher.class), ids, WAIT);
        for (StreamedAnswer a : answers) {
            List<CompletionRecorded> recorded = completions.get(a.requestId());
            assertThat(recorded)
                    .as("completions on chat.completions for %s", a.requestId())
                    .hasSize(1);
            assertThat(recorded.getFirst().content())
                    .as("the stored completion is what the client was streamed")
                    .isEqualTo(a.text());
            assertThat(recorded.getFirst().finishReason()).isEqualTo(a.finishReason());
        }
        awaitCount("a PostgreSQL response row for every request", () -> stack.responseRows(ids), TOTAL);
        assertThat(stack.responseRows(ids)).isEqualTo(TOTAL);
    }

    /** One client's conversation: requests one after another, each a new prompt so no answer comes from the cache. */
    private static List<StreamedAnswer> converse(int client, AtomicInteger answered) throws Exception {
        String token = stack.token("broker-kill-" + client);
        List<StreamedAnswer> out = new ArrayList<>();
        for (int i = 0; i < PER_CLIENT; i++) {
            String body = StreamedAnswer.request("Tell story " + client + "-" + i + " about a little fox.", 160);
            out.add(StreamedAnswer.of(SseClient.post(stack.baseUrl() + "/v1/chat/completions", token, body)));
            answered.incrementAndGet();
        }
        return out;
    }

    private static void awaitCount(String what, IntSupplier count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "waited " + WAIT.toSeconds() + " s for " + what + ": " + count.getAsInt() + " of " + atLeast);
            }
            Thread.sleep(50);
        }
    }
}
