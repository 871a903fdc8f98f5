package dev.sluice.bench.tokenpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of processes from {@code /proc}, grouped by role: each root pid with every process
 * below it (a dev JVM's worker child, PostgreSQL and its backends, Redis), each descendant
 * classified by what it runs. Linux only, which is where the numbers are taken.
 */
final class CpuProbe {
    /** USER_HZ: what /proc counts utime and stime in; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> roots;

    /** @param roots a name per root pid, e.g. broker → 1234, sluice → 5678 */
    CpuProbe(Map<String, Long> roots) {
        this.roots = new LinkedHashMap<>(roots);
    }

    /** CPU seconds used so far, per role ("broker", "sluice: gateway+topology+persistence JVM", "sluice: postgres", …). */
    Map<String, Double> snapshot() {
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, long[]> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                String stat = read(p.resolve("stat"));
                if (stat == null) continue;
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                parent.put(pid, Long.parseLong(f[1]));
                ticks.put(pid, new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])});
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e, e);
        }
        Map<String, Double> out = new TreeMap<>();
        for (var root : roots.entrySet()) {
            for (long pid : tree(root.getValue(), parent)) {
                long[] t = ticks.get(pid);
                if (t == null) continue;
                String role = pid == root.getValue() ? root.getKey() : root.getKey() + ": " + kind(pid);
                out.merge(role, t[0] / TICKS_PER_SECOND, Double::sum);
            }
        }
        return out;
    }

    private static List<Long> tree(long root, Map<Long, Long> parent) {
        List<Long> out = new ArrayList<>(List.of(root));
        for (int i = 0; i < out.size(); i++) {
            long p = out.get(i);
            parent.forEach((child, par) -> {
                if (par == p && !out.contains(child)) out.add(child);
            });
        }
        return out;
    }

    private static String kind(long pid) {
        String cmd = read(Path.of("/proc/" + pid + "/cmdline"));
        if (cmd == null) return "other";
        cmd = cmd.replace('\0', ' ');
        if (cmd.contains("postgres")) return "postgres";
        if (cmd.contains("redis")) return "redis";
        if (cmd.contains("--sluice.roles=worker")) return "worker JVM";
        if (cmd.contains("java")) return "java";
        return "other";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null; // gone between the listing and the read
        }
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }
}
