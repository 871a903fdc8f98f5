package dev.sluice.bench.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kafka, Redis and PostgreSQL for a benchmark whose gateway runs in another JVM (so that JVM's
 * heap is the gateway's alone). Writes their properties to {@code dir/infra.properties} and
 * runs until {@code dir/stop} appears. Args: dir.
 */
public final class BenchInfra {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path data = Files.createTempDirectory("sluice-bench-infra-");
        List<AutoCloseable> started = new ArrayList<>();
        Map<String, String> props = BenchStack.startInfra(data, started);
        Files.writeString(
                dir.resolve("infra.properties"),
                props.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("\n")) + "\n");
        while (!Files.exists(dir.resolve("stop"))) Thread.sleep(500);
        for (AutoCloseable c : started.reversed()) c.close();
        System.exit(0);
    }

    private BenchInfra() {}
}
