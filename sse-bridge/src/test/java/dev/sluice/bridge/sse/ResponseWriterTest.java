package dev.sluice.bridge.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.route.EventFeed;
import dev.sluice.bridge.route.Subscription;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.openai.ChunkFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ResponseWriterTest {
    private final ChunkFormat format = new ChunkFormat("r1", "m", 1);

    @Test
    void writesRetryHintRoleChunkNumberedChunksAndDone() throws Exception {
        Subscription live = Subscription.detached("r1", 8);
        live.offer(StreamEvent.chunk("r1", 1, "Hel", false));
        live.offer(StreamEvent.chunk("r1", 2, "lo", false));
        live.offer(StreamEvent.done("r1", 3, new Usage(4, 2), "stop", false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Outcome outcome = new ResponseWriter(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .stream(EventFeed.live(live), null, new SseWriter(out, 3000), format, true, true);

        String sse = out.toString(StandardCharsets.UTF_8);
        assertThat(outcome).isEqualTo(Outcome.FINISHED);
        assertThat(sse).startsWith("retry: 3000\n\nid: 0\ndata: ");
        assertThat(sse)
                .contains(
                        "id: 1\ndata: ",
                        "\"content\":\"Hel\"",
                        "id: 2\ndata: ",
                        "id: 3\ndata: ",
                        "\"finish_reason\":\"stop\"",
                        "\"completion_tokens\":2");
        assertThat(sse).endsWith("data: [DONE]\n\n");
    }

    @Test
    @Timeout(60)
    void sendsHeartbeatCommentsWhileNothingFlows() throws Exception {
        Subscription live = Subscription.detached("r1", 8);
        // The answer ends only once a heartbeat was written: a fixed sleep before it let a writer
        // thread starved for that long find the answer already there, and write no heartbeat.
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            private boolean ended;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (!ended && toString(StandardCharsets.UTF_8).contains(": keep-alive\n\n")) {
                    ended = true;
                    live.offer(StreamEvent.done("r1", 1, new Usage(1, 0), "stop", false));
                }
            }
        };

        new ResponseWriter(Duration.ofMillis(20), Duration.ofSeconds(30))
                .stream(EventFeed.live(live), null, new SseWriter(out, 3000), format, false, false);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(": keep-alive\n\n")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    @Timeout(60)
    void aClientTooSlowForItsQueueIsToldToResumeWithoutStallingTheProducer() throws Exception {
        Subscription live = Subscription.detached("r1", 4);
        BlockingOnce slowClient = new BlockingOnce();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                slowClient.outcome = new ResponseWriter(Duration.ofSeconds(5), Duration.ofSeconds(30))
                        .stream(EventFeed.live(live), null, new SseWriter(slowClient, 3000), format, false, true);
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        slowClient.awaitBlocked();
        // The router offers 100 events while the client is stuck: this returns only because offer never blocks.
        for (int seq = 1; seq <= 100; seq++) live.offer(StreamEvent.chunk("r1", seq, "x", false));
        slowClient.release();
        writer.join();

        assertThat(slowClient.outcome).isEqualTo(Outcome.SLOW_CONSUMER);
        String sse = slowClient.written();
        assertThat(sse).contains("\"code\":\"slow_consumer\"", "Last-Event-ID");
        assertThat(List.of(sse.split("\n")).stream()
                        .filter(l -> l.startsWith("id: "))
                        .count())
                .as("only the role chunk made it out; the rest is left for the resume")
                .isEqualTo(1);
    }

    /** A client whose socket blocks on the first write after the retry hint until released. */
    private static final class BlockingOnce extends OutputStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private int writes;
        volatile Outcome outcome;

        @Override
        public synchronized void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (++writes == 2) {
                blocked.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            synchronized (this) {
                out.write(b, off, len);
            }
        }

        void awaitBlocked() throws InterruptedException {
            blocked.await();
        }

        void release() {
            released.countDown();
        }

        synchronized String written() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
