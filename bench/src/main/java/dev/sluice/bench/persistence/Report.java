package dev.sluice.bench.persistence;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The numbers of one run, written as the markdown results file. */
final class Report {
    final int backlog;
    final java.util.List<LatencyRun> latencies = new java.util.ArrayList<>();
    double sinkAlone;
    double sinkWithCdc;
    int withCdcBacklog;
    double cdcCatchUpSeconds;
    long slotLagBytes;
    CpuMeter.@Nullable Sample sinkAloneCpu;
    CpuMeter.@Nullable Sample withCdcCpu;
    String loadBefore = "?";
    String loadAfter = "?";

    /** One steady-rate run with capture on. */
    record LatencyRun(
            int rate, int seconds, AuditLatencyProbe.Percentiles rowVisible, AuditLatencyProbe.Percentiles audit) {}

    Report(int backlog) {
        this.backlog = backlog;
    }

    private String latencyRows() {
        StringBuilder rows = new StringBuilder();
        for (LatencyRun run : latencies) {
            AuditLatencyProbe.Percentiles v = run.rowVisible();
            AuditLatencyProbe.Percentiles a = run.audit();
            rows.append(String.format(
                    Locale.ROOT,
                    "| completion sent -> row committed, p50 / p95 / p99 / max, %,d/s for %d s, capture on | %.1f / %.1f / %.1f / %.1f ms | p99 <= 1,000 ms | %s |%n",
                    run.rate(),
                    run.seconds(),
                    v.p50(),
                    v.p95(),
                    v.p99(),
                    v.max(),
                    verdict(v.p99() <= 1_000)));
            rows.append(String.format(
                    Locale.ROOT,
                    "| row committed -> audit event readable, p50 / p95 / p99 / max, same run | %.1f / %.1f / %.1f / %.1f ms | p99 <= 2,000 ms | %s |%n",
                    a.p50(),
                    a.p95(),
                    a.p99(),
                    a.max(),
                    verdict(a.p99() <= 2_000)));
        }
        return rows.toString();
    }

    /** The 1, 5 and 15 minute load averages: this machine is shared, and the numbers depend on it. */
    static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double perThousand(long nanos, int completions) {
        return nanos / 1e6 / completions * 1_000;
    }

    private static double bound(CpuMeter.Sample cpu, int completions) {
        double secondsPerCompletion = (cpu.jvmNanos() + cpu.postgresNanos()) / 1e9 / completions;
        return 2 / secondsPerCompletion;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    /** What every run shares: the setup and how each number is taken. Written once, on top. */
    static final String HEADER = """
            # Persistence benchmark

            `bench/persistence.sh [backlog] [rates] [seconds]` appends one section per run, newest
            last. Everything runs on this machine: the sink, Debezium and a KRaft broker in one JVM,
            PostgreSQL 17 (embedded, `wal_level=logical`, `synchronous_commit=on`) and Redis (only
            for the erasure path, idle here) as child processes. Completions are ~300 bytes of
            JSON over 2,000 conversations of 500 users; `chat.completions` has 6 partitions; one
            sink thread writes one transaction per poll (up to 5,000 completions; up to 2,000
            before 12:40 UTC on 2026-11-26) with JDBC batches (`reWriteBatchedInserts`). Each
            path is warmed up (20,000 completions; 10 s at 200/s) before it is measured.

            The machine is a 2-core VM shared with four other developers' builds and tests; the
            load average is recorded with each run. Wall-clock numbers say what the machine gave
            at that load. The CPU cost per completion (JVM = sink + Debezium + the in-JVM broker;
            PostgreSQL = postmaster and backends) does not depend on the neighbours; "bound on 2
            idle cores" is 2 CPU-seconds divided by the CPU seconds one completion cost, an upper
            bound reached only if nothing else runs and nothing waits.

            Latencies: a probe reads every assistant `messages` insert from `sluice.audit`. The
            event's source commit time minus the time the completion was sent to
            `chat.completions` is "row committed" (a row is visible when its transaction
            commits); the time the probe read the event minus that commit time is "audit event
            readable". One host clock for both.
            """;

    String section() {
        int cores = Runtime.getRuntime().availableProcessors();
        CpuMeter.Sample sinkAloneCpu = Objects.requireNonNull(this.sinkAloneCpu, "the sink-alone run was measured");
        CpuMeter.Sample withCdcCpu = Objects.requireNonNull(this.withCdcCpu, "the run with CDC was measured");
        return String.format(
                Locale.ROOT,
                """

                ## Run %s

                %d cores; load average (1/5/15 min) %s before, %s after.

                | measure | result | target | |
                |---|---|---|---|
                | sink throughput, backlog of %,d, capture off | %,.0f completions/s | >= 5,000/s | %s |
                | sink throughput, backlog of %,d, capture on | %,.0f completions/s | | |
                %s\
                | audit stream caught up with the %,d-completion backlog after | %.1f s | | |
                | slot lag at the end | %,d bytes | | |

                | CPU cost | JVM CPU ms / 1,000 completions | PostgreSQL CPU ms / 1,000 | bound on 2 idle cores |
                |---|---|---|---|
                | backlog drained, capture off | %,.0f | %,.0f | %,.0f completions/s |
                | backlog drained and captured to the audit topic | %,.0f | %,.0f | %,.0f completions/s |
                """,
                Instant.now(),
                cores,
                loadBefore,
                loadAfter,
                backlog,
                sinkAlone,
                verdict(sinkAlone >= 5_000),
                withCdcBacklog,
                sinkWithCdc,
                latencyRows(),
                withCdcBacklog,
                cdcCatchUpSeconds,
                slotLagBytes,
                perThousand(sinkAloneCpu.jvmNanos(), backlog),
                perThousand(sinkAloneCpu.postgresNanos(), backlog),
                bound(sinkAloneCpu, backlog),
                perThousand(withCdcCpu.jvmNanos(), withCdcBacklog),
                perThousand(withCdcCpu.postgresNanos(), withCdcBacklog),
                bound(withCdcCpu, withCdcBacklog));
    }
}
