package dev.sluice.bench.tokenpath;

import dev.sluice.bench.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU each process of a running stack uses with no requests at all, as a share of one core: the
 * part of "CPU per request" that does not depend on the rate (pollers, timers, background
 * threads), which a low rate spreads over few requests. Run by {@code IDLE_S=60 bench/tokenpath.sh}
 * after the stack is primed, so JIT compilation has settled.
 * Usage: --pids broker=1,sluice=2 [--match sluice=/data/dir] --seconds 60 [--settle-s 15] --out FILE [--title T]
 */
public final class IdleCpu {
    private static final List<String> FLAGS = List.of("pids", "match", "seconds", "settle-s", "out", "title");

    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, FLAGS);
        int seconds = f.integer("seconds", 60);
        CpuProbe probe = CpuProbe.of(f.get("pids", ""), f.get("match", ""));
        Thread.sleep(f.integer("settle-s", 15) * 1000L); // the last requests' tails, GC, compilation queued by them
        Map<String, Double> before = probe.snapshot();
        Instant start = Instant.now();
        Thread.sleep(seconds * 1000L);
        Map<String, Double> used = CpuProbe.delta(before, probe.snapshot());
        StringBuilder md = new StringBuilder();
        md.append("\n## ")
                .append(f.get("title", "Idle stack"))
                .append(" (")
                .append(start)
                .append(")\n\n");
        md.append(String.format(
                Locale.ROOT,
                "No requests for %d s after the prime; CPU time per process over that window, as a share of one core.%n%n",
                seconds));
        md.append("| process | CPU, % of a core |\n|---|---:|\n");
        double total = 0;
        for (var e : used.entrySet()) {
            double pct = 100 * e.getValue() / seconds;
            total += pct;
            md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", e.getKey(), pct));
        }
        md.append(String.format(Locale.ROOT, "| **all** | **%.1f** |%n", total));
        System.out.print(md);
        String out = f.get("out");
        if (out != null)
            Files.writeString(Path.of(out), md.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private IdleCpu() {}
}
