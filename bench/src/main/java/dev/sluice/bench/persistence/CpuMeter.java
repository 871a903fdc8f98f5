package dev.sluice.bench.persistence;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time spent by this JVM (sink, Debezium and the in-JVM broker) and by PostgreSQL (the
 * postmaster, its live backends and the children it has reaped). On a shared machine the
 * wall-clock rate says as much about the neighbours as about the code; CPU seconds per
 * completion do not, and bound what idle cores would do.
 */
final class CpuMeter {
    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private final long postmasterPid;

    CpuMeter(Path postgresDataDir) throws IOException {
        this.postmasterPid = Long.parseLong(Files.readAllLines(postgresDataDir.resolve("postmaster.pid"))
                .getFirst()
                .strip());
    }

    record Sample(long jvmNanos, long postgresNanos) {
        Sample minus(Sample earlier) {
            return new Sample(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
        }
    }

    Sample sample() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new Sample(jvm, postgresNanos());
    }

    private long postgresNanos() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(postmasterPid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = ticks(postmasterPid, true);
        for (long pid : pids) ticks += ticks(pid, false);
        return ticks * CLOCK_TICK_NANOS;
    }

    /** utime + stime (fields 14, 15), plus cutime + cstime (16, 17) of reaped children when asked. */
    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so field n is f[n - 3].
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return t;
        } catch (IOException | RuntimeException e) {
            return 0; // a backend that exited between listing and reading
        }
    }
}
