package dev.sluice.bench.bridge;

import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.serde.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * CPU of decoding one event record from its JSON bytes, as every role does for every record it
 * reads (the stream router for each token event, the topology for each request, the sinks for each
 * completion): Jackson's own creator call, which goes through
 * {@code MethodHandle.invokeWithArguments} and builds a spreader per record, against Sluice's
 * mapper with {@code CreatorCalls} (a handle spread once per record type). The inputs are the
 * golden files of {@code schemas/src/test/resources/golden}. Thread CPU of one warm closed loop per
 * cell, three rounds alternating the two mappers; a busy role runs colder than this loop.
 * Args: [results.md] [decodes per cell]
 */
public final class EventDecodeCost {

    private record Case(String name, Class<?> type, byte[] json) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/serde.md");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        Path golden = Path.of("schemas/src/test/resources/golden");
        List<Case> cases = List.of(
                new Case(
                        "StreamEvent (chunk)",
                        StreamEvent.class,
                        Files.readAllBytes(golden.resolve("stream-chunk.json"))),
                new Case(
                        "StreamEvent (done)",
                        StreamEvent.class,
                        Files.readAllBytes(golden.resolve("stream-done.json"))),
                new Case(
                        "ChatRequested",
                        ChatRequested.class,
                        Files.readAllBytes(golden.resolve("chat-requested.json"))),
                new Case("PromptReady", PromptReady.class, Files.readAllBytes(golden.resolve("prompt-ready.json"))),
                new Case(
                        "CompletionRecorded",
                        CompletionRecorded.class,
                        Files.readAllBytes(golden.resolve("completion-recorded.json"))));
        JsonMapper jackson = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder s = new StringBuilder();
        s.append("\n## Run of ").append(Instant.now()).append("\n\n");
        s.append(String.format(
                "%d cores, Java %s, load average %s; %,d decodes per cell after as many to warm up; best of three rounds.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim(),
                calls));
        s.append(
                "| record | bytes | Jackson's creator call: CPU µs per decode | CreatorCalls: CPU µs per decode | saved |\n");
        s.append("|---|---:|---:|---:|---:|\n");
        for (Case c : cases) {
            if (!jackson.readValue(c.json(), c.type()).equals(Json.MAPPER.readValue(c.json(), c.type())))
                throw new IllegalStateException(c.name() + " decodes differently with the two mappers");
            double plain = Double.MAX_VALUE;
            double spread = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                plain = Math.min(plain, cost(threads, jackson, c, calls));
                spread = Math.min(spread, cost(threads, Json.MAPPER, c, calls));
            }
            String row = String.format(
                    "| %s | %d | %.3f | %.3f | %.0f %% |%n",
                    c.name(), c.json().length, plain, spread, 100 * (plain - spread) / plain);
            System.out.print(row);
            s.append(row);
        }
        Files.writeString(out, s.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("wrote " + out);
    }

    private static double cost(ThreadMXBean threads, JsonMapper mapper, Case c, int calls) {
        long sink = 0;
        for (int i = 0; i < calls; i++)
            sink += mapper.readValue(c.json(), c.type()).hashCode();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++)
            sink += mapper.readValue(c.json(), c.type()).hashCode();
        long used = threads.getCurrentThreadCpuTime() - cpu;
        if (sink == 42) System.out.print(""); // keeps the results live
        return used / 1e3 / calls;
    }

    private EventDecodeCost() {}
}
