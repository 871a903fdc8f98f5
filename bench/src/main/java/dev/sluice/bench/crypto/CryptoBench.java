package dev.sluice.bench.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Crypto-shredding's costs (issue 16): CPU per stream event that sealing adds, and erasure
 * confirmation latency. Appends one section to {@code bench/results/crypto.md}.
 * Usage: {@code CryptoBench <results.md> [iterations] [erasures]}; 0 erasures: the CPU figures only, printed, not written.
 */
public final class CryptoBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/crypto.md");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int erasures = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String loadBefore = loadAverage();

        List<EncryptionCost.Result> costs = new ArrayList<>();
        for (String text : List.of(" the", " Once upon a time, there was a", "x".repeat(512))) {
            costs.add(EncryptionCost.measure(text, iterations));
            System.out.println(costs.getLast());
        }
        if (erasures == 0) return; // the CPU figures only (stdout), e.g. to compare two builds; nothing written
        String loadMiddle = loadAverage();
        List<Long> latencies = ErasureLatency.measureMillis(10, erasures);
        System.out.println("erasure confirmation ms: " + latencies);
        String loadAfter = loadAverage();

        StringBuilder s = new StringBuilder();
        s.append("\n## Run of ").append(Instant.now()).append("\n\n");
        s.append(machine("before / between / after", loadBefore, loadMiddle, loadAfter))
                .append("\n\n");
        s.append("### CPU per stream event (thread CPU time, ")
                .append(iterations)
                .append(" events per figure after 3 warm-up rounds)\n\n");
        s.append(
                "| chunk text | plain write µs | sealed write µs | **added by encryption** | plain read µs | sealed read µs | **added by decryption** |\n");
        s.append("|---|---|---|---|---|---|---|\n");
        for (EncryptionCost.Result r : costs) {
            s.append(String.format(
                    "| %d bytes | %.2f | %.2f | **%.2f** | %.2f | %.2f | **%.2f** |%n",
                    r.textBytes(),
                    r.plainWriteUs(),
                    r.sealedWriteUs(),
                    r.addedWriteUs(),
                    r.plainReadUs(),
                    r.sealedReadUs(),
                    r.addedReadUs()));
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        s.append("\n### Erasure confirmation (")
                .append(sorted.size())
                .append(" erasures one after another, 10 more before as warm-up)\n\n");
        s.append(String.format(
                "DELETE (rows + data key, one transaction) → `erasure_confirmed` readable on `sluice.audit`: "
                        + "p50 **%d ms**, p99 **%d ms**, max %d ms, min %d ms.%n",
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.getLast(), sorted.getFirst()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) Files.writeString(out, HEADER);
        Files.writeString(out, s.toString(), StandardOpenOption.APPEND);
        System.out.println("wrote " + out);
        System.exit(0);
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** "Machine: N cores (arch, Java v); load average WHEN: a / b." for a results section. */
    static String machine(String when, String... loads) {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + System.getProperty("os.arch")
                + ", Java " + System.getProperty("java.version") + "); load average " + when + ": "
                + String.join(" / ", loads) + ".";
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static final String HEADER = """
            # Crypto-shredding benchmark (issue 16)

            `bench/crypto.sh [events per figure] [erasures]` appends one section per run, newest last.

            **CPU per stream event**: one `chat.stream` chunk (a 4-byte token, a coalesced 31-byte
            chunk, a 512-byte chunk) written and read with the plain JSON serde and with the sealed
            one (`SealedJsonSerde`: AES-256-GCM, fresh nonce, key id and ids as associated data, the
            data key cached as on the hot path). Thread CPU time on one thread, so the machine's other
            load does not enter; the goal is ≤ 2 µs added per event each way.

            **Erasure confirmation**: from the eraser's call (`DELETE /v1/conversations/{id}`: rows and
            data key in one PostgreSQL transaction) to the audit stream's `erasure_confirmed` record,
            which the persistence role writes once the CDC delete reached it, Redis is clean and
            `chat.erasures` acknowledged the event that drops the topology's state and every role's
            cached key. Real KRaft broker, PostgreSQL 17 (`synchronous_commit=on`, Debezium) and Redis
            on this machine; the goal is p99 ≤ 5 s. Wall-clock: the load average is recorded.
            """;

    private CryptoBench() {}
}
