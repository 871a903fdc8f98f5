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
import org.jspecify.annotations.Nullable;

/**
 * CPU time of processes from {@code /proc}, grouped by role: each root pid with every process
 * below it (a dev JVM's worker child, PostgreSQL and its backends, Redis), each descendant
 * classified by what it runs. Linux only, which is where the numbers are taken.
 */
final class CpuProbe {
    /** USER_HZ: what /proc counts utime and stime in; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> roots;
    private final Map<String, String> matches;

    /**
     * @param roots   a name per root pid, e.g. broker → 1234, sluice → 5678
     * @param matches a name per command-line substring, for processes that left the tree they were started in
     *                (PostgreSQL's pg_ctl daemonizes its server): e.g. sluice → the dev data directory
     */
    CpuProbe(Map<String, Long> roots, Map<String, String> matches) {
        this.roots = new LinkedHashMap<>(roots);
        this.matches = new LinkedHashMap<>(matches);
    }

    /** From the bench flags: {@code pids} "broker=123,sluice=456", {@code match} "sluice=/data/dir" (either may be empty). */
    static CpuProbe of(String pids, String match) {
        Map<String, Long> roots = new LinkedHashMap<>();
        for (String kv : pids.split(",")) {
            if (kv.isBlank()) continue;
            String[] p = kv.split("=");
            roots.put(p[0].strip(), Long.parseLong(p[1].strip()));
        }
        Map<String, String> matches = new LinkedHashMap<>();
        for (String kv : match.split(",")) {
            if (kv.isBlank()) continue;
            int eq = kv.indexOf('=');
            matches.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return new CpuProbe(roots, matches);
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
        java.util.Set<Long> counted = new java.util.HashSet<>();
        counted.add(ProcessHandle.current().pid()); // the load client names the data dir on its command line too
        for (var root : roots.entrySet()) {
            for (long pid : tree(root.getValue(), parent)) {
                long[] t = ticks.get(pid);
                if (t == null || !counted.add(pid)) continue;
                String role = pid == root.getValue() ? root.getKey() : root.getKey() + ": " + kind(pid);
                out.merge(role, t[0] / TICKS_PER_SECOND, Double::sum);
            }
        }
        for (var match : matches.entrySet()) {
            for (var e : new java.util.ArrayList<>(ticks.entrySet())) {
                if (counted.contains(e.getKey())) continue;
                String cmd = read(Path.of("/proc/" + e.getKey() + "/cmdline"));
                if (cmd == null || !cmd.contains(match.getValue())) continue;
                // With its descendants: PostgreSQL's backends retitle their command lines and name no directory.
                for (long pid : tree(e.getKey(), parent)) {
                    long[] t = ticks.get(pid);
                    if (t == null || !counted.add(pid)) continue;
                    out.merge(match.getKey() + ": " + kind(pid), t[0] / TICKS_PER_SECOND, Double::sum);
                }
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

    /** What a descendant runs: the worker JVM by its role flag (its command line also names the database URL), the rest by executable. */
    private static String kind(long pid) {
        String cmd = read(Path.of("/proc/" + pid + "/cmdline"));
        String comm = read(Path.of("/proc/" + pid + "/comm"));
        if (cmd == null || comm == null) return "other";
        if (cmd.contains("--sluice.roles=worker")) return "worker JVM";
        comm = comm.strip();
        if (comm.startsWith("postgres")) return "postgres";
        if (comm.startsWith("redis")) return "redis";
        if (comm.equals("java")) return "java";
        return comm;
    }

    private static @Nullable String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null; // gone between the listing and the read
        }
    }

    /** CPU of every Sluice role's JVM (gateway, topology, persistence, worker): not the broker, the databases, the mock or the client. */
    static double sluiceRoles(Map<String, Double> cpu) {
        return cpu.entrySet().stream()
                .filter(e -> e.getKey().equals("sluice")
                        || e.getKey().equals("sluice: worker JVM")
                        || e.getKey().equals("sluice: java"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** CPU of every process of the deployment: Sluice, broker, PostgreSQL, Redis (not the mock, not the load client). */
    static double allButMock(Map<String, Double> cpu) {
        return cpu.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("mock"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }
}
