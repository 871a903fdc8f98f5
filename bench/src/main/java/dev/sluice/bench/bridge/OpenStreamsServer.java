package dev.sluice.bench.bridge;

import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.schemas.id.Ids;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway side of the open-streams benchmark, meant to run with -Xmx1g: one gateway
 * instance, with Kafka, Redis and PostgreSQL in another JVM ({@link BenchInfra}, whose
 * {@code infra.properties} it reads from {@code dir}). Registers the streams, hands their ids and a token to
 * {@link OpenStreamsClient} through files, then reports open streams and heap after GC until
 * told to stop. Args: streams heartbeatSeconds maxSeconds dir.
 */
public final class OpenStreamsServer {
    public static void main(String[] args) throws Exception {
        int streams = Integer.parseInt(args[0]);
        int heartbeat = Integer.parseInt(args[1]);
        int maxSeconds = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Properties infra = new Properties();
        try (var in = Files.newInputStream(dir.resolve("infra.properties"))) {
            infra.load(in);
        }
        Map<String, String> external = new java.util.HashMap<>();
        infra.stringPropertyNames().forEach(k -> external.put(k, infra.getProperty(k)));
        try (BenchStack stack = new BenchStack(
                external,
                1,
                Map.of(
                        "sluice.bridge.heartbeat",
                        heartbeat + "s",
                        "sluice.bridge.idle-timeout",
                        "1h",
                        "sluice.bridge.replay-consumers",
                        "16"))) {
            List<String> ids = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                String id = Ids.newId();
                stack.register(id);
                ids.add(id);
            }
            Files.write(dir.resolve("ids.txt"), ids);
            Files.writeString(dir.resolve("token.txt"), stack.token());
            Files.writeString(dir.resolve("port.txt"), Integer.toString(stack.port(0)));
            Files.writeString(dir.resolve("ready"), "");
            StreamRouter router = stack.bean(0, StreamRouter.class);
            long maxOpen = 0;
            long maxHeapAtMaxOpen = 0;
            long maxHeap = 0;
            long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
            boolean measured = false;
            while (System.nanoTime() < end && !Files.exists(dir.resolve("stop"))) {
                Thread.sleep(5000);
                // A full GC only when the client says everything is open: forcing one every few
                // seconds would itself stall the heartbeats being measured.
                boolean measure = !measured && Files.exists(dir.resolve("measure"));
                if (measure) {
                    System.gc();
                    measured = true;
                }
                long heap = memory.getHeapMemoryUsage().getUsed();
                long open = router.openStreams();
                maxHeap = Math.max(maxHeap, heap);
                if (measure) {
                    maxOpen = open;
                    maxHeapAtMaxOpen = heap;
                }
                System.out.printf(
                        "server: open streams %d, heap used %d MiB%s (committed %d MiB, max %d MiB), threads %d%n",
                        open,
                        heap >> 20,
                        measure ? " after a full GC" : "",
                        memory.getHeapMemoryUsage().getCommitted() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20,
                        ManagementFactory.getThreadMXBean().getThreadCount());
            }
            Files.writeString(
                    dir.resolve("server.md"),
                    String.format(
                            "Gateway JVM (-Xmx %d MiB; Kafka, Redis and PostgreSQL run in another process): %d streams open when the client "
                                    + "had them all; heap used after a full GC then %d MiB; at most %d MiB used (before GC) during the run.%n",
                            Runtime.getRuntime().maxMemory() >> 20, maxOpen, maxHeapAtMaxOpen >> 20, maxHeap >> 20));
        }
        System.exit(0);
    }

    private OpenStreamsServer() {}
}
