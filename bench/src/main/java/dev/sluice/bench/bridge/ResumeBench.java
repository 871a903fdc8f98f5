package dev.sluice.bench.bridge;

import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Streams cut at random points and resumed with Last-Event-ID, alternately on the same and on
 * a second gateway instance, while the responses are still being produced (or after they
 * finished). Every stream's text is known ("<stream>:<seq> "), so the client checks the joined
 * pieces event by event: a missing sequence is a gap, a repeated one a duplicate. A tenth of
 * the streams also repeat earlier sequences the way a worker taking over a response does.
 * Args: streams chunksPerStream concurrency.
 */
public final class ResumeBench {
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        AtomicLong gaps = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong wrongText = new AtomicLong();
        AtomicLong incomplete = new AtomicLong();
        AtomicLong crossInstance = new AtomicLong();
        AtomicLong afterFinish = new AtomicLong();
        long start = System.nanoTime();
        try (BenchStack stack = new BenchStack(2, Map.of("sluice.bridge.cancel-grace", "60s"));
                KafkaProducer<String, StreamEvent> producer = stack.producer()) {
            String token = stack.token();
            Semaphore slots = new Semaphore(concurrency);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                slots.acquire();
                String id = Ids.newId();
                int n = s;
                stack.register(id);
                // The "worker": one chunk every 5 ms, then done; some repeat a stretch as after a takeover.
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        boolean takeover = n % 10 == 0;
                        for (long seq = 1; seq <= chunks; seq++) {
                            producer.send(new ProducerRecord<>(
                                    Topics.CHAT_STREAM.name(),
                                    id,
                                    StreamEvent.chunk(id, seq, n + ":" + seq + " ", false)));
                            if (takeover && seq == chunks / 2) {
                                for (long again = seq - 5; again <= seq; again++) {
                                    producer.send(new ProducerRecord<>(
                                            Topics.CHAT_STREAM.name(),
                                            id,
                                            StreamEvent.chunk(id, again, n + ":" + again + " ", false)));
                                }
                            }
                            Thread.sleep(5);
                        }
                        producer.send(new ProducerRecord<>(
                                Topics.CHAT_STREAM.name(),
                                id,
                                StreamEvent.done(id, chunks + 1, new Usage(1, chunks), "stop", false)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                // The client: read from the start, hang up after a random event, resume.
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        long cut = ThreadLocalRandom.current().nextLong(0, chunks + 1);
                        List<Long> seen = new ArrayList<>();
                        StringBuilder text = new StringBuilder();
                        SseLines.read(stack.baseUrl(0) + "/v1/streams/" + id, token, -1, (seq, content, data) -> {
                            if (seq < 0) return true;
                            seen.add(seq);
                            text.append(content);
                            return seq < cut;
                        });
                        Thread.sleep(ThreadLocalRandom.current().nextLong(0, 300));
                        int instance = n % 2;
                        if (instance == 1) crossInstance.incrementAndGet();
                        long last = seen.getLast();
                        int status = SseLines.read(
                                stack.baseUrl(instance) + "/v1/streams/" + id, token, last, (seq, content, data) -> {
                                    if (seq < 0) return !data.equals("[DONE]");
                                    seen.add(seq);
                                    text.append(content);
                                    return true;
                                });
                        if (status != 200) incomplete.incrementAndGet();
                        check(n, chunks, seen, text.toString(), gaps, duplicates, wrongText, incomplete);
                    } catch (Exception e) {
                        incomplete.incrementAndGet();
                        System.err.println("stream " + id + ": " + e);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Thread t : threads) t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("### Resume: streams cut at random points and resumed%n%n");
        System.out.printf(
                "%d streams × %d chunks + done, %d at a time, cut after a random event (0..%d) while still being produced or after, "
                        + "resumed with Last-Event-ID after 0-300 ms; %d of them on the other gateway instance; every 10th stream repeats 6 sequences "
                        + "as a takeover would. %.0f s in all.%n%n",
                streams, chunks, concurrency, chunks, crossInstance.get(), seconds);
        System.out.println("| streams | gaps | duplicates | wrong text | incomplete |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(
                "| %d | %d | %d | %d | %d |%n%n",
                streams, gaps.get(), duplicates.get(), wrongText.get(), incomplete.get());
        System.exit(0);
    }

    private static void check(
            int n,
            int chunks,
            List<Long> seen,
            String text,
            AtomicLong gaps,
            AtomicLong duplicates,
            AtomicLong wrongText,
            AtomicLong incomplete) {
        long expected = 0;
        StringBuilder want = new StringBuilder();
        for (long seq : seen) {
            if (seq < expected) duplicates.incrementAndGet();
            else if (seq > expected) gaps.addAndGet(seq - expected);
            expected = Math.max(expected, seq + 1);
            if (seq >= 1 && seq <= chunks)
                want.append(n).append(':').append(seq).append(' ');
        }
        if (expected != chunks + 2) incomplete.incrementAndGet();
        if (!want.toString().equals(text)) wrongText.incrementAndGet();
    }

    private ResumeBench() {}
}
